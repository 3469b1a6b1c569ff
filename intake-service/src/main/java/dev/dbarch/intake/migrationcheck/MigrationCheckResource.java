package dev.dbarch.intake.migrationcheck;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.dbarch.contracts.Json;
import dev.dbarch.intake.IntakeConfig;
import dev.dbarch.lint.output.Formats;
import dev.dbarch.servicekit.auth.Caller;
import dev.dbarch.servicekit.auth.Roles;
import dev.dbarch.servicekit.problem.JsonProblems;
import dev.dbarch.servicekit.problem.Problem;
import dev.dbarch.servicekit.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.logging.MDC;

/**
 * {@code POST /api/v1/migrations/check}: a pre-deploy check for CI pipelines. The body is a SQL
 * script ({@code application/sql} or {@code text/plain}, options as query parameters) or JSON
 * ({@link MigrationCheckRequest}); the answer is JSON, Markdown or SARIF 2.1.0 by {@code Accept}.
 * The highest severity of a finding that stands is also in the {@code X-Dbarch-Highest-Severity}
 * header ({@code NONE} when none), so a pipeline can decide without parsing the body.
 */
@Path("/api/v1/migrations/check")
public class MigrationCheckResource {

  public static final String SARIF = "application/sarif+json";
  public static final String MARKDOWN = "text/markdown";
  public static final String HIGHEST = "X-Dbarch-Highest-Severity";

  @Inject MigrationCheckService service;
  @Inject IntakeConfig config;
  @Inject Caller caller;

  @POST
  @RolesAllowed(Roles.SUBMITTER)
  @Consumes({"application/sql", MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON})
  @Produces({MediaType.APPLICATION_JSON, MARKDOWN, SARIF})
  @Operation(
      summary = "Check a migration before deploying it",
      description =
          "Classifies every statement (locks, table rewrite or scan, breaking or destructive"
              + " changes), scales each finding by the table's size and the system's targets when"
              + " systemId names a known system, and proposes the safe rewrite. SQL body with"
              + " query parameters, or JSON {sql, dialect, serverVersion, systemId}.")
  @APIResponse(responseCode = "200", description = "The findings (also when there are none)")
  @APIResponse(responseCode = "400", description = "Empty script or an invalid field (named)")
  @APIResponse(responseCode = "404", description = "systemId names no known system")
  @APIResponse(responseCode = "413", description = "Script too large")
  @APIResponse(responseCode = "415", description = "Unsupported media type")
  public Response check(
      byte[] body,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) MediaType contentType,
      @HeaderParam(HttpHeaders.ACCEPT) String accept,
      @Parameter(description = "Use this system's live catalog and requirements")
          @QueryParam("systemId")
          String systemId,
      @Parameter(description = "POSTGRESQL, MYSQL or MARIADB") @QueryParam("dialect")
          String dialect,
      @Parameter(description = "Server version to follow, e.g. 15") @QueryParam("serverVersion")
          String serverVersion) {
    if (body.length > config.maxDocumentBytes()) {
      throw new ProblemException(
          Problem.of(
              413,
              "Payload Too Large",
              "The script is "
                  + body.length
                  + " bytes; the limit is "
                  + config.maxDocumentBytes()
                  + " bytes.",
              null));
    }
    MigrationCheckRequest request = read(body, contentType, systemId, dialect, serverVersion);
    if (request.systemId() != null) {
      MDC.put("systemId", request.systemId());
      MDC.put("tenant", caller.tenant());
    }
    try {
      MigrationCheckService.Checked checked = service.check(request, caller.tenant());
      String source = checked.systemId() == null ? "migration.sql" : checked.systemId() + ".sql";
      String highest = checked.report().highest().map(Enum::name).orElse("NONE");
      String type = negotiate(accept);
      String entity =
          switch (type) {
            case SARIF -> Formats.sarif(checked.report(), source, service.linter().registry());
            case MARKDOWN -> Formats.markdown(checked.report(), source);
            default -> Formats.json(checked.report());
          };
      return Response.ok(entity, type + (type.equals(MARKDOWN) ? "; charset=UTF-8" : ""))
          .header(HIGHEST, highest)
          .build();
    } finally {
      MDC.remove("systemId");
      MDC.remove("tenant");
    }
  }

  /** The first of the accepted types this resource produces; JSON when Accept is absent or any. */
  static String negotiate(String accept) {
    if (accept == null || accept.isBlank()) {
      return MediaType.APPLICATION_JSON;
    }
    for (String part : accept.split(",")) {
      String type = part.split(";")[0].strip().toLowerCase(java.util.Locale.ROOT);
      if (type.equals(SARIF) || type.equals(MARKDOWN) || type.equals(MediaType.APPLICATION_JSON)) {
        return type;
      }
      if (type.equals("*/*") || type.equals("application/*")) {
        return MediaType.APPLICATION_JSON;
      }
      if (type.equals("text/*")) {
        return MARKDOWN;
      }
    }
    return MediaType.APPLICATION_JSON;
  }

  private static MigrationCheckRequest read(
      byte[] body, MediaType contentType, String systemId, String dialect, String serverVersion) {
    boolean json =
        contentType != null
            && contentType.getType().equals("application")
            && contentType.getSubtype().equals("json");
    if (!json) {
      return new MigrationCheckRequest(
          new String(body, StandardCharsets.UTF_8), dialect, serverVersion, systemId);
    }
    MigrationCheckRequest parsed;
    try {
      parsed = Json.mapper().readValue(body, MigrationCheckRequest.class);
    } catch (JsonProcessingException e) {
      throw new ProblemException(JsonProblems.from(e));
    } catch (IOException e) {
      throw new ProblemException(
          Problem.of(400, "Malformed document", "The body cannot be read as JSON.", null));
    }
    if (parsed == null) {
      throw new ProblemException(
          Problem.of(
              400,
              "Invalid request",
              "The body is empty; send {\"sql\": \"...\"}.",
              List.of(new Problem.FieldError("sql", "missing"))));
    }
    if (systemId != null && parsed.systemId() != null && !systemId.equals(parsed.systemId())) {
      throw new ProblemException(
          Problem.of(
              400,
              "Invalid request",
              "systemId differs between the query and the body.",
              List.of(new Problem.FieldError("systemId", "differs from the query parameter"))));
    }
    return new MigrationCheckRequest(
        parsed.sql(),
        parsed.dialect() != null ? parsed.dialect() : dialect,
        parsed.serverVersion() != null ? parsed.serverVersion() : serverVersion,
        parsed.systemId() != null ? parsed.systemId() : systemId);
  }
}
