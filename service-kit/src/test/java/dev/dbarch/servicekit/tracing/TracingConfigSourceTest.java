package dev.dbarch.servicekit.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TracingConfigSourceTest {

  @Test
  void withoutACollectorTheSdkIsOffSoNothingIsExportedToANonexistentOne() {
    TracingConfigSource source = new TracingConfigSource(Map.<String, String>of()::get);
    assertThat(source.getValue("quarkus.otel.sdk.disabled")).isEqualTo("true");
    assertThat(source.getValue("quarkus.otel.exporter.otlp.traces.endpoint")).isNull();
  }

  @Test
  void dbarchsVariableNamesTheCollectorAndTurnsTracingOn() {
    TracingConfigSource source =
        new TracingConfigSource(
            Map.of(TracingConfigSource.ENDPOINT, " http://otel-collector:4317 ")::get);
    assertThat(source.getValue("quarkus.otel.sdk.disabled")).isEqualTo("false");
    assertThat(source.getValue("quarkus.otel.exporter.otlp.traces.endpoint"))
        .isEqualTo("http://otel-collector:4317");
  }

  @Test
  void theStandardVariableTurnsTracingOnAndQuarkusReadsItsValueItself() {
    TracingConfigSource source =
        new TracingConfigSource(
            Map.of("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317")::get);
    assertThat(source.getValue("quarkus.otel.sdk.disabled")).isEqualTo("false");
    assertThat(source.getPropertyNames()).containsExactly("quarkus.otel.sdk.disabled");
  }

  @Test
  void aBlankEndpointIsNoEndpoint() {
    assertThat(
            new TracingConfigSource(Map.of(TracingConfigSource.ENDPOINT, "  ")::get)
                .getValue("quarkus.otel.sdk.disabled"))
        .isEqualTo("true");
  }

  @Test
  void theEnvironmentStillOverridesIt() {
    assertThat(new TracingConfigSource(Map.<String, String>of()::get).getOrdinal())
        .isGreaterThan(250)
        .isLessThan(300);
  }
}
