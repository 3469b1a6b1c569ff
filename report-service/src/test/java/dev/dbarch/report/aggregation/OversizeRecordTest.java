package dev.dbarch.report.aggregation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.events.Recommendation;
import dev.dbarch.contracts.events.Risk;
import dev.dbarch.contracts.events.Section;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.contracts.kafka.EventHeaders;
import dev.dbarch.contracts.kafka.TopicAdmin;
import dev.dbarch.contracts.kafka.Topics;
import dev.dbarch.report.TestVerdicts;
import dev.dbarch.testsupport.KafkaTestClient;
import dev.dbarch.testsupport.TestKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One system's oversize revision does not stop everyone (issue 9): on a real broker, a revision
 * over the aggregation's limit goes out incomplete naming the reason (exactly once, as the service
 * runs), and a record the producer refuses as too large is dead-lettered by {@link
 * OversizeRecordHandler} (at least once, see below); in both cases the stream thread keeps running
 * and the next system gets its complete revision.
 */
class OversizeRecordTest {

  /**
   * Each padded verdict carries this many extra risks of 1 kB (many small items, as the findings of
   * a large schema are): five make a revision of about 5 x 2 x 60 kB.
   */
  private static final int PADDING_RISKS = 60;

  @TempDir static Path stateDir;
  private static TestKafka kafka;
  private static KafkaTestClient client;

  @BeforeAll
  static void broker() {
    kafka = TestKafka.start();
    client = new KafkaTestClient(kafka.bootstrapServers());
    TopicAdmin.ensureTopics(Map.of("bootstrap.servers", kafka.bootstrapServers()), 2, (short) 1);
  }

  @AfterAll
  static void stop() {
    client.close();
    kafka.close();
  }

  private KafkaStreams streams(
      String name, long maxRecordBytes, int producerMaxRequestSize, String guarantee) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "report-oversize-" + name);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve(name).toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
    props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    props.put("consumer.auto.offset.reset", "earliest");
    props.put(
        StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
        producerMaxRequestSize);
    props.put(
        StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
        OversizeRecordHandler.class.getName());
    ReportTopology.Settings settings =
        new ReportTopology.Settings(
            Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofMinutes(10), maxRecordBytes);
    return new KafkaStreams(ReportTopology.build(settings, AggregationListener.NONE), props);
  }

  @Test
  void aRevisionOverTheLimitIsPublishedIncompleteNamingWhyAndTheNextSystemGoesOn()
      throws Exception {
    // 400 kB: over the revision (~600 kB with its document), not the pending state (four verdicts
    // of ~60 kB before the fifth completes it), so the revision's own check is what acts.
    try (KafkaStreams streams =
        streams("limit", 400_000, 8 * 1024 * 1024, StreamsConfig.EXACTLY_ONCE_V2)) {
      streams.start();
      submit("t1", "huge-doc", "a-huge", true);
      submit("t1", "small-after", "a-small", false);

      Recommendation huge = revisionOf("t1/huge-doc");
      assertThat(huge.complete()).isFalse();
      assertThat(huge.missingSections()).containsExactly(Section.values());
      assertThat(huge.markdown())
          .contains("too large to publish")
          .contains("over the record limit of 400000 bytes")
          .contains("largest: ");
      Recommendation small = revisionOf("t1/small-after");
      assertThat(small.complete()).isTrue();
      assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);

      ConsumerRecord<String, String> dead =
          client
              .await(
                  Topics.RECOMMENDATIONS_DLQ,
                  r -> r.key().equals("t1/huge-doc"),
                  1,
                  Duration.ofSeconds(30))
              .get(0);
      assertThat(dead.value()).isNull();
      assertThat(KafkaTestClient.header(dead, EventHeaders.DEAD_LETTER_REASON))
          .startsWith("report-service: revision 1 is ")
          .contains("over the record limit of 400000 bytes");
      assertThat(KafkaTestClient.header(dead, EventHeaders.DEAD_LETTER_TOPIC))
          .isEqualTo(Topics.RECOMMENDATIONS);
    }
  }

  @Test
  void aPendingStateOverTheLimitClosesTheAssessmentInsteadOfStoppingTheThread() throws Exception {
    // Verdicts of ~100 kB each: after the second the system's state passes the aggregation's
    // 200 kB limit, after the third the changelog producer's 250 kB. Under exactly-once a state
    // entry the producer refuses stops the stream thread; the aggregation's check comes first.
    try (KafkaStreams streams = streams("state", 200_000, 250_000, StreamsConfig.EXACTLY_ONCE_V2)) {
      streams.start();
      String key = "t3/big-state";
      client.send(
          Topics.ASSESSMENT_REQUESTS,
          key,
          TestVerdicts.requestJson("t3", "big-state", "a-big-state"),
          Map.of());
      for (Section section : Section.values()) {
        SectionVerdict verdict = TestVerdicts.verdict("t3", "big-state", "a-big-state", section);
        client.send(Topics.SECTION_VERDICTS, key, Json.toJson(padded(verdict, 100)), Map.of());
      }
      submit("t3", "small-after", "a-small-after", false);

      Recommendation closed = revisionOf(key);
      assertThat(closed.complete()).isFalse();
      assertThat(closed.revision()).isEqualTo(1);
      assertThat(closed.missingSections()).containsExactly(Section.values());
      assertThat(closed.markdown())
          .contains("too large to publish")
          .contains("pending state of assessment a-big-state")
          .contains("over the record limit of 200000 bytes");
      assertThat(revisionOf("t3/small-after").complete()).isTrue();
      assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);

      ConsumerRecord<String, String> dead =
          client
              .await(
                  Topics.RECOMMENDATIONS_DLQ, r -> r.key().equals(key), 1, Duration.ofSeconds(30))
              .get(0);
      assertThat(KafkaTestClient.header(dead, EventHeaders.DEAD_LETTER_REASON))
          .startsWith("report-service: pending state of assessment a-big-state")
          .contains("over the record limit of 200000 bytes");
      assertThat(KafkaTestClient.header(dead, EventHeaders.DEAD_LETTER_TOPIC))
          .isEqualTo(ReportTopology.SYSTEM_STATE_STORE);
      // The verdicts that came after the close are ignored: one revision only.
      Thread.sleep(2_000);
      assertThat(client.readAll(Topics.RECOMMENDATION_HISTORY))
          .filteredOn(r -> r.key().equals(key))
          .hasSize(1);
    }
  }

  @Test
  void aRecordTheProducerRefusesIsDeadLetteredAndTheStreamThreadKeepsRunning() throws Exception {
    // The aggregation's own limit is not reached; the producer's (300 kB here) is. At least once:
    // under exactly_once_v2 Kafka 4.1's transactional producer enters an abortable error state on
    // a refused record whatever the handler answers, so there it is the aggregation's own check
    // (the test above, set just under the producer's limit) that keeps the thread running.
    try (KafkaStreams streams =
        streams("producer", 64L * 1024 * 1024, 300_000, StreamsConfig.AT_LEAST_ONCE)) {
      streams.start();
      submit("t2", "refused", "a-refused", true);
      submit("t2", "next-system", "a-next", false);

      Recommendation next = revisionOf("t2/next-system");
      assertThat(next.complete()).isTrue();
      assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
      List<ConsumerRecord<String, String>> dead =
          client.await(
              Topics.RECOMMENDATIONS_DLQ,
              r -> r.key().equals("t2/refused"),
              1,
              Duration.ofSeconds(30));
      assertThat(KafkaTestClient.header(dead.get(0), EventHeaders.DEAD_LETTER_REASON))
          .startsWith("report-service: a record of ")
          .contains("refused as too large")
          .contains("processing continued");
      assertThat(client.readAll(Topics.RECOMMENDATION_HISTORY))
          .noneMatch(r -> r.key().equals("t2/refused"));
      assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
    }
  }

  private Recommendation revisionOf(String key) {
    ConsumerRecord<String, String> record =
        client
            .await(
                Topics.RECOMMENDATION_HISTORY, r -> r.key().equals(key), 1, Duration.ofSeconds(60))
            .get(0);
    return Json.fromJson(record.value(), Recommendation.class);
  }

  private static void submit(String tenant, String systemId, String assessmentId, boolean padded) {
    String key = tenant + "/" + systemId;
    client.send(
        Topics.ASSESSMENT_REQUESTS,
        key,
        TestVerdicts.requestJson(tenant, systemId, assessmentId),
        Map.of());
    for (Section section : Section.values()) {
      SectionVerdict verdict = TestVerdicts.verdict(tenant, systemId, assessmentId, section);
      client.send(
          Topics.SECTION_VERDICTS, key, Json.toJson(padded ? padded(verdict) : verdict), Map.of());
    }
  }

  private static SectionVerdict padded(SectionVerdict v) {
    return padded(v, PADDING_RISKS);
  }

  private static SectionVerdict padded(SectionVerdict v, int paddingRisks) {
    List<Risk> risks = new ArrayList<>(v.risks());
    for (int i = 0; i < paddingRisks; i++) {
      risks.add(
          new Risk(
              v.section().name() + "-PAD-" + i,
              "padding " + i + " " + "x".repeat(1000),
              Risk.Level.LOW,
              Risk.Level.LOW,
              "none"));
    }
    return v.withRisks(risks);
  }
}
