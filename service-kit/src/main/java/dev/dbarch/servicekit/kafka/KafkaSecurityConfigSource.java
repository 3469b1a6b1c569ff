package dev.dbarch.servicekit.kafka;

import dev.dbarch.contracts.kafka.KafkaSecurity;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Puts the Kafka security settings computed by {@link KafkaSecurity} from the {@code
 * DBARCH_KAFKA_*} environment under {@code kafka.*} (every SmallRye channel, the {@code
 * default-kafka-broker} map that admin, replayer and Debezium clients are built from, the Kafka
 * health check) and {@code kafka-streams.*} (report-service's topology). One computation, so no
 * client of a service connects with different credentials from another.
 *
 * <p>Its ordinal is above application.properties, so a packaged PLAINTEXT default cannot undo the
 * environment; the standard {@code KAFKA_*} variables (ordinal 300) still win for a one-off
 * override.
 */
public final class KafkaSecurityConfigSource implements ConfigSource {

  static final int ORDINAL = 275;

  private final Map<String, String> values;

  public KafkaSecurityConfigSource() {
    this(System::getenv);
  }

  KafkaSecurityConfigSource(Function<String, String> env) {
    Map<String, String> client = KafkaSecurity.clientProperties(env);
    Map<String, String> all = new LinkedHashMap<>();
    client.forEach(
        (key, value) -> {
          all.put("kafka." + key, value);
          all.put("kafka-streams." + key, value);
        });
    this.values = Collections.unmodifiableMap(all);
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
    // Shown by Quarkus next to a value's origin; names the variables, not their content.
    return "dbarch Kafka security (DBARCH_KAFKA_* environment)";
  }

  @Override
  public int getOrdinal() {
    return ORDINAL;
  }
}
