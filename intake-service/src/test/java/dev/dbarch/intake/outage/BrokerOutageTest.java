package dev.dbarch.intake.outage;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.dbarch.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The broker stopped under a running intake: submissions are answered 503 with {@code Retry-After}
 * after the configured publish timeout (not a 500 after 10 s), readiness reports the broker DOWN
 * while liveness stays UP, and once the broker is back everything works again without a restart.
 */
@QuarkusTest
@WithTestResource(OutageKafkaResource.class)
class BrokerOutageTest {

  private static final String SUBMITTER = TestTokens.token("submitter");

  private Response submit(String systemId) {
    return given()
        .auth()
        .oauth2(SUBMITTER)
        .contentType("application/json")
        .body("{\"systemId\":\"" + systemId + "\",\"name\":\"Outage\"}")
        .post("/api/v1/assessments");
  }

  @Test
  void aStoppedBrokerMeansA503WithRetryAfterAndReadinessDownThenRecovery() {
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(() -> submit("before-outage").then().statusCode(202));

    OutageKafkaResource.stopBroker();
    try {
      long started = System.nanoTime();
      Response refused = submit("during-outage");
      long answerMillis = (System.nanoTime() - started) / 1_000_000;
      refused
          .then()
          .statusCode(503)
          .contentType("application/problem+json")
          .header("Retry-After", notNullValue())
          .body("status", equalTo(503));
      assertThat(refused.asString()).doesNotContain("dev.dbarch", "Exception", "java.");

      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  given()
                      .get("/q/health/ready")
                      .then()
                      .statusCode(503)
                      .body("checks.find { it.name == 'kafka-broker' }.status", equalTo("DOWN")));
      long healthStarted = System.nanoTime();
      given().get("/q/health/ready").then().statusCode(503);
      long readyMillis = (System.nanoTime() - healthStarted) / 1_000_000;
      given().get("/q/health/live").then().statusCode(200);
      System.out.printf(
          "broker outage: submission answered %d in %d ms (publish timeout 2 s); readiness answered"
              + " DOWN in %d ms%n",
          refused.statusCode(), answerMillis, readyMillis);
    } finally {
      OutageKafkaResource.startBroker();
    }

    await()
        .atMost(Duration.ofSeconds(180))
        .untilAsserted(() -> submit("after-outage").then().statusCode(202));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
  }
}
