package dev.dbarch.tools.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbarch.contracts.kafka.KafkaAccess;
import dev.dbarch.contracts.kafka.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A real broker process in secure mode: TLS, SCRAM logins, ACLs from {@link KafkaAccess}. */
@Timeout(240)
class SecureKafkaTest {

  @TempDir static Path dir;
  static StandaloneKafka kafka;

  @BeforeAll
  static void start() {
    kafka = new StandaloneKafka(dir, 0).secure(new SecureKafka(dir.resolve("secure"))).start();
    System.out.printf(
        "secure broker on %s started in %d ms%n",
        kafka.bootstrapServers(), kafka.startupTime().toMillis());
  }

  @AfterAll
  static void stop() {
    if (kafka != null) {
      kafka.stop();
    }
  }

  @Test
  void everyGeneratedFileIsPrivateAndTheAdminCreatedTheTopics() throws Exception {
    try (Stream<Path> files = Files.walk(dir.resolve("secure"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
            .as(f.toString())
            .isEqualTo("rw-------");
      }
    }
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("server.properties"))))
        .isEqualTo("rw-------");
    assertThat(dir.resolve("secure/ca.pem")).content().startsWith("-----BEGIN CERTIFICATE-----");
    try (Admin admin = Admin.create(kafka.clientConfig())) {
      assertThat(admin.listTopics().names().get())
          .containsAll(Topics.ALL.stream().map(Topics.TopicSpec::name).toList());
    }
    // The broker's own configuration logging hides the passwords.
    String admin = SecureKafka.read(kafka.secureFiles().passwordFile(SecureKafka.ADMIN));
    String store = SecureKafka.read(dir.resolve("secure/store.password"));
    assertThat(Files.readString(dir.resolve(StandaloneKafka.LOG_FILE)))
        .doesNotContain(admin)
        .doesNotContain(store);
  }

  @Test
  void aServiceWritesAndReadsItsOwnTopicsOnly() throws Exception {
    // performance-service: writes verdicts, reads requests in its own group.
    try (KafkaProducer<String, String> producer = producer("performance-service")) {
      producer.send(new ProducerRecord<>(Topics.SECTION_VERDICTS, "k", "v")).get();
      ExecutionException denied =
          org.junit.jupiter.api.Assertions.assertThrows(
              ExecutionException.class,
              () -> producer.send(new ProducerRecord<>(Topics.RECOMMENDATIONS, "k", "v")).get());
      assertThat(denied.getCause()).isInstanceOf(TopicAuthorizationException.class);
    }
    try (KafkaConsumer<String, String> consumer =
        consumer("performance-service", "performance-service")) {
      consumer.subscribe(List.of(Topics.ASSESSMENT_REQUESTS));
      consumer.poll(Duration.ofSeconds(3)); // joins its group: allowed
    }
    // ...but not another service's topic, nor another's group.
    try (KafkaConsumer<String, String> consumer =
        consumer("performance-service", "performance-service")) {
      consumer.subscribe(List.of(Topics.MONITORS));
      assertThatThrownBy(() -> pollUntilFailure(consumer))
          .isInstanceOf(TopicAuthorizationException.class)
          .hasMessageContaining(Topics.MONITORS);
    }
    try (KafkaConsumer<String, String> consumer =
        consumer("performance-service", "report-service")) {
      consumer.subscribe(List.of(Topics.ASSESSMENT_REQUESTS));
      assertThatThrownBy(() -> pollUntilFailure(consumer))
          .isInstanceOf(GroupAuthorizationException.class);
    }
    // intake may read the monitors it registers.
    try (KafkaConsumer<String, String> consumer =
        consumer("intake-service", "intake-service-capture")) {
      consumer.subscribe(List.of(Topics.MONITORS));
      consumer.poll(Duration.ofSeconds(3));
    }
  }

  @Test
  void theAclTableFollowsTheDeclaration() throws Exception {
    try (Admin admin = Admin.create(kafka.clientConfig())) {
      var bindings =
          admin.describeAcls(org.apache.kafka.common.acl.AclBindingFilter.ANY).values().get();
      assertThat(Set.copyOf(bindings)).containsExactlyInAnyOrderElementsOf(SecureKafka.acls());
      Set<String> principals = new java.util.HashSet<>();
      bindings.forEach(b -> principals.add(b.entry().principal()));
      assertThat(principals)
          .containsExactlyInAnyOrderElementsOf(
              KafkaAccess.SERVICES.stream().map(s -> "User:" + s.principal()).toList());
    }
  }

  @Test
  void aWrongPasswordFailsAuthenticationQuickly() {
    Map<String, Object> config =
        new HashMap<>(kafka.secureFiles().clientConfig(kafka.bootstrapServers(), "intake-service"));
    config.put(
        "sasl.jaas.config",
        dev.dbarch.contracts.kafka.KafkaSecurity.scramJaas(
            "intake-service", "wrong-" + UUID.randomUUID()));
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      assertThatThrownBy(
              () -> producer.send(new ProducerRecord<>(Topics.ASSESSMENT_REQUESTS, "k", "v")).get())
          .hasCauseInstanceOf(SaslAuthenticationException.class)
          .hasMessageContaining("Authentication failed");
    }
  }

  private static void pollUntilFailure(KafkaConsumer<String, String> consumer) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      consumer.poll(Duration.ofMillis(500));
    }
  }

  private static KafkaProducer<String, String> producer(String principal) {
    Map<String, Object> config =
        new HashMap<>(kafka.secureFiles().clientConfig(kafka.bootstrapServers(), principal));
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
  }

  private static KafkaConsumer<String, String> consumer(String principal, String group) {
    Map<String, Object> config =
        new HashMap<>(kafka.secureFiles().clientConfig(kafka.bootstrapServers(), principal));
    config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
  }
}
