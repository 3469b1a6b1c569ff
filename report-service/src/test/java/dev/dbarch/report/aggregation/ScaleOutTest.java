package dev.dbarch.report.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.events.Recommendation;
import dev.dbarch.contracts.events.Section;
import dev.dbarch.contracts.kafka.TopicAdmin;
import dev.dbarch.contracts.kafka.Topics;
import dev.dbarch.report.TestVerdicts;
import dev.dbarch.testsupport.KafkaTestClient;
import dev.dbarch.testsupport.TestKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of the aggregation on a real broker share the partitions: both do part of the work,
 * and every assessment is published exactly once.
 */
class ScaleOutTest {

  private static final int SYSTEMS = 40;

  @TempDir Path stateDir;

  /** Counts what one instance published. */
  static final class Counting implements AggregationListener {
    final AtomicInteger published = new AtomicInteger();

    @Override
    public void published(Recommendation recommendation) {
      published.incrementAndGet();
    }
  }

  private KafkaStreams instance(String bootstrap, String name, Counting listener) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "report-scale-out-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve(name).toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    props.put("consumer.auto.offset.reset", "earliest");
    return new KafkaStreams(
        ReportTopology.build(ReportTopology.Settings.DEFAULTS, listener), props);
  }

  @Test
  void twoInstancesSplitTheWorkAndPublishEachAssessmentOnce() {
    try (TestKafka kafka = TestKafka.start();
        KafkaTestClient client = new KafkaTestClient(kafka.bootstrapServers())) {
      TopicAdmin.ensureTopics(Map.of("bootstrap.servers", kafka.bootstrapServers()), 4, (short) 1);
      Counting first = new Counting();
      Counting second = new Counting();
      try (KafkaStreams a = instance(kafka.bootstrapServers(), "a", first);
          KafkaStreams b = instance(kafka.bootstrapServers(), "b", second)) {
        a.start();
        b.start();
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    a.state() == KafkaStreams.State.RUNNING
                        && b.state() == KafkaStreams.State.RUNNING);
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    activeTasks(a) > 0
                        && activeTasks(b) > 0
                        && activeTasks(a) + activeTasks(b) == 4);

        for (int i = 0; i < SYSTEMS; i++) {
          String systemId = "scale-" + i;
          String tenant = i % 2 == 0 ? "even" : "odd";
          client.send(
              Topics.ASSESSMENT_REQUESTS,
              tenant + "/" + systemId,
              TestVerdicts.requestJson(tenant, systemId, "a-" + i),
              Map.of());
          for (Section section : Section.values()) {
            client.send(
                Topics.SECTION_VERDICTS,
                tenant + "/" + systemId,
                TestVerdicts.json(tenant, systemId, "a-" + i, section),
                Map.of());
          }
        }
        List<ConsumerRecord<String, String>> published =
            client.await(
                Topics.RECOMMENDATION_HISTORY,
                r -> r.key().contains("/scale-"),
                SYSTEMS,
                Duration.ofSeconds(60));
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> first.published.get() + second.published.get() == SYSTEMS);

        assertThat(first.published.get()).as("first instance's share").isPositive();
        assertThat(second.published.get()).as("second instance's share").isPositive();
        Map<String, Long> perSystem =
            published.stream()
                .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
        assertThat(perSystem)
            .hasSize(SYSTEMS)
            .allSatisfy((system, count) -> assertThat(count).isEqualTo(1));
        assertThat(published)
            .allSatisfy(
                r ->
                    assertThat(Json.fromJson(r.value(), Recommendation.class).revision())
                        .isEqualTo(1));
      }
    }
  }

  private static int activeTasks(KafkaStreams streams) {
    return streams.metadataForLocalThreads().stream().mapToInt(t -> t.activeTasks().size()).sum();
  }
}
