package dev.dbarch.report.aggregation;

import static dev.dbarch.report.TestVerdicts.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.events.Section;
import dev.dbarch.contracts.kafka.EventHeaders;
import dev.dbarch.contracts.kafka.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The aggregation topology, driven record by record. */
class ReportTopologyTest {

  @TempDir Path stateDir;

  private TopologyTestDriver driver;
  private TestInputTopic<String, String> verdicts;
  private TestOutputTopic<String, String> recommendations;
  private TestOutputTopic<String, String> deadLetters;

  @BeforeEach
  void start() {
    driver = newDriver();
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  private TopologyTestDriver newDriver() {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "report-service-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    TopologyTestDriver d = new TopologyTestDriver(ReportTopology.build(), props);
    verdicts =
        d.createInputTopic(Topics.SECTION_VERDICTS, new StringSerializer(), new StringSerializer());
    recommendations =
        d.createOutputTopic(
            Topics.RECOMMENDATIONS, new StringDeserializer(), new StringDeserializer());
    deadLetters =
        d.createOutputTopic(
            Topics.SECTION_VERDICTS_DLQ, new StringDeserializer(), new StringDeserializer());
    return d;
  }

  private void sendAll(String systemId, String assessmentId, Section... sections) {
    for (Section section : sections) {
      verdicts.pipeInput(systemId, json(systemId, assessmentId, section));
    }
  }

  @Test
  void publishesOneRecommendationWhenTheFifthSectionArrives() throws Exception {
    sendAll(
        "shop",
        "a-1",
        Section.SELECTION,
        Section.PERFORMANCE,
        Section.RESILIENCE,
        Section.SECURITY);
    assertThat(recommendations.isEmpty()).as("nothing before the fifth section").isTrue();

    sendAll("shop", "a-1", Section.MIGRATION);
    TestRecord<String, String> record = recommendations.readRecord();
    assertThat(record.key()).isEqualTo("shop");
    JsonNode rec = Json.mapper().readTree(record.value());
    assertThat(rec.path("revision").asLong()).isEqualTo(1);
    assertThat(rec.path("complete").asBoolean()).isTrue();
    assertThat(rec.path("assessmentId").asText()).isEqualTo("a-1");
    assertThat(rec.path("sections").findValuesAsText("section"))
        .containsExactly("SELECTION", "PERFORMANCE", "RESILIENCE", "SECURITY", "MIGRATION");
    assertThat(rec.path("markdown").asText())
        .startsWith("## Database Architecture Recommendation: System shop");
    assertThat(header(record, EventHeaders.ID)).isEqualTo("shop:1");
    assertThat(header(record, EventHeaders.TYPE)).isEqualTo("dev.dbarch.recommendation");
    assertThat(recommendations.isEmpty()).isTrue();
  }

  @Test
  void revisionsGrowPerSystemAndAssessmentsDoNotMix() throws Exception {
    // Two assessments of one system and one of another, interleaved.
    for (Section section : Section.values()) {
      verdicts.pipeInput("shop", json("shop", "a-1", section));
      verdicts.pipeInput("shop", json("shop", "a-2", section));
      verdicts.pipeInput("erp", json("erp", "b-1", section));
    }
    List<JsonNode> published =
        recommendations.readValuesToList().stream().map(ReportTopologyTest::parse).toList();
    assertThat(published)
        .extracting(
            r ->
                r.path("systemId").asText()
                    + "/"
                    + r.path("assessmentId").asText()
                    + "@"
                    + r.path("revision").asLong())
        .containsExactly("shop/a-1@1", "shop/a-2@2", "erp/b-1@1");
  }

  @Test
  void aRedeliveredVerdictNeitherRepublishesNorCorrupts() {
    sendAll("shop", "a-1", Section.values());
    sendAll("shop", "a-1", Section.MIGRATION, Section.SELECTION);
    assertThat(recommendations.readValuesToList()).hasSize(1);

    // A duplicate section within a pending assessment replaces, never double-counts.
    sendAll(
        "shop",
        "a-2",
        Section.SELECTION,
        Section.SELECTION,
        Section.PERFORMANCE,
        Section.RESILIENCE,
        Section.SECURITY);
    assertThat(recommendations.isEmpty()).isTrue();
    sendAll("shop", "a-2", Section.MIGRATION);
    assertThat(parse(recommendations.readValue()).path("revision").asLong()).isEqualTo(2);
  }

  @Test
  void unreadableVerdictsAreDeadLetteredWithTheReasonAndProcessingContinues() {
    verdicts.pipeInput("shop", "{\"broken\":");
    verdicts.pipeInput("other-key", json("shop", "a-1", Section.SELECTION));
    verdicts.pipeInput("shop", (String) null);
    sendAll("shop", "a-1", Section.values());

    List<TestRecord<String, String>> dead = deadLetters.readRecordsToList();
    assertThat(dead).hasSize(3);
    assertThat(header(dead.get(0), EventHeaders.DEAD_LETTER_REASON))
        .contains("not a section verdict");
    assertThat(header(dead.get(0), EventHeaders.DEAD_LETTER_TOPIC))
        .isEqualTo(Topics.SECTION_VERDICTS);
    assertThat(header(dead.get(0), EventHeaders.DEAD_LETTER_OFFSET)).isEqualTo("0");
    assertThat(dead.get(0).value()).isEqualTo("{\"broken\":");
    assertThat(header(dead.get(1), EventHeaders.DEAD_LETTER_REASON))
        .contains("key 'other-key' differs");
    assertThat(header(dead.get(2), EventHeaders.DEAD_LETTER_REASON)).contains("empty value");
    assertThat(recommendations.readValuesToList()).hasSize(1);
  }

  @Test
  void theSameVerdictsGiveByteIdenticalRecommendations() throws Exception {
    sendAll("shop", "a-1", Section.values());
    String first = recommendations.readValue();
    driver.close();
    Files.walk(stateDir)
        .sorted(java.util.Comparator.reverseOrder())
        .filter(p -> !p.equals(stateDir))
        .forEach(p -> p.toFile().delete());
    driver = newDriver();
    sendAll("shop", "a-1", Section.values());
    assertThat(recommendations.readValue()).isEqualTo(first);
  }

  private static String header(TestRecord<String, String> record, String name) {
    return EventHeaders.get(record.headers(), name);
  }

  private static JsonNode parse(String json) {
    try {
      return Json.mapper().readTree(json);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
