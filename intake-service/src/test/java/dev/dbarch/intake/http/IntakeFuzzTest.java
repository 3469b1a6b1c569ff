package dev.dbarch.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.testsupport.HttpFuzzer;
import dev.dbarch.testsupport.KafkaTestResource;
import dev.dbarch.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Generated requests over every intake endpoint: no 5xx, every error problem+json. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class IntakeFuzzTest {

  @ConfigProperty(name = "quarkus.http.test-port")
  int port;

  @Test
  void tenThousandGeneratedRequestsGetNo5xxAndOnlyProblemErrors() {
    HttpFuzzer.Result result =
        new HttpFuzzer(URI.create("http://127.0.0.1:" + port), 20261128L)
            .endpoint("POST", "/api/v1/assessments")
            .endpoint("POST", "/api/v1/migrations/check")
            .endpoint("GET", "/api/v1/monitors")
            .endpoint("POST", "/api/v1/monitors")
            .endpoint("GET", "/api/v1/monitors/{systemId}")
            .endpoint("POST", "/api/v1/monitors/{systemId}/pause")
            .endpoint("POST", "/api/v1/monitors/{systemId}/resume")
            .endpoint("DELETE", "/api/v1/monitors/{systemId}")
            .endpoint("GET", "/q/health/live")
            .endpoint("GET", "/q/openapi")
            .tokens(
                List.of(
                    TestTokens.token("submitter"),
                    TestTokens.token("viewer"),
                    TestTokens.token("admin")))
            .run(10_000);
    System.out.println("intake fuzz (seed 20261128):\n" + result.table());
    assertThat(result.violations()).isEmpty();
  }
}
