package dev.dbarch.report.aggregation;

import dev.dbarch.contracts.kafka.JsonSerde;
import dev.dbarch.contracts.kafka.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The report service's Kafka Streams topology:
 *
 * <pre>
 * dbarch.section-verdicts ─► aggregate (system state store, changelogged) ─┬─► dbarch.recommendations
 *                                                                         └─► dbarch.section-verdicts.dlq
 * dbarch.recommendations ─► latest-recommendations (global store, serves REST)
 * </pre>
 *
 * Run with exactly-once processing, the published recommendation, the state change and the input
 * offset commit succeed or fail together.
 */
@ApplicationScoped
public class ReportTopology {

  public static final String SYSTEM_STATE_STORE = "system-state";
  public static final String LATEST_STORE = "latest-recommendations";

  static final String VERDICTS_SOURCE = "section-verdicts";
  static final String AGGREGATE = "aggregate";
  static final String RECOMMENDATIONS_SINK = "recommendations";
  static final String DEAD_LETTER_SINK = "dead-letters";

  @Produces
  public Topology topology() {
    return build();
  }

  public static Topology build() {
    StoreBuilder<KeyValueStore<String, SystemState>> state =
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(SYSTEM_STATE_STORE),
            Serdes.String(),
            new JsonSerde<>(SystemState.class));
    // Served from a global store so every instance can answer for every system.
    StoreBuilder<KeyValueStore<String, String>> latest =
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(LATEST_STORE), Serdes.String(), Serdes.String())
            .withLoggingDisabled();

    Topology topology = new Topology();
    topology.addSource(
        VERDICTS_SOURCE,
        Serdes.String().deserializer(),
        Serdes.String().deserializer(),
        Topics.SECTION_VERDICTS);
    topology.addProcessor(AGGREGATE, AggregateProcessor::new, VERDICTS_SOURCE);
    topology.addStateStore(state, AGGREGATE);
    topology.addSink(
        RECOMMENDATIONS_SINK,
        Topics.RECOMMENDATIONS,
        Serdes.String().serializer(),
        Serdes.String().serializer(),
        AGGREGATE);
    topology.addSink(
        DEAD_LETTER_SINK,
        Topics.SECTION_VERDICTS_DLQ,
        Serdes.String().serializer(),
        Serdes.String().serializer(),
        AGGREGATE);
    topology.addGlobalStore(
        latest,
        "latest-recommendations-source",
        Serdes.String().deserializer(),
        Serdes.String().deserializer(),
        Topics.RECOMMENDATIONS,
        "latest-recommendations-update",
        LatestRecommendationUpdater::new);
    return topology;
  }
}
