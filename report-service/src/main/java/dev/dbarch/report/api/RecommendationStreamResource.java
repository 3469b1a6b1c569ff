package dev.dbarch.report.api;

import dev.dbarch.contracts.SystemKey;
import dev.dbarch.report.view.RecommendationView;
import dev.dbarch.servicekit.auth.Caller;
import dev.dbarch.servicekit.auth.Roles;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Server-sent events for dashboards: one {@code recommendation} event per published revision, with
 * the recommendation JSON as data and {@code systemId:revision} as id. A subscriber may ask to
 * replay stored revisions from a revision number before the live ones. A viewer receives its own
 * tenant's revisions and no other's: the tenant is fixed from the token when the stream opens.
 */
@Path("/api/v1/recommendations/stream")
@RolesAllowed(Roles.VIEWER)
public class RecommendationStreamResource {

  /** Comment lines keep proxies from closing an idle stream. */
  static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

  @Inject RecommendationView view;
  @Inject Caller caller;
  @Inject Tracer tracer;

  @GET
  // The token is read once, on a worker thread, before the stream starts.
  @Blocking
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @Operation(
      summary = "Live recommendations as server-sent events",
      description =
          "Optionally for one system (systemId) and replaying stored revisions from fromRevision on.")
  public Multi<OutboundSseEvent> stream(
      @QueryParam("systemId") String systemId,
      @QueryParam("fromRevision") Long fromRevision,
      @Context Sse sse) {
    String tenant = caller.tenant();
    SystemKey only = systemId == null ? null : caller.system(systemId);
    // Stored revisions first, read from the on-disk index a chunk at a time (never the whole
    // tenant's history in memory), then live ones. A revision is broadcast right after it is
    // indexed, so one the replay read was broadcast before the live part subscribed: no duplicates.
    Multi<OutboundSseEvent> live =
        view.live().filter(p -> matches(p.revision(), tenant, only)).map(p -> traced(sse, p));
    Iterable<RecommendationView.Revision> replay =
        fromRevision == null ? List.of() : view.replay(tenant, only, fromRevision);
    Multi<OutboundSseEvent> events =
        Multi.createBy()
            .concatenating()
            .streams(Multi.createFrom().iterable(replay).map(r -> event(sse, r)), live);
    Multi<OutboundSseEvent> keepAlive =
        Multi.createFrom()
            .ticks()
            .every(KEEP_ALIVE)
            .map(tick -> sse.newEventBuilder().comment("keep-alive").build());
    return Multi.createBy().merging().streams(events, keepAlive);
  }

  private static boolean matches(
      RecommendationView.Revision revision, String tenant, SystemKey only) {
    SystemKey system = revision.recommendation().systemKey();
    return system.tenant().equals(tenant) && (only == null || only.equals(system));
  }

  /**
   * One span per live event sent to this subscriber, in the trace of the revision's push, so an
   * assessment's trace ends at each dashboard that received it.
   */
  private OutboundSseEvent traced(Sse sse, RecommendationView.Pushed pushed) {
    Span span =
        tracer
            .spanBuilder("sse recommendation")
            .setParent(pushed.trace())
            .setAttribute("dbarch.revision", pushed.revision().recommendation().revision())
            .startSpan();
    try {
      return event(sse, pushed.revision());
    } finally {
      span.end();
    }
  }

  private static OutboundSseEvent event(Sse sse, RecommendationView.Revision r) {
    return sse.newEventBuilder()
        .name("recommendation")
        .id(r.recommendation().systemId() + ":" + r.recommendation().revision())
        .mediaType(MediaType.APPLICATION_JSON_TYPE)
        .data(r.json())
        .build();
  }
}
