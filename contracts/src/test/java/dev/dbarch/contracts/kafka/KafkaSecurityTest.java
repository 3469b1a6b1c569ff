package dev.dbarch.contracts.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaSecurityTest {

  @TempDir Path dir;

  @Test
  void noProtocolOrPlaintextMeansNoSettings() {
    assertThat(KafkaSecurity.clientProperties(Map.<String, String>of()::get)).isEmpty();
    assertThat(KafkaSecurity.clientProperties(Map.of(KafkaSecurity.PROTOCOL, "plaintext")::get))
        .isEmpty();
  }

  @Test
  void saslSslFromFilesGivesScramAndAPemTruststore() throws Exception {
    Path password = Files.writeString(dir.resolve("pw"), "s3cret-\"quoted\\\n");
    Path ca = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
    Map<String, String> env =
        Map.of(
            KafkaSecurity.PROTOCOL,
            "SASL_SSL",
            KafkaSecurity.USERNAME,
            "intake-service",
            KafkaSecurity.PASSWORD + "_FILE",
            password.toString(),
            KafkaSecurity.PASSWORD,
            "ignored-when-a-file-is-named",
            KafkaSecurity.TRUSTSTORE,
            ca.toString());

    Map<String, String> props = KafkaSecurity.clientProperties(env::get);

    assertThat(props)
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .containsEntry("ssl.truststore.location", ca.toString())
        .containsEntry("ssl.truststore.type", "PEM");
    assertThat(KafkaSecurity.CLIENT_KEYS).containsAll(props.keySet());
    // Kafka's own parser reads back exactly the user and the password from the file.
    var entry =
        JaasContext.loadClientContext(
                Map.of("sasl.jaas.config", new Password(props.get("sasl.jaas.config"))))
            .configurationEntries()
            .get(0);
    Map<String, Object> options = Map.copyOf(entry.getOptions());
    assertThat(options)
        .containsEntry("username", "intake-service")
        .containsEntry("password", "s3cret-\"quoted\\");
    assertThat(KafkaSecurity.redacted(props).toString()).doesNotContain("s3cret");
  }

  @Test
  void missingCredentialsNameTheVariableNotAValue() {
    assertThatThrownBy(
            () ->
                KafkaSecurity.clientProperties(
                    Map.of(KafkaSecurity.PROTOCOL, "SASL_SSL", KafkaSecurity.USERNAME, "u")::get))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DBARCH_KAFKA_SASL_PASSWORD");
    assertThatThrownBy(
            () ->
                KafkaSecurity.clientProperties(
                    Map.of(
                            KafkaSecurity.PROTOCOL,
                            "SASL_SSL",
                            KafkaSecurity.USERNAME,
                            "u",
                            KafkaSecurity.PASSWORD + "_FILE",
                            dir.resolve("absent").toString())
                        ::get))
        .hasMessageContaining("DBARCH_KAFKA_SASL_PASSWORD_FILE")
        .hasMessageNotContaining("absent");
    assertThatThrownBy(
            () -> KafkaSecurity.clientProperties(Map.of(KafkaSecurity.PROTOCOL, "TLS")::get))
        .hasMessageContaining("DBARCH_KAFKA_SECURITY_PROTOCOL");
  }

  /** Any password of printable characters survives the JAAS line; seeded, 300 cases. */
  @Test
  void everyPrintablePasswordRoundTripsThroughJaas() {
    for (long seed = 1; seed <= 300; seed++) {
      Random random = new Random(seed);
      int length = 1 + random.nextInt(40);
      StringBuilder password = new StringBuilder();
      for (int i = 0; i < length; i++) {
        password.append((char) (33 + random.nextInt(94)));
      }
      Map<String, Object> config = new HashMap<>();
      config.put(
          "sasl.jaas.config",
          new Password(KafkaSecurity.scramJaas("user-" + seed, password.toString())));
      var options =
          JaasContext.loadClientContext(config).configurationEntries().get(0).getOptions();
      assertThat(options.get("password")).as("seed %d", seed).isEqualTo(password.toString());
    }
  }

  @Test
  void accessDeclarationNamesOnlyKnownTopicsAndEveryServiceOnce() {
    Set<String> known = Topics.ALL.stream().map(Topics.TopicSpec::name).collect(Collectors.toSet());
    for (KafkaAccess.ServiceAccess s : KafkaAccess.SERVICES) {
      assertThat(known).as(s.principal()).containsAll(s.reads()).containsAll(s.writes());
    }
    assertThat(KafkaAccess.SERVICES.stream().map(KafkaAccess.ServiceAccess::principal).distinct())
        .hasSize(7);
    // Every topic someone writes is read by someone or is a dead-letter/state topic.
    assertThat(KafkaAccess.of("performance-service").orElseThrow().reads())
        .containsExactly(Topics.ASSESSMENT_REQUESTS);
  }

  @Test
  void debeziumGetsTheSettingsForItsOffsetStoreAndSchemaHistory() {
    Map<String, Object> client = new HashMap<>();
    client.put("bootstrap.servers", "b:1");
    client.put("security.protocol", "SASL_SSL");
    client.put("sasl.jaas.config", new Password(KafkaSecurity.scramJaas("u", "p")));
    Map<String, String> props = KafkaSecurity.debeziumProperties(client);
    assertThat(props)
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("schema.history.internal.producer.security.protocol", "SASL_SSL")
        .containsEntry(
            "schema.history.internal.consumer.sasl.jaas.config", KafkaSecurity.scramJaas("u", "p"))
        .doesNotContainKey("bootstrap.servers");
  }
}
