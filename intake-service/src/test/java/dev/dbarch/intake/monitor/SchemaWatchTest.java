package dev.dbarch.intake.monitor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.kafka.Topics;
import dev.dbarch.testsupport.KafkaTestClient;
import dev.dbarch.testsupport.KafkaTestResource;
import dev.dbarch.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * Schema watch on a real PostgreSQL 17 and a real broker: register, run DDL, and see each change
 * captured by Debezium, analysed against the live catalog and sent for re-assessment; the password
 * travels by reference and shows up nowhere.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SchemaWatchTest {

  static final String ADMIN = TestTokens.token("admin");
  static final String SYSTEM = "watched-shop";
  static final String PASSWORD = "pw-" + UUID.randomUUID();
  static EmbeddedPostgres17 postgres;
  static Path passwordFile;

  static final String KEY = TestTokens.TENANT + "/" + SYSTEM;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres = new EmbeddedPostgres17();
    passwordFile = TestSecrets.file("schema-watch.password", PASSWORD);
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    postgres.close();
    Files.deleteIfExists(passwordFile);
  }

  private String registration(String passwordRef) {
    return """
        {"systemId":"%s","engine":"POSTGRESQL","host":"localhost","port":%d,"database":"postgres",
         "user":"postgres","passwordRef":"%s"}"""
        .formatted(SYSTEM, postgres.port(), passwordRef);
  }

  private JsonNode awaitChange(KafkaTestClient kafka, String ddlFragment) {
    ConsumerRecord<String, String> record =
        kafka
            .await(
                Topics.SCHEMA_CHANGES,
                r -> KEY.equals(r.key()) && r.value().contains(ddlFragment),
                1,
                Duration.ofSeconds(30))
            .get(0);
    return tree(record.value());
  }

  private static List<String> findings(JsonNode change, String ruleId) {
    List<String> tables = new ArrayList<>();
    change
        .path("findings")
        .forEach(
            f -> {
              if (ruleId.equals(f.path("ruleId").asText())) {
                tables.add(
                    f.path("table").asText()
                        + (f.has("object") ? "." + f.path("object").asText() : ""));
              }
            });
    return tables;
  }

  @Test
  @Order(1)
  void literalPasswordsAreRefused() {
    given()
        .auth()
        .oauth2(ADMIN)
        .contentType("application/json")
        .body(registration("hunter2"))
        .post("/api/v1/monitors")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItem("passwordRef"));
    given()
        .auth()
        .oauth2(ADMIN)
        .contentType("application/json")
        .body(registration("env:DBARCH_SECRET_TEST_UNSET"))
        .post("/api/v1/monitors")
        .then()
        .statusCode(422)
        .body("detail", containsString("DBARCH_SECRET_TEST_UNSET"));
  }

  @Test
  @Order(2)
  void registrationChecksInstallsAndPublishesTheFirstSnapshot() {
    postgres.execute("CREATE TABLE customers (id integer PRIMARY KEY, email text NOT NULL)");
    given()
        .auth()
        .oauth2(ADMIN)
        .contentType("application/json")
        .body(registration("file:" + passwordFile))
        .post("/api/v1/monitors")
        .then()
        .statusCode(201)
        .body("mode", equalTo("FULL"))
        .body("passwordRef", equalTo("file:" + passwordFile))
        .body("lastSequence", equalTo(0));
    try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
      var first =
          kafka
              .await(Topics.SCHEMA_CHANGES, r -> KEY.equals(r.key()), 1, Duration.ofSeconds(20))
              .get(0);
      assertThat(tree(first.value()).path("snapshot").path("tables").findValuesAsText("name"))
          .contains("customers");
    }
    given()
        .auth()
        .oauth2(ADMIN)
        .get("/api/v1/monitors")
        .then()
        .statusCode(200)
        .body("systemId", hasItem(SYSTEM));
    given()
        .auth()
        .oauth2(ADMIN)
        .contentType("application/json")
        .body(registration("file:" + passwordFile))
        .post("/api/v1/monitors")
        .then()
        .statusCode(409);
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                given()
                    .auth()
                    .oauth2(ADMIN)
                    .get("/api/v1/monitors/{id}", SYSTEM)
                    .then()
                    .body("capture", equalTo("RUNNING")));
    // Health is open to anyone: it counts engines and names no system or tenant.
    given()
        .get("/q/health/ready")
        .then()
        .body(containsString("schema-capture"))
        .body(containsString("\"running\""))
        .body(not(containsString(SYSTEM)));
  }

  @Test
  @Order(3)
  void eachDdlBecomesAnAnalysedChangeAndAReassessment() {
    try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
      postgres.execute("CREATE TABLE audit_log (message text)");
      JsonNode noPk = awaitChange(kafka, "CREATE TABLE audit_log");
      assertThat(noPk.path("change").path("diff").path("tablesAdded").findValuesAsText(""))
          .isEmpty();
      assertThat(noPk.path("change").path("diff").path("tablesAdded").toString())
          .contains("public.audit_log");
      assertThat(findings(noPk, "SCH-PK-001")).anyMatch(t -> t.contains("audit_log"));

      postgres.execute(
          "CREATE TABLE orders (id integer PRIMARY KEY, customer_id integer REFERENCES customers (id))");
      JsonNode fk = awaitChange(kafka, "CREATE TABLE orders");
      assertThat(findings(fk, "SCH-FK-001")).anyMatch(t -> t.contains("orders"));

      postgres.execute("ALTER TABLE customers ADD COLUMN card_number text");
      JsonNode pci = awaitChange(kafka, "card_number");
      assertThat(findings(pci, "SCH-PII-001")).anyMatch(t -> t.contains("card_number"));
      // The change keeps the table the DDL named as it was before, for the migration linter.
      JsonNode before = pci.path("change").path("before");
      assertThat(before.path("tables").size()).isEqualTo(1);
      assertThat(before.path("tables").get(0).path("name").asText()).isEqualTo("customers");
      assertThat(before.path("tables").get(0).path("columns").findValuesAsText("name"))
          .containsExactly("id", "email");
      assertThat(before.path("serverVersion").asText()).startsWith("17.");

      postgres.execute("DROP TABLE audit_log");
      JsonNode dropped = awaitChange(kafka, "DROP TABLE audit_log");
      assertThat(dropped.path("change").path("diff").path("tablesDropped").toString())
          .contains("public.audit_log");
      assertThat(findings(dropped, "SCH-PK-001")).noneMatch(t -> t.contains("audit_log"));

      List<ConsumerRecord<String, String>> requests =
          kafka.await(
              Topics.ASSESSMENT_REQUESTS,
              r -> KEY.equals(r.key()) && r.value().contains("\"trigger\":\"SCHEMA_CHANGED\""),
              5,
              Duration.ofSeconds(20));
      JsonNode last = tree(requests.get(requests.size() - 1).value());
      assertThat(last.path("schema").path("change").path("ddl").toString())
          .contains("DROP TABLE audit_log");
      assertThat(last.path("requirements").path("systemId").asText()).isEqualTo(SYSTEM);
    }
  }

  @Test
  @Order(4)
  void aBurstOfDdlIsOneChange() {
    try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
      postgres.execute(
          "CREATE TABLE burst_a (id integer PRIMARY KEY)",
          "CREATE TABLE burst_b (id integer PRIMARY KEY)",
          "CREATE INDEX burst_b_idx ON burst_b (id)");
      JsonNode change = awaitChange(kafka, "burst_b_idx");
      assertThat(change.path("change").path("ddl").toString())
          .contains("burst_a")
          .contains("burst_b");
    }
  }

  /**
   * A second tenant: it cannot list, read, pause, resume or delete the first tenant's monitor (404,
   * as for one that does not exist), but it may watch the same database under the same system id,
   * with capture objects of its own; deleting its monitor leaves the first tenant's capture whole.
   */
  @Test
  @Order(5)
  void anotherTenantNeitherSeesNorTouchesTheMonitorButMayWatchTheSameSystemIdItself()
      throws Exception {
    String intruder = TestTokens.forTenant("intruder", "admin");
    given()
        .auth()
        .oauth2(intruder)
        .get("/api/v1/monitors")
        .then()
        .statusCode(200)
        .body("systemId", not(hasItem(SYSTEM)));
    given()
        .auth()
        .oauth2(intruder)
        .get("/api/v1/monitors/{id}", SYSTEM)
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    for (String action : List.of("pause", "resume")) {
      given()
          .auth()
          .oauth2(intruder)
          .post("/api/v1/monitors/{id}/" + action, SYSTEM)
          .then()
          .statusCode(404);
    }
    given().auth().oauth2(intruder).delete("/api/v1/monitors/{id}", SYSTEM).then().statusCode(404);
    given()
        .auth()
        .oauth2(ADMIN)
        .get("/api/v1/monitors/{id}", SYSTEM)
        .then()
        .statusCode(200)
        .body("monitor.status", equalTo("ACTIVE"));

    given()
        .auth()
        .oauth2(intruder)
        .contentType("application/json")
        .body(registration("file:" + passwordFile))
        .post("/api/v1/monitors")
        .then()
        .statusCode(201)
        .body("systemId", equalTo(SYSTEM));
    try (Connection connection = postgres.connect();
        Statement statement = connection.createStatement()) {
      assertThat(
              count(
                  statement,
                  "SELECT count(*) FROM pg_replication_slots WHERE slot_name LIKE 'dbarch_watched_shop_%'"))
          .as("one slot per tenant")
          .isEqualTo(2);
    }
    try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
      var theirs =
          kafka
              .await(
                  Topics.MONITORS,
                  r -> ("intruder/" + SYSTEM).equals(r.key()) && r.value() != null,
                  1,
                  Duration.ofSeconds(20))
              .get(0);
      assertThat(tree(theirs.value()).path("tenant").asText()).isEqualTo("intruder");
    }
    given().auth().oauth2(intruder).delete("/api/v1/monitors/{id}", SYSTEM).then().statusCode(204);
    try (Connection connection = postgres.connect();
        Statement statement = connection.createStatement()) {
      assertThat(
              count(
                  statement,
                  "SELECT count(*) FROM pg_replication_slots WHERE slot_name LIKE 'dbarch_watched_shop_%'"))
          .isEqualTo(1);
      assertThat(
              count(
                  statement, "SELECT count(*) FROM pg_event_trigger WHERE evtname LIKE 'dbarch_%'"))
          .as("the first tenant's event triggers stay")
          .isEqualTo(2);
    }
    try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
      postgres.execute("CREATE TABLE after_neighbour_left (id integer PRIMARY KEY)");
      JsonNode change = awaitChange(kafka, "after_neighbour_left");
      assertThat(change.path("tenant").asText()).isEqualTo(TestTokens.TENANT);
    }
  }

  @Test
  @Order(6)
  void pauseResumeAndDeleteCleanUpTheDatabase() throws Exception {
    given()
        .auth()
        .oauth2(ADMIN)
        .post("/api/v1/monitors/{id}/pause", SYSTEM)
        .then()
        .statusCode(200)
        .body("status", equalTo("PAUSED"));
    given()
        .auth()
        .oauth2(ADMIN)
        .post("/api/v1/monitors/{id}/resume", SYSTEM)
        .then()
        .statusCode(200)
        .body("status", equalTo("ACTIVE"));
    given().auth().oauth2(ADMIN).delete("/api/v1/monitors/{id}", SYSTEM).then().statusCode(204);
    given().auth().oauth2(ADMIN).get("/api/v1/monitors/{id}", SYSTEM).then().statusCode(404);
    try (Connection connection = postgres.connect();
        Statement statement = connection.createStatement()) {
      assertThat(
              count(
                  statement,
                  "SELECT count(*) FROM pg_replication_slots WHERE slot_name LIKE 'dbarch_%'"))
          .isZero();
      assertThat(
              count(statement, "SELECT count(*) FROM pg_publication WHERE pubname LIKE 'dbarch_%'"))
          .isZero();
      assertThat(
              count(
                  statement, "SELECT count(*) FROM pg_event_trigger WHERE evtname LIKE 'dbarch_%'"))
          .isZero();
      assertThat(count(statement, "SELECT count(*) FROM pg_namespace WHERE nspname = 'dbarch'"))
          .isZero();
    }
  }

  @Test
  @Order(7)
  void thePasswordAppearsInNoEventResponseOrLogLine() throws Exception {
    try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
      for (String topic :
          List.of(
              Topics.MONITORS,
              Topics.SCHEMA_CHANGES,
              Topics.ASSESSMENT_REQUESTS,
              Topics.REQUIREMENTS,
              Topics.CAPTURE_OFFSETS)) {
        List<ConsumerRecord<String, String>> leaking =
            kafka.readAll(topic).stream()
                .filter(r -> r.value() != null && r.value().contains(PASSWORD))
                .toList();
        assertThat(leaking).as("records of %s containing the password", topic).isEmpty();
      }
    }
    given()
        .auth()
        .oauth2(ADMIN)
        .get("/api/v1/monitors")
        .then()
        .body(org.hamcrest.Matchers.not(containsString(PASSWORD)));
    Path log = Path.of("target", "intake-test.log");
    assertThat(log).exists();
    assertThat(Files.readString(log, StandardCharsets.UTF_8))
        .as("the service log")
        .doesNotContain(PASSWORD)
        .contains(SYSTEM);
  }

  @Test
  @Order(8)
  void aReRegisteredDatabaseIsCapturedAfresh() {
    given()
        .auth()
        .oauth2(ADMIN)
        .contentType("application/json")
        .body(registration("file:" + passwordFile))
        .post("/api/v1/monitors")
        .then()
        .statusCode(201)
        .body("lastSequence", equalTo(0));
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                given()
                    .auth()
                    .oauth2(ADMIN)
                    .get("/api/v1/monitors/{id}", SYSTEM)
                    .then()
                    .body("capture", equalTo("RUNNING")));
    try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
      // The audit table was dropped with the first registration, so its ids start again from 1:
      // the new registration must not take them for rows the first one already published.
      postgres.execute("CREATE TABLE after_reregistration (id integer)");
      JsonNode change = awaitChange(kafka, "after_reregistration");
      assertThat(change.path("sequence").asLong()).isBetween(1L, 5L);
    }
    given().auth().oauth2(ADMIN).delete("/api/v1/monitors/{id}", SYSTEM).then().statusCode(204);
  }

  @Test
  @Order(8)
  void theLimitationsOfARegistrationStayVisible() {
    String limitedSystem = "watched-limited";
    postgres.execute(
        "CREATE ROLE limited_watcher LOGIN PASSWORD '" + PASSWORD + "'",
        "GRANT pg_read_all_stats TO limited_watcher");
    String body =
        """
        {"systemId":"%s","engine":"POSTGRESQL","host":"localhost","port":%d,"database":"postgres",
         "user":"limited_watcher","passwordRef":"file:%s"}"""
            .formatted(limitedSystem, postgres.port(), passwordFile);
    List<String> registered =
        given()
            .auth()
            .oauth2(ADMIN)
            .contentType("application/json")
            .body(body)
            .post("/api/v1/monitors")
            .then()
            .statusCode(201)
            .body("mode", equalTo("LIMITED"))
            .extract()
            .jsonPath()
            .getList("limitations", String.class);
    assertThat(registered).isNotEmpty().anyMatch(l -> l.contains("superuser"));
    given()
        .auth()
        .oauth2(ADMIN)
        .get("/api/v1/monitors/{id}", limitedSystem)
        .then()
        .statusCode(200)
        .body("monitor.limitations", equalTo(registered));
    given()
        .auth()
        .oauth2(ADMIN)
        .get("/api/v1/monitors")
        .then()
        .statusCode(200)
        .body("find { it.systemId == '" + limitedSystem + "' }.limitations", equalTo(registered));
    given()
        .auth()
        .oauth2(ADMIN)
        .delete("/api/v1/monitors/{id}", limitedSystem)
        .then()
        .statusCode(204);
  }

  private static long count(Statement statement, String sql) throws Exception {
    try (ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static JsonNode tree(String json) {
    try {
      return Json.mapper().readTree(json);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
