package dev.dbarch.intake.migrationcheck;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.dbarch.testsupport.KafkaTestResource;
import dev.dbarch.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/**
 * The pre-deploy check over HTTP: SQL or JSON in; JSON, Markdown or SARIF out; the highest standing
 * severity in a header; bad input as problem details naming the field; a system's requirements used
 * for table sizes and targets.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class MigrationCheckResourceTest {

  static final String SUBMITTER = TestTokens.token("submitter");

  static final String RISKY = "CREATE INDEX orders_customer_idx ON orders (customer_id);";

  /** SQL bodies go as raw bytes: RestAssured has no encoder for application/sql. */
  static byte[] bytes(String sql) {
    return sql.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void aSqlScriptGetsItsFindingsAsJson() {
    given()
        .auth()
        .oauth2(SUBMITTER)
        .contentType("application/sql")
        .body(
            bytes(
                RISKY
                    + "\n-- dbarch:ignore MIG-DDL-TBL-002 archived in release 41\nDROP TABLE legacy;"))
        .post("/api/v1/migrations/check")
        .then()
        .statusCode(200)
        .contentType("application/json")
        .header("X-Dbarch-Highest-Severity", "MEDIUM")
        .body("dialect", equalTo("POSTGRESQL"))
        .body("versionSource", equalTo("assumed"))
        .body("summary.statements", equalTo(2))
        .body("summary.findings", equalTo(1))
        .body("summary.suppressed", equalTo(1))
        .body("statements[0].locks[0].mode", equalTo("ShareLock"))
        .body("statements[0].findings[0].ruleId", equalTo("MIG-DDL-IDX-001"))
        .body("statements[0].findings[0].safeRewrite", containsString("CONCURRENTLY"))
        .body("statements[1].findings[0].suppressionReason", equalTo("archived in release 41"));
  }

  @Test
  void markdownAndSarifByAcceptHeader() {
    given()
        .auth()
        .oauth2(SUBMITTER)
        .contentType("text/plain")
        .accept("text/markdown")
        .body(bytes(RISKY))
        .post("/api/v1/migrations/check")
        .then()
        .statusCode(200)
        .contentType(containsString("text/markdown"))
        .body(containsString("## Migration check: migration.sql"))
        .body(containsString("`MIG-DDL-IDX-001`"));
    given()
        .auth()
        .oauth2(SUBMITTER)
        .contentType("application/sql")
        .accept("application/sarif+json")
        .body(bytes(RISKY))
        .post("/api/v1/migrations/check")
        .then()
        .statusCode(200)
        .contentType("application/sarif+json")
        .body("version", equalTo("2.1.0"))
        .body("runs[0].results[0].ruleId", equalTo("MIG-DDL-IDX-001"))
        .body("runs[0].results[0].level", equalTo("warning"));
  }

  @Test
  void jsonBodiesNameTheirDialectAndVersion() {
    given()
        .auth()
        .oauth2(SUBMITTER)
        .contentType("application/json")
        .body(
            "{\"sql\":\"ALTER TABLE orders MODIFY total bigint\",\"dialect\":\"MARIADB\",\"serverVersion\":\"10.11\"}")
        .post("/api/v1/migrations/check")
        .then()
        .statusCode(200)
        .body("dialect", equalTo("MARIADB"))
        .body("serverVersion", equalTo("10.11"))
        .body("statements[0].mysqlAlgorithm", equalTo("COPY"))
        .body("statements[0].findings.ruleId", hasItem("MIG-DDL-MY-001"));
    given()
        .auth()
        .oauth2(SUBMITTER)
        .contentType("application/sql")
        .queryParam("serverVersion", "11")
        .body(bytes("REINDEX INDEX CONCURRENTLY orders_pkey"))
        .post("/api/v1/migrations/check")
        .then()
        .statusCode(200)
        .header("X-Dbarch-Highest-Severity", "HIGH")
        .body("statements[0].findings.ruleId", hasItem("MIG-DDL-VER-001"));
  }

  @Test
  void badInputIsAProblemNamingTheField() {
    given()
        .auth()
        .oauth2(SUBMITTER)
        .contentType("application/sql")
        .body(bytes("  "))
        .post("/api/v1/migrations/check")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItem("sql"));
    given()
        .auth()
        .oauth2(SUBMITTER)
        .contentType("application/json")
        .body("{\"sql\":\"SELECT 1\",\"dialect\":\"ORACLE\"}")
        .post("/api/v1/migrations/check")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("dialect"));
    given()
        .auth()
        .oauth2(SUBMITTER)
        .contentType("application/sql")
        .queryParam("serverVersion", "latest")
        .body(bytes("SELECT 1"))
        .post("/api/v1/migrations/check")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("serverVersion"));
    given()
        .auth()
        .oauth2(SUBMITTER)
        .contentType("application/json")
        .body("{\"sql\":\"SELECT 1\",\"dialekt\":\"MYSQL\"}")
        .post("/api/v1/migrations/check")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body(containsString("dialekt"));
    given()
        .auth()
        .oauth2(SUBMITTER)
        .contentType("application/xml")
        .body(bytes("<sql/>"))
        .post("/api/v1/migrations/check")
        .then()
        .statusCode(415)
        .contentType("application/problem+json");
    given()
        .auth()
        .oauth2(SUBMITTER)
        .contentType("application/sql")
        .queryParam("systemId", "no-such-system")
        .body(bytes(RISKY))
        .post("/api/v1/migrations/check")
        .then()
        .statusCode(404)
        .body("errors.field", hasItem("systemId"));
    Response tooLarge =
        given()
            .auth()
            .oauth2(SUBMITTER)
            .contentType("application/sql")
            // 33.6 MB: over the 32 MiB document limit, under the HTTP layer's 33M.
            .body(bytes("SELECT 1;\n".repeat(3_360_000)))
            .post("/api/v1/migrations/check");
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(tooLarge.contentType()).startsWith("application/problem+json");
  }

  @Test
  void aSystemsRequirementsGiveTheTableSizesAndTargets() {
    given()
        .auth()
        .oauth2(SUBMITTER)
        .contentType("application/json")
        .body(
            """
            {"systemId":"check-shop","name":"Check shop",
             "scale":{"dataVolumeGb":500,"tableRows":{"orders":400000000,"customers":1000000}},
             "latency":{"p99WriteMs":50}}""")
        .post("/api/v1/assessments")
        .then()
        .statusCode(202);
    given()
        .auth()
        .oauth2(SUBMITTER)
        .contentType("application/sql")
        .queryParam("systemId", "check-shop")
        .body(bytes(RISKY))
        .post("/api/v1/migrations/check")
        .then()
        .statusCode(200)
        .header("X-Dbarch-Highest-Severity", "HIGH")
        .body("statements[0].sizeSource", equalTo("REQUIREMENTS"))
        .body("statements[0].tableRows", equalTo(400000000))
        .body("statements[0].findings[0].severity", equalTo("HIGH"))
        .body("statements[0].findings[0].facts.p99TargetMs", equalTo("50"))
        .body(
            "statements[0].findings[0].safeRewrite", containsString("SET lock_timeout = '100ms'"));
  }

  @Test
  void anotherTenantNeverUsesTheSystemsCatalogOrTargets() {
    given()
        .auth()
        .oauth2(SUBMITTER)
        .contentType("application/json")
        .body("{\"systemId\":\"only-mine\",\"name\":\"Mine\",\"latency\":{\"p99WriteMs\":50}}")
        .post("/api/v1/assessments")
        .then()
        .statusCode(202);
    given()
        .auth()
        .oauth2(TestTokens.forTenant("someone-else", "submitter"))
        .contentType("application/sql")
        .queryParam("systemId", "only-mine")
        .body(bytes(RISKY))
        .post("/api/v1/migrations/check")
        .then()
        .statusCode(404)
        .contentType(containsString("application/problem+json"))
        .body("errors.field", hasItem("systemId"));
  }

  @Test
  void theCheckNeedsASubmitterToken() {
    given()
        .contentType("application/sql")
        .body(bytes(RISKY))
        .post("/api/v1/migrations/check")
        .then()
        .statusCode(401)
        .contentType(containsString("application/problem+json"));
    given()
        .auth()
        .oauth2(TestTokens.token("viewer"))
        .contentType("application/sql")
        .body(bytes(RISKY))
        .post("/api/v1/migrations/check")
        .then()
        .statusCode(403)
        .contentType(containsString("application/problem+json"));
  }
}
