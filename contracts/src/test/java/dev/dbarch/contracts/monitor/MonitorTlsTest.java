package dev.dbarch.contracts.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.SystemKey;
import org.junit.jupiter.api.Test;

/** The v3 {@code tls} setting of a monitor, and v2 records that have none. */
class MonitorTlsTest {

  @Test
  void aVersion2MonitorReadsWithoutTls() {
    MonitorRegistration v2 =
        Json.fromJson(
            "{\"tenant\":\"acme\",\"systemId\":\"shop\",\"registrationId\":\"0123abcd-0000-0000-0000-000000000000\","
                + "\"engine\":\"POSTGRESQL\",\"host\":\"h\",\"port\":5432,\"database\":\"d\","
                + "\"user\":\"u\",\"passwordRef\":\"env:X\",\"mode\":\"FULL\",\"status\":\"ACTIVE\","
                + "\"captureName\":\"dbarch_shop_0011aabb_0123abcd\",\"limitations\":[]}",
            MonitorRegistration.class);
    assertThat(v2.tls()).isNull();
    assertThat(v2.captureName()).isEqualTo("dbarch_shop_0011aabb_0123abcd");
  }

  @Test
  void tlsTravelsWithLibpqModeNamesAndSurvivesStatusChanges() {
    MonitorRegistration monitor =
        MonitorRegistration.register(
                SystemKey.of("acme", "shop"),
                "5f0e7c3a-1111-2222-3333-444455556666",
                MonitorRegistration.Engine.POSTGRESQL,
                "db",
                5432,
                "shop",
                "dbarch",
                "file:shop.password",
                new MonitorRegistration.Tls(MonitorRegistration.TlsMode.VERIFY_FULL, "file:ca.pem"),
                MonitorRegistration.Mode.LIMITED)
            .withMode(MonitorRegistration.Mode.FULL)
            .withStatus(MonitorRegistration.Status.PAUSED);
    String json = Json.toJson(monitor);
    assertThat(json).contains("\"tls\":{\"mode\":\"verify-full\",\"caRef\":\"file:ca.pem\"}");
    assertThat(Json.fromJson(json, MonitorRegistration.class)).isEqualTo(monitor);
  }
}
