package dev.dbarch.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.events.AssessmentRequested;
import dev.dbarch.contracts.events.Section;
import dev.dbarch.contracts.events.Trigger;
import dev.dbarch.contracts.kafka.EventHeaders;
import dev.dbarch.contracts.kafka.Topics;
import dev.dbarch.contracts.requirements.Requirements;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The behaviour every specialist service must show on a real broker, as plain checks a service's
 * own {@code @QuarkusTest} calls: it answers a request with its section's verdict, and it
 * dead-letters an unreadable record with the reason and keeps consuming.
 */
public final class SpecialistChecks {

  private static final Duration WAIT = Duration.ofSeconds(30);

  /** The tenant the checks' requests belong to. */
  static final String TENANT = "checks";

  private SpecialistChecks() {}

  /** Sends the request and returns the verdict this specialist published for it. */
  public static JsonNode verdictFor(
      KafkaTestClient kafka, Section section, Requirements requirements) {
    AssessmentRequested request =
        new AssessmentRequested(
            TENANT,
            UUID.randomUUID().toString(),
            requirements.systemId(),
            Trigger.SUBMITTED,
            Instant.parse("2026-01-01T00:00:00Z"),
            requirements,
            null);
    kafka.send(
        Topics.ASSESSMENT_REQUESTS, request.systemKey().toString(), Json.toJson(request), Map.of());
    ConsumerRecord<String, String> record =
        kafka
            .await(
                Topics.SECTION_VERDICTS,
                r ->
                    r.value().contains(request.assessmentId())
                        && r.value().contains("\"section\":\"" + section.name() + "\""),
                1,
                WAIT)
            .get(0);
    assertThat(record.key())
        .as("verdicts are keyed by tenant/systemId")
        .isEqualTo(TENANT + "/" + request.systemId());
    assertThat(record.value()).contains("\"tenant\":\"" + TENANT + "\"");
    assertThat(KafkaTestClient.header(record, EventHeaders.DATA_SCHEMA))
        .isEqualTo("urn:dbarch:schema:dev.dbarch.section.verdict:v4");
    assertThat(KafkaTestClient.header(record, EventHeaders.TYPE))
        .isEqualTo("dev.dbarch.section.verdict");
    assertThat(KafkaTestClient.header(record, EventHeaders.SOURCE)).isEqualTo(section.specialist());
    assertThat(KafkaTestClient.header(record, EventHeaders.ID)).isNotBlank();
    try {
      return Json.mapper().readTree(record.value());
    } catch (Exception e) {
      throw new AssertionError("verdict is not JSON: " + record.value(), e);
    }
  }

  /**
   * Sends an unreadable record, expects it on the dead-letter topic with a reason, then proves the
   * consumer is not stuck by getting a verdict for a valid request sent after it.
   */
  public static void deadLettersPoisonAndKeepsGoing(KafkaTestClient kafka, Section section) {
    String marker = "poison-" + UUID.randomUUID();
    kafka.send(
        Topics.ASSESSMENT_REQUESTS, "checks/poisoned-system", "{\"" + marker + "\": ", Map.of());
    ConsumerRecord<String, String> dead =
        kafka
            .await(
                Topics.ASSESSMENT_REQUESTS_DLQ,
                r -> r.value() != null && r.value().contains(marker),
                1,
                WAIT)
            .get(0);
    assertThat(KafkaTestClient.header(dead, EventHeaders.DEAD_LETTER_REASON))
        .as("dead-letter reason header")
        .contains(section.specialist())
        .contains("not an assessment request");
    JsonNode verdict =
        verdictFor(
            kafka, section, Requirements.named("after-poison", "Sent after a poison record"));
    assertThat(verdict.path("section").asText()).isEqualTo(section.name());
  }
}
