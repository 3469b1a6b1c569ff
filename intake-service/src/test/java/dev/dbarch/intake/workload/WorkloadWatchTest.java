package dev.dbarch.intake.workload;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.kafka.Topics;
import dev.dbarch.intake.monitor.TestSecrets;
import dev.dbarch.testsupport.KafkaTestClient;
import dev.dbarch.testsupport.KafkaTestResource;
import dev.dbarch.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Workload watch on a real PostgreSQL 17 (pg_stat_statements preloaded; HypoPG is not in the
 * embedded bundle) and a real broker: a registered database is read at once and every poll, its
 * snapshots are published, and when a new statement starts scanning a large table the system is
 * re-assessed with the snapshot and the change named on the request. Index advice says it is
 * unverified and why; a database without pg_stat_statements says so.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class WorkloadWatchTest {

  /** Submits the requirements and administers the monitors (roles are independent). */
  static final String TOKEN = TestTokens.token("submitter", "admin");

  static final String SYSTEM = "watched-workload";
  static final String PLAIN = "watched-plain";
  static final String PASSWORD = "pw-" + UUID.randomUUID();
  static EmbeddedPostgres postgres;
  static Path passwordFile;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres =
        EmbeddedPostgres.builder()
            .setServerConfig("wal_level", "logical")
            .setServerConfig("synchronous_commit", "on")
            .setServerConfig("max_replication_slots", "10")
            .setServerConfig("max_wal_senders", "10")
            .setServerConfig("shared_preload_libraries", "pg_stat_statements")
            .start();
    passwordFile = TestSecrets.file("workload-watch.password", PASSWORD);
    execute(
        "postgres",
        "CREATE EXTENSION pg_stat_statements",
        "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, note text NOT NULL)",
        "INSERT INTO orders SELECT g, g % 2000, 'note ' || (g % 97) FROM generate_series(1, 60000) g",
        "CREATE INDEX orders_customer_idx ON orders (customer_id)",
        "ANALYZE orders",
        "CREATE DATABASE plain");
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    postgres.close();
    Files.deleteIfExists(passwordFile);
  }

  static void execute(String database, String... statements) throws SQLException {
    try (Connection c = postgres.getDatabase("postgres", database).getConnection();
        Statement st = c.createStatement()) {
      for (String sql : statements) {
        st.execute(sql);
      }
    }
  }

  static void run(String sql, int times) throws SQLException {
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < times; i++) {
        ps.setLong(1, i);
        ps.executeQuery().close();
      }
    }
  }

  private String registration(String systemId, String database) {
    return """
        {"systemId":"%s","engine":"POSTGRESQL","host":"localhost","port":%d,"database":"%s",
         "user":"postgres","passwordRef":"file:%s"}"""
        .formatted(systemId, postgres.getPort(), database, passwordFile);
  }

  private static JsonNode tree(String json) {
    try {
      return Json.mapper().readTree(json);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static JsonNode awaitRecord(
      KafkaTestClient kafka, String topic, Predicate<JsonNode> wanted, Duration timeout) {
    ConsumerRecord<String, String> record =
        kafka
            .await(topic, r -> r.value() != null && wanted.test(tree(r.value())), 1, timeout)
            .get(0);
    return tree(record.value());
  }

  private static boolean changed(JsonNode request, String kind, String subjectFragment) {
    for (JsonNode change : request.path("workload").path("changes")) {
      if (kind.equals(change.path("kind").asText())
          && change.path("subject").asText().contains(subjectFragment)) {
        return true;
      }
    }
    return false;
  }

  @Test
  void aMonitoredDatabasesWorkloadIsReadAndAChangeTriggersAReassessmentNamingIt() throws Exception {
    given()
        .auth()
        .oauth2(TOKEN)
        .contentType("application/json")
        .body("{\"systemId\":\"" + SYSTEM + "\",\"name\":\"Watched workload\"}")
        .post("/api/v1/assessments")
        .then()
        .statusCode(202);
    given()
        .auth()
        .oauth2(TOKEN)
        .contentType("application/json")
        .body(registration(SYSTEM, "postgres"))
        .post("/api/v1/monitors")
        .then()
        .statusCode(201);
    try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
      JsonNode first =
          awaitRecord(
              kafka,
              Topics.WORKLOAD_SNAPSHOTS,
              s -> SYSTEM.equals(s.path("systemId").asText()) && s.path("sequence").asLong() == 1,
              Duration.ofSeconds(60));
      assertThat(first.path("database").asText()).isEqualTo("postgres");
      assertThat(first.path("limitations").toString()).doesNotContain("pg_stat_statements");
      assertThat(first.path("settings").path("maxConnections").asInt()).isPositive();
      JsonNode firstRequest =
          awaitRecord(
              kafka,
              Topics.ASSESSMENT_REQUESTS,
              r ->
                  SYSTEM.equals(r.path("systemId").asText())
                      && changed(r, "FIRST_READ", "postgres"),
              Duration.ofSeconds(30));
      assertThat(firstRequest.path("trigger").asText()).isEqualTo("WORKLOAD_CHANGED");
      assertThat(firstRequest.path("requirements").path("name").asText())
          .isEqualTo("Watched workload");

      // The application's usual work: lookups through the index.
      run("SELECT id FROM orders WHERE customer_id = ?", 300);
      long seen = first.path("sequence").asLong();
      JsonNode steady =
          awaitRecord(
              kafka,
              Topics.WORKLOAD_SNAPSHOTS,
              s ->
                  SYSTEM.equals(s.path("systemId").asText())
                      && s.path("sequence").asLong() > seen + 1
                      && s.path("statements").toString().contains("customer_id"),
              Duration.ofSeconds(60));

      // A new statement scans the whole table to find a few rows.
      run("SELECT id FROM orders WHERE note = 'note ' || ?::text", 40);
      long after = steady.path("sequence").asLong();
      JsonNode changedRequest =
          awaitRecord(
              kafka,
              Topics.ASSESSMENT_REQUESTS,
              r ->
                  SYSTEM.equals(r.path("systemId").asText())
                      && r.path("workload").path("snapshot").path("sequence").asLong() > after
                      && changed(r, "NEW_TOP_STATEMENT", "note"),
              Duration.ofSeconds(60));
      assertThat(changedRequest.path("trigger").asText()).isEqualTo("WORKLOAD_CHANGED");
      assertThat(changed(changedRequest, "SEQ_SCAN_RATIO_JUMP", "public.orders"))
          .as("the scans of orders jumped: %s", changedRequest.path("workload").path("changes"))
          .isTrue();
      JsonNode snapshot = changedRequest.path("workload").path("snapshot");
      assertThat(snapshot.path("topStatements").size()).isPositive();
      assertThat(changedRequest.path("schema").path("snapshot").path("tables").toString())
          .contains("orders");
      JsonNode advice = snapshot.path("indexAdvice");
      assertThat(advice.toString()).contains("note");
      for (JsonNode a : advice) {
        assertThat(a.path("verified").asBoolean()).isFalse();
        assertThat(a.path("note").asText())
            .startsWith("unverified: HypoPG unavailable")
            .contains("CREATE EXTENSION hypopg");
      }
      assertThat(kafka.readAll(Topics.WORKLOAD_SNAPSHOTS))
          .as("workload snapshots holding the password")
          .noneMatch(r -> r.value() != null && r.value().contains(PASSWORD));
    }
    // Health is open to probes: it counts reads and names no system.
    given()
        .get("/q/health/ready")
        .then()
        .body(containsString("workload-statistics"))
        .body(containsString("\"read\""))
        .body(not(containsString(SYSTEM)));
    given().auth().oauth2(TOKEN).delete("/api/v1/monitors/{id}", SYSTEM).then().statusCode(204);
  }

  @Test
  void aDatabaseWithoutPgStatStatementsSaysSo() {
    given()
        .auth()
        .oauth2(TOKEN)
        .contentType("application/json")
        .body(registration(PLAIN, "plain"))
        .post("/api/v1/monitors")
        .then()
        .statusCode(201);
    try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
      JsonNode snapshot =
          awaitRecord(
              kafka,
              Topics.WORKLOAD_SNAPSHOTS,
              s -> PLAIN.equals(s.path("systemId").asText()),
              Duration.ofSeconds(60));
      List<String> limitations =
          Json.mapper().convertValue(snapshot.path("limitations"), List.class);
      assertThat(limitations)
          .anyMatch(l -> l.startsWith("pg_stat_statements is not installed in database plain"));
      assertThat(snapshot.path("statements")).isEmpty();
      assertThat(snapshot.path("activity").path("blocksHit").asLong()).isPositive();
    }
    // A missing extension is a limitation of the read, not a failed read.
    given().get("/q/health/ready").then().body(not(containsString(PLAIN)));
    given().auth().oauth2(TOKEN).delete("/api/v1/monitors/{id}", PLAIN).then().statusCode(204);
  }
}
