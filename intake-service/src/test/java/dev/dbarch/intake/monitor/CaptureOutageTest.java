package dev.dbarch.intake.monitor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.kafka.Topics;
import dev.dbarch.intake.outage.OutageKafkaResource;
import dev.dbarch.testsupport.KafkaTestClient;
import dev.dbarch.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Debezium at least once, on a real broker (in its own process, stopped and started again) and a
 * real PostgreSQL: a burst of DDL run while the broker is down is not dropped when its publication
 * fails; the capture reads DEGRADED, retries, and once the broker is back publishes the burst as
 * one change, exactly one schema change per sequence, with its re-assessment.
 */
@QuarkusTest
@WithTestResource(OutageKafkaResource.class)
class CaptureOutageTest {

  static final String ADMIN = TestTokens.token("admin");
  static final String SYSTEM = "outage-shop";
  static final String KEY = TestTokens.TENANT + "/" + SYSTEM;
  static EmbeddedPostgres17 postgres;
  static Path passwordFile;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres = new EmbeddedPostgres17();
    passwordFile = TestSecrets.file("capture-outage.password", "pw-" + UUID.randomUUID());
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    postgres.close();
    Files.deleteIfExists(passwordFile);
  }

  private static String capture() {
    return given()
        .auth()
        .oauth2(ADMIN)
        .get("/api/v1/monitors/{id}", SYSTEM)
        .then()
        .statusCode(200)
        .extract()
        .path("capture");
  }

  @Test
  void aBurstCapturedWhileTheBrokerIsDownIsRetriedAndPublishedOnceAsOneChange() throws Exception {
    postgres.execute("CREATE TABLE customers (id integer PRIMARY KEY)");
    given()
        .auth()
        .oauth2(ADMIN)
        .contentType("application/json")
        .body(
            """
            {"systemId":"%s","engine":"POSTGRESQL","host":"localhost","port":%d,
             "database":"postgres","user":"postgres","passwordRef":"file:%s"}"""
                .formatted(SYSTEM, postgres.port(), passwordFile))
        .post("/api/v1/monitors")
        .then()
        .statusCode(201);
    await()
        .atMost(Duration.ofSeconds(120))
        .untilAsserted(
            () ->
                given()
                    .auth()
                    .oauth2(ADMIN)
                    .get("/api/v1/monitors/{id}", SYSTEM)
                    .then()
                    .body("capture", equalTo("RUNNING")));

    long stoppedAt = System.nanoTime();
    String degraded;
    OutageKafkaResource.stopBroker();
    try {
      postgres.execute(
          "CREATE TABLE during_outage_a (id integer PRIMARY KEY)",
          "CREATE TABLE during_outage_b (id integer PRIMARY KEY)",
          "CREATE INDEX during_outage_b_idx ON during_outage_b (id)");
      // The publication fails (the broker refuses connections): the rows are kept, not dropped.
      degraded =
          await()
              .atMost(Duration.ofSeconds(60))
              .until(CaptureOutageTest::capture, c -> c != null && c.startsWith("DEGRADED"));
      // Let it fail a few more times, so the back-off is exercised.
      await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(6)).until(() -> true);
    } finally {
      OutageKafkaResource.startBroker();
    }

    try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
      ConsumerRecord<String, String> change =
          kafka
              .await(
                  Topics.SCHEMA_CHANGES,
                  r -> KEY.equals(r.key()) && r.value().contains("during_outage_b_idx"),
                  1,
                  Duration.ofSeconds(180))
              .get(0);
      double recovered = (System.nanoTime() - stoppedAt) / 1e9;
      kafka.await(
          Topics.ASSESSMENT_REQUESTS,
          r -> KEY.equals(r.key()) && r.value().contains("during_outage_b_idx"),
          1,
          Duration.ofSeconds(60));
      // The whole burst is one change.
      assertThat(Json.mapper().readTree(change.value()).path("change").path("ddl").toString())
          .contains("during_outage_a")
          .contains("during_outage_b (id integer")
          .contains("during_outage_b_idx");
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  given()
                      .auth()
                      .oauth2(ADMIN)
                      .get("/api/v1/monitors/{id}", SYSTEM)
                      .then()
                      .body("capture", equalTo("RUNNING")));

      // Nothing is published twice: one schema change per sequence, and the burst in one of them.
      List<ConsumerRecord<String, String>> changes =
          kafka.readAll(Topics.SCHEMA_CHANGES).stream().filter(r -> KEY.equals(r.key())).toList();
      Map<Long, Long> perSequence =
          changes.stream()
              .collect(
                  Collectors.groupingBy(
                      r -> tree(r.value()).path("sequence").asLong(), Collectors.counting()));
      long carryingTheBurst =
          changes.stream().filter(r -> r.value().contains("during_outage_a")).count();
      System.out.printf(
          "capture outage: while down the capture read '%s'; burst published %.1f s after the"
              + " broker stopped; %d schema changes, per sequence %s; changes carrying the burst"
              + " %d%n",
          degraded, recovered, changes.size(), perSequence, carryingTheBurst);
      assertThat(degraded)
          .isEqualTo(
              "DEGRADED: cannot publish the schema change, retrying: the broker did not acknowledge it");
      assertThat(perSequence.values()).allMatch(n -> n == 1);
      assertThat(carryingTheBurst).isEqualTo(1);
    }
    given()
        .auth()
        .oauth2(ADMIN)
        .get("/api/v1/monitors/{id}", SYSTEM)
        .then()
        .body("capture", startsWith("RUNNING"));
  }

  private static com.fasterxml.jackson.databind.JsonNode tree(String json) {
    try {
      return Json.mapper().readTree(json);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
