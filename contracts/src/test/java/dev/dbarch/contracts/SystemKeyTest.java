package dev.dbarch.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbarch.contracts.events.AssessmentRequested;
import dev.dbarch.contracts.events.IdempotencyRecord;
import dev.dbarch.contracts.events.LatestRequirements;
import dev.dbarch.contracts.events.Recommendation;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.contracts.monitor.MonitorRegistration;
import dev.dbarch.contracts.requirements.Requirements;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Tenant-qualified keys, and records written before tenants read as the default tenant's. */
class SystemKeyTest {

  @Test
  void printsAndParsesTenantSlashSystem() {
    SystemKey key = SystemKey.of("acme", "shop-platform");
    assertThat(key).hasToString("acme/shop-platform");
    assertThat(SystemKey.parse("acme/shop-platform")).isEqualTo(key);
    assertThat(key.isKeyOf("acme/shop-platform")).isTrue();
    assertThat(key.isKeyOf("shop-platform")).as("a bare id is only the default tenant's").isFalse();
    assertThat(SystemKey.of("default", "shop").isKeyOf("shop")).isTrue();
  }

  @Test
  void refusesMalformedTenantsSystemsAndKeys() {
    assertThatThrownBy(() -> SystemKey.parse("no-slash")).hasMessageContaining("<tenant>/");
    assertThatThrownBy(() -> SystemKey.of("Acme", "shop")).hasMessageContaining("tenant 'Acme'");
    assertThatThrownBy(() -> SystemKey.of("a".repeat(64), "shop")).hasMessageContaining("tenant");
    assertThatThrownBy(() -> SystemKey.of("acme", "../etc")).hasMessageContaining("systemId");
    assertThatThrownBy(() -> SystemKey.parse("acme/shop/extra"))
        .hasMessageContaining("systemId 'shop/extra'");
    assertThat(SystemKey.isTenant("t".repeat(63))).isTrue();
    assertThat(SystemKey.isTenant("-x")).isFalse();
  }

  @Test
  void version1RecordsWithoutATenantReadAsTheDefaultTenants() {
    String v1Request =
        "{\"assessmentId\":\"a\",\"systemId\":\"shop\",\"trigger\":\"SUBMITTED\","
            + "\"requirements\":{\"systemId\":\"shop\",\"name\":\"Shop\"}}";
    AssessmentRequested request = Json.fromJson(v1Request, AssessmentRequested.class);
    assertThat(request.tenant()).isEqualTo("default");
    assertThat(request.systemKey().isKeyOf("shop")).isTrue();

    String v1Verdict =
        "{\"assessmentId\":\"a\",\"systemId\":\"shop\",\"trigger\":\"SUBMITTED\","
            + "\"section\":\"SECURITY\"}";
    assertThat(Json.fromJson(v1Verdict, SectionVerdict.class).tenant()).isEqualTo("default");
    assertThat(
            Json.fromJson(
                    "{\"systemId\":\"shop\",\"assessmentId\":\"a\",\"revision\":1,\"complete\":false}",
                    Recommendation.class)
                .tenant())
        .isEqualTo("default");
    assertThat(
            Json.fromJson(
                    "{\"systemId\":\"shop\",\"idempotencyKey\":\"k\",\"assessmentId\":\"a\","
                        + "\"requestSha256\":\"00\"}",
                    IdempotencyRecord.class)
                .key())
        .isEqualTo("default/shop/k");
    LatestRequirements v1Requirements =
        LatestRequirements.read("{\"systemId\":\"shop\",\"name\":\"Shop\"}");
    assertThat(v1Requirements.systemKey()).isEqualTo(SystemKey.of("default", "shop"));
    LatestRequirements v2 =
        LatestRequirements.of(SystemKey.of("acme", "shop"), Requirements.named("shop", "Shop"));
    assertThat(LatestRequirements.read(Json.toJson(v2))).isEqualTo(v2);
  }

  @Test
  void aRecordWithAMalformedTenantIsUnreadable() {
    assertThatThrownBy(
            () ->
                Json.fromJson(
                    "{\"tenant\":\"../x\",\"systemId\":\"shop\",\"assessmentId\":\"a\",\"revision\":1,\"complete\":false}",
                    Recommendation.class))
        .hasMessageContaining("tenant");
  }

  @Test
  void keyAccessorsAreNotWrittenIntoTheRecords() {
    String json =
        Json.toJson(
            new AssessmentRequested(
                "acme",
                "a",
                "shop",
                dev.dbarch.contracts.events.Trigger.SUBMITTED,
                null,
                Requirements.named("shop", "Shop"),
                null));
    assertThat(json).contains("\"tenant\":\"acme\"").doesNotContain("systemKey");
  }

  @Test
  void captureNamesFitPostgresAndDifferAcrossTenants() {
    Pattern legal = Pattern.compile("[a-z0-9_]{1,59}");
    String longId = "a-very-long-system-identifier-that-goes-on-and-on-to-64-characters";
    MonitorRegistration acme = register("acme", longId.substring(0, 64));
    MonitorRegistration globex = register("globex", longId.substring(0, 64));
    assertThat(acme.captureName()).matches(legal);
    assertThat((acme.captureName() + "_pub").getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .hasSizeLessThanOrEqualTo(63);
    assertThat(acme.captureName()).isNotEqualTo(globex.captureName());
    assertThat(acme.slug()).isNotEqualTo(globex.slug());
    assertThat(register("acme", longId.substring(0, 64)).captureName())
        .as("deterministic per registration")
        .isEqualTo(acme.captureName());
    MonitorRegistration again = Json.fromJson(Json.toJson(acme), MonitorRegistration.class);
    assertThat(again.captureName()).isEqualTo(acme.captureName());
  }

  @Test
  void aVersion1MonitorKeepsTheNamesItWasCreatedWith() {
    MonitorRegistration v1 =
        Json.fromJson(
            "{\"systemId\":\"shop-platform\",\"registrationId\":\"0123abcd-0000-0000-0000-000000000000\","
                + "\"engine\":\"POSTGRESQL\",\"host\":\"h\",\"port\":5432,\"database\":\"d\","
                + "\"user\":\"u\",\"passwordRef\":\"env:X\",\"mode\":\"FULL\",\"status\":\"ACTIVE\"}",
            MonitorRegistration.class);
    assertThat(v1.tenant()).isEqualTo("default");
    assertThat(v1.slug()).isEqualTo("dbarch_shop_platform");
    assertThat(v1.captureName()).isEqualTo("dbarch_shop_platform_0123abcd");
  }

  private static MonitorRegistration register(String tenant, String systemId) {
    return MonitorRegistration.register(
        SystemKey.of(tenant, systemId),
        "5f0e7c3a-1111-2222-3333-444455556666",
        MonitorRegistration.Engine.POSTGRESQL,
        "db",
        5432,
        "shop",
        "dbarch",
        "env:X",
        null,
        MonitorRegistration.Mode.FULL);
  }
}
