package dev.dbarch.report.view;

import dev.dbarch.contracts.SystemKey;
import dev.dbarch.contracts.kafka.Topics;
import dev.dbarch.servicekit.problem.Problem;
import dev.dbarch.servicekit.problem.ProblemException;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The read side of the report service: every revision of every system, in the on-disk global store
 * {@link RevisionIndex#STORE} fed from {@link Topics#RECOMMENDATION_HISTORY} (which keeps every
 * revision forever). Nothing is held on the heap per system or revision: each question reads the
 * store, and lists read one page of a key range (docs/adr/0011). Every instance holds the whole
 * index, so any instance answers for any system. New revisions are broadcast to server-sent-event
 * subscribers as they are indexed. Everything is looked up by {@link SystemKey}: a question about
 * one tenant's system can only ever find that tenant's.
 */
@ApplicationScoped
public class RecommendationView implements RevisionIndex.Feed {

  /** One stored revision: the event as published, and its parsed form. */
  public record Revision(dev.dbarch.contracts.events.Recommendation recommendation, String json) {}

  /** One page of a list, and how many items the whole list has. */
  public record Slice<T>(List<T> items, int total) {}

  /**
   * A revision pushed to live subscribers, with the trace of its push: a subscriber's delivery
   * continues it explicitly (Mutiny runs a subscriber's callbacks in the context captured where the
   * subscriber's pipeline was assembled, the request that opened the stream).
   */
  public record Pushed(Revision revision, Context trace) {}

  private final BroadcastProcessor<Pushed> live = BroadcastProcessor.create();

  /**
   * Revisions whose records are older than this instance were published before anyone could have
   * subscribed here: they are being restored, not published, and are not broadcast.
   */
  private final long startedAtMillis = System.currentTimeMillis();

  private volatile boolean ready;

  @Inject Instance<KafkaStreams> streams;
  @Inject Tracer tracer;

  private final RevisionQueries queries = new RevisionQueries(this::store);

  void stop(@Observes ShutdownEvent event) {
    live.onComplete();
  }

  @Override
  public void indexed(Revision revision, long timestamp) {
    if (timestamp >= startedAtMillis) {
      // In the trace of the aggregation that published the revision (RevisionIndex makes it
      // current).
      Span span =
          tracer
              .spanBuilder("push revision")
              .setAttribute("dbarch.system", revision.recommendation().systemKey().toString())
              .setAttribute("dbarch.revision", revision.recommendation().revision())
              .startSpan();
      try (Scope scope = span.makeCurrent()) {
        live.onNext(new Pushed(revision, Context.current()));
      } finally {
        span.end();
      }
    }
  }

  /**
   * Whether the index can be queried: Kafka Streams starts only once the global store has caught up
   * with the history topic, and has been running at least once since.
   */
  public boolean isReady() {
    if (!ready) {
      ready = streams.isResolvable() && streams.get().state() == KafkaStreams.State.RUNNING;
    }
    return ready;
  }

  public Optional<String> failure() {
    if (!streams.isResolvable()) {
      return Optional.of("Kafka Streams is not set up");
    }
    KafkaStreams.State state = streams.get().state();
    return state.isRunningOrRebalancing() || state == KafkaStreams.State.CREATED
        ? Optional.empty()
        : Optional.of("Kafka Streams is " + state);
  }

  public Optional<Revision> latest(SystemKey system) {
    return queries.latest(system);
  }

  public Optional<Revision> revision(SystemKey system, long revision) {
    return queries.revision(system, revision);
  }

  /** One page of a system's revisions, oldest first; only that page is read into memory. */
  public Slice<Revision> revisions(SystemKey system, int page, int size) {
    return queries.revisions(system, page, size);
  }

  /** One page of the latest revisions of a tenant's systems, ordered by system id. */
  public Slice<Revision> systems(String tenant, int page, int size) {
    return queries.systems(tenant, page, size);
  }

  /**
   * Stored revisions numbered {@code fromRevision} or later, of one system or of every system of a
   * tenant, read lazily a chunk at a time so a replay of a large tenant never holds more than one.
   */
  public Iterable<Revision> replay(String tenant, SystemKey only, long fromRevision) {
    store(); // fails fast (503) while the index is not ready
    return queries.replay(tenant, only, fromRevision);
  }

  /** Revisions of every tenant as they are published from now on; subscribers filter theirs. */
  public Multi<Pushed> live() {
    return live;
  }

  private ReadOnlyKeyValueStore<String, String> store() {
    if (!isReady()) {
      throw notReady();
    }
    try {
      return streams
          .get()
          .store(
              StoreQueryParameters.fromNameAndType(
                  RevisionIndex.STORE, QueryableStoreTypes.keyValueStore()));
    } catch (InvalidStateStoreException e) {
      throw notReady();
    }
  }

  private static ProblemException notReady() {
    return new ProblemException(
        Problem.of(
            503,
            "Service Unavailable",
            "The report's stored revisions are not readable yet; retry shortly.",
            null));
  }
}
