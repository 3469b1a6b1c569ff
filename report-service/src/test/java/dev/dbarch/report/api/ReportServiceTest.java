package dev.dbarch.report.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import dev.dbarch.contracts.events.Section;
import dev.dbarch.contracts.kafka.EventHeaders;
import dev.dbarch.contracts.kafka.Topics;
import dev.dbarch.report.TestVerdicts;
import dev.dbarch.testsupport.KafkaTestClient;
import dev.dbarch.testsupport.KafkaTestResource;
import dev.dbarch.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The report service on a real broker: aggregate, publish, serve, stream, dead-letter. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class ReportServiceTest {

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @TestHTTPResource("/api/v1/recommendations/stream")
  URI stream;

  static final String VIEWER = TestTokens.token("viewer");
  static final String TENANT = TestTokens.TENANT;

  private static String newSystem() {
    return "sys-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private void assess(KafkaTestClient kafka, String systemId, String assessmentId) {
    kafka.send(
        Topics.ASSESSMENT_REQUESTS,
        TENANT + "/" + systemId,
        TestVerdicts.requestJson(TENANT, systemId, assessmentId),
        Map.of());
    for (Section section : Section.values()) {
      kafka.send(
          Topics.SECTION_VERDICTS,
          TENANT + "/" + systemId,
          TestVerdicts.json(TENANT, systemId, assessmentId, section),
          Map.of());
    }
  }

  private void awaitRevision(String systemId, int revision) {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                given()
                    .auth()
                    .oauth2(VIEWER)
                    .get("/api/v1/systems/{id}/recommendation", systemId)
                    .then()
                    .statusCode(200)
                    .body("revision", equalTo(revision)));
  }

  @Test
  void fiveVerdictsBecomeOneRecommendationOnBothTopicsAndOverRest() {
    String systemId = newSystem();
    String assessmentId = UUID.randomUUID().toString();
    try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
      assess(kafka, systemId, assessmentId);
      var record =
          kafka
              .await(
                  Topics.RECOMMENDATIONS,
                  r -> (TENANT + "/" + systemId).equals(r.key()),
                  1,
                  Duration.ofSeconds(30))
              .get(0);
      assertThat(record.value())
          .contains("\"assessmentId\":\"" + assessmentId + "\"")
          .contains("\"revision\":1");
      assertThat(KafkaTestClient.header(record, EventHeaders.ID))
          .isEqualTo(TENANT + "/" + systemId + ":1");
      assertThat(KafkaTestClient.header(record, EventHeaders.DATA_SCHEMA)).endsWith(":v4");
      kafka.await(
          Topics.RECOMMENDATION_HISTORY,
          r -> (TENANT + "/" + systemId).equals(r.key()),
          1,
          Duration.ofSeconds(10));
    }
    awaitRevision(systemId, 1);
    given()
        .auth()
        .oauth2(VIEWER)
        .get("/api/v1/systems/{id}/recommendation", systemId)
        .then()
        .contentType("application/json")
        .body("assessmentId", equalTo(assessmentId))
        .body("complete", equalTo(true))
        .body("sections.size()", equalTo(5));
    given()
        .auth()
        .oauth2(VIEWER)
        .accept("text/markdown")
        .get("/api/v1/systems/{id}/recommendation", systemId)
        .then()
        .statusCode(200)
        .contentType(containsString("text/markdown"))
        .body(startsWith("## Database Architecture Recommendation: System " + systemId));
    given()
        .auth()
        .oauth2(VIEWER)
        .accept("text/html")
        .get("/api/v1/systems/{id}/recommendation", systemId)
        .then()
        .statusCode(200)
        .contentType(containsString("text/html"))
        .body(
            containsString(
                "<h2>Database Architecture Recommendation: System " + systemId + "</h2>"))
        .body(containsString("<table>"));
  }

  @Test
  void revisionsAreListedServedAndDiffed() {
    String systemId = newSystem();
    try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
      assess(kafka, systemId, "first-" + systemId);
      awaitRevision(systemId, 1);
      assess(kafka, systemId, "second-" + systemId);
      awaitRevision(systemId, 2);
    }
    given()
        .auth()
        .oauth2(VIEWER)
        .get("/api/v1/systems/{id}/revisions", systemId)
        .then()
        .statusCode(200)
        .body("total", equalTo(2))
        .body("items.revision", equalTo(List.of(1, 2)))
        .body("items.assessmentId", hasItem("first-" + systemId));
    given()
        .auth()
        .oauth2(VIEWER)
        .get("/api/v1/systems/{id}/revisions/1", systemId)
        .then()
        .statusCode(200)
        .body("assessmentId", equalTo("first-" + systemId));
    given()
        .auth()
        .oauth2(VIEWER)
        .get("/api/v1/systems/{id}/diff?from=1&to=2", systemId)
        .then()
        .statusCode(200)
        .body("from", equalTo(1))
        .body("to", equalTo(2))
        .body("changes.size()", equalTo(0));
    given()
        .auth()
        .oauth2(VIEWER)
        .get("/api/v1/systems/{id}/revisions/9", systemId)
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    given()
        .auth()
        .oauth2(VIEWER)
        .get("/api/v1/systems/{id}/diff?from=1", systemId)
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("to"));
    given()
        .auth()
        .oauth2(VIEWER)
        .get("/api/v1/systems?size=200")
        .then()
        .statusCode(200)
        .body("items.find { it.systemId == '" + systemId + "' }.revision", equalTo(2))
        .body("items.find { it.systemId == '" + systemId + "' }.risks.high", equalTo(5));
    given()
        .auth()
        .oauth2(VIEWER)
        .get("/api/v1/systems?size=0")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    given()
        .auth()
        .oauth2(VIEWER)
        .get("/api/v1/systems?page=-1")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("page"));
  }

  @Test
  void serverSentEventsReplayFromARevisionThenFollowLive() throws Exception {
    String systemId = newSystem();
    try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
      assess(kafka, systemId, "one-" + systemId);
      awaitRevision(systemId, 1);

      HttpClient http = HttpClient.newHttpClient();
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(stream + "?systemId=" + systemId + "&fromRevision=1"))
              .header("Accept", "text/event-stream")
              .header("Authorization", "Bearer " + VIEWER)
              .build();
      HttpResponse<java.io.InputStream> response =
          http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      assertThat(response.statusCode()).isEqualTo(200);
      List<String> ids = new ArrayList<>();
      CompletableFuture<Void> reading =
          CompletableFuture.runAsync(
              () -> {
                try (BufferedReader reader =
                    new BufferedReader(
                        new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                  String line;
                  while (ids.size() < 2 && (line = reader.readLine()) != null) {
                    if (line.startsWith("id:")) {
                      synchronized (ids) {
                        ids.add(line.substring(3).trim());
                      }
                    }
                  }
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> {
                synchronized (ids) {
                  return ids.size() >= 1;
                }
              });
      assess(kafka, systemId, "two-" + systemId);
      reading.get(30, TimeUnit.SECONDS);
      assertThat(ids).containsExactly(systemId + ":1", systemId + ":2");
    }
  }

  @Test
  void servesTheDashboard() {
    given()
        .get("/")
        .then()
        .statusCode(200)
        .contentType(containsString("text/html"))
        .body(containsString("<h1>dbarch</h1>"));
    // The stream is read with fetch() and an Authorization header, never a token in the URL.
    given()
        .get("/dashboard.js")
        .then()
        .statusCode(200)
        .body(containsString("getReader()"))
        .body(containsString("Authorization"))
        .body(org.hamcrest.Matchers.not(containsString("new EventSource")));
    given()
        .get("/")
        .then()
        .header("Content-Security-Policy", containsString("script-src 'self'"))
        .header("Referrer-Policy", "no-referrer");
  }

  @Test
  void unknownSystemIsA404Problem() {
    given()
        .auth()
        .oauth2(VIEWER)
        .get("/api/v1/systems/{id}/recommendation", "never-submitted")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", containsString("never-submitted"));
  }

  @Test
  void poisonIsDeadLetteredAndTheStreamKeepsGoing() {
    String marker = UUID.randomUUID().toString();
    String systemId = newSystem();
    try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
      kafka.send(Topics.SECTION_VERDICTS, "test/poisoned", "{\"" + marker + "\":", Map.of());
      var dead =
          kafka
              .await(
                  Topics.SECTION_VERDICTS_DLQ,
                  r -> r.value() != null && r.value().contains(marker),
                  1,
                  Duration.ofSeconds(30))
              .get(0);
      assertThat(KafkaTestClient.header(dead, EventHeaders.DEAD_LETTER_REASON))
          .contains("not a section verdict");
      assess(kafka, systemId, UUID.randomUUID().toString());
      kafka.await(
          Topics.RECOMMENDATIONS,
          r -> (TENANT + "/" + systemId).equals(r.key()),
          1,
          Duration.ofSeconds(30));
    }
  }

  @Test
  void reportsKafkaStreamsAndViewHealthAndMetrics() {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                given()
                    .get("/q/health/ready")
                    .then()
                    .statusCode(200)
                    .body(containsString("Kafka Streams"))
                    .body(containsString("recommendation-view")));
    given().get("/q/metrics").then().statusCode(200).body(containsString("kafka_stream"));
  }
}
