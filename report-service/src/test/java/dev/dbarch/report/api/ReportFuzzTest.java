package dev.dbarch.report.api;

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

/**
 * Generated requests over every report endpoint but the event stream (which stays open by design):
 * no 5xx, every error problem+json.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class ReportFuzzTest {

  @ConfigProperty(name = "quarkus.http.test-port")
  int port;

  @Test
  void tenThousandGeneratedRequestsGetNo5xxAndOnlyProblemErrors() {
    HttpFuzzer.Result result =
        new HttpFuzzer(URI.create("http://127.0.0.1:" + port), 20261129L)
            .endpoint("GET", "/api/v1/systems")
            .endpoint("GET", "/api/v1/systems/{systemId}/recommendation")
            .endpoint("GET", "/api/v1/systems/{systemId}/revisions")
            .endpoint("GET", "/api/v1/systems/{systemId}/revisions/{revision}")
            .endpoint("GET", "/api/v1/systems/{systemId}/diff")
            .endpoint("GET", "/q/health/live")
            .endpoint("GET", "/")
            .tokens(
                List.of(
                    TestTokens.token("submitter"),
                    TestTokens.token("viewer"),
                    TestTokens.token("admin")))
            .run(10_000);
    System.out.println("report fuzz (seed 20261129):\n" + result.table());
    assertThat(result.violations()).isEmpty();
  }
}
