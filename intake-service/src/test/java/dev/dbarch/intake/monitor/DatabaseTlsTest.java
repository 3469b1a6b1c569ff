package dev.dbarch.intake.monitor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.dbarch.contracts.kafka.Topics;
import dev.dbarch.testsupport.KafkaTestClient;
import dev.dbarch.testsupport.KafkaTestResource;
import dev.dbarch.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * TLS to a monitored PostgreSQL 17 that accepts nothing else: its pg_hba.conf lets in only TLS
 * connections, so a registration that works and a capture that streams DDL prove that both the JDBC
 * reads and the Debezium engine verified the server with the monitor's CA.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseTlsTest {

  static final String PASSWORD = "tls-" + UUID.randomUUID();
  static final Path WORK = Path.of("target/database-tls").toAbsolutePath();
  static EmbeddedPostgres17 postgres;
  static Path passwordFile;
  static Path ca;
  static Path otherCa;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @BeforeAll
  static void start() throws Exception {
    passwordFile = TestSecrets.file("database-tls.password", PASSWORD);
    ca = TestSecrets.DIR.resolve("database-tls-ca.pem");
    otherCa = TestCertificates.otherCa(WORK, TestSecrets.DIR.resolve("database-tls-other-ca.pem"));
    TestCertificates certificates = TestCertificates.create(WORK, ca);
    Path hba = WORK.resolve("pg_hba.conf");
    // zonky's own connections come over TCP as well; they negotiate TLS (sslmode=prefer).
    Files.writeString(
        hba,
        """
        local all all trust
        hostssl all all 127.0.0.1/32 trust
        hostssl all all ::1/128 trust
        hostssl replication all 127.0.0.1/32 trust
        hostssl replication all ::1/128 trust
        """);
    postgres =
        new EmbeddedPostgres17(
            Map.of(
                "ssl", "on",
                "ssl_cert_file", certificates.serverCertPem.toString(),
                "ssl_key_file", certificates.serverKeyPem.toString(),
                "hba_file", hba.toString()));
  }

  @AfterAll
  static void stop() throws Exception {
    postgres.close();
    Files.deleteIfExists(passwordFile);
    Files.deleteIfExists(ca);
    Files.deleteIfExists(otherCa);
  }

  private static ValidatableResponse register(String tenant, String system, String tls) {
    String body =
        """
        {"systemId":"%s","engine":"POSTGRESQL","host":"localhost","port":%d,"database":"postgres",
         "user":"postgres","passwordRef":"file:database-tls.password"%s}"""
            .formatted(system, postgres.port(), tls == null ? "" : ",\"tls\":" + tls);
    return given()
        .auth()
        .oauth2(TestTokens.forTenant(tenant, "admin"))
        .contentType("application/json")
        .body(body)
        .post("/api/v1/monitors")
        .then();
  }

  @Test
  @Order(0)
  void anUnknownOrMissingModeIsRefusedNamingTheField() {
    for (String tls :
        java.util.List.of(
            "{\"mode\":\"verify-ca\",\"caRef\":\"file:database-tls-ca.pem\"}",
            "{\"caRef\":\"file:database-tls-ca.pem\"}")) {
      register("tls-bad-mode", "tls-shop", tls)
          .statusCode(400)
          .contentType("application/problem+json")
          .body("errors.field", hasItem("tls.mode"))
          .body(not(containsString("dev.dbarch")))
          .body(not(containsString("Exception")));
    }
  }

  @Test
  @Order(1)
  void aWrongCaIsRefusedAsFailedVerificationWithoutTheSecret() {
    register(
            "tls-wrong-ca",
            "tls-shop",
            "{\"mode\":\"verify-full\",\"caRef\":\"file:database-tls-other-ca.pem\"}")
        .statusCode(422)
        .contentType("application/problem+json")
        .body("detail", containsString("certificate verification failed"))
        .body(not(containsString(PASSWORD)))
        .body(not(containsString("Exception")))
        .body(not(containsString("sun.security")));
  }

  @Test
  @Order(2)
  void inClearTheServerRefusesTheConnection() {
    register("tls-clear", "tls-shop", "{\"mode\":\"disable\"}")
        .statusCode(422)
        .body("detail", containsString("no encryption"))
        .body(not(containsString(PASSWORD)));
  }

  @Test
  @Order(3)
  void aCaFileThatIsNoCertificateIsRefused() {
    register(
            "tls-not-a-ca",
            "tls-shop",
            "{\"mode\":\"verify-full\",\"caRef\":\"file:database-tls.password\"}")
        .statusCode(422)
        .body("errors.field", hasItem("tls.caRef"))
        .body(not(containsString(PASSWORD)));
  }

  @Test
  @Order(4)
  void verifyFullWithTheRightCaRegistersAndCaptures() throws Exception {
    String tenant = "tls-right-ca";
    postgres.execute("CREATE TABLE customers (id integer PRIMARY KEY, email text NOT NULL)");
    register(
            tenant, "tls-shop", "{\"mode\":\"verify-full\",\"caRef\":\"file:database-tls-ca.pem\"}")
        .statusCode(201)
        .body("mode", equalTo("FULL"))
        .body("tls.mode", equalTo("verify-full"))
        .body("tls.caRef", equalTo("file:database-tls-ca.pem"));
    String admin = TestTokens.forTenant(tenant, "admin");
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                given()
                    .auth()
                    .oauth2(admin)
                    .get("/api/v1/monitors/{id}", "tls-shop")
                    .then()
                    .body("capture", equalTo("RUNNING")));
    try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
      postgres.execute("CREATE TABLE invoices (id integer PRIMARY KEY)");
      kafka.await(
          Topics.SCHEMA_CHANGES,
          r ->
              (tenant + "/tls-shop").equals(r.key()) && r.value().contains("CREATE TABLE invoices"),
          1,
          Duration.ofSeconds(30));
    }
    // The replication connection of Debezium is there, and encrypted (pg_hba allows no other).
    try (Connection connection = postgres.connect();
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT count(*) FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid)"
                    + " WHERE a.backend_type = 'walsender' AND s.ssl")) {
      rs.next();
      assertThat(rs.getInt(1)).as("encrypted replication connections").isPositive();
    }
    given().auth().oauth2(admin).delete("/api/v1/monitors/{id}", "tls-shop").then().statusCode(204);
  }
}
