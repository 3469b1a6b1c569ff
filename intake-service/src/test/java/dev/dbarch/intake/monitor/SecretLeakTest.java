package dev.dbarch.intake.monitor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.dbarch.contracts.kafka.Topics;
import dev.dbarch.testsupport.KafkaTestClient;
import dev.dbarch.testsupport.KafkaTestResource;
import dev.dbarch.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 8's leak test: intake at DEBUG (its own code, Debezium, Kafka, pgjdbc) watches a real
 * PostgreSQL 17 that authenticates the monitor's user by SCRAM with a random password kept in a
 * file of the secrets directory, over TLS verified with a CA from the same directory (intake
 * requires verify-full here, and a plain registration is refused first). After registration,
 * capture and a DDL change, the password (and its base64 forms) must appear in no log line, no
 * record of any topic (Debezium's offsets included), no API response, not in /q/metrics, and in no
 * file the run wrote except the secret file itself. {@link LeakScannerTest} proves the scanner
 * finds a planted secret.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@TestProfile(SecretLeakTest.DebugLogging.class)
class SecretLeakTest {

  static final String LOG = "target/secret-leak-test.log";
  static final String PASSWORD = "leak-" + UUID.randomUUID();
  static final String SYSTEM = "leak-shop";
  static final String ADMIN = TestTokens.token("admin");
  static final Instant STARTED = Instant.now().minusSeconds(1);
  static EmbeddedPostgres17 postgres;
  static Path passwordFile;
  static Path caFile;

  /**
   * DEBUG for everything that touches the password; its own log file; and monitors must use
   * verify-full, so the CA reference travels the same paths.
   */
  public static class DebugLogging implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "quarkus.log.level", "DEBUG",
          "quarkus.log.category.\"dev.dbarch\".level", "DEBUG",
          "quarkus.log.category.\"io.debezium\".level", "DEBUG",
          "quarkus.log.category.\"org.apache.kafka\".level", "DEBUG",
          "quarkus.log.category.\"org.apache.kafka.connect\".level", "DEBUG",
          "quarkus.log.category.\"org.postgresql\".level", "DEBUG",
          "quarkus.log.console.level", "INFO",
          "quarkus.log.file.path", LOG,
          "dbarch.monitor.require-tls", "true");
    }
  }

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  final List<String> responses = new ArrayList<>();

  @BeforeAll
  static void start() throws IOException {
    passwordFile = TestSecrets.file("leak.password", PASSWORD);
    caFile = TestSecrets.DIR.resolve("leak-ca.pem");
    Path work = Path.of("target/secret-leak").toAbsolutePath();
    TestCertificates certificates = TestCertificates.create(work, caFile);
    Path hba = work.resolve("pg_hba.conf");
    // The monitor's user must prove the password (SCRAM) over TLS; zonky's own connections stay
    // trusted.
    Files.writeString(
        hba,
        """
        local all all trust
        host all postgres 127.0.0.1/32 trust
        host all postgres ::1/128 trust
        hostssl all all 127.0.0.1/32 scram-sha-256
        hostssl all all ::1/128 scram-sha-256
        hostssl replication all 127.0.0.1/32 scram-sha-256
        hostssl replication all ::1/128 scram-sha-256
        """);
    postgres =
        new EmbeddedPostgres17(
            Map.of(
                "ssl", "on",
                "ssl_cert_file", certificates.serverCertPem.toString(),
                "ssl_key_file", certificates.serverKeyPem.toString(),
                "hba_file", hba.toString()));
    postgres.execute(
        "CREATE ROLE leak_watcher LOGIN SUPERUSER REPLICATION PASSWORD '" + PASSWORD + "'",
        "CREATE TABLE customers (id integer PRIMARY KEY, email text)");
  }

  @AfterAll
  static void stop() throws IOException {
    postgres.close();
    Files.deleteIfExists(passwordFile);
    Files.deleteIfExists(caFile);
  }

  private Response call(String method, String path, String body) {
    var request = given().auth().oauth2(ADMIN);
    if (body != null) {
      request = request.contentType("application/json").body(body);
    }
    Response response = request.request(method, path);
    responses.add(method + " " + path + " -> " + response.asString());
    return response;
  }

  private String registration(String tls) {
    return """
        {"systemId":"%s","engine":"POSTGRESQL","host":"localhost","port":%d,
         "database":"postgres","user":"leak_watcher","passwordRef":"file:leak.password"%s}"""
        .formatted(SYSTEM, postgres.port(), tls);
  }

  @Test
  void thePasswordAppearsNowhereButInItsFile() throws Exception {
    // dbarch.monitor.require-tls: less than verify-full is refused before any connection.
    for (String tls : List.of("", ",\"tls\":{\"mode\":\"require\"}")) {
      call("POST", "/api/v1/monitors", registration(tls))
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("errors.field", hasItem("tls.mode"));
    }
    call(
            "POST",
            "/api/v1/monitors",
            registration(",\"tls\":{\"mode\":\"verify-full\",\"caRef\":\"file:leak-ca.pem\"}"))
        .then()
        .statusCode(201)
        .body("mode", equalTo("FULL"));
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                call("GET", "/api/v1/monitors/" + SYSTEM, null)
                    .then()
                    .body("capture", equalTo("RUNNING")));
    try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
      postgres.execute("CREATE TABLE leak_probe (id integer PRIMARY KEY, note text)");
      kafka.await(
          Topics.SCHEMA_CHANGES,
          r -> r.key().endsWith("/" + SYSTEM) && r.value().contains("CREATE TABLE leak_probe"),
          1,
          Duration.ofSeconds(30));
    }
    call("GET", "/api/v1/monitors", null).then().statusCode(200);
    call("POST", "/api/v1/monitors/" + SYSTEM + "/pause", null).then().statusCode(200);
    call("POST", "/api/v1/monitors/" + SYSTEM + "/resume", null).then().statusCode(200);
    call("GET", "/q/metrics", null).then().statusCode(200);
    call("GET", "/q/health", null);

    LeakScanner scanner = new LeakScanner(PASSWORD);
    for (String response : responses) {
      scanner.scan("API response " + response.substring(0, response.indexOf(" -> ")), response);
    }
    int records = scanTopics(scanner);
    // Everything the run wrote: its log, reports, state; the secret file itself excepted.
    List<Path> written = writtenSince(Path.of("target"));
    written.addAll(writtenSince(Path.of(System.getProperty("java.io.tmpdir")), "dbarch"));
    for (Path file : written) {
      if (!file.toAbsolutePath().normalize().equals(passwordFile.toAbsolutePath().normalize())) {
        scanner.scanTree(file, null);
      }
    }
    String log = Files.readString(Path.of(LOG));
    System.out.printf(
        "Leak scan: %d API responses, %d topic records, %d files written (log %d lines)%n",
        responses.size(), records, written.size(), log.lines().count());
    // The log of this run (rotated at boot) has DEBUG lines of Debezium, which prints its
    // connection settings at that level: the path a password would leak by.
    assertThat(log).as("DEBUG lines in the log").contains("\"level\":\"DEBUG\"");
    assertThat(log).as("Debezium's DEBUG lines").contains("io.debezium");
    assertThat(records).as("records scanned").isPositive();
    assertThat(scanner.findings()).as("places the password leaked to").isEmpty();

    call("DELETE", "/api/v1/monitors/" + SYSTEM, null).then().statusCode(204);
  }

  /** Every record (key, value, headers) of every topic, from the beginning. */
  private int scanTopics(LeakScanner scanner) throws Exception {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    Set<String> topics;
    try (Admin admin = Admin.create(props)) {
      topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
    }
    assertThat(topics).contains(Topics.CAPTURE_OFFSETS, Topics.MONITORS);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    int count = 0;
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : topics) {
        consumer
            .partitionsFor(topic, Duration.ofSeconds(10))
            .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        assertThat(System.nanoTime()).as("read every topic within 30 s").isLessThan(deadline);
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          String where =
              "record " + record.topic() + "/" + record.partition() + "@" + record.offset();
          if (record.key() != null) {
            scanner.scan(where + " key", record.key());
          }
          if (record.value() != null) {
            scanner.scan(where + " value", record.value());
          }
          for (Header header : record.headers()) {
            scanner.scan(where + " header " + header.key(), header.value());
          }
          count++;
        }
      }
    }
    return count;
  }

  private static List<Path> writtenSince(Path dir, String... prefix) throws IOException {
    List<Path> files = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return files;
    }
    try (Stream<Path> walk = Files.walk(dir, prefix.length == 0 ? Integer.MAX_VALUE : 1)) {
      walk.filter(Files::isRegularFile)
          .filter(f -> prefix.length == 0 || f.getFileName().toString().startsWith(prefix[0]))
          .filter(f -> modified(f).toInstant().isAfter(STARTED))
          .forEach(files::add);
    }
    return files;
  }

  private static FileTime modified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }
}
