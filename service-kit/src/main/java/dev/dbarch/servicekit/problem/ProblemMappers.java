package dev.dbarch.servicekit.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every error a client can cause into {@code application/problem+json} with the status it
 * deserves; anything unexpected becomes a 500 problem with no stack trace (that goes to the log).
 */
public class ProblemMappers {

  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

  @ServerExceptionMapper
  public Response problem(ProblemException e) {
    return e.problem().toResponse();
  }

  @ServerExceptionMapper
  public Response violations(ConstraintViolationException e) {
    List<Problem.FieldError> errors =
        e.getConstraintViolations().stream()
            .map(v -> new Problem.FieldError(fieldPath(v.getPropertyPath().toString()), v.getMessage()))
            .sorted(Comparator.comparing(Problem.FieldError::field))
            .toList();
    return Problem.of(400, "Invalid request", "The request has invalid fields.", errors).toResponse();
  }

  @ServerExceptionMapper
  public Response json(JsonProcessingException e) {
    return JsonProblems.from(e).toResponse();
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e) {
    Response.StatusType status = e.getResponse().getStatusInfo();
    String detail =
        switch (status.getStatusCode()) {
          case 404 -> "No resource here.";
          case 405 -> "This method is not allowed on this resource.";
          case 406 -> "None of the accepted media types can be produced here.";
          case 413 -> "The request body is too large.";
          case 415 -> "This media type is not supported here; use the ones the API documents.";
          default -> e.getMessage();
        };
    return Problem.of(status.getStatusCode(), status.getReasonPhrase(), detail, null).toResponse();
  }

  @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
  public Response unexpected(Throwable e) {
    LOG.error("Unexpected error while serving a request", e);
    return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "The server failed to handle the request.")
        .toResponse();
  }

  /** Bean Validation paths look like {@code submit.arg0.workload.peakQps}; keep the field part. */
  static String fieldPath(String propertyPath) {
    String[] parts = propertyPath.split("\\.");
    int start = 0;
    for (int i = 0; i < parts.length; i++) {
      if (parts[i].startsWith("arg") || parts[i].equals("requirements") && i < 2) {
        start = i + 1;
      }
    }
    return start >= parts.length ? propertyPath : String.join(".", java.util.Arrays.copyOfRange(parts, start, parts.length));
  }
}
