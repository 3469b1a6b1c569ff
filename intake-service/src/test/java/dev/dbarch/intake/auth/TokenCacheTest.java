package dev.dbarch.intake.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dbarch.testsupport.KafkaTestResource;
import dev.dbarch.testsupport.TestTokens;
import dev.dbarch.tools.auth.Tokens;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Verified tokens are kept (VerifiedTokenCache): the same token twice is verified once, yet every
 * check still applies to each request: roles, tenant, expiry (the %test profile sets the verifier's
 * clock skew to 1 s), and a tampered token is refused.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class TokenCacheTest {

  private static final String MONITORS = "/api/v1/monitors";

  @Inject MeterRegistry registry;

  @Test
  void theSameTokenTwiceIsVerifiedOnce() {
    String token = TestTokens.token("admin");
    double before = verifications();

    given().auth().oauth2(token).get(MONITORS).then().statusCode(200);
    given().auth().oauth2(token).get(MONITORS).then().statusCode(200);
    given().auth().oauth2(token).get(MONITORS).then().statusCode(200);

    assertThat(verifications() - before).isEqualTo(1);
  }

  @Test
  void aCachedTokenStillNeedsItsRoleAndItsTenant() {
    String viewer = TestTokens.token("viewer");
    given().auth().oauth2(viewer).get(MONITORS).then().statusCode(403);
    given().auth().oauth2(viewer).get(MONITORS).then().statusCode(403);

    String noTenant = TestTokens.with(Tokens.Claims.of(null, List.of("admin")));
    given().auth().oauth2(noTenant).get(MONITORS).then().statusCode(403);
    given().auth().oauth2(noTenant).get(MONITORS).then().statusCode(403);
  }

  @Test
  void aTamperedTokenIsRefusedEvenWhenTheGenuineOneIsCached() {
    String token = TestTokens.token("admin");
    given().auth().oauth2(token).get(MONITORS).then().statusCode(200);

    String[] parts = token.split("\\.");
    // Another tenant in the payload, the genuine signature kept.
    String payload =
        java.util.Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[1]))
                    .replace("\"tenant\":\"test\"", "\"tenant\":\"other\"")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(payload).isNotEqualTo(parts[1]);
    String otherTenant = parts[0] + "." + payload + "." + parts[2];
    // A character in the middle of the signature changed (the last one may carry only padding
    // bits, which decoders ignore).
    int at = parts[0].length() + parts[1].length() + 2 + parts[2].length() / 2;
    String badSignature =
        token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);

    double before = verifications();
    for (int i = 0; i < 2; i++) {
      given().auth().oauth2(otherTenant).get(MONITORS).then().statusCode(401);
      given().auth().oauth2(badSignature).get(MONITORS).then().statusCode(401);
    }
    // A refusal is never kept: each of the four requests was verified in full.
    assertThat(verifications() - before).isEqualTo(4);
    given().auth().oauth2(token).get(MONITORS).then().statusCode(200);
  }

  @Test
  void aCachedTokenIsRefusedOnceItExpires() {
    Instant now = Instant.now();
    String shortLived =
        TestTokens.with(
            Tokens.Claims.of(TestTokens.TENANT, List.of("admin"))
                .validFrom(now, Duration.ofSeconds(3)));
    given().auth().oauth2(shortLived).get(MONITORS).then().statusCode(200);
    given().auth().oauth2(shortLived).get(MONITORS).then().statusCode(200);

    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> given().auth().oauth2(shortLived).get(MONITORS).statusCode() == 401);
    // Past its exp (a whole second, since exp counts seconds), never answered from the cache again.
    assertThat(Instant.now()).isAfter(now.plusSeconds(2));
    given().auth().oauth2(shortLived).get(MONITORS).then().statusCode(401);
  }

  private double verifications() {
    Counter counter = registry.find("dbarch.intake.token.cache").tag("result", "miss").counter();
    return counter == null ? 0 : counter.count();
  }
}
