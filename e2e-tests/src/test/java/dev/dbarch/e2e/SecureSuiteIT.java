package dev.dbarch.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbarch.contracts.kafka.KafkaSecurity;
import dev.dbarch.contracts.kafka.Topics;
import dev.dbarch.tools.auth.KeyFiles;
import dev.dbarch.tools.auth.Tokens;
import dev.dbarch.tools.kafka.SecureKafka;
import dev.dbarch.tools.kafka.StandaloneKafka;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The suite once in secure mode, as {@code ./dbarch up --secure} runs it: the broker listens with
 * TLS and SCRAM-SHA-512 only and enforces the ACLs of {@code KafkaAccess}; every packaged service
 * logs in as itself with its password from a file. An example becomes a complete recommendation,
 * and a service with a wrong password says so on its readiness probe instead of hanging.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecureSuiteIT {

  private static final List<String> SERVICES =
      List.of(
          "intake-service",
          "selection-service",
          "performance-service",
          "resilience-service",
          "security-service",
          "migration-service",
          "report-service");
  private static final String TENANT = "e2e-secure";

  /** Seven JVMs start at once; a loaded machine may set -Ddbarch.e2e.start-timeout-seconds. */
  private static final Duration START_TIMEOUT =
      Duration.ofSeconds(Long.getLong("dbarch.e2e.start-timeout-seconds", 240));

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path root =
      Path.of(
              System.getProperty(
                  "dbarch.root", Path.of("").toAbsolutePath().getParent().toString()))
          .toAbsolutePath()
          .normalize();
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(3))
          .build();
  private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
  private Path workDir;
  private StandaloneKafka kafka;
  private SecureKafka secure;
  private RecordCollector collector;
  private ServiceProcess impostor;
  private String publicKey;
  private PrivateKey signingKey;

  @BeforeAll
  void startSecureSuite() throws Exception {
    for (String service : SERVICES) {
      assertThat(jar(service)).as("packaged " + service).isRegularFile();
    }
    workDir =
        root.resolve("e2e-tests/target/e2e-secure")
            .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    Files.createDirectories(workDir.resolve("logs"));
    secure = new SecureKafka(workDir.resolve("kafka/secure"));
    kafka = new StandaloneKafka(workDir.resolve("kafka"), 0).secure(secure).start();
    System.out.printf(
        "Secure Kafka broker pid %d on %s up in %d ms (topics, logins and ACLs included)%n",
        kafka.pid(), kafka.bootstrapServers(), kafka.startupTime().toMillis());
    // The suite reads the result as the admin; services only ever see their own topics.
    collector = new RecordCollector(kafka.clientConfig(), List.of(Topics.RECOMMENDATIONS));

    Path auth = workDir.resolve("auth");
    KeyFiles.ensure(auth);
    signingKey = KeyFiles.readPrivate(auth.resolve(KeyFiles.PRIVATE_KEY));
    publicKey = auth.resolve(KeyFiles.PUBLIC_KEY).toString();

    List<Integer> ports = freePorts(SERVICES.size() + 1);
    for (int i = 0; i < SERVICES.size(); i++) {
      String name = SERVICES.get(i);
      ServiceProcess process =
          new ServiceProcess(
              name, jar(name), ports.get(i), workDir.resolve("logs").resolve(name + ".log"));
      services.put(name, process);
      process.start(environment(name, secure.environment(name)));
    }
    long began = System.nanoTime();
    await("every service reports UP over SASL_SSL")
        .atMost(START_TIMEOUT)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> services.values().stream().allMatch(s -> s.healthy(http)));
    System.out.printf(
        "All %d services UP in secure mode %d ms after launch%n",
        services.size(), Duration.ofNanos(System.nanoTime() - began).toMillis());

    // A second performance-service whose password is wrong, started once the others are up.
    Path wrong = workDir.resolve("wrong.password");
    Files.writeString(wrong, "not-" + UUID.randomUUID() + "\n");
    Map<String, String> impostorEnv = new HashMap<>(secure.environment("performance-service"));
    impostorEnv.put(KafkaSecurity.PASSWORD + "_FILE", wrong.toString());
    impostor =
        new ServiceProcess(
            "performance-service",
            jar("performance-service"),
            ports.get(SERVICES.size()),
            workDir.resolve("logs").resolve("performance-service-wrong-password.log"));
    impostor.start(environment("performance-service-impostor", impostorEnv));
  }

  private Map<String, String> environment(String name, Map<String, String> kafkaEnv) {
    Map<String, String> env = new HashMap<>(kafkaEnv);
    env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    env.put("DBARCH_LOG_JSON", "false");
    env.put("DBARCH_TOPICS_PROVISION", "false");
    env.put("DBARCH_STATE_DIR", workDir.resolve("state").resolve(name).toString());
    env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", publicKey);
    return env;
  }

  @AfterAll
  void stopSecureSuite() throws Exception {
    try {
      if (collector != null) {
        collector.close();
      }
    } finally {
      services.values().forEach(ServiceProcess::signalStop);
      if (impostor != null) {
        impostor.signalStop();
        impostor.stop(Duration.ofSeconds(20));
      }
      services.values().forEach(s -> s.stop(Duration.ofSeconds(20)));
      if (kafka != null) {
        kafka.stop();
      }
    }
  }

  @Test
  @Order(1)
  void anExampleBecomesACompleteRecommendationOverTlsAndScram() throws Exception {
    String yaml = Files.readString(root.resolve("examples/ecommerce.yaml"));
    String token = Tokens.mint(signingKey, Tokens.Claims.of(TENANT, Tokens.ROLES));
    long sent = System.nanoTime();
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(services.get("intake-service").baseUrl() + "/api/v1/assessments"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/yaml")
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(yaml, StandardCharsets.UTF_8))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    String assessmentId = JSON.readTree(response.body()).path("assessmentId").asText();

    RecordCollector.Received record =
        await("complete recommendation in secure mode")
            .atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(50))
            .until(
                () ->
                    collector.find(
                        r ->
                            (TENANT + "/shop-platform").equals(r.key())
                                && isCompleteFor(r.value(), assessmentId)),
                Optional::isPresent)
            .orElseThrow();
    JsonNode value = JSON.readTree(record.value());
    assertThat(value.path("sections").size()).isEqualTo(5);
    System.out.printf(
        "Secure mode: POST -> complete recommendation in %d ms%n",
        Duration.ofNanos(record.arrivedNanos() - sent).toMillis());
  }

  @Test
  @Order(2)
  void aWrongPasswordMakesTheServiceNotReadyWithTheReason() {
    String body =
        await("the service with a wrong password reports why it is not ready")
            .atMost(START_TIMEOUT)
            .pollInterval(Duration.ofSeconds(1))
            // The first probes may time out during the TLS handshake; the refusal follows.
            .until(
                () -> readiness(impostor),
                b -> b != null && b.toLowerCase().contains("authentication failed"));
    assertThat(body).contains("\"DOWN\"");
    System.out.println("Readiness with a wrong password: " + body);
    assertThat(body).containsIgnoringCase("authentication failed");
    assertThat(impostor.isAlive()).as("still running, not crashed or hung").isTrue();
  }

  @Test
  @Order(3)
  void noServiceLogsItsKafkaPassword() throws IOException {
    for (ServiceProcess s : services.values()) {
      String password = Files.readString(secure.passwordFile(s.name())).strip();
      assertThat(Files.readString(s.logFile())).as(s.name() + " log").doesNotContain(password);
    }
  }

  private String readiness(ServiceProcess s) {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create(s.baseUrl() + "/q/health/ready"))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static boolean isCompleteFor(String value, String assessmentId) {
    try {
      JsonNode node = JSON.readTree(value);
      return assessmentId.equals(node.path("assessmentId").asText())
          && node.path("complete").asBoolean();
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private Path jar(String service) {
    return root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
  }

  private static List<Integer> freePorts(int count) throws IOException {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        sockets.add(new ServerSocket(0, 50, InetAddress.getByName("0.0.0.0")));
      }
      return sockets.stream().map(ServerSocket::getLocalPort).toList();
    } finally {
      for (ServerSocket socket : sockets) {
        socket.close();
      }
    }
  }
}
