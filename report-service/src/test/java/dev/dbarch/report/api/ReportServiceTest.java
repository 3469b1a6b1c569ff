package dev.dbarch.report.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.dbarch.contracts.events.Section;
import dev.dbarch.contracts.kafka.EventHeaders;
import dev.dbarch.contracts.kafka.Topics;
import dev.dbarch.report.TestVerdicts;
import dev.dbarch.testsupport.KafkaTestClient;
import dev.dbarch.testsupport.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The report service on a real broker: aggregate, publish, serve, dead-letter. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class ReportServiceTest {

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @Test
  void fiveVerdictsBecomeOneRecommendationOnTheTopicAndOverRest() {
    String systemId = "sys-" + UUID.randomUUID().toString().substring(0, 8);
    String assessmentId = UUID.randomUUID().toString();
    try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
      for (Section section : Section.values()) {
        kafka.send(
            Topics.SECTION_VERDICTS,
            systemId,
            TestVerdicts.json(systemId, assessmentId, section),
            Map.of());
      }
      var record =
          kafka
              .await(
                  Topics.RECOMMENDATIONS, r -> systemId.equals(r.key()), 1, Duration.ofSeconds(30))
              .get(0);
      assertThat(record.value())
          .contains("\"assessmentId\":\"" + assessmentId + "\"")
          .contains("\"revision\":1");
      assertThat(KafkaTestClient.header(record, EventHeaders.ID)).isEqualTo(systemId + ":1");
    }

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                given()
                    .get("/api/v1/systems/{id}/recommendation", systemId)
                    .then()
                    .statusCode(200)
                    .contentType("application/json")
                    .body("assessmentId", equalTo(assessmentId))
                    .body("complete", equalTo(true))
                    .body("sections.size()", equalTo(5)));
    given()
        .accept("text/markdown")
        .get("/api/v1/systems/{id}/recommendation", systemId)
        .then()
        .statusCode(200)
        .contentType(containsString("text/markdown"))
        .body(startsWith("## Database Architecture Recommendation: System " + systemId));
  }

  @Test
  void unknownSystemIsA404Problem() {
    given()
        .get("/api/v1/systems/{id}/recommendation", "never-submitted")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", containsString("never-submitted"));
  }

  @Test
  void poisonVerdictIsDeadLetteredAndTheStreamKeepsGoing() {
    String marker = UUID.randomUUID().toString();
    String systemId = "after-poison-" + marker.substring(0, 8);
    try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
      kafka.send(Topics.SECTION_VERDICTS, "poisoned", "{\"" + marker + "\":", Map.of());
      var dead =
          kafka
              .await(
                  Topics.SECTION_VERDICTS_DLQ,
                  r -> r.value() != null && r.value().contains(marker),
                  1,
                  Duration.ofSeconds(30))
              .get(0);
      assertThat(KafkaTestClient.header(dead, EventHeaders.DEAD_LETTER_REASON))
          .contains("not a section verdict");

      String assessmentId = UUID.randomUUID().toString();
      for (Section section : Section.values()) {
        kafka.send(
            Topics.SECTION_VERDICTS,
            systemId,
            TestVerdicts.json(systemId, assessmentId, section),
            Map.of());
      }
      kafka.await(Topics.RECOMMENDATIONS, r -> systemId.equals(r.key()), 1, Duration.ofSeconds(30));
    }
  }

  @Test
  void reportsKafkaStreamsHealthAndMetrics() {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                given()
                    .get("/q/health/ready")
                    .then()
                    .statusCode(200)
                    .body(containsString("Kafka Streams")));
    given().get("/q/metrics").then().statusCode(200).body(containsString("kafka_stream"));
  }
}
