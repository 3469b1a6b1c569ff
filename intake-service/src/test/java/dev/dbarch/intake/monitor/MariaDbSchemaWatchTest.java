package dev.dbarch.intake.monitor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.kafka.Topics;
import dev.dbarch.testsupport.KafkaTestClient;
import dev.dbarch.testsupport.KafkaTestResource;
import dev.dbarch.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The second engine: MariaDB through its binary log, with the same catalog snapshot and findings.
 * Needs the machine's MariaDB at 127.0.0.1:3306 (root, no password) with the row-based binlog on,
 * which .ci/run sets up (.ci/mariadb-binlog.sh); skips with the reason otherwise. No embedded
 * MariaDB exists for the JVM, hence the machine's server.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class MariaDbSchemaWatchTest {

  static final String URL =
      System.getProperty("dbarch.mariadb.url", "jdbc:mariadb://127.0.0.1:3306/");
  static final String DATABASE = "dbarch_watch_test";
  static final String ADMIN = TestTokens.token("admin");
  static final String SYSTEM = "watched-mariadb";

  static final String KEY = TestTokens.TENANT + "/" + SYSTEM;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @BeforeAll
  static void needsMariaDbWithBinlog() throws Exception {
    try (Connection connection = DriverManager.getConnection(URL, "root", "");
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT @@log_bin, @@binlog_format")) {
      rs.next();
      Assumptions.assumeTrue(
          rs.getInt(1) == 1 && "ROW".equalsIgnoreCase(rs.getString(2)),
          "Skipped: MariaDB at 127.0.0.1:3306 has no row-based binlog; run .ci/mariadb-binlog.sh");
      statement.execute("DROP DATABASE IF EXISTS " + DATABASE);
      statement.execute("CREATE DATABASE " + DATABASE);
      statement.execute(
          "CREATE TABLE "
              + DATABASE
              + ".customers (id int PRIMARY KEY, email varchar(200) NOT NULL)");
    } catch (java.sql.SQLException e) {
      Assumptions.abort(
          "Skipped: MariaDB not reachable at 127.0.0.1:3306 ("
              + e.getMessage()
              + "); .ci/run starts it");
    }
  }

  private static void sql(String statement) throws Exception {
    try (Connection connection = DriverManager.getConnection(URL + DATABASE, "root", "");
        Statement st = connection.createStatement()) {
      st.execute(statement);
    }
  }

  private JsonNode awaitChange(KafkaTestClient kafka, String ddlFragment) throws Exception {
    String value =
        kafka
            .await(
                Topics.SCHEMA_CHANGES,
                r -> KEY.equals(r.key()) && r.value().contains(ddlFragment),
                1,
                Duration.ofSeconds(60))
            .get(0)
            .value();
    return Json.mapper().readTree(value);
  }

  @Test
  void binlogDdlBecomesAnAnalysedChange() throws Exception {
    Path password = TestSecrets.file("mariadb.password", "");
    given()
        .auth()
        .oauth2(ADMIN)
        .contentType("application/json")
        .body(
            """
            {"systemId":"%s","engine":"MARIADB","host":"127.0.0.1","port":3306,"database":"%s",
             "user":"root","passwordRef":"file:%s"}"""
                .formatted(SYSTEM, DATABASE, password))
        .post("/api/v1/monitors")
        .then()
        .statusCode(201)
        .body("mode", equalTo("FULL"));
    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () ->
                given()
                    .auth()
                    .oauth2(ADMIN)
                    .get("/api/v1/monitors/{id}", SYSTEM)
                    .then()
                    .body("capture", equalTo("RUNNING")));

    try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
      JsonNode first =
          kafka
              .await(Topics.SCHEMA_CHANGES, r -> KEY.equals(r.key()), 1, Duration.ofSeconds(20))
              .stream()
              .map(r -> tree(r.value()))
              .findFirst()
              .orElseThrow();
      assertThat(first.path("snapshot").path("engine").asText()).isEqualTo("MARIADB");

      sql("CREATE TABLE audit_log (message text)");
      JsonNode noPk = awaitChange(kafka, "audit_log");
      assertThat(noPk.path("change").path("diff").path("tablesAdded").toString())
          .contains("audit_log");
      assertThat(noPk.path("findings").findValuesAsText("ruleId")).contains("SCH-PK-001");

      sql("ALTER TABLE customers ADD COLUMN card_number varchar(19)");
      JsonNode pci = awaitChange(kafka, "card_number");
      assertThat(pci.path("findings").toString()).contains("SCH-PII-001").contains("card_number");
    } finally {
      given().auth().oauth2(ADMIN).delete("/api/v1/monitors/{id}", SYSTEM).then().statusCode(204);
      Files.deleteIfExists(password);
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
