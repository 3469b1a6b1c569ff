package dev.dbarch.migration.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbarch.contracts.events.Section;
import dev.dbarch.contracts.requirements.Requirements;
import dev.dbarch.testsupport.KafkaTestClient;
import dev.dbarch.testsupport.KafkaTestResource;
import dev.dbarch.testsupport.SpecialistChecks;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The packaged migration service on a real broker. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class MigrationServiceTest {

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @Test
  void answersAnAssessmentRequestWithTheMigrationVerdict() {
    try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
      JsonNode verdict =
          SpecialistChecks.verdictFor(
              kafka, Section.MIGRATION, Requirements.named("migration-sys", "Migration"));
      assertThat(verdict.path("systemId").asText()).isEqualTo("migration-sys");
      assertThat(verdict.path("decisions").findValuesAsText("ruleId")).contains("MIG-PHASE-002");
      assertThat(verdict.path("assumptions").findValuesAsText("fact")).contains("data volume");
    }
  }

  @Test
  void deadLettersAnUnreadableRecordAndKeepsConsuming() {
    try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
      SpecialistChecks.deadLettersPoisonAndKeepsGoing(kafka, Section.MIGRATION);
    }
  }

  @Test
  void reportsHealthAndPrometheusMetrics() {
    given().get("/q/health/ready").then().statusCode(200).body(containsString("UP"));
    given().get("/q/metrics").then().statusCode(200).body(containsString("kafka_"));
  }
}
