package dev.dbarch.intake.monitor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.dbarch.contracts.kafka.Topics;
import dev.dbarch.intake.outage.OutageKafkaResource;
import dev.dbarch.testsupport.KafkaTestClient;
import dev.dbarch.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Debezium at least once: DDL captured while the broker is down is published once the broker is
 * back, exactly once on the schema-changes topic, with its re-assessment requested.
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
    passwordFile = Files.createTempFile("dbarch-pw", ".txt");
    Files.writeString(passwordFile, "pw-" + UUID.randomUUID() + "\n");
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    postgres.close();
    Files.deleteIfExists(passwordFile);
  }

  @Test
  void ddlCapturedDuringABrokerOutageIsPublishedOnceWhenTheBrokerReturns() throws Exception {
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

    OutageKafkaResource.stopBroker();
    try {
      postgres.execute("CREATE TABLE during_outage (id integer PRIMARY KEY)");
      // Long enough for the capture to read the row and fail to publish it at least once.
      await().pollDelay(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(9)).until(() -> true);
    } finally {
      OutageKafkaResource.startBroker();
    }

    try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
      kafka.await(
          Topics.SCHEMA_CHANGES,
          r -> KEY.equals(r.key()) && r.value().contains("CREATE TABLE during_outage"),
          1,
          Duration.ofSeconds(180));
      kafka.await(
          Topics.ASSESSMENT_REQUESTS,
          r -> r.key().equals(KEY) && r.value().contains("during_outage"),
          1,
          Duration.ofSeconds(60));
      long changes =
          kafka.readAll(Topics.SCHEMA_CHANGES).stream()
              .filter(r -> KEY.equals(r.key()) && r.value().contains("CREATE TABLE during_outage"))
              .count();
      System.out.printf(
          "capture outage: the DDL run during the outage published %d time(s)%n", changes);
      assertThat(changes).isEqualTo(1);
    }
  }
}
