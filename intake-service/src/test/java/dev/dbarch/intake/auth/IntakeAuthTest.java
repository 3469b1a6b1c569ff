package dev.dbarch.intake.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import dev.dbarch.contracts.kafka.Topics;
import dev.dbarch.testsupport.KafkaTestClient;
import dev.dbarch.testsupport.KafkaTestResource;
import dev.dbarch.testsupport.TestTokens;
import dev.dbarch.tools.auth.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Every intake endpoint needs a token with the right role and a tenant (401 and 403 as problem
 * documents, 401 with the Bearer challenge); two tenants' submissions of one system id never mix; a
 * tenant that submits too fast gets 429 with Retry-After; metrics name no tenant or system.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class IntakeAuthTest {

  private static final String PROBLEM = "application/problem+json";
  private static final String DOCUMENT = "{\"systemId\":\"auth-sys\",\"name\":\"Auth\"}";
  private static final String MONITOR =
      "{\"systemId\":\"auth-sys\",\"engine\":\"POSTGRESQL\",\"host\":\"localhost\",\"port\":5432,"
          + "\"database\":\"x\",\"user\":\"u\",\"passwordRef\":\"env:DBARCH_SECRET_TEST_UNSET\"}";

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  /** An endpoint, the role it needs, and how to call it. */
  record Endpoint(String name, String role, Function<RequestSpecification, Response> call) {}

  static final List<Endpoint> ENDPOINTS =
      List.of(
          new Endpoint(
              "POST /api/v1/assessments",
              "submitter",
              r -> r.contentType("application/json").body(DOCUMENT).post("/api/v1/assessments")),
          new Endpoint(
              "POST /api/v1/monitors",
              "admin",
              r -> r.contentType("application/json").body(MONITOR).post("/api/v1/monitors")),
          new Endpoint("GET /api/v1/monitors", "admin", r -> r.get("/api/v1/monitors")),
          new Endpoint(
              "GET /api/v1/monitors/{id}", "admin", r -> r.get("/api/v1/monitors/auth-sys")),
          new Endpoint(
              "POST /api/v1/monitors/{id}/pause",
              "admin",
              r -> r.post("/api/v1/monitors/auth-sys/pause")),
          new Endpoint(
              "POST /api/v1/monitors/{id}/resume",
              "admin",
              r -> r.post("/api/v1/monitors/auth-sys/resume")),
          new Endpoint(
              "DELETE /api/v1/monitors/{id}", "admin", r -> r.delete("/api/v1/monitors/auth-sys")));

  @Test
  void withoutATokenEveryEndpointAnswers401WithTheBearerChallenge() {
    for (Endpoint endpoint : ENDPOINTS) {
      Response response = endpoint.call().apply(given());
      assertThat(response.statusCode()).as(endpoint.name()).isEqualTo(401);
      assertThat(response.contentType()).as(endpoint.name()).startsWith(PROBLEM);
      assertThat(response.header("WWW-Authenticate")).as(endpoint.name()).startsWith("Bearer");
      assertThat(response.jsonPath().getString("detail")).contains("Authorization: Bearer");
    }
  }

  @Test
  void aTokenThatIsNotTrustedIs401InvalidTokenWhateverItClaims() {
    List<String> untrusted =
        List.of(
            TestTokens.signedByAStranger("submitter", "viewer", "admin"),
            TestTokens.expired("submitter", "viewer", "admin"),
            TestTokens.with(
                Tokens.Claims.of(TestTokens.TENANT, Tokens.ROLES).withIssuer("someone-else")),
            "not-a-jwt");
    for (Endpoint endpoint : ENDPOINTS) {
      for (String token : untrusted) {
        Response response = endpoint.call().apply(given().auth().oauth2(token));
        assertThat(response.statusCode()).as(endpoint.name()).isEqualTo(401);
        assertThat(response.contentType()).startsWith(PROBLEM);
        assertThat(response.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
        // Nothing about keys, issuers or our classes.
        assertThat(response.asString())
            .doesNotContain("someone-else")
            .doesNotContainIgnoringCase("exception")
            .doesNotContain("smallrye");
      }
    }
  }

  @Test
  void aTokenWithoutTheRoleIs403() {
    for (Endpoint endpoint : ENDPOINTS) {
      List<String> others =
          Tokens.ROLES.stream().filter(role -> !role.equals(endpoint.role())).toList();
      Response response =
          endpoint
              .call()
              .apply(given().auth().oauth2(TestTokens.token(others.toArray(String[]::new))));
      assertThat(response.statusCode()).as(endpoint.name()).isEqualTo(403);
      assertThat(response.contentType()).startsWith(PROBLEM);
      assertThat(response.jsonPath().getString("detail")).contains("role");
    }
  }

  @Test
  void aTokenWithoutAValidTenantIs403WhateverItsRoles() {
    List<String> tenantless =
        List.of(
            TestTokens.with(Tokens.Claims.of(null, Tokens.ROLES)),
            TestTokens.with(Tokens.Claims.of("Not A Tenant", Tokens.ROLES)),
            TestTokens.with(Tokens.Claims.of("../other", Tokens.ROLES)));
    for (Endpoint endpoint : ENDPOINTS) {
      for (String token : tenantless) {
        Response response = endpoint.call().apply(given().auth().oauth2(token));
        assertThat(response.statusCode()).as(endpoint.name()).isEqualTo(403);
        assertThat(response.contentType()).startsWith(PROBLEM);
        assertThat(response.jsonPath().getString("detail")).contains("'tenant'");
      }
    }
  }

  @Test
  void twoTenantsSubmitTheSameSystemIdAndIdempotencyKeyWithoutColliding() {
    String systemId = "shared-" + UUID.randomUUID().toString().substring(0, 8);
    String key = "same-key-" + UUID.randomUUID();
    String body = "{\"systemId\":\"" + systemId + "\",\"name\":\"Shared\"}";
    String acme = submit("acme", body, key);
    String globex = submit("globex", body, key);
    assertThat(acme).isNotEqualTo(globex);
    // A replay in each tenant returns that tenant's own assessment.
    assertThat(submit("acme", body, key)).isEqualTo(acme);
    assertThat(submit("globex", body, key)).isEqualTo(globex);

    try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
      List<ConsumerRecord<String, String>> requests =
          kafka.await(
              Topics.ASSESSMENT_REQUESTS,
              r -> r.value() != null && r.value().contains("\"systemId\":\"" + systemId + "\""),
              2,
              Duration.ofSeconds(20));
      assertThat(requests)
          .extracting(ConsumerRecord::key)
          .containsExactlyInAnyOrder("acme/" + systemId, "globex/" + systemId);
      for (ConsumerRecord<String, String> r : requests) {
        String tenant = r.key().substring(0, r.key().indexOf('/'));
        assertThat(r.value())
            .contains("\"tenant\":\"" + tenant + "\"")
            .contains(tenant.equals("acme") ? acme : globex);
      }
      List<ConsumerRecord<String, String>> stored =
          kafka.await(
              Topics.REQUIREMENTS,
              r -> r.key() != null && r.key().endsWith("/" + systemId),
              2,
              Duration.ofSeconds(20));
      assertThat(stored)
          .extracting(ConsumerRecord::key)
          .containsExactlyInAnyOrder("acme/" + systemId, "globex/" + systemId);
      List<ConsumerRecord<String, String>> ledger =
          kafka.await(
              Topics.IDEMPOTENCY_KEYS,
              r -> r.key() != null && r.key().endsWith("/" + systemId + "/" + key),
              2,
              Duration.ofSeconds(20));
      assertThat(ledger)
          .extracting(ConsumerRecord::key)
          .containsExactlyInAnyOrder(
              "acme/" + systemId + "/" + key, "globex/" + systemId + "/" + key);
    }
  }

  @Test
  void aTenantThatSubmitsTooFastGets429WithRetryAfterAndOthersDoNot() {
    // The %test profile gives tenant "throttled" a burst of 2 and 0.01 submissions a second.
    String throttled = TestTokens.forTenant("throttled", "submitter");
    for (int i = 0; i < 2; i++) {
      given()
          .auth()
          .oauth2(throttled)
          .contentType("application/json")
          .body(DOCUMENT)
          .post("/api/v1/assessments")
          .then()
          .statusCode(202);
    }
    Response refused =
        given()
            .auth()
            .oauth2(throttled)
            .contentType("application/json")
            .body(DOCUMENT)
            .post("/api/v1/assessments");
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.contentType()).startsWith(PROBLEM);
    assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 100L);
    assertThat(refused.jsonPath().getString("detail")).contains("retry after");
    // Another tenant is not slowed down by this one.
    given()
        .auth()
        .oauth2(TestTokens.forTenant("unthrottled", "submitter"))
        .contentType("application/json")
        .body(DOCUMENT)
        .post("/api/v1/assessments")
        .then()
        .statusCode(202);
    given()
        .get("/q/metrics")
        .then()
        .body(containsString("dbarch_intake_rate_limited_total{endpoint=\"assessments\""));
  }

  @Test
  void monitorRegistrationsAreRateLimitedPerTenantToo() {
    // The %test profile allows a burst of 20 registrations per tenant.
    String flood = TestTokens.forTenant("monitor-flood", "admin");
    int refused = 0;
    Response last = null;
    for (int i = 0; i < 21; i++) {
      last =
          given()
              .auth()
              .oauth2(flood)
              .contentType("application/json")
              .body(MONITOR)
              .post("/api/v1/monitors");
      if (last.statusCode() == 429) {
        refused++;
      }
    }
    assertThat(refused).isEqualTo(1);
    assertThat(last.statusCode()).isEqualTo(429);
    assertThat(last.header("Retry-After")).isNotBlank();
  }

  @Test
  void metricsAndHealthNameNoTenantOrSystem() {
    String tenant = "metrics-tenant-" + UUID.randomUUID().toString().substring(0, 6);
    String systemId = "metrics-system-" + UUID.randomUUID().toString().substring(0, 6);
    submit(tenant, "{\"systemId\":\"" + systemId + "\",\"name\":\"M\"}", null);
    given()
        .auth()
        .oauth2(TestTokens.forTenant(tenant, "admin"))
        .get("/api/v1/monitors/" + systemId)
        .then()
        .statusCode(404);
    given()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(not(containsString(tenant)))
        .body(not(containsString(systemId)));
    given()
        .get("/q/health")
        .then()
        .body(not(containsString(tenant)))
        .body(not(containsString(systemId)));
  }

  @Test
  void openApiHealthAndMetricsNeedNoTokenAndTheDocumentDeclaresTheBearerScheme() {
    given()
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body(containsString("bearer"))
        .body(containsString("/api/v1/monitors"));
    given().get("/q/health/live").then().statusCode(200);
    // A bad token on an open endpoint is ignored, not an error.
    given().auth().oauth2("not-a-jwt").get("/q/health/live").then().statusCode(200);
    given().get("/q/metrics").then().statusCode(200);
  }

  private static String submit(String tenant, String body, String idempotencyKey) {
    RequestSpecification request =
        given()
            .auth()
            .oauth2(TestTokens.forTenant(tenant, "submitter"))
            .contentType("application/json")
            .body(body);
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return request
        .post("/api/v1/assessments")
        .then()
        .statusCode(202)
        .body("systemId", equalTo(body.replaceAll(".*\"systemId\":\"([^\"]+)\".*", "$1")))
        .extract()
        .path("assessmentId");
  }
}
