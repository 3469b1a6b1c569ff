package dev.dbarch.intake.assessment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.kafka.Topics;
import dev.dbarch.testsupport.KafkaTestClient;
import dev.dbarch.testsupport.KafkaTestResource;
import dev.dbarch.testsupport.LargeSchemas;
import dev.dbarch.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A document whose assessment request would exceed the record limit is refused up front with 413
 * naming the field and the limit, and nothing is stored or published (issue 9: no 503 a retry can
 * never fix). The limit is lowered to 500 kB here so a 100-table script (a request of about 0.8 MB)
 * reaches it; the default (64 MiB) takes the 5,000-table schema of {@code LargeSchemaTest}.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@TestProfile(RecordLimitTest.SmallRecords.class)
class RecordLimitTest {

  public static class SmallRecords implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("dbarch.intake.max-record-bytes", "500000");
    }
  }

  static final String SUBMITTER = TestTokens.token("submitter");

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @Test
  void aSchemaMakingAnOversizeRequestIsRefusedWith413NamingFieldAndLimit() {
    String body =
        Json.toJson(
            Map.of(
                "systemId",
                "too-big",
                "name",
                "Too big",
                "schema",
                Map.of("dialect", "POSTGRESQL", "ddl", LargeSchemas.postgres(100, 40, 7))));
    given()
        .auth()
        .oauth2(SUBMITTER)
        .contentType("application/json")
        .body(body)
        .post("/api/v1/assessments")
        .then()
        .statusCode(413)
        .contentType("application/problem+json")
        .body("errors.field", hasItem("schema.ddl"))
        .body("errors[0].message", containsString("the limit is 500000 bytes"))
        .body("detail", containsString("a schema of 100 tables and 4000 columns"))
        .body("detail", containsString("dbarch.intake.max-record-bytes"))
        .body("detail", containsString("nothing was stored or published"))
        .body("detail", not(containsString("dev.dbarch")));

    // A small document of the same tenant still goes through.
    given()
        .auth()
        .oauth2(SUBMITTER)
        .contentType("application/json")
        .body("{\"systemId\":\"small-after\",\"name\":\"Small\"}")
        .post("/api/v1/assessments")
        .then()
        .statusCode(202);
    try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
      kafka.await(
          Topics.ASSESSMENT_REQUESTS,
          r -> r.key().equals("test/small-after"),
          1,
          java.time.Duration.ofSeconds(20));
      assertThat(kafka.readAll(Topics.REQUIREMENTS)).noneMatch(r -> r.key().equals("test/too-big"));
      assertThat(kafka.readAll(Topics.ASSESSMENT_REQUESTS))
          .noneMatch(r -> r.key().equals("test/too-big"));
    }
  }
}
