package dev.dbarch.report.aggregation;

import dev.dbarch.contracts.kafka.JsonSerde;
import dev.dbarch.contracts.kafka.RecordLimits;
import dev.dbarch.contracts.kafka.Topics;
import dev.dbarch.report.ReportConfig;
import dev.dbarch.report.view.RecommendationView;
import dev.dbarch.report.view.RevisionIndex;
import dev.dbarch.servicekit.tracing.RecordTracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The report service's Kafka Streams topology:
 *
 * <pre>
 * dbarch.assessment-requests ─┐                                    ┌─► dbarch.recommendations (compacted)
 *                             ├─► aggregate ─ system-state store  ─┼─► dbarch.recommendation-history
 * dbarch.section-verdicts ────┘    (changelogged) + deadlines store └─► *.dlq (unreadable input,
 *                                                                         oversize revisions)
 *
 * dbarch.recommendation-history ─► recommendation-index (global RocksDB store, the read side)
 * </pre>
 *
 * Both inputs are keyed by system id and co-partitioned, so one task sees a system's requests and
 * verdicts in timestamp order. Run exactly-once: the published revision, the state change and the
 * input offsets commit together.
 */
@ApplicationScoped
public class ReportTopology {

  public static final String SYSTEM_STATE_STORE = "system-state";
  public static final String DEADLINES_STORE = "deadlines";

  static final String REQUESTS_SOURCE = "assessment-requests";
  static final String VERDICTS_SOURCE = "section-verdicts";
  static final String AGGREGATE = "aggregate";
  static final String RECOMMENDATIONS_SINK = "recommendations";
  static final String HISTORY_SINK = "recommendation-history";
  static final String VERDICTS_DLQ_SINK = "section-verdicts-dlq";
  static final String REQUESTS_DLQ_SINK = "assessment-requests-dlq";
  static final String RECOMMENDATIONS_DLQ_SINK = "recommendations-dlq";

  /**
   * How the aggregation keeps time, and the largest recommendation it publishes whole ({@link
   * RecordLimits#MAX_VALUE_BYTES}; larger ones are published without their sections, naming why).
   */
  public record Settings(
      Duration sectionDeadline,
      Duration deadlineCheckInterval,
      Duration unrequestedTtl,
      long maxRecordBytes) {
    public static final Settings DEFAULTS =
        new Settings(Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofMinutes(10));

    public Settings(
        Duration sectionDeadline, Duration deadlineCheckInterval, Duration unrequestedTtl) {
      this(sectionDeadline, deadlineCheckInterval, unrequestedTtl, RecordLimits.MAX_VALUE_BYTES);
    }
  }

  @Inject ReportConfig config;
  @Inject MeterRegistry registry;
  @Inject RecommendationView view;
  @Inject OpenTelemetry openTelemetry;

  @Produces
  public Topology topology() {
    Settings settings =
        new Settings(
            config.sectionDeadline(),
            config.deadlineCheckInterval(),
            config.unrequestedTtl(),
            config.maxRecordBytes());
    return build(settings, new MeteredListener(registry), view, new RecordTracing(openTelemetry));
  }

  public static Topology build(Settings settings, AggregationListener listener) {
    return build(settings, listener, RevisionIndex.Feed.NONE);
  }

  public static Topology build(
      Settings settings, AggregationListener listener, RevisionIndex.Feed feed) {
    return build(settings, listener, feed, RecordTracing.noop());
  }

  /**
   * The aggregation, plus the read side's on-disk index of the history it publishes. Kafka Streams
   * is not instrumented by Quarkus: {@code tracing} continues each input record's trace and carries
   * it onto the revisions it publishes.
   */
  public static Topology build(
      Settings settings,
      AggregationListener listener,
      RevisionIndex.Feed feed,
      RecordTracing tracing) {
    StoreBuilder<KeyValueStore<String, SystemState>> state =
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(SYSTEM_STATE_STORE),
            Serdes.String(),
            new JsonSerde<>(SystemState.class));
    StoreBuilder<KeyValueStore<String, String>> deadlines =
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(DEADLINES_STORE), Serdes.String(), Serdes.String());

    Topology topology = new Topology();
    topology.addSource(
        REQUESTS_SOURCE,
        Serdes.String().deserializer(),
        Serdes.String().deserializer(),
        Topics.ASSESSMENT_REQUESTS);
    topology.addSource(
        VERDICTS_SOURCE,
        Serdes.String().deserializer(),
        Serdes.String().deserializer(),
        Topics.SECTION_VERDICTS);
    topology.addProcessor(
        AGGREGATE,
        () -> new AggregateProcessor(settings, listener, tracing),
        REQUESTS_SOURCE,
        VERDICTS_SOURCE);
    topology.addStateStore(state, AGGREGATE);
    topology.addStateStore(deadlines, AGGREGATE);
    sink(topology, RECOMMENDATIONS_SINK, Topics.RECOMMENDATIONS);
    sink(topology, HISTORY_SINK, Topics.RECOMMENDATION_HISTORY);
    sink(topology, VERDICTS_DLQ_SINK, Topics.SECTION_VERDICTS_DLQ);
    sink(topology, REQUESTS_DLQ_SINK, Topics.ASSESSMENT_REQUESTS_DLQ);
    sink(topology, RECOMMENDATIONS_DLQ_SINK, Topics.RECOMMENDATIONS_DLQ);
    RevisionIndex.addTo(topology, feed, tracing);
    return topology;
  }

  private static void sink(Topology topology, String name, String topic) {
    topology.addSink(
        name, topic, Serdes.String().serializer(), Serdes.String().serializer(), AGGREGATE);
  }
}
