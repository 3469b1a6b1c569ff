package dev.dbarch.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.dbarch.contracts.Json;
import dev.dbarch.servicekit.problem.Problem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Admission control of {@code POST /api/v1/assessments}, decided on the event loop before the token
 * is verified or a byte of the body is read, so an overloaded intake answers at once instead of
 * queuing: 503 with {@code Retry-After} and a problem document when this instance already serves
 * {@code dbarch.intake.admission.max-in-flight} submissions (its own queue, broker acknowledgements
 * included), or when the pipeline's backlog ({@link PipelineBacklog}) is past {@code max-backlog}.
 * A tenant's own rate stays a 429 ({@link RateLimits}). A refused submission was not stored, so
 * retrying it cannot duplicate anything.
 *
 * <p>Refusals are counted by reason ({@code dbarch.intake.admission.refused}, tag {@code reason}:
 * {@code in-flight} or {@code backlog}); the submissions in flight are a gauge.
 */
@ApplicationScoped
public class Admission {

  /** The path whose POSTs are admitted here. */
  static final String PATH = "/api/v1/assessments";

  @Inject IntakeConfig config;
  @Inject PipelineBacklog backlog;
  @Inject MeterRegistry registry;

  private final AtomicInteger inFlight = new AtomicInteger();
  private Counter refusedInFlight;
  private Counter refusedBacklog;

  void install(@Observes Router router) {
    refusedInFlight = registry.counter("dbarch.intake.admission.refused", "reason", "in-flight");
    refusedBacklog = registry.counter("dbarch.intake.admission.refused", "reason", "backlog");
    Gauge.builder("dbarch.intake.admission.in-flight", inFlight, AtomicInteger::get)
        .description("Submissions being served (arrived and not yet answered)")
        .register(registry);
    // Beside service-kit's screen of the request line, headers and Content-Length (also order -3;
    // either may answer first), before Quarkus reads the body (order -2).
    router.route(HttpMethod.POST, PATH).order(-3).handler(this::admit);
  }

  private void admit(RoutingContext ctx) {
    IntakeConfig.AdmissionLimits limits = config.admission();
    long retryAfter = Math.max(1, limits.retryAfter().toSeconds());
    long maxBacklog = limits.maxBacklog();
    if (maxBacklog > 0) {
      OptionalLong waiting = backlog.current();
      if (waiting.isPresent() && waiting.getAsLong() > maxBacklog) {
        refusedBacklog.increment();
        refuse(
            ctx,
            retryAfter,
            "The assessment pipeline is behind: "
                + waiting.getAsLong()
                + " assessments wait for it (limit "
                + maxBacklog
                + "). Nothing was stored; retry after "
                + retryAfter
                + " s.");
        return;
      }
    }
    int max = limits.maxInFlight();
    if (inFlight.incrementAndGet() > max) {
      inFlight.decrementAndGet();
      refusedInFlight.increment();
      refuse(
          ctx,
          retryAfter,
          "Intake is serving its limit of "
              + max
              + " submissions at once. Nothing was stored; retry after "
              + retryAfter
              + " s.");
      return;
    }
    AtomicBoolean released = new AtomicBoolean();
    ctx.addEndHandler(
        done -> {
          if (released.compareAndSet(false, true)) {
            inFlight.decrementAndGet();
          }
        });
    ctx.next();
  }

  /** Submissions being served now. */
  public int inFlight() {
    return inFlight.get();
  }

  /** A body up to this size is read and dropped, so the connection stays open for the retry. */
  static final long DRAINED_BODY_BYTES = 64 * 1024;

  private static void refuse(RoutingContext ctx, long retryAfter, String detail) {
    if (ctx.response().ended()) {
      return;
    }
    long length = contentLength(ctx);
    if (length >= 0 && length <= DRAINED_BODY_BYTES) {
      // A small body costs less to read than a new connection for every refused client.
      ctx.request().body().onComplete(read -> send(ctx, retryAfter, detail, read.succeeded()));
      ctx.request().resume();
      return;
    }
    send(ctx, retryAfter, detail, false);
  }

  private static long contentLength(RoutingContext ctx) {
    String header = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
    if (header == null) {
      return -1;
    }
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static void send(RoutingContext ctx, long retryAfter, String detail, boolean keepAlive) {
    if (ctx.response().ended()) {
      return;
    }
    Problem problem = Problem.of(503, "Service Unavailable", detail, null);
    String body;
    try {
      body = Json.mapper().writeValueAsString(problem);
    } catch (JsonProcessingException e) {
      body = "{\"status\":503}";
    }
    if (!keepAlive) {
      // The body was not read: closing the connection is what keeps it unread.
      ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
    }
    ctx.response()
        .setStatusCode(503)
        .putHeader("Retry-After", Long.toString(retryAfter))
        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
        .end(body);
  }
}
