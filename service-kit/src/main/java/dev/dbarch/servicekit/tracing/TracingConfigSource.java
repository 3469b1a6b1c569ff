package dev.dbarch.servicekit.tracing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Tracing is on only where a collector is named (docs/operations.md, "Tracing"): {@value #ENDPOINT}
 * (dbarch's own variable, for the manifests and ./dbarch up) or OpenTelemetry's standard {@code
 * QUARKUS_OTEL_EXPORTER_OTLP_[TRACES_]ENDPOINT}. Without one the OpenTelemetry SDK is disabled: no
 * spans, no export attempts against a collector that is not there (Quarkus would otherwise send to
 * localhost:4317 and log every failed batch), and nothing added to a record's headers.
 *
 * <p>Its ordinal is above application.properties and below the environment, so an explicit {@code
 * QUARKUS_OTEL_SDK_DISABLED} still wins.
 */
public final class TracingConfigSource implements ConfigSource {

  /** The OTLP endpoint spans go to, e.g. {@code http://otel-collector:4317}. */
  public static final String ENDPOINT = "DBARCH_OTEL_ENDPOINT";

  /** The standard variables that name a collector as well. */
  static final Set<String> STANDARD_ENDPOINTS =
      Set.of("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");

  static final int ORDINAL = 275;

  private final Map<String, String> values;

  public TracingConfigSource() {
    this(System::getenv);
  }

  TracingConfigSource(Function<String, String> env) {
    Map<String, String> all = new LinkedHashMap<>();
    String endpoint = blankToNull(env.apply(ENDPOINT));
    boolean standard = STANDARD_ENDPOINTS.stream().anyMatch(v -> blankToNull(env.apply(v)) != null);
    if (endpoint != null) {
      all.put("quarkus.otel.exporter.otlp.traces.endpoint", endpoint);
    }
    all.put("quarkus.otel.sdk.disabled", Boolean.toString(endpoint == null && !standard));
    this.values = Collections.unmodifiableMap(all);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  @Override
  public Set<String> getPropertyNames() {
    return values.keySet();
  }

  @Override
  public Map<String, String> getProperties() {
    return values;
  }

  @Override
  public String getValue(String propertyName) {
    return values.get(propertyName);
  }

  @Override
  public String getName() {
    return "dbarch tracing (" + ENDPOINT + ")";
  }

  @Override
  public int getOrdinal() {
    return ORDINAL;
  }
}
