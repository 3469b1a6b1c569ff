package dev.dbarch.report.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.dbarch.contracts.events.Section;
import dev.dbarch.contracts.kafka.Topics;
import dev.dbarch.report.TestVerdicts;
import dev.dbarch.testsupport.KafkaTestClient;
import dev.dbarch.testsupport.KafkaTestResource;
import dev.dbarch.testsupport.TestTokens;
import dev.dbarch.tools.auth.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
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
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Every report endpoint, the event stream included, needs a viewer token with a tenant; each tenant
 * reads, lists, diffs and streams only its own systems, and another tenant's system is 404 exactly
 * like one that does not exist, even when both tenants use the same system id.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class ReportAuthTest {

  private static final String PROBLEM = "application/problem+json";

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @TestHTTPResource("/api/v1/recommendations/stream")
  URI stream;

  /** An endpoint and how to call it. */
  record Endpoint(String name, Function<RequestSpecification, Response> call) {}

  static List<Endpoint> endpoints(String systemId) {
    return List.of(
        new Endpoint("GET /api/v1/systems", r -> r.get("/api/v1/systems")),
        new Endpoint(
            "GET /api/v1/systems/{id}/recommendation",
            r -> r.get("/api/v1/systems/{id}/recommendation", systemId)),
        new Endpoint(
            "GET /api/v1/systems/{id}/revisions",
            r -> r.get("/api/v1/systems/{id}/revisions", systemId)),
        new Endpoint(
            "GET /api/v1/systems/{id}/revisions/{revision}",
            r -> r.get("/api/v1/systems/{id}/revisions/1", systemId)),
        new Endpoint(
            "GET /api/v1/systems/{id}/diff",
            r -> r.get("/api/v1/systems/{id}/diff?from=1&to=1", systemId)),
        new Endpoint(
            "GET /api/v1/recommendations/stream",
            r -> r.accept("text/event-stream").get("/api/v1/recommendations/stream")));
  }

  @Test
  void withoutAValidTokenEveryEndpointIs401WithTheBearerChallenge() {
    List<String> untrusted =
        List.of(TestTokens.signedByAStranger("viewer"), TestTokens.expired("viewer"), "x.y.z");
    for (Endpoint endpoint : endpoints("any-system")) {
      Response none = endpoint.call().apply(given());
      assertThat(none.statusCode()).as(endpoint.name()).isEqualTo(401);
      assertThat(none.contentType()).as(endpoint.name()).startsWith(PROBLEM);
      assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"dbarch\"");
      for (String token : untrusted) {
        Response bad = endpoint.call().apply(given().auth().oauth2(token));
        assertThat(bad.statusCode()).as(endpoint.name()).isEqualTo(401);
        assertThat(bad.header("WWW-Authenticate")).contains("invalid_token");
      }
    }
  }

  @Test
  void submittersAdminsAndTenantlessTokensAre403() {
    List<String> forbidden =
        List.of(
            TestTokens.token("submitter", "admin"),
            TestTokens.with(Tokens.Claims.of(null, List.of("viewer"))),
            TestTokens.with(Tokens.Claims.of("UPPER", List.of("viewer"))));
    for (Endpoint endpoint : endpoints("any-system")) {
      for (String token : forbidden) {
        Response response = endpoint.call().apply(given().auth().oauth2(token));
        assertThat(response.statusCode()).as(endpoint.name()).isEqualTo(403);
        assertThat(response.contentType()).startsWith(PROBLEM);
      }
    }
  }

  @Test
  void eachTenantReadsItsOwnSystemOfTheSameIdAndNoOneElsesEvenByGuessing() throws Exception {
    String systemId = "same-" + UUID.randomUUID().toString().substring(0, 8);
    String onlyAcme = "first-only-" + UUID.randomUUID().toString().substring(0, 8);
    try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
      assess(kafka, "acme", systemId, "acme-a1-" + systemId);
      assess(kafka, "globex", systemId, "globex-a1-" + systemId);
      assess(kafka, "acme", onlyAcme, "acme-a1-" + onlyAcme);
    }
    String acme = TestTokens.forTenant("acme", "viewer");
    String globex = TestTokens.forTenant("globex", "viewer");
    String intruder = TestTokens.forTenant("intruder", "viewer");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              latest(acme, systemId).then().statusCode(200);
              latest(globex, systemId).then().statusCode(200);
              latest(acme, onlyAcme).then().statusCode(200);
            });
    latest(acme, systemId)
        .then()
        .body("assessmentId", equalTo("acme-a1-" + systemId))
        .body("tenant", equalTo("acme"));
    latest(globex, systemId)
        .then()
        .body("assessmentId", equalTo("globex-a1-" + systemId))
        .body("revision", equalTo(1));

    // Another tenant's system answers exactly as a system that does not exist.
    String never = "never-" + UUID.randomUUID().toString().substring(0, 8);
    for (int i = 1; i < endpoints(onlyAcme).size() - 1; i++) {
      Endpoint guessed = endpoints(onlyAcme).get(i);
      Response theirs = guessed.call().apply(given().auth().oauth2(globex));
      Response nobodys = endpoints(never).get(i).call().apply(given().auth().oauth2(globex));
      assertThat(theirs.statusCode()).as(guessed.name()).isEqualTo(404);
      assertThat(theirs.contentType()).startsWith(PROBLEM);
      assertThat(nobodys.statusCode()).isEqualTo(404);
      // Byte for byte the answer for a system nobody has: existence does not leak.
      assertThat(theirs.asString().replace(onlyAcme, "ID"))
          .as(guessed.name())
          .isEqualTo(nobodys.asString().replace(never, "ID"));
    }
    given()
        .auth()
        .oauth2(intruder)
        .get("/api/v1/systems/{id}/recommendation", systemId)
        .then()
        .statusCode(404);

    List<String> acmeSystems =
        given()
            .auth()
            .oauth2(acme)
            .get("/api/v1/systems?size=200")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("items.systemId");
    assertThat(acmeSystems).contains(systemId, onlyAcme);
    List<String> globexSystems =
        given()
            .auth()
            .oauth2(globex)
            .get("/api/v1/systems?size=200")
            .then()
            .extract()
            .jsonPath()
            .getList("items.systemId");
    assertThat(globexSystems).contains(systemId).doesNotContain(onlyAcme);
    given()
        .auth()
        .oauth2(intruder)
        .get("/api/v1/systems")
        .then()
        .statusCode(200)
        .body("total", equalTo(0));
  }

  @Test
  void theStreamDeliversOnlyTheCallersTenantsRevisions() throws Exception {
    String systemId = "streamed-" + UUID.randomUUID().toString().substring(0, 8);
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<java.io.InputStream> response =
        http.send(
            HttpRequest.newBuilder(URI.create(stream.toString()))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + TestTokens.forTenant("globex", "viewer"))
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    List<String> data = new ArrayList<>();
    String marker = "globex-" + systemId;
    CompletableFuture<Void> reading =
        CompletableFuture.runAsync(
            () -> {
              try (BufferedReader reader =
                  new BufferedReader(
                      new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                  if (line.startsWith("data:")) {
                    synchronized (data) {
                      data.add(line);
                    }
                    if (line.contains(marker)) {
                      return;
                    }
                  }
                }
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
      // Acme's revision first: if the stream leaked it, it would arrive before globex's.
      assess(kafka, "acme", systemId, "acme-" + systemId);
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  latest(TestTokens.forTenant("acme", "viewer"), systemId).then().statusCode(200));
      assess(kafka, "globex", systemId, marker);
    }
    reading.get(60, java.util.concurrent.TimeUnit.SECONDS);
    synchronized (data) {
      assertThat(data).anyMatch(d -> d.contains(marker));
      assertThat(data).noneMatch(d -> d.contains("\"tenant\":\"acme\""));
      assertThat(data).allMatch(d -> d.contains("\"tenant\":\"globex\""));
    }
  }

  private static Response latest(String token, String systemId) {
    return given().auth().oauth2(token).get("/api/v1/systems/{id}/recommendation", systemId);
  }

  private static void assess(
      KafkaTestClient kafka, String tenant, String systemId, String assessmentId) {
    String key = tenant + "/" + systemId;
    kafka.send(
        Topics.ASSESSMENT_REQUESTS,
        key,
        TestVerdicts.requestJson(tenant, systemId, assessmentId),
        Map.of());
    for (Section section : Section.values()) {
      kafka.send(
          Topics.SECTION_VERDICTS,
          key,
          TestVerdicts.json(tenant, systemId, assessmentId, section),
          Map.of());
    }
  }
}
