package dev.dbarch.servicekit.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
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
    if (e.retryAfterSeconds().isPresent()) {
      return Response.fromResponse(e.problem().toResponse())
          .header("Retry-After", Long.toString(e.retryAfterSeconds().getAsLong()))
          .build();
    }
    return e.problem().toResponse();
  }

  @ServerExceptionMapper
  public Response violations(ConstraintViolationException e) {
    return Violations.toProblem(e.getConstraintViolations()).toResponse();
  }

  @ServerExceptionMapper
  public Response json(JsonProcessingException e) {
    return JsonProblems.from(e).toResponse();
  }

  /**
   * Quarkus REST has a mapper of its own for this one (an unknown enum value, a wrong type) that
   * answers plain JSON with the class name; this more specific one keeps it a problem naming the
   * field.
   */
  @ServerExceptionMapper
  public Response mismatch(MismatchedInputException e) {
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

  /**
   * The body could not be read: over the size limit while streaming (Quarkus has then already sent
   * 413 and closed), or the client went away. Not a server error.
   */
  @ServerExceptionMapper
  public Response unreadableBody(java.io.IOException e) {
    if ("Request too large".equals(e.getMessage())) {
      return Problem.of(413, "Payload Too Large", "The request body is too large.", null)
          .toResponse();
    }
    return Problem.of(400, "Bad Request", "The request body could not be read.", null).toResponse();
  }

  @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
  public Response unexpected(Throwable e) {
    LOG.error("Unexpected error while serving a request", e);
    return Problem.of(
            Response.Status.INTERNAL_SERVER_ERROR, "The server failed to handle the request.")
        .toResponse();
  }
}
