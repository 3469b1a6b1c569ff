package dev.dbarch.report.api;

import dev.dbarch.contracts.SystemKey;
import dev.dbarch.contracts.events.Change;
import dev.dbarch.contracts.events.Recommendation;
import dev.dbarch.contracts.events.Risk;
import dev.dbarch.report.ReportConfig;
import dev.dbarch.report.document.Fingerprint;
import dev.dbarch.report.document.RevisionDiff;
import dev.dbarch.report.view.RecommendationView;
import dev.dbarch.servicekit.auth.Caller;
import dev.dbarch.servicekit.auth.Roles;
import dev.dbarch.servicekit.problem.Problem;
import dev.dbarch.servicekit.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Systems, their recommendations, every past revision and the differences between them: viewers
 * only, and only of their own tenant. Another tenant's system is "not found", exactly as one that
 * was never submitted, so guessing ids tells nothing.
 */
@Path("/api/v1/systems")
@RolesAllowed(Roles.VIEWER)
public class RecommendationResource {

  @Inject RecommendationView view;
  @Inject ReportConfig config;
  @Inject Caller caller;

  /** One line of the systems list. */
  public record SystemSummary(
      String systemId,
      String systemName,
      long revision,
      String assessmentId,
      String trigger,
      boolean complete,
      List<String> missingSections,
      Map<String, Long> risks) {}

  /** One line of a system's revision list. */
  public record RevisionSummary(
      long revision, String assessmentId, String trigger, boolean complete, int changes) {}

  /** A page of a list. */
  public record Page<T>(List<T> items, int page, int size, int total) {}

  /** The difference between two revisions of one system. */
  public record Diff(String systemId, long from, long to, List<Change> changes) {}

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "The caller's tenant's systems with their latest revision and risk counts, by system id")
  public Page<SystemSummary> systems(
      @QueryParam("page") @DefaultValue("0") int page,
      @QueryParam("size") @DefaultValue("50") int size) {
    checkPage(page, size);
    RecommendationView.Slice<RecommendationView.Revision> slice =
        view.systems(caller.tenant(), page, size);
    return new Page<>(
        slice.items().stream().map(r -> summary(r.recommendation())).toList(),
        page,
        size,
        slice.total());
  }

  @GET
  @Path("/{systemId}/recommendation")
  @Produces({MediaType.APPLICATION_JSON, Representations.MARKDOWN, MediaType.TEXT_HTML})
  @Operation(
      summary = "The latest recommendation of a system",
      description =
          "JSON by default; Markdown with Accept: text/markdown; an HTML fragment with Accept: text/html.")
  @APIResponse(responseCode = "200", description = "The latest revision")
  @APIResponse(responseCode = "404", description = "No recommendation for this system (yet)")
  public Response latest(@PathParam("systemId") String systemId, @Context HttpHeaders headers) {
    return Representations.of(
        view.latest(caller.system(systemId)).orElseThrow(() -> unknownSystem(systemId)), headers);
  }

  @GET
  @Path("/{systemId}/revisions")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Every revision of a system, oldest first")
  public Page<RevisionSummary> revisions(
      @PathParam("systemId") String systemId,
      @QueryParam("page") @DefaultValue("0") int page,
      @QueryParam("size") @DefaultValue("50") int size) {
    checkPage(page, size);
    RecommendationView.Slice<RecommendationView.Revision> slice =
        view.revisions(caller.system(systemId), page, size);
    if (slice.total() == 0) {
      throw unknownSystem(systemId);
    }
    List<RevisionSummary> items =
        slice.items().stream()
            .map(RecommendationView.Revision::recommendation)
            .map(
                r ->
                    new RevisionSummary(
                        r.revision(),
                        r.assessmentId(),
                        name(r.trigger()),
                        r.complete(),
                        r.changes().size()))
            .toList();
    return new Page<>(items, page, size, slice.total());
  }

  @GET
  @Path("/{systemId}/revisions/{revision}")
  @Produces({MediaType.APPLICATION_JSON, Representations.MARKDOWN, MediaType.TEXT_HTML})
  @Operation(summary = "One past revision of a system")
  public Response revision(
      @PathParam("systemId") String systemId,
      @PathParam("revision") long revision,
      @Context HttpHeaders headers) {
    return Representations.of(find(systemId, revision), headers);
  }

  @GET
  @Path("/{systemId}/diff")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "What changed between two revisions of a system (decisions and findings, with rule ids)")
  public Diff diff(
      @PathParam("systemId") String systemId,
      @QueryParam("from") Long from,
      @QueryParam("to") Long to) {
    if (from == null || to == null) {
      throw new ProblemException(
          Problem.of(
              400,
              "Invalid request",
              "Query parameters 'from' and 'to' (revision numbers) are required.",
              List.of(new Problem.FieldError(from == null ? "from" : "to", "required"))));
    }
    Recommendation older = find(systemId, from).recommendation();
    Recommendation newer = find(systemId, to).recommendation();
    return new Diff(
        systemId, from, to, RevisionDiff.between(Fingerprint.of(older), Fingerprint.of(newer)));
  }

  private RecommendationView.Revision find(String systemId, long revision) {
    SystemKey system = caller.system(systemId);
    if (view.latest(system).isEmpty()) {
      throw unknownSystem(systemId);
    }
    return view.revision(system, revision)
        .orElseThrow(
            () ->
                new ProblemException(
                    Problem.of(
                        404,
                        "Not Found",
                        "System '" + systemId + "' has no revision " + revision + ".",
                        null)));
  }

  static SystemSummary summary(Recommendation r) {
    Map<String, Long> risks = new TreeMap<>();
    for (Risk.Level level : Risk.Level.values()) {
      risks.put(level.name().toLowerCase(), 0L);
    }
    r.risks()
        .forEach(
            risk -> {
              if (risk.impact() != null) {
                risks.merge(risk.impact().name().toLowerCase(), 1L, Long::sum);
              }
            });
    return new SystemSummary(
        r.systemId(),
        r.systemName(),
        r.revision(),
        r.assessmentId(),
        name(r.trigger()),
        r.complete(),
        r.missingSections().stream().map(Enum::name).toList(),
        risks);
  }

  private void checkPage(int page, int size) {
    if (page < 0) {
      throw new ProblemException(
          Problem.of(
              400,
              "Invalid request",
              "'page' must be 0 or more.",
              List.of(new Problem.FieldError("page", "must be 0 or more"))));
    }
    if (size < 1 || size > config.maxPageSize()) {
      throw new ProblemException(
          Problem.of(
              400,
              "Invalid request",
              "'size' must be between 1 and " + config.maxPageSize() + ".",
              List.of(
                  new Problem.FieldError(
                      "size", "must be between 1 and " + config.maxPageSize()))));
    }
  }

  private static String name(Enum<?> value) {
    return value == null ? null : value.name();
  }

  private static ProblemException unknownSystem(String systemId) {
    return new ProblemException(
        Problem.of(404, "Not Found", "No recommendation for system '" + systemId + "' yet.", null));
  }
}
