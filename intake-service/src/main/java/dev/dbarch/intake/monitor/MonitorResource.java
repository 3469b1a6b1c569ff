package dev.dbarch.intake.monitor;

import dev.dbarch.contracts.SystemKey;
import dev.dbarch.contracts.events.SchemaChanged;
import dev.dbarch.contracts.monitor.MonitorRegistration;
import dev.dbarch.intake.RateLimits;
import dev.dbarch.servicekit.auth.Caller;
import dev.dbarch.servicekit.auth.Roles;
import dev.dbarch.servicekit.problem.Problem;
import dev.dbarch.servicekit.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Registering databases for continuous schema watch. Admins only, and each tenant sees and changes
 * only its own monitors: another tenant's is answered 404, as one that does not exist.
 */
@Path("/api/v1/monitors")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class MonitorResource {

  private static final Logger LOG = Logger.getLogger(MonitorResource.class);

  /** How long a delete waits for the capturing instance to release the replication slot. */
  static final Duration SLOT_RELEASE_TIMEOUT = Duration.ofSeconds(20);

  @Inject MonitorStore store;
  @Inject SchemaChangeProcessor processor;
  @Inject CaptureSupervisor supervisor;
  @Inject Caller caller;
  @Inject RateLimits rateLimits;
  @Inject MonitorAccess access;

  /**
   * A registration request (PostgreSQL, MariaDB or MySQL). The password is a reference, never a
   * literal.
   */
  public record MonitorRequest(
      @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]*") String systemId,
      @NotNull MonitorRegistration.Engine engine,
      @NotBlank String host,
      @NotNull @Min(1) @Max(65535) Integer port,
      @NotBlank String database,
      @NotBlank String user,
      @NotBlank String passwordRef,
      MonitorRegistration.Tls tls) {}

  /** What a client sees of a monitor: no secret, only the reference. */
  public record MonitorView(
      String systemId,
      String engine,
      String host,
      int port,
      String database,
      String user,
      String passwordRef,
      MonitorRegistration.Tls tls,
      String mode,
      String status,
      List<String> limitations,
      Long lastSequence,
      Integer findings) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Register a database for schema watch",
      description =
          "Checks connectivity and privileges, installs the DDL audit objects, reads the catalog and"
              + " publishes the first snapshot and assessment. The password must be a reference"
              + " (env:NAME or file:/path); tls sets disable, require or verify-full with a CA"
              + " reference.")
  @APIResponse(
      responseCode = "201",
      description = "Registered; mode FULL or LIMITED with the limitations")
  @APIResponse(
      responseCode = "400",
      description =
          "Invalid fields, a literal password, a reference out of scope, a denied host, or less"
              + " than verify-full when intake requires it")
  @APIResponse(responseCode = "409", description = "The system already has a monitor")
  @APIResponse(
      responseCode = "422",
      description = "Cannot connect, or the password reference cannot be resolved")
  @APIResponse(
      responseCode = "429",
      description = "The tenant's registration rate is exceeded; Retry-After says when to retry")
  public Response register(@Valid @NotNull MonitorRequest request) {
    rateLimits.registration(caller.tenant());
    SystemKey system = caller.system(request.systemId());
    // The reference is checked before anything else: a refused one is never read.
    SecretReference secret = access.reference(request.passwordRef());
    access.tls(request.tls());
    if (store.find(system).isPresent()) {
      throw new ProblemException(
          Problem.of(
              409,
              "Conflict",
              "System '" + request.systemId() + "' already has a monitor; delete it first.",
              null));
    }
    MDC.put("tenant", system.tenant());
    MDC.put("systemId", request.systemId());
    try {
      // Host policy, then the secret: both before any socket is opened.
      Credentials credentials =
          access.credentials(request.host(), request.passwordRef(), request.tls());
      MonitorRegistration draft =
          MonitorRegistration.register(
              system,
              UUID.randomUUID().toString(),
              request.engine(),
              request.host(),
              request.port(),
              request.database(),
              request.user(),
              secret.toString(),
              request.tls(),
              MonitorRegistration.Mode.LIMITED);
      PostgresAccess.Preflight preflight = Databases.check(draft, credentials);
      MonitorRegistration monitor = draft.withMode(preflight.mode(), preflight.limitations());
      if (monitor.mode() == MonitorRegistration.Mode.FULL && Databases.isPostgres(monitor)) {
        installCapture(monitor, credentials);
      }
      SchemaChanged first = processor.initial(monitor, credentials);
      store.save(monitor);
      LOG.infof("Registered monitor of %s in %s mode", monitor.systemId(), monitor.mode());
      return Response.created(URI.create("/api/v1/monitors/" + monitor.systemId()))
          .entity(view(monitor, first))
          .build();
    } catch (SQLException e) {
      throw cannotSetUp(request.systemId(), e);
    } finally {
      MDC.remove("tenant");
      MDC.remove("systemId");
    }
  }

  @GET
  @Operation(summary = "Every monitor of the caller's tenant")
  public List<MonitorView> list() {
    return store.all(caller.tenant()).stream().map(m -> view(m, null)).toList();
  }

  @GET
  @Path("/{systemId}")
  @Operation(summary = "One monitor, with the state of its capture if this instance runs it")
  public Map<String, Object> show(@PathParam("systemId") String systemId) {
    MonitorRegistration monitor = find(systemId);
    Map<String, String> states = supervisor.states();
    String state = states.get(monitor.systemKey().toString());
    if (state == null && SystemKey.DEFAULT_TENANT.equals(monitor.tenant())) {
      state = states.get(systemId); // registered before tenants: keyed by the bare id
    }
    return Map.of(
        "monitor",
        view(monitor, null),
        "capture",
        state == null ? "elsewhere or not started" : state);
  }

  @POST
  @Path("/{systemId}/pause")
  @Operation(summary = "Stop capturing; the slot keeps the position so resume misses nothing")
  public MonitorView pause(@PathParam("systemId") String systemId) {
    return changeStatus(systemId, MonitorRegistration.Status.PAUSED);
  }

  @POST
  @Path("/{systemId}/resume")
  @Operation(summary = "Capture again from where it paused")
  public MonitorView resume(@PathParam("systemId") String systemId) {
    return changeStatus(systemId, MonitorRegistration.Status.ACTIVE);
  }

  @DELETE
  @Path("/{systemId}")
  @Operation(
      summary = "Stop watching and remove the slot, publication, event triggers and audit table")
  @APIResponse(responseCode = "204", description = "Deleted")
  public Response delete(@PathParam("systemId") String systemId) {
    MonitorRegistration monitor = find(systemId);
    store.delete(monitor.systemKey());
    if (monitor.mode() == MonitorRegistration.Mode.FULL && Databases.isPostgres(monitor)) {
      uninstallCapture(monitor, access.credentials(monitor));
    }
    LOG.infof("Deleted monitor of %s", systemId);
    return Response.noContent().build();
  }

  private MonitorView changeStatus(String systemId, MonitorRegistration.Status status) {
    MonitorRegistration updated = find(systemId).withStatus(status);
    store.save(updated);
    return view(updated, null);
  }

  /** The caller's tenant's monitor; another tenant's is "not found", as one never registered. */
  private MonitorRegistration find(String systemId) {
    return store
        .find(caller.system(systemId))
        .orElseThrow(
            () ->
                new ProblemException(
                    Problem.of(
                        404, "Not Found", "No monitor for system '" + systemId + "'.", null)));
  }

  private static void installCapture(MonitorRegistration monitor, Credentials credentials)
      throws SQLException {
    try (Connection connection = PostgresAccess.connect(monitor, credentials)) {
      PostgresCaptureObjects.install(connection, monitor);
      // The slot is created now, not when an engine first starts, so DDL run in between is kept.
      PostgresCaptureObjects.createSlot(connection, monitor);
    }
  }

  /** Drops the capture objects, waiting for the capturing instance to let go of the slot. */
  private static void uninstallCapture(MonitorRegistration monitor, Credentials credentials) {
    long deadline = System.nanoTime() + SLOT_RELEASE_TIMEOUT.toNanos();
    while (true) {
      try (Connection connection = PostgresAccess.connect(monitor, credentials)) {
        PostgresCaptureObjects.uninstall(connection, monitor);
        return;
      } catch (SQLException e) {
        if (System.nanoTime() > deadline) {
          throw cannotSetUp(monitor.systemId(), e);
        }
        try {
          Thread.sleep(500);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw cannotSetUp(monitor.systemId(), e);
        }
      }
    }
  }

  private static ProblemException cannotSetUp(String systemId, SQLException e) {
    return new ProblemException(
        Problem.of(
            422,
            "Unprocessable Content",
            "Cannot set up capture for '" + systemId + "': " + PostgresAccess.reason(e),
            null));
  }

  /** The limitations are those the registration stored, so every endpoint shows the same. */
  private static MonitorView view(MonitorRegistration m, SchemaChanged first) {
    return new MonitorView(
        m.systemId(),
        m.engine().name(),
        m.host(),
        m.port(),
        m.database(),
        m.user(),
        m.passwordRef(),
        m.tls(),
        m.mode().name(),
        m.status().name(),
        m.limitations(),
        first == null ? null : first.sequence(),
        first == null ? null : first.findings().size());
  }
}
