package dev.dbarch.intake.monitor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.kafka.RecordLimits;
import dev.dbarch.contracts.kafka.Topics;
import dev.dbarch.testsupport.KafkaTestClient;
import dev.dbarch.testsupport.KafkaTestResource;
import dev.dbarch.testsupport.LargeSchemas;
import dev.dbarch.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * No size cliff (issue 12, ADR 0012): a generated schema of 5,000 tables and 200,000 columns goes
 * through both of intake's paths on a real broker, a DDL script in the requirements and the live
 * catalog of a registered PostgreSQL 17, and both assessment requests carry the same findings.
 * Sizes and times are printed for docs/operations.md ("Limits"). {@code -Ddbarch.scale.tables} runs
 * it smaller.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LargeSchemaTest {

  static final int TABLES = Integer.getInteger("dbarch.scale.tables", 5000);
  static final int COLUMNS = 40;
  static final String SUBMITTER = TestTokens.token("submitter");
  static final String ADMIN = TestTokens.token("admin");
  static final String PASSWORD = "pw-" + UUID.randomUUID();
  static final String SCRIPT = LargeSchemas.postgres(TABLES, COLUMNS, 12);

  static EmbeddedPostgres17 postgres;
  static Path passwordFile;
  static List<String> ddlFindings;
  static final List<String> measurements = new ArrayList<>();

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres = new EmbeddedPostgres17();
    passwordFile = TestSecrets.file("large-schema.password", PASSWORD);
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    measurements.forEach(System.out::println);
    postgres.close();
    Files.deleteIfExists(passwordFile);
  }

  @Test
  @Order(1)
  void aDdlScriptOfFiveThousandTablesIsAcceptedAndPublishedWhole() {
    String body =
        Json.toJson(
            Map.of(
                "systemId",
                "large-ddl",
                "name",
                "Large schema by script",
                "schema",
                Map.of("dialect", "POSTGRESQL", "ddl", SCRIPT)));
    long started = System.nanoTime();
    String assessmentId =
        given()
            .auth()
            .oauth2(SUBMITTER)
            .contentType("application/json")
            .body(body)
            .post("/api/v1/assessments")
            .then()
            .statusCode(202)
            .extract()
            .path("assessmentId");
    long acceptedMs = (System.nanoTime() - started) / 1_000_000;
    JsonNode request = awaitRequest("test/large-ddl", assessmentId);
    assertThat(request.path("schema").path("snapshot").path("tables").size()).isEqualTo(TABLES);
    assertThat(request.path("schema").path("unsupportedStatements").size()).isZero();
    ddlFindings = findings(request);
    assertThat(ddlFindings).isNotEmpty();
    measurements.add(
        String.format(
            "DDL path: script %d bytes (document %d bytes); POST answered 202 in %d ms;"
                + " assessment request %d bytes of JSON (limit %d), %d findings",
            SCRIPT.getBytes(StandardCharsets.UTF_8).length,
            body.getBytes(StandardCharsets.UTF_8).length,
            acceptedMs,
            lastSize,
            RecordLimits.MAX_VALUE_BYTES,
            ddlFindings.size()));
  }

  @Test
  @Order(2)
  void theSameSchemaReadLiveGivesTheSameFindings() throws Exception {
    long loadStarted = System.nanoTime();
    try (Connection connection = postgres.connect();
        Statement statement = connection.createStatement()) {
      // One transaction for 5,000 tables runs out of lock slots (max_locks_per_transaction), so the
      // script goes in batches of statements, each its own implicit transaction.
      String[] statements = SCRIPT.split(";\n");
      for (int from = 0; from < statements.length; from += 200) {
        int to = Math.min(statements.length, from + 200);
        statement.execute(String.join(";\n", List.of(statements).subList(from, to)) + ";");
      }
    }
    long loadMs = (System.nanoTime() - loadStarted) / 1_000_000;
    String registration =
        """
        {"systemId":"large-live","engine":"POSTGRESQL","host":"localhost","port":%d,
         "database":"postgres","user":"postgres","passwordRef":"file:%s"}"""
            .formatted(postgres.port(), passwordFile);
    long started = System.nanoTime();
    given()
        .auth()
        .oauth2(ADMIN)
        .contentType("application/json")
        .body(registration)
        .post("/api/v1/monitors")
        .then()
        .statusCode(201);
    long registeredMs = (System.nanoTime() - started) / 1_000_000;
    JsonNode request = awaitRequest("test/large-live", null);
    long schemaChangeSize;
    try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
      schemaChangeSize =
          kafka
              .await(
                  Topics.SCHEMA_CHANGES,
                  r -> r.key().equals("test/large-live"),
                  1,
                  Duration.ofSeconds(60))
              .get(0)
              .serializedValueSize();
    }
    assertThat(request.path("schema").path("snapshot").path("tables").size()).isEqualTo(TABLES);
    List<String> liveFindings = findings(request);
    measurements.add(
        String.format(
            "Live path: loaded into PostgreSQL 17 in %d ms; POST /api/v1/monitors answered 201 in"
                + " %d ms; schema change record %d bytes, assessment request %d bytes, %d findings",
            loadMs, registeredMs, schemaChangeSize, lastSize, liveFindings.size()));
    assertThat(ddlFindings).as("run in order: the DDL path first").isNotNull();
    assertThat(new TreeSet<>(liveFindings))
        .as("findings of the live catalog against those of the script")
        .isEqualTo(new TreeSet<>(ddlFindings));
    assertThat(liveFindings).hasSameSizeAs(ddlFindings);
  }

  private long lastSize;

  private JsonNode awaitRequest(String key, String assessmentId) {
    try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
      ConsumerRecord<String, String> record =
          kafka
              .await(
                  Topics.ASSESSMENT_REQUESTS,
                  r ->
                      r.key().equals(key)
                          && (assessmentId == null || r.value().contains(assessmentId)),
                  1,
                  Duration.ofSeconds(120))
              .get(0);
      lastSize = record.serializedValueSize();
      return Json.mapper().readTree(record.value());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Rule, table and object of every finding: what a DBA acts on, identical on both paths. */
  private static List<String> findings(JsonNode request) {
    List<String> out = new ArrayList<>();
    request
        .path("schema")
        .path("findings")
        .forEach(
            f ->
                out.add(
                    f.path("ruleId").asText()
                        + " "
                        + f.path("table").asText()
                        + " "
                        + f.path("object").asText("")));
    return out;
  }
}
