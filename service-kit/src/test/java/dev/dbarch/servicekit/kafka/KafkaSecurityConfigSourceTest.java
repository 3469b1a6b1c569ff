package dev.dbarch.servicekit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaSecurityConfigSourceTest {

  @Test
  void channelsClientsAndStreamsGetTheSameSecuritySettings() {
    Map<String, String> env =
        Map.of(
            "DBARCH_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
            "DBARCH_KAFKA_SASL_USERNAME", "report-service",
            "DBARCH_KAFKA_SASL_PASSWORD", "pw-123");
    KafkaSecurityConfigSource source = new KafkaSecurityConfigSource(env::get);

    assertThat(source.getValue("kafka.security.protocol")).isEqualTo("SASL_SSL");
    assertThat(source.getValue("kafka-streams.security.protocol")).isEqualTo("SASL_SSL");
    assertThat(source.getValue("kafka.sasl.mechanism")).isEqualTo("SCRAM-SHA-512");
    assertThat(source.getValue("kafka.sasl.jaas.config"))
        .isEqualTo(source.getValue("kafka-streams.sasl.jaas.config"))
        .contains("username=\"report-service\"");
    assertThat(source.getPropertyNames()).allMatch(k -> k.startsWith("kafka"));
    assertThat(source.getOrdinal()).isGreaterThan(250).isLessThan(300);
    assertThat(source.getName()).doesNotContain("pw-123");
  }

  @Test
  void plaintextAddsNothing() {
    assertThat(new KafkaSecurityConfigSource(Map.<String, String>of()::get).getProperties())
        .isEmpty();
  }
}
