package dev.dbarch.report.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbarch.servicekit.problem.Problem;
import dev.dbarch.servicekit.problem.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** A system's latest recommendation, as JSON for tools or Markdown for people. */
@Path("/api/v1/systems/{systemId}/recommendation")
public class RecommendationResource {

  static final String MARKDOWN = "text/markdown";

  @Inject RecommendationStore store;

  @GET
  @Produces({MediaType.APPLICATION_JSON, MARKDOWN})
  @Operation(
      summary = "The latest recommendation of a system",
      description = "JSON by default; Markdown with Accept: text/markdown.")
  @APIResponse(responseCode = "200", description = "The latest revision")
  @APIResponse(responseCode = "404", description = "No recommendation for this system (yet)")
  public Response latest(@PathParam("systemId") String systemId, @Context HttpHeaders headers) {
    JsonNode recommendation =
        store
            .latest(systemId)
            .orElseThrow(
                () ->
                    new ProblemException(
                        Problem.of(
                            404,
                            "Not Found",
                            "No recommendation for system '" + systemId + "' yet.",
                            null)));
    if (prefersMarkdown(headers)) {
      return Response.ok(recommendation.path("markdown").asText(), MARKDOWN + ";charset=UTF-8")
          .build();
    }
    return Response.ok(recommendation, MediaType.APPLICATION_JSON).build();
  }

  /**
   * Markdown only when the client ranks it above JSON; no Accept header or {@code *}/{@code *}
   * means JSON.
   */
  static boolean prefersMarkdown(HttpHeaders headers) {
    for (MediaType type : headers.getAcceptableMediaTypes()) {
      if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !type.isWildcardType()) {
        return false;
      }
      if (!type.isWildcardType()
          && type.getType().equals("text")
          && type.getSubtype().equals("markdown")) {
        return true;
      }
      if (type.isWildcardType()) {
        return false;
      }
    }
    return false;
  }
}
