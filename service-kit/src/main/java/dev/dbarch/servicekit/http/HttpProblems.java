package dev.dbarch.servicekit.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.dbarch.contracts.Json;
import dev.dbarch.servicekit.problem.Problem;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.Map.Entry;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The HTTP layer's own errors as problem+json, before JAX-RS sees the request: a body announced
 * larger than {@code quarkus.http.limits.max-body-size} is refused from its {@code Content-Length}
 * before a byte of it is buffered, a body without a length (chunked) gets 411, an over-long URI or
 * header block gets 414/431, and a status the router fails with (404 outside JAX-RS, 405, ...) gets
 * a problem body instead of an empty one or Quarkus' own JSON. An empty {@code Accept:} header is
 * read as no header (RFC 9110 lets a server disregard it), not an error.
 *
 * <p>The URI and header limits here are below Netty's own ({@code max-initial-line-length}, {@code
 * max-header-size} in the service-kit defaults): between the two the client gets a problem; past
 * Netty's, Vert.x closes the connection with a bare status, which no handler can change.
 *
 * <p>Bodies in flight share one budget ({@code dbarch.http.bodies-in-flight}): each request with a
 * body reserves its {@code Content-Length} until its response ends, and a request that would pass
 * the budget gets 503 with {@code Retry-After} before a byte is read. So the body limit can admit
 * one large schema script without letting many concurrent large bodies exhaust the heap.
 */
@ApplicationScoped
public class HttpProblems {

  /** Longest request line (method, URI, version) answered with a problem rather than a bare 414. */
  static final int MAX_URI_LENGTH = 8192;

  /** Largest header block answered with a problem rather than a bare 431. */
  static final int MAX_HEADER_BYTES = 16 * 1024;

  private static final Map<Integer, String> DETAILS =
      Map.of(
          400, "The request is malformed.",
          404, "No resource here.",
          405, "This method is not allowed on this resource.",
          406, "None of the accepted media types can be produced here.",
          413, "The request body is too large.",
          414, "The request URI is too long.",
          415, "This media type is not supported here; use the ones the API documents.",
          431, "The request headers are too large.");

  /** Bytes of request bodies reserved by requests still being served. */
  private final AtomicLong bodiesInFlight = new AtomicLong();

  void install(@Observes Router router) {
    long maxBody =
        ConfigProvider.getConfig()
            .getOptionalValue("quarkus.http.limits.max-body-size", MemorySize.class)
            .map(MemorySize::asLongValue)
            .orElse(Long.MAX_VALUE);
    long budget =
        ConfigProvider.getConfig()
            .getOptionalValue("dbarch.http.bodies-in-flight", MemorySize.class)
            .map(MemorySize::asLongValue)
            .orElse(Long.MAX_VALUE);
    // Before Quarkus' own body-size check (order -2), which answers with an empty body.
    router.route().order(-3).handler(ctx -> screen(ctx, maxBody, budget));
    router.route().order(Integer.MIN_VALUE).failureHandler(HttpProblems::failure);
  }

  private void screen(RoutingContext ctx, long maxBody, long budget) {
    var request = ctx.request();
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    // What the body may occupy while it is read: its announced length (none without a body).
    long announced = 0;
    if (length != null) {
      try {
        announced = Long.parseLong(length.trim());
      } catch (NumberFormatException e) {
        announced = -1;
      }
      if (announced < 0) {
        ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        send(ctx.response(), 400, "Header 'Content-Length' is not a number.");
        return;
      }
      if (announced > maxBody) {
        // Connection: close, so the rest of the body is never read.
        ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        send(
            ctx.response(),
            413,
            "The request body is " + announced + " bytes; the limit is " + maxBody + " bytes.");
        return;
      }
    }
    if (request.uri().length() > MAX_URI_LENGTH) {
      send(
          ctx.response(), 414, "The request URI is longer than " + MAX_URI_LENGTH + " characters.");
      return;
    }
    int headerBytes = 0;
    for (Entry<String, String> header : request.headers()) {
      headerBytes += header.getKey().length() + header.getValue().length() + 4;
    }
    if (headerBytes > MAX_HEADER_BYTES) {
      send(ctx.response(), 431, "The request headers exceed " + MAX_HEADER_BYTES + " bytes.");
      return;
    }
    String accept = request.getHeader(HttpHeaders.ACCEPT);
    if (accept != null && accept.isBlank()) {
      request.headers().remove(HttpHeaders.ACCEPT);
    }
    if (length == null && isChunked(request)) {
      // RESTEasy Reactive counts a chunked body against the limit itself and, past it, ends the
      // response with a bare 413 before any mapper runs (docs/reliability.md). Asking for the
      // length keeps every refusal a problem, decided before a byte of the body is read.
      ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
      send(
          ctx.response(),
          411,
          "Send the body with a Content-Length header: a body of unknown length is not read.");
      return;
    }
    long reserved = announced;
    if (reserved > 0 && budget != Long.MAX_VALUE) {
      if (bodiesInFlight.addAndGet(reserved) > budget) {
        bodiesInFlight.addAndGet(-reserved);
        ctx.response().putHeader(HttpHeaders.CONNECTION, "close").putHeader("Retry-After", "1");
        send(
            ctx.response(),
            503,
            "Too many large request bodies are being read at once; retry after 1 s.");
        return;
      }
      ctx.addEndHandler(done -> bodiesInFlight.addAndGet(-reserved));
    }
    ctx.next();
  }

  private static boolean isChunked(io.vertx.core.http.HttpServerRequest request) {
    String encoding = request.getHeader(HttpHeaders.TRANSFER_ENCODING);
    return encoding != null && encoding.toLowerCase(java.util.Locale.ROOT).contains("chunked");
  }

  private static void failure(RoutingContext ctx) {
    int status = ctx.statusCode();
    if (ctx.failure() instanceof HttpException http) {
      status = http.getStatusCode();
    }
    if (status < 400 || status >= 500 || ctx.response().headWritten()) {
      // Server errors go on to Quarkus' handler, which logs them and hides the stack trace.
      ctx.next();
      return;
    }
    if (status == 413) {
      ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
    }
    send(ctx.response(), status, DETAILS.getOrDefault(status, "The request cannot be served."));
  }

  static void send(HttpServerResponse response, int status, String detail) {
    if (response.ended()) {
      return;
    }
    io.netty.handler.codec.http.HttpResponseStatus reason =
        io.netty.handler.codec.http.HttpResponseStatus.valueOf(status);
    Problem problem = Problem.of(status, reason.reasonPhrase(), detail, null);
    String body;
    try {
      body = Json.mapper().writeValueAsString(problem);
    } catch (JsonProcessingException e) {
      body = "{\"status\":" + status + "}";
    }
    response
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
        .end(body);
  }
}
