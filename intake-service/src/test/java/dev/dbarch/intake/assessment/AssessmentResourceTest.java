package dev.dbarch.intake.assessment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import dev.dbarch.contracts.kafka.EventHeaders;
import dev.dbarch.contracts.kafka.Topics;
import dev.dbarch.testsupport.KafkaTestClient;
import dev.dbarch.testsupport.KafkaTestResource;
import dev.dbarch.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The intake API against a real broker: what it accepts, publishes and refuses. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class AssessmentResourceTest {

  private static final String PROBLEM = "application/problem+json";
  private static final String SUBMITTER = TestTokens.token("submitter");

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @Test
  void acceptsJsonAndPublishesAnAssessmentRequestKeyedByTenantAndSystemId() {
    String assessmentId =
        given()
            .auth()
            .oauth2(SUBMITTER)
            .contentType("application/json")
            .body(
                "{\"systemId\":\"json-sys\",\"name\":\"JSON system\",\"workload\":{\"type\":\"oltp\",\"peakQps\":100}}")
            .post("/api/v1/assessments")
            .then()
            .statusCode(202)
            .body("systemId", equalTo("json-sys"))
            .body(
                "recommendationUrl",
                equalTo("http://localhost:8086/api/v1/systems/json-sys/recommendation"))
            .extract()
            .path("assessmentId");

    try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
      ConsumerRecord<String, String> record =
          kafka
              .await(
                  Topics.ASSESSMENT_REQUESTS,
                  r -> r.value().contains(assessmentId),
                  1,
                  Duration.ofSeconds(20))
              .get(0);
      assertThat(record.key()).isEqualTo("test/json-sys");
      assertThat(record.value()).contains("\"tenant\":\"test\"");
      assertThat(record.value())
          .contains("\"trigger\":\"SUBMITTED\"")
          .contains("\"type\":\"OLTP\"");
      assertThat(KafkaTestClient.header(record, EventHeaders.ID)).isEqualTo(assessmentId);
      assertThat(KafkaTestClient.header(record, EventHeaders.TYPE))
          .isEqualTo("dev.dbarch.assessment.requested");
      assertThat(KafkaTestClient.header(record, EventHeaders.DATA_SCHEMA)).endsWith(":v2");
    }
  }

  @Test
  void acceptsTheYamlExamples() throws Exception {
    for (String example :
        new String[] {"ecommerce.yaml", "peak-slowdown.yaml", "oracle-to-postgres.yaml"}) {
      byte[] yaml = Files.readAllBytes(Path.of("..", "examples", example));
      given()
          .auth()
          .oauth2(SUBMITTER)
          .contentType("application/yaml")
          .body(yaml)
          .post("/api/v1/assessments")
          .then()
          .statusCode(202)
          .body("assessmentId", notNullValue());
    }
  }

  @Test
  void statementsAndPlansReachTheRequestWithEveryPlanAsNestedJson() throws Exception {
    byte[] yaml = Files.readAllBytes(Path.of("..", "examples", "peak-slowdown.yaml"));
    String assessmentId =
        given()
            .auth()
            .oauth2(SUBMITTER)
            .contentType("application/yaml")
            .body(yaml)
            .post("/api/v1/assessments")
            .then()
            .statusCode(202)
            .extract()
            .path("assessmentId");
    try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
      String value =
          kafka
              .await(
                  Topics.ASSESSMENT_REQUESTS,
                  r -> r.value().contains(assessmentId),
                  1,
                  Duration.ofSeconds(20))
              .get(0)
              .value();
      var request = dev.dbarch.contracts.Json.mapper().readTree(value);
      var plans = request.path("requirements").path("diagnostics").path("plans");
      assertThat(plans).hasSize(2);
      // The second plan was submitted as a string; the request carries it as nested JSON.
      assertThat(plans.get(1).path("plan").isArray()).isTrue();
      assertThat(plans.get(1).path("plan").get(0).path("Plan").path("Sort Space Type").asText())
          .isEqualTo("Disk");
      assertThat(
              request
                  .path("requirements")
                  .path("diagnostics")
                  .path("statements")
                  .get(0)
                  .path("totalTimeMs")
                  .asDouble())
          .isEqualTo(21877450.4);
      assertThat(
              request
                  .path("requirements")
                  .path("diagnostics")
                  .path("settings")
                  .path("workMem")
                  .asText())
          .isEqualTo("4MB");
    }
  }

  @Test
  void aPlanDbarchCannotReadIsRefusedNamingItsField() {
    String notJson =
        "{\"systemId\":\"p\",\"name\":\"P\",\"diagnostics\":{\"plans\":[{\"plan\":\"Seq Scan on t\"}]}}";
    given()
        .auth()
        .oauth2(SUBMITTER)
        .contentType("application/json")
        .body(notJson)
        .post("/api/v1/assessments")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("errors.field", hasItem("diagnostics.plans[0].plan"))
        .body("errors.message", hasItem(containsString("FORMAT JSON")));
    String notAPlan =
        "{\"systemId\":\"p\",\"name\":\"P\",\"diagnostics\":{\"plans\":[{\"plan\":{\"Plan\":{}}},"
            + "{\"plan\":[{\"rows\":1}]}]}}";
    given()
        .auth()
        .oauth2(SUBMITTER)
        .contentType("application/json")
        .body(notAPlan)
        .post("/api/v1/assessments")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("errors.field", hasItem("diagnostics.plans[0].plan"))
        .body("errors.field", hasItem("diagnostics.plans[1].plan"))
        .body("errors.message", hasItem(containsString("Node Type")));
  }

  @Test
  void statementsPlansAndSettingsAreBoundedAndCheckedByField() {
    StringBuilder statements = new StringBuilder();
    for (int i = 0; i < 501; i++) {
      statements.append(i == 0 ? "" : ",").append("{\"query\":\"SELECT 1\",\"calls\":1}");
    }
    given()
        .auth()
        .oauth2(SUBMITTER)
        .contentType("application/json")
        .body(
            "{\"systemId\":\"p\",\"name\":\"P\",\"diagnostics\":{\"statements\":["
                + statements
                + "]}}")
        .post("/api/v1/assessments")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("diagnostics.statements"));
    given()
        .auth()
        .oauth2(SUBMITTER)
        .contentType("application/json")
        .body(
            "{\"systemId\":\"p\",\"name\":\"P\",\"diagnostics\":{\"settings\":{\"workMem\":\"4 mb\"},"
                + "\"statements\":[{\"query\":\"SELECT 1\"}]}}")
        .post("/api/v1/assessments")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("diagnostics.settings.workMem"))
        .body("errors.field", hasItem("diagnostics.statements[0].calls"));
    String bigPlan =
        "[{\"Plan\":{\"Node Type\":\"Result\",\"Padding\":\"" + "x".repeat(270_000) + "\"}}]";
    given()
        .auth()
        .oauth2(SUBMITTER)
        .contentType("application/json")
        .body(
            "{\"systemId\":\"p\",\"name\":\"P\",\"diagnostics\":{\"plans\":[{\"plan\":"
                + bigPlan
                + "}]}}")
        .post("/api/v1/assessments")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("diagnostics.plans[0].plan"))
        .body("errors.message", hasItem(containsString("at most 262144 bytes")));
  }

  @Test
  void aDdlScriptBecomesTheSchemaOfTheRequestWithItsFindingsAndWhatWasNotUsed() {
    String ddl =
        "CREATE TABLE customers (id integer PRIMARY KEY, email text);\n"
            + "CREATE TABLE orders (id integer PRIMARY KEY, customer_id integer REFERENCES customers (id));\n"
            + "GRANT SELECT ON orders TO reporting;\n"
            + "CREATE TABLE copied AS SELECT * FROM orders;\n";
    String body =
        "{\"systemId\":\"ddl-sys\",\"name\":\"DDL\",\"schema\":{\"dialect\":\"POSTGRESQL\",\"ddl\":"
            + dev.dbarch.contracts.Json.toJson(ddl)
            + "}}";
    String assessmentId =
        given()
            .auth()
            .oauth2(SUBMITTER)
            .contentType("application/json")
            .body(body)
            .post("/api/v1/assessments")
            .then()
            .statusCode(202)
            .body("unsupportedStatements", hasItem(containsString("CREATE TABLE copied AS SELECT")))
            .body("ignoredStatements", hasItem(containsString("GRANT SELECT")))
            .extract()
            .path("assessmentId");
    try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
      String value =
          kafka
              .await(
                  Topics.ASSESSMENT_REQUESTS,
                  r -> r.value().contains(assessmentId),
                  1,
                  Duration.ofSeconds(20))
              .get(0)
              .value();
      assertThat(value)
          .contains("\"source\":\"ddl\"")
          .contains("\"ruleId\":\"SCH-FK-001\"")
          .contains("public.orders");
    }
  }

  @Test
  void malformedJsonIsAProblemWithItsLocation() {
    given()
        .auth()
        .oauth2(SUBMITTER)
        .contentType("application/json")
        .body("{\"systemId\": \"x\", ")
        .post("/api/v1/assessments")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("title", equalTo("Malformed document"))
        .body("detail", containsString("line 1"));
  }

  @Test
  void wrongTypeNamesTheField() {
    given()
        .auth()
        .oauth2(SUBMITTER)
        .contentType("application/json")
        .body("{\"systemId\":\"x\",\"name\":\"y\",\"workload\":{\"peakQps\":\"lots\"}}")
        .post("/api/v1/assessments")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("errors.field", hasItem("workload.peakQps"))
        .body("detail", containsString("workload.peakQps"));
  }

  @Test
  void unknownFieldIsRefusedByName() {
    given()
        .auth()
        .oauth2(SUBMITTER)
        .contentType("application/yaml")
        .body("systemId: x\nname: y\nworkload:\n  peakQPS: 10\n".getBytes(StandardCharsets.UTF_8))
        .post("/api/v1/assessments")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("errors.field", hasItem("workload.peakQPS"))
        .body("detail", containsString("unknown field"));
  }

  @Test
  void missingSystemIdAndOutOfRangeNumbersAreNamed() {
    given()
        .auth()
        .oauth2(SUBMITTER)
        .contentType("application/json")
        .body(
            "{\"name\":\"y\",\"workload\":{\"peakQps\":-5},\"diagnostics\":{\"cacheHitRatio\":1.5},"
                + "\"scale\":{\"tableRows\":{\"orders\":-1}},\"accessPatterns\":[{\"perSecond\":-2}]}")
        .post("/api/v1/assessments")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("errors.field", hasItem("systemId"))
        .body("errors.field", hasItem("workload.peakQps"))
        .body("errors.field", hasItem("diagnostics.cacheHitRatio"))
        .body("errors.field", hasItem("scale.tableRows.orders"))
        .body("errors.field", hasItem("accessPatterns[0].perSecond"));
  }

  @Test
  void nullListElementsAreRefusedByIndex() {
    given()
        .auth()
        .oauth2(SUBMITTER)
        .contentType("application/json")
        .body(
            "{\"systemId\":\"x\",\"name\":\"y\",\"accessPatterns\":[null],"
                + "\"compliance\":{\"sensitiveFields\":[\"email\",null]}}")
        .post("/api/v1/assessments")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("errors.field", hasItem("accessPatterns[0]"))
        .body("errors.field", hasItem("compliance.sensitiveFields[1]"));
  }

  @Test
  void invalidEnumListsTheAllowedValues() {
    given()
        .auth()
        .oauth2(SUBMITTER)
        .contentType("application/json")
        .body("{\"systemId\":\"x\",\"name\":\"y\",\"workload\":{\"type\":\"streaming\"}}")
        .post("/api/v1/assessments")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("workload.type"))
        .body("detail", containsString("OLTP, OLAP, HYBRID"));
  }

  @Test
  void emptyBodyIsRefused() {
    given()
        .auth()
        .oauth2(SUBMITTER)
        .contentType("application/json")
        .body("")
        .post("/api/v1/assessments")
        .then()
        .statusCode(400)
        .contentType(PROBLEM);
  }

  @Test
  void oversizedBodyIs413() {
    // Just over the document limit (32 MiB, ADR 0012), under the HTTP layer's 33M.
    String padding = "x".repeat(32 * 1024 * 1024 + 1024);
    given()
        .auth()
        .oauth2(SUBMITTER)
        .contentType("application/json")
        .body("{\"systemId\":\"x\",\"name\":\"" + padding + "\"}")
        .post("/api/v1/assessments")
        .then()
        .statusCode(413)
        .contentType(PROBLEM);
  }

  @Test
  void unsupportedMediaTypeIs415() {
    given()
        .auth()
        .oauth2(SUBMITTER)
        .contentType("text/plain")
        .body("systemId=x")
        .post("/api/v1/assessments")
        .then()
        .statusCode(415)
        .contentType(PROBLEM);
  }

  @Test
  void unknownPathIs404Problem() {
    given().get("/api/v1/nothing-here").then().statusCode(404).contentType(PROBLEM);
  }

  @Test
  void idempotencyKeyReplaysTheSameAssessmentAndPublishesOnce() {
    String key = UUID.randomUUID().toString();
    String body = "{\"systemId\":\"idem-sys\",\"name\":\"Idempotent\"}";
    String first =
        given()
            .auth()
            .oauth2(SUBMITTER)
            .contentType("application/json")
            .header("Idempotency-Key", key)
            .body(body)
            .post("/api/v1/assessments")
            .then()
            .statusCode(202)
            .extract()
            .path("assessmentId");
    // The same document as YAML is the same submission.
    String second =
        given()
            .auth()
            .oauth2(SUBMITTER)
            .contentType("application/yaml")
            .header("Idempotency-Key", key)
            .body("systemId: idem-sys\nname: Idempotent\n".getBytes(StandardCharsets.UTF_8))
            .post("/api/v1/assessments")
            .then()
            .statusCode(202)
            .header("Idempotent-Replayed", "true")
            .extract()
            .path("assessmentId");
    assertThat(second).isEqualTo(first);

    given()
        .auth()
        .oauth2(SUBMITTER)
        .contentType("application/json")
        .header("Idempotency-Key", key)
        .body("{\"systemId\":\"idem-sys\",\"name\":\"Another document\"}")
        .post("/api/v1/assessments")
        .then()
        .statusCode(422)
        .contentType(PROBLEM);

    try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
      kafka.await(
          Topics.IDEMPOTENCY_KEYS, r -> r.value().contains(first), 1, Duration.ofSeconds(20));
      // Give a wrongly published duplicate every chance to show up before counting.
      var requests =
          kafka.await(
              Topics.ASSESSMENT_REQUESTS, r -> r.value().contains(first), 1, Duration.ofSeconds(5));
      assertThat(requests).hasSize(1);
      assertThat(countOf(kafka, first)).isEqualTo(1);
    }
  }

  @Test
  void malformedIdempotencyKeyIsRefused() {
    given()
        .auth()
        .oauth2(SUBMITTER)
        .contentType("application/json")
        .header("Idempotency-Key", "has spaces in it")
        .body("{\"systemId\":\"x\",\"name\":\"y\"}")
        .post("/api/v1/assessments")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("Idempotency-Key"));
  }

  @Test
  void servesOpenApiHealthAndMetrics() {
    given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/assessments"));
    given()
        .auth()
        .oauth2(SUBMITTER)
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body(containsString("idempotency-ledger"));
    given().get("/q/metrics").then().statusCode(200).body(containsString("http_server"));
  }

  private static long countOf(KafkaTestClient kafka, String assessmentId) {
    try {
      kafka.await(
          Topics.ASSESSMENT_REQUESTS,
          r -> r.value().contains(assessmentId),
          2,
          Duration.ofSeconds(3));
      return 2;
    } catch (AssertionError expected) {
      return 1;
    }
  }
}
