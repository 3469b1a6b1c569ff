package dev.dbarch.intake.assessment;

import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.SystemKey;
import dev.dbarch.contracts.events.AssessmentRequested;
import dev.dbarch.contracts.events.IdempotencyRecord;
import dev.dbarch.contracts.events.Trigger;
import dev.dbarch.contracts.requirements.Requirements;
import dev.dbarch.intake.IntakeConfig;
import dev.dbarch.intake.RateLimits;
import dev.dbarch.intake.RecordBudget;
import dev.dbarch.intake.idempotency.IdempotencyLedger;
import dev.dbarch.intake.requirements.RequirementsStore;
import dev.dbarch.servicekit.auth.Caller;
import dev.dbarch.servicekit.auth.Roles;
import dev.dbarch.servicekit.kafka.BrokerConfig;
import dev.dbarch.servicekit.kafka.BrokerWrites;
import dev.dbarch.servicekit.problem.Problem;
import dev.dbarch.servicekit.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/** Submitting requirements for assessment. */
@Path("/api/v1/assessments")
public class AssessmentResource {

  private static final Logger LOG = Logger.getLogger(AssessmentResource.class);
  private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

  @Inject IntakeConfig config;
  @Inject BrokerConfig broker;
  @Inject Validator validator;
  @Inject AssessmentPublisher publisher;
  @Inject IdempotencyLedger ledger;
  @Inject Clock clock;
  @Inject RequirementsStore requirementsStore;
  @Inject Caller caller;
  @Inject RateLimits rateLimits;

  /**
   * What a client gets back: where and under which id its recommendation will appear; for an
   * attached DDL script, the statements that could not be used and those skipped as irrelevant to
   * the structure (data, grants, functions, ...).
   */
  public record Accepted(
      String assessmentId,
      String systemId,
      String recommendationUrl,
      List<String> unsupportedStatements,
      List<String> ignoredStatements) {}

  @POST
  @RolesAllowed(Roles.SUBMITTER)
  @Consumes({MediaType.APPLICATION_JSON, "application/yaml", "application/x-yaml", "text/yaml"})
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Submit a requirements document",
      description =
          "Validates the document, publishes an assessment request and answers with the assessment id"
              + " and the URL of the recommendation. JSON or YAML.")
  @APIResponse(
      responseCode = "202",
      description = "Accepted; the recommendation follows asynchronously")
  @APIResponse(responseCode = "400", description = "Malformed document or invalid fields (named)")
  @APIResponse(responseCode = "409", description = "The same Idempotency-Key is being processed")
  @APIResponse(
      responseCode = "413",
      description =
          "Document larger than the document limit, or making an assessment request larger than"
              + " the record limit (the field and the limit are named)")
  @APIResponse(responseCode = "415", description = "Unsupported media type")
  @APIResponse(responseCode = "422", description = "Idempotency-Key reused with another document")
  @APIResponse(
      responseCode = "429",
      description = "The tenant's submission rate is exceeded; Retry-After says when to retry")
  @APIResponse(
      responseCode = "503",
      description =
          "The broker did not acknowledge in time, or intake is at its admission limit;"
              + " Retry-After says when to retry")
  public Response submit(
      byte[] body,
      @HeaderParam("Content-Type") MediaType mediaType,
      @Parameter(
              description =
                  "Makes a retried submission return the same assessment, publishing once")
          @HeaderParam("Idempotency-Key")
          String idempotencyKey) {
    String tenant = caller.tenant();
    // Counted before the body is read: a flood of bad documents costs the flooder, not others.
    rateLimits.submission(tenant);
    Requirements requirements =
        RequirementsReader.read(body, mediaType, config.maxDocumentBytes(), validator);
    SystemKey system = caller.system(requirements.systemId());
    MDC.put("tenant", tenant);
    MDC.put("systemId", system.systemId());
    try {
      if (idempotencyKey == null) {
        return publish(system, requirements, UUID.randomUUID().toString(), false);
      }
      return submitIdempotently(system, requirements, idempotencyKey);
    } finally {
      MDC.remove("tenant");
      MDC.remove("systemId");
      MDC.remove("assessmentId");
    }
  }

  private Response submitIdempotently(SystemKey system, Requirements requirements, String key) {
    if (!IDEMPOTENCY_KEY.matcher(key).matches()) {
      throw new ProblemException(
          Problem.of(
              400,
              "Invalid request",
              "Header 'Idempotency-Key' must be 1 to 255 visible ASCII characters.",
              java.util.List.of(
                  new Problem.FieldError("Idempotency-Key", "1 to 255 visible ASCII characters"))));
    }
    String digest = sha256(requirements);
    if (!ledger.claim(system, key)) {
      throw new ProblemException(
          Problem.of(
              409,
              "Conflict",
              "A submission with this Idempotency-Key is still in progress.",
              null));
    }
    try {
      Optional<IdempotencyRecord> earlier = ledger.find(system, key);
      if (earlier.isPresent()) {
        if (!earlier.get().requestSha256().equals(digest)) {
          throw new ProblemException(
              Problem.of(
                  422,
                  "Unprocessable Content",
                  "This Idempotency-Key was already used with a different document; use a new key.",
                  null));
        }
        MDC.put("assessmentId", earlier.get().assessmentId());
        LOG.infof("Replaying submission for Idempotency-Key %s", key);
        return accepted(
                system.systemId(),
                earlier.get().assessmentId(),
                SchemaScripts.parse(requirements.schema()))
            .header("Idempotent-Replayed", "true")
            .build();
      }
      // The id follows from the tenant, system and key, so even a replay that raced past the ledger
      // names the same assessment and downstream de-duplication can recognise it, and two tenants
      // using the same key never share one.
      String assessmentId =
          UUID.nameUUIDFromBytes((system + "\n" + key).getBytes(StandardCharsets.UTF_8)).toString();
      Response response = publish(system, requirements, assessmentId, true);
      BrokerWrites.await(
          ledger.remember(
              new IdempotencyRecord(system.tenant(), system.systemId(), key, assessmentId, digest)),
          config.publishTimeout(),
          broker.retryAfter(),
          "the idempotency record");
      return response;
    } finally {
      ledger.release(system, key);
    }
  }

  private Response publish(
      SystemKey system, Requirements requirements, String assessmentId, boolean idempotent) {
    MDC.put("assessmentId", assessmentId);
    SchemaScripts.Parsed schema = SchemaScripts.parse(requirements.schema());
    AssessmentRequested request =
        new AssessmentRequested(
            system.tenant(),
            assessmentId,
            requirements.systemId(),
            Trigger.SUBMITTED,
            Instant.now(clock),
            requirements,
            schema.context());
    // Refused before anything is stored: a record Kafka would refuse can never be retried into it.
    long size =
        RecordBudget.check(
            config.maxRecordBytes(),
            request,
            "assessment request this document makes",
            schema.context() == null ? null : schema.context().snapshot(),
            413,
            requirements.schema() == null ? "(document)" : "schema.ddl");
    // The requirements first: a schema change re-assesses the system against them.
    Duration timeout =
        config.publishTimeout().plusMillis(size * 1000 / config.publishBytesPerSecond());
    requirementsStore.save(system, requirements, timeout);
    publisher.publish(request, timeout);
    LOG.infof(
        "Assessment requested for %s%s", requirements.name(), idempotent ? " (idempotent)" : "");
    return accepted(requirements.systemId(), assessmentId, schema).build();
  }

  private Response.ResponseBuilder accepted(
      String systemId, String assessmentId, SchemaScripts.Parsed schema) {
    String url = config.reportBaseUrl() + "/api/v1/systems/" + systemId + "/recommendation";
    List<String> unsupported =
        schema.context() == null ? null : schema.context().unsupportedStatements();
    return Response.accepted(
            new Accepted(assessmentId, systemId, url, unsupported, schema.ignored()))
        .type(MediaType.APPLICATION_JSON)
        .location(URI.create(url));
  }

  /** Hash of the document as parsed, so the same document in JSON and YAML hashes alike. */
  static String sha256(Requirements requirements) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Json.toBytes(requirements)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
