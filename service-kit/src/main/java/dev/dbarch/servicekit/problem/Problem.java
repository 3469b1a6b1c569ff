package dev.dbarch.servicekit.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * An RFC 9457 problem document. {@code errors} names each offending field (a JSON pointer-like path
 * such as {@code workload.peakQps}) with what is wrong with it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    List<FieldError> errors) {

  public static final String MEDIA_TYPE = "application/problem+json";
  public static final MediaType MEDIA = MediaType.valueOf(MEDIA_TYPE);

  /** One field and what is wrong with it. */
  public record FieldError(String field, String message) {}

  public static Problem of(Response.Status status, String detail) {
    return of(status.getStatusCode(), status.getReasonPhrase(), detail, null);
  }

  public static Problem of(int status, String title, String detail, List<FieldError> errors) {
    return new Problem(
        "https://dbarch.dev/problems/" + slug(title), title, status, detail, null, errors);
  }

  public Response toResponse() {
    return Response.status(status).type(MEDIA).entity(this).build();
  }

  private static String slug(String title) {
    return title
        .toLowerCase(java.util.Locale.ROOT)
        .replaceAll("[^a-z0-9]+", "-")
        .replaceAll("(^-|-$)", "");
  }
}
