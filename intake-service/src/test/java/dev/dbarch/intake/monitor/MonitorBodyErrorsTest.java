package dev.dbarch.intake.monitor;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import dev.dbarch.testsupport.KafkaTestResource;
import dev.dbarch.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The registration bodies the fuzzer found answered with a bare 400 (or Quarkus' own JSON): a
 * scalar where an object belongs, with or without a Content-Type, and a body in another charset.
 * Each is a problem naming no internal class.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class MonitorBodyErrorsTest {

  static final String ADMIN = TestTokens.token("admin");

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "text/plain|12|",
        "application/json|\"text\"|The document must be",
        "application/json|12|The document must be",
        "application/json|[]|The document must be",
        "application/json; charset=utf-16|{\"systemId\":[1,2],\"name\":{}}|",
        "application/json; charset=utf-16|{}|",
        "application/json|{\"systemId\":\"s\",\"engine\":\"ORACLE\"}|Field 'engine'",
        "application/json|{\"systemId\":\"s\",\"port\":\"many\"}|Field 'port'",
        "application/json|{\"systemId\":\"s\",\"port\":99999999999}|Field 'port'",
      })
  void aBodyThatIsNotARegistrationIsAProblem(String contentType, String body, String detail) {
    var request =
        given()
            .config(
                RestAssuredConfig.config()
                    .encoderConfig(
                        EncoderConfig.encoderConfig()
                            .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
            .auth()
            .oauth2(ADMIN)
            .body(body.getBytes(StandardCharsets.UTF_8));
    request.header("Content-Type", contentType);
    request
        .post("/api/v1/monitors")
        .then()
        .log()
        .ifValidationFails()
        .statusCode(contentType.startsWith("text/") ? 415 : 400)
        .contentType("application/problem+json")
        .body("detail", containsString(detail == null ? "" : detail))
        .body(not(containsString("dev.dbarch")))
        .body(not(containsString("Exception")))
        .body(not(containsString("com.fasterxml")));
  }
}
