package dev.dbarch.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbarch.contracts.kafka.EventHeaders;
import dev.dbarch.contracts.kafka.Topics;
import dev.dbarch.testsupport.LargeSchemas;
import dev.dbarch.tools.auth.KeyFiles;
import dev.dbarch.tools.auth.Tokens;
import dev.dbarch.tools.kafka.CreateTopics;
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
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The whole suite as a user runs it: a standalone Kafka broker and the seven packaged services,
 * each its own process on a free port, driven through the public HTTP API and the topics.
 *
 * <p>Needs {@code <root>/<service>/target/quarkus-app/quarkus-run.jar} for every service (the
 * reactor builds them before this module) and {@code <root>/examples/*.yaml}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SuiteIT {

  private static final List<String> SERVICES =
      List.of(
          "intake-service",
          "selection-service",
          "performance-service",
          "resilience-service",
          "security-service",
          "migration-service",
          "report-service");

  /** example file to the systemId it declares. */
  private static final Map<String, String> EXAMPLES = new LinkedHashMap<>();

  static {
    EXAMPLES.put("ecommerce.yaml", "shop-platform");
    EXAMPLES.put("peak-slowdown.yaml", "checkout-api");
    EXAMPLES.put("oracle-to-postgres.yaml", "erp-core");
  }

  private static final List<String> SECTIONS =
      List.of("SELECTION", "PERFORMANCE", "RESILIENCE", "SECURITY", "MIGRATION");

  // -Ddbarch.e2e.start-timeout=<seconds> on a crowded machine.
  private static final Duration START_TIMEOUT =
      Duration.ofSeconds(Long.getLong("dbarch.e2e.start-timeout", 180));
  private static final Duration RECOMMENDATION_TIMEOUT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AtomicBoolean failed = new AtomicBoolean();

  /** The tenant the suite acts as; records of its systems are keyed {@code e2e/<systemId>}. */
  private static final String TENANT = "e2e";

  /** A token with every role for {@link #TENANT}, signed with the suite's own key pair. */
  private String token;

  private java.security.PrivateKey signingKey;

  @RegisterExtension
  final TestWatcher watcher =
      new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
          failed.set(true);
        }
      };

  private final Path root =
      Path.of(
              System.getProperty(
                  "dbarch.root", Path.of("").toAbsolutePath().getParent().toString()))
          .toAbsolutePath()
          .normalize();
  private Path workDir;
  private StandaloneKafka kafka;
  private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
  private RecordCollector collector;
  private TraceReceiver traces;
  private KafkaProducer<String, String> producer;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(3))
          .build();
  private Thread shutdownHook;

  /** What was measured, printed at the end. */
  private final Map<String, Long> latencyMillis = new LinkedHashMap<>();

  @BeforeAll
  void startSuite() throws Exception {
    List<String> missing = new ArrayList<>();
    for (String service : SERVICES) {
      if (!Files.isRegularFile(jar(service))) {
        missing.add(root.relativize(jar(service)).toString());
      }
    }
    assertThat(missing)
        .as("packaged services (build them with ./mvnw -DskipTests package)")
        .isEmpty();

    workDir =
        root.resolve("e2e-tests/target/e2e")
            .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    Files.createDirectories(workDir.resolve("logs"));
    // intake reads file: password references only inside this directory.
    Files.createDirectories(workDir.resolve("secrets"));
    System.out.println("e2e work directory: " + workDir);

    shutdownHook = new Thread(this::stopEverything, "e2e-stop-processes");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    try {
      kafka = new StandaloneKafka(workDir.resolve("kafka"), 0).start();
      System.out.printf(
          "Kafka broker pid %d on %s up in %d ms%n",
          kafka.pid(), kafka.bootstrapServers(), kafka.startupTime().toMillis());
      List<String> created =
          CreateTopics.create(kafka.bootstrapServers(), CreateTopics.DEFAULT_PARTITIONS, (short) 1);
      assertThat(created).hasSize(Topics.ALL.size());

      collector =
          new RecordCollector(
              kafka.bootstrapServers(),
              List.of(
                  Topics.RECOMMENDATIONS,
                  Topics.RECOMMENDATION_HISTORY,
                  Topics.SCHEMA_CHANGES,
                  Topics.WORKLOAD_SNAPSHOTS,
                  Topics.ASSESSMENT_REQUESTS_DLQ,
                  Topics.SECTION_VERDICTS_DLQ));
      producer = producer(kafka.bootstrapServers());

      // As ./dbarch up does: a fresh key pair; the services trust its public key, the suite signs.
      Path auth = workDir.resolve("auth");
      KeyFiles.ensure(auth);
      signingKey = KeyFiles.readPrivate(auth.resolve(KeyFiles.PRIVATE_KEY));
      token = tokenFor(TENANT, Tokens.ROLES.toArray(String[]::new));
      String publicKey = auth.resolve(KeyFiles.PUBLIC_KEY).toString();

      List<Integer> ports = freePorts(SERVICES.size());
      for (int i = 0; i < SERVICES.size(); i++) {
        String name = SERVICES.get(i);
        services.put(
            name,
            new ServiceProcess(
                name, jar(name), ports.get(i), workDir.resolve("logs").resolve(name + ".log")));
      }
      // Every service exports its spans to the suite's receiver, as it would to a collector.
      traces = TraceReceiver.start();
      services.values().forEach(s -> s.addEnvironment(traces.environment()));
      long began = System.nanoTime();
      for (ServiceProcess service : services.values()) {
        service.start(
            Map.of(
                "KAFKA_BOOTSTRAP_SERVERS",
                kafka.bootstrapServers(),
                "DBARCH_LOG_JSON",
                "false",
                "DBARCH_WORKLOAD_POLL_INTERVAL",
                "3s",
                "DBARCH_STATE_DIR",
                workDir.resolve("state").resolve(service.name()).toString(),
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
                publicKey,
                // As ./dbarch up: static group membership (docs/adr/0010).
                "DBARCH_INSTANCE_ID",
                "e2e-" + service.name(),
                "DBARCH_SECRETS_DIR",
                workDir.resolve("secrets").toString(),
                // The burst test submits hundreds at once for one tenant.
                "DBARCH_INTAKE_RATE_LIMIT_ASSESSMENTS_BURST",
                "5000",
                "DBARCH_INTAKE_RATE_LIMIT_ASSESSMENTS_PER_SECOND",
                "1000"));
      }
      await("every service reports UP")
          .atMost(START_TIMEOUT)
          .pollInterval(Duration.ofMillis(250))
          .until(() -> services.values().stream().allMatch(s -> s.healthy(http)));
      System.out.printf(
          "All %d services UP %d ms after launch%n",
          services.size(), Duration.ofNanos(System.nanoTime() - began).toMillis());
    } catch (Throwable t) {
      failed.set(true);
      throw t;
    }
  }

  @AfterAll
  void stopSuite() {
    try {
      if (!services.isEmpty()) {
        printMeasurements();
      }
      if (failed.get()) {
        printLogTails();
      }
    } finally {
      stopEverything();
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException | NullPointerException ignored) {
        // shutting down, or never registered
      }
    }
    for (ServiceProcess service : services.values()) {
      assertThat(service.isAlive()).as(service.name() + " stopped").isFalse();
    }
    if (kafka != null) {
      assertThat(kafka.isRunning()).as("Kafka stopped").isFalse();
    }
  }

  /**
   * The size target of issue #12 through the whole pipeline, not only intake: a 5,000-table,
   * 200,000-column DDL script becomes one complete revision, with every service at the heap it runs
   * with in production (-Xmx256m). Heap use is sampled from each service's /q/metrics while it runs
   * and printed for docs/operations.md.
   */
  @Test
  @Order(20)
  void aFiveThousandTableSchemaBecomesOneCompleteRevision() throws Exception {
    int tables = Integer.getInteger("dbarch.scale.tables", 5000);
    String script = LargeSchemas.postgres(tables, 40, 12);
    String systemId = "large-schema";
    String body =
        JSON.writeValueAsString(
            Map.of(
                "systemId",
                systemId,
                "name",
                "Large schema end to end",
                "schema",
                Map.of("dialect", "POSTGRESQL", "ddl", script)));
    HeapSampler heap = new HeapSampler(services.values(), http);
    heap.start();
    Submitted submitted;
    RecordCollector.Received record;
    try {
      // Intake parses the script and runs every schema rule before it answers: some 15 s for
      // 5,000 tables on an idle two-core machine, several times that on a busy one.
      long sent = System.nanoTime();
      HttpResponse<String> accepted = post(body, "application/json", Duration.ofSeconds(180));
      assertThat(accepted.statusCode()).as("POST answered: %s", accepted.body()).isEqualTo(202);
      submitted = new Submitted(readJson(accepted.body()).path("assessmentId").asText(), sent);
      System.out.printf(
          "%d-table script accepted in %d ms%n",
          tables, Duration.ofNanos(System.nanoTime() - sent).toMillis());
      record =
          awaitRecommendation(
              systemId, submitted.assessmentId(), Duration.ofSeconds(240), Duration.ofMillis(500));
    } finally {
      heap.stop();
    }
    long elapsedMs = Duration.ofNanos(record.arrivedNanos() - submitted.sentNanos()).toMillis();
    JsonNode value = JSON.readTree(record.value());
    assertThat(value.path("complete").asBoolean()).isTrue();
    assertThat(value.path("sections").size()).isEqualTo(5);
    assertThat(value.path("missingSections").size()).isZero();
    assertThat(value.path("markdown").asText()).contains("## Database Architecture Recommendation");
    // The schema's findings reach the document: the generated schema has unindexed foreign keys
    // and tables without a primary key by construction.
    assertThat(record.value()).contains("SCH-");
    for (ServiceProcess service : services.values()) {
      assertThat(service.isAlive()).as(service.name() + " survived the large schema").isTrue();
    }

    StringBuilder figures = new StringBuilder();
    figures.append(
        String.format(
            "%n==== %d tables x 40 columns end to end ====%n"
                + "script %d bytes, request body %d bytes, complete revision after %d ms,"
                + " revision record %d bytes, %d risk rows in the sections standing for %d"
                + " findings%n",
            tables,
            script.getBytes(StandardCharsets.UTF_8).length,
            body.getBytes(StandardCharsets.UTF_8).length,
            elapsedMs,
            record.value().getBytes(StandardCharsets.UTF_8).length,
            sectionRisks(value, false),
            sectionRisks(value, true)));
    figures.append(String.format("%-22s %16s %10s%n", "process", "peak heap MiB", "RSS MiB"));
    for (ServiceProcess service : services.values()) {
      figures.append(
          String.format(
              "%-22s %16.1f %10.1f%n",
              service.name(),
              heap.peakBytes(service.name()) / 1048576.0,
              ServiceProcess.rssKib(service.pid()) / 1024.0));
    }
    System.out.println(figures);
  }

  /** Risk rows of every section, or the findings they stand for (a grouped row counts each). */
  private static int sectionRisks(JsonNode recommendation, boolean findings) {
    int count = 0;
    for (JsonNode section : recommendation.path("sections")) {
      for (JsonNode risk : section.path("risks")) {
        count += findings && risk.has("subjects") ? risk.path("subjects").size() : 1;
      }
    }
    return count;
  }

  // ---------------------------------------------------------------------------------------------

  @Test
  @Order(1)
  void examplesBecomeCompleteRecommendationsOnTheTopic() throws Exception {
    Map<String, Submitted> submitted = new LinkedHashMap<>();
    for (var example : EXAMPLES.entrySet()) {
      String yaml = Files.readString(root.resolve("examples").resolve(example.getKey()));
      submitted.put(example.getValue(), submit(yaml, "application/yaml", example.getValue()));
    }
    for (var entry : submitted.entrySet()) {
      String systemId = entry.getKey();
      Submitted s = entry.getValue();
      RecordCollector.Received record = awaitRecommendation(systemId, s.assessmentId());
      latencyMillis.put(
          systemId, Duration.ofNanos(record.arrivedNanos() - s.sentNanos()).toMillis());

      assertThat(record.key()).isEqualTo(key(systemId));
      JsonNode value = JSON.readTree(record.value());
      assertThat(value.path("assessmentId").asText()).isEqualTo(s.assessmentId());
      assertThat(value.path("revision").isNumber()).as("revision is a number").isTrue();
      assertThat(value.path("revision").asLong()).isPositive();
      assertThat(value.path("complete").asBoolean()).isTrue();
      assertThat(value.path("markdown").isTextual()).as("markdown is a string").isTrue();
      assertThat(value.path("markdown").asText())
          .contains("## Database Architecture Recommendation");
      JsonNode sections = value.path("sections");
      assertThat(sections.isArray()).as("sections is an array").isTrue();
      List<String> names = new ArrayList<>();
      sections.forEach(section -> names.add(section.path("section").asText()));
      assertThat(names).hasSize(5).containsExactlyInAnyOrderElementsOf(SECTIONS);
    }
    System.out.println("End-to-end latency (POST -> recommendation on topic): " + latencyMillis);
  }

  @Test
  @Order(2)
  void reportServiceServesTheRecommendationAsJsonAndMarkdown() throws Exception {
    String report = services.get("report-service").baseUrl();
    for (String systemId : EXAMPLES.values()) {
      URI uri = URI.create(report + "/api/v1/systems/" + systemId + "/recommendation");
      HttpResponse<String> json =
          await("JSON recommendation of " + systemId)
              .atMost(Duration.ofSeconds(30))
              .until(() -> get(uri, null), r -> r.statusCode() == 200);
      assertThat(json.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/json");
      JsonNode body = readJson(json.body());
      assertThat(body.path("complete").asBoolean()).isTrue();
      assertThat(body.path("sections").size()).isEqualTo(5);
      assertThat(body.path("assessmentId").asText()).isNotBlank();

      HttpResponse<String> markdown = get(uri, "text/markdown");
      assertThat(markdown.statusCode()).isEqualTo(200);
      assertThat(markdown.headers().firstValue("Content-Type").orElse(""))
          .startsWith("text/markdown");
      assertThat(markdown.body()).contains("## Database Architecture Recommendation");
    }
    HttpResponse<String> unknown =
        get(
            URI.create(
                report + "/api/v1/systems/no-such-system-" + UUID.randomUUID() + "/recommendation"),
            null);
    assertThat(unknown.statusCode()).isEqualTo(404);
  }

  /**
   * One submission is one trace: intake's HTTP request is its only root, and every span of every
   * service (the request record, each specialist's section verdict, the report's aggregation of
   * each verdict, the push to a dashboard's server-sent-event stream) hangs from it. The services
   * export to {@link TraceReceiver} as they would to a collector.
   */
  @Test
  @Order(2)
  void oneSubmissionIsOneConnectedTraceAcrossTheServices() throws Exception {
    String systemId = "traced-shop";
    String yaml =
        Files.readString(root.resolve("examples/ecommerce.yaml"))
            .replace("systemId: shop-platform", "systemId: " + systemId);
    HttpResponse<java.util.stream.Stream<String>> stream = openRecommendationStream(systemId);
    try {
      Submitted submitted = submitRetrying(yaml, systemId);
      awaitRecommendation(systemId, submitted.assessmentId());
      java.util.stream.Stream<String> lines = stream.body();
      assertThat(
              java.util.concurrent.CompletableFuture.supplyAsync(
                      () ->
                          lines
                              .filter(
                                  l ->
                                      l.startsWith("data:") && l.contains(submitted.assessmentId()))
                              .findFirst())
                  .get(30, java.util.concurrent.TimeUnit.SECONDS))
          .as("the revision reached the dashboard's stream")
          .isPresent();

      String traceId =
          await("a section span of assessment " + submitted.assessmentId())
              .atMost(Duration.ofSeconds(30))
              .until(
                  () -> traces.withAttribute("dbarch.assessment", submitted.assessmentId()),
                  spans -> !spans.isEmpty())
              .get(0)
              .traceId();
      List<TraceReceiver.ReceivedSpan> trace =
          await("the whole trace " + traceId)
              .atMost(Duration.ofSeconds(30))
              .pollInterval(Duration.ofMillis(200))
              .until(() -> traces.trace(traceId), TraceCheck::isComplete);
      TraceCheck.print(trace);

      assertThat(trace)
          .filteredOn(TraceReceiver.ReceivedSpan::isRoot)
          .singleElement()
          .satisfies(
              root -> {
                assertThat(root.service()).isEqualTo("intake-service");
                assertThat(root.kind()).isEqualTo("SPAN_KIND_SERVER");
                assertThat(root.name()).contains("/api/v1/assessments");
              });
      java.util.Set<String> ids =
          trace.stream()
              .map(TraceReceiver.ReceivedSpan::spanId)
              .collect(java.util.stream.Collectors.toSet());
      assertThat(trace)
          .as("every span's parent is a span of the same trace")
          .allSatisfy(
              s ->
                  assertThat(s.isRoot() || ids.contains(s.parentSpanId()))
                      .as(s.toString())
                      .isTrue());
      assertThat(trace.stream().map(TraceReceiver.ReceivedSpan::service).distinct())
          .containsExactlyInAnyOrderElementsOf(SERVICES);
      for (String section : SECTIONS) {
        assertThat(trace)
            .as("the %s verdict", section)
            .anySatisfy(s -> assertThat(s.name()).isEqualTo("assess " + section + " section"));
      }
      // Each verdict's trace went on in the report, and the completed revision reached the stream.
      assertThat(trace)
          .filteredOn(s -> s.name().equals("aggregate " + Topics.SECTION_VERDICTS))
          .hasSize(SECTIONS.size());
      assertThat(trace).anySatisfy(s -> assertThat(s.name()).isEqualTo("push revision"));
      assertThat(trace).anySatisfy(s -> assertThat(s.name()).isEqualTo("sse recommendation"));
    } finally {
      stream.body().close();
    }
  }

  /**
   * Submits as a client should on a crowded machine: a 503 (the broker's acknowledgement was late)
   * is retried after its Retry-After with the same Idempotency-Key, so it is processed once.
   */
  private Submitted submitRetrying(String yaml, String systemId) throws Exception {
    String key = "trace-" + UUID.randomUUID();
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(services.get("intake-service").baseUrl() + "/api/v1/assessments"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/yaml")
            .header("Authorization", "Bearer " + token)
            .header("Idempotency-Key", key)
            .POST(HttpRequest.BodyPublishers.ofString(yaml, StandardCharsets.UTF_8))
            .build();
    HttpResponse<String> response = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 503) {
        break;
      }
      Thread.sleep(
          1000L * Long.parseLong(response.headers().firstValue("Retry-After").orElse("5")));
    }
    assertThat(response.statusCode()).as("POST %s: %s", systemId, response.body()).isEqualTo(202);
    return new Submitted(readJson(response.body()).path("assessmentId").asText(), 0);
  }

  /** A viewer's live stream of one system's revisions, open once its response has started. */
  private HttpResponse<java.util.stream.Stream<String>> openRecommendationStream(String systemId)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    services.get("report-service").baseUrl()
                        + "/api/v1/recommendations/stream?systemId="
                        + systemId))
            .header("Accept", "text/event-stream")
            .header("Authorization", "Bearer " + token)
            .GET()
            .build();
    HttpResponse<java.util.stream.Stream<String>> response =
        http.sendAsync(request, HttpResponse.BodyHandlers.ofLines())
            .get(30, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    return response;
  }

  /** What a complete trace of one assessment holds. */
  private static final class TraceCheck {
    static boolean isComplete(List<TraceReceiver.ReceivedSpan> trace) {
      return trace.stream().map(TraceReceiver.ReceivedSpan::service).distinct().count()
              == SERVICES.size()
          && trace.stream().filter(s -> s.name().startsWith("assess ")).count() == SECTIONS.size()
          && trace.stream()
                  .filter(s -> s.name().equals("aggregate " + Topics.SECTION_VERDICTS))
                  .count()
              == SECTIONS.size()
          && trace.stream().anyMatch(s -> s.name().equals("sse recommendation"));
    }

    static void print(List<TraceReceiver.ReceivedSpan> trace) {
      System.out.println("Trace " + trace.get(0).traceId() + ", " + trace.size() + " spans:");
      trace.forEach(
          s ->
              System.out.printf(
                  "  %-20s %-16s %-16s %-18s %s%n",
                  s.service(), s.spanId(), s.parentSpanId(), s.kind(), s.name()));
    }
  }

  @Test
  @Order(3)
  void intakeRejectsBadInputWithProblemDetails() throws Exception {
    HttpResponse<String> invalidJson = post("{\"systemId\": \"x\", \"name\": ", "application/json");
    assertThat(invalidJson.statusCode()).isEqualTo(400);
    assertThat(invalidJson.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(readJson(invalidJson.body()).path("status").asInt()).isEqualTo(400);

    HttpResponse<String> wrongType =
        post(
            "{\"systemId\":\"x\",\"name\":\"y\",\"workload\":{\"peakQps\":\"lots\"}}",
            "application/json");
    assertThat(wrongType.statusCode()).isEqualTo(400);
    assertThat(wrongType.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(wrongType.body()).contains("workload.peakQps");

    HttpResponse<String> missingId = post("{\"name\":\"no id\"}", "application/json");
    assertThat(missingId.statusCode()).isEqualTo(400);
    assertThat(missingId.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(missingId.body()).contains("systemId");

    // Over the 32 MiB document limit (ADR 0012).
    String huge = "{\"systemId\":\"big\",\"name\":\"" + "x".repeat(32 * 1024 * 1024 + 1024) + "\"}";
    HttpResponse<String> tooLarge = post(huge, "application/json");
    assertThat(tooLarge.statusCode()).isEqualTo(413);

    HttpResponse<String> plainText = post("systemId: x", "text/plain");
    assertThat(plainText.statusCode()).isEqualTo(415);

    // The intake is still healthy after all that.
    assertThat(services.get("intake-service").healthy(http)).isTrue();
  }

  @Test
  @Order(4)
  void poisonRecordsGoToTheDeadLetterTopicsAndProcessingContinues() throws Exception {
    String poisonKey = "poison-" + UUID.randomUUID();
    producer.send(new ProducerRecord<>(Topics.ASSESSMENT_REQUESTS, poisonKey, "not json")).get();
    producer.send(new ProducerRecord<>(Topics.SECTION_VERDICTS, poisonKey, "{\"broken\":")).get();

    RecordCollector.Received requestDlq =
        await("poison assessment request on " + Topics.ASSESSMENT_REQUESTS_DLQ)
            .atMost(RECOMMENDATION_TIMEOUT)
            .until(
                () ->
                    collector.find(
                        r ->
                            r.topic().equals(Topics.ASSESSMENT_REQUESTS_DLQ)
                                && "not json".equals(r.value())),
                Optional::isPresent)
            .orElseThrow();
    assertThat(requestDlq.headers()).containsKey(EventHeaders.DEAD_LETTER_REASON);
    assertThat(requestDlq.headers().get(EventHeaders.DEAD_LETTER_REASON)).isNotBlank();

    RecordCollector.Received verdictDlq =
        await("poison section verdict on " + Topics.SECTION_VERDICTS_DLQ)
            .atMost(RECOMMENDATION_TIMEOUT)
            .until(
                () ->
                    collector.find(
                        r ->
                            r.topic().equals(Topics.SECTION_VERDICTS_DLQ)
                                && "{\"broken\":".equals(r.value())),
                Optional::isPresent)
            .orElseThrow();
    assertThat(verdictDlq.headers()).containsKey(EventHeaders.DEAD_LETTER_REASON);
    assertThat(verdictDlq.headers().get(EventHeaders.DEAD_LETTER_REASON)).isNotBlank();

    // The consumers moved past the poison: a new submission still becomes a recommendation.
    String systemId = "after-poison-" + UUID.randomUUID().toString().substring(0, 8);
    Submitted s =
        submit(
            "{\"systemId\":\"" + systemId + "\",\"name\":\"Submitted after the poison records\"}",
            "application/json",
            systemId);
    RecordCollector.Received record = awaitRecommendation(systemId, s.assessmentId());
    latencyMillis.put(systemId, Duration.ofNanos(record.arrivedNanos() - s.sentNanos()).toMillis());
    JsonNode value = JSON.readTree(record.value());
    assertThat(value.path("complete").asBoolean()).isTrue();
    assertThat(value.path("sections").size()).isEqualTo(5);
  }

  @Test
  @Order(5)
  void theDashboardFollowsRevisionsLive() throws Exception {
    Path chromedriver = Path.of("/usr/bin/chromedriver");
    Path chromium = Path.of("/usr/bin/chromium");
    Assumptions.assumeTrue(
        Files.isExecutable(chromedriver) && Files.isExecutable(chromium),
        "Skipped: Debian's chromium and chromium-driver are not installed"
            + " (apt-get install chromium chromium-driver; .ci/run installs them)");
    String systemId = "dash-" + UUID.randomUUID().toString().substring(0, 8);
    try (Browser browser = Browser.start(chromium, chromedriver, workDir.resolve("chromium"))) {
      // As ./dbarch dashboard prints it: a viewer token in the fragment, which the page moves to
      // session storage and strips from the address.
      browser.open(
          services.get("report-service").baseUrl() + "/#token=" + tokenFor(TENANT, "viewer"));
      browser.waitForText("#connection", "Live");
      assertThat(browser.currentUrl()).doesNotContain("token");

      submit(
          "systemId: " + systemId + "\nname: Dashboard demo\nworkload:\n  type: OLTP\n",
          "application/yaml",
          systemId);
      browser.waitFor("button[data-system-id='" + systemId + "']").click();
      browser.waitForText("#report", "Database Architecture Recommendation: Dashboard demo");
      browser.waitForText("#detail-meta", "Revision 1");

      submit(
          "systemId: "
              + systemId
              + "\nname: Dashboard demo\nworkload:\n  type: OLTP\n"
              + "compliance:\n  regimes: [HIPAA]\n",
          "application/yaml",
          systemId);
      browser.waitForText("#detail-meta", "Revision 2");
      browser.waitFor("#tab-changes").click();
      browser.waitForText("#changes", "Since revision 1");
      assertThat(browser.text("#changes")).contains("SEC-HIPAA-001");
      browser.screenshot(workDir.resolve("dashboard.png"));
    }
  }

  /**
   * Schema watch end to end: a real PostgreSQL 17 registered through the intake API; each DDL
   * becomes a new revision whose What-changed names the findings and the statement behind them.
   * Then intake is stopped, DDL runs while it is down, and after its restart the change is captured
   * exactly once.
   */
  @Test
  @Order(6)
  void schemaChangesOfAWatchedDatabaseBecomeRevisions() throws Exception {
    String systemId = "watched-" + UUID.randomUUID().toString().substring(0, 6);
    Path passwordFile = workDir.resolve("secrets").resolve("watched-password.txt");
    Files.writeString(passwordFile, "not-a-real-secret-" + UUID.randomUUID());
    try (io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres =
        io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
            .setServerConfig("wal_level", "logical")
            .setServerConfig("synchronous_commit", "on")
            .setServerConfig("max_replication_slots", "10")
            .setServerConfig("max_wal_senders", "10")
            .start()) {
      sql(postgres, "CREATE TABLE customers (id integer PRIMARY KEY, email text NOT NULL)");
      HttpResponse<String> registered =
          postJson(
              services.get("intake-service").baseUrl() + "/api/v1/monitors",
              """
              {"systemId":"%s","engine":"POSTGRESQL","host":"localhost","port":%d,"database":"postgres",
               "user":"postgres","passwordRef":"file:%s"}"""
                  .formatted(systemId, postgres.getPort(), passwordFile));
      assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
      assertThat(readJson(registered.body()).path("mode").asText()).isEqualTo("FULL");
      long first = awaitRevisionMatching(systemId, 0, r -> true).path("revision").asLong();
      awaitCaptureRunning(systemId);

      long sent = System.nanoTime();
      sql(postgres, "CREATE TABLE audit_log (message text)");
      JsonNode noPk =
          awaitRevisionMatching(
              systemId, first, r -> r.path("markdown").asText().contains("CREATE TABLE audit_log"));
      latencyMillis.put(
          "DDL -> revision (" + systemId + ")",
          Duration.ofNanos(System.nanoTime() - sent).toMillis());
      assertThat(changesOf(noPk, "FINDING_NEW"))
          .anyMatch(c -> c.contains("SCH-PK-001") && c.contains("audit_log"));

      sql(
          postgres,
          "CREATE TABLE orders (id integer PRIMARY KEY, customer_id integer REFERENCES customers (id))");
      JsonNode fk =
          awaitRevisionMatching(
              systemId,
              noPk.path("revision").asLong(),
              r -> r.path("markdown").asText().contains("CREATE TABLE orders"));
      assertThat(changesOf(fk, "FINDING_NEW"))
          .anyMatch(c -> c.contains("SCH-FK-001") && c.contains("orders"));

      sql(postgres, "ALTER TABLE customers ADD COLUMN card_number text");
      JsonNode pci =
          awaitRevisionMatching(
              systemId,
              fk.path("revision").asLong(),
              r -> r.path("markdown").asText().contains("card_number text"));
      assertThat(changesOf(pci, "FINDING_NEW"))
          .anyMatch(c -> c.contains("SCH-PII-001") && c.contains("card_number"));

      sql(postgres, "DROP TABLE audit_log");
      JsonNode dropped =
          awaitRevisionMatching(
              systemId,
              pci.path("revision").asLong(),
              r -> r.path("markdown").asText().contains("DROP TABLE audit_log"));
      assertThat(changesOf(dropped, "FINDING_RESOLVED"))
          .anyMatch(c -> c.contains("SCH-PK-001") && c.contains("audit_log"));

      // Intake down, DDL meanwhile, intake back: captured once.
      ServiceProcess intake = services.get("intake-service");
      intake.stop(Duration.ofSeconds(30));
      sql(postgres, "CREATE TABLE while_down (id integer)");
      intake.restart();
      await("intake UP again").atMost(START_TIMEOUT).until(() -> intake.healthy(http));
      JsonNode afterRestart =
          awaitRevisionMatching(
              systemId,
              dropped.path("revision").asLong(),
              r -> r.path("markdown").asText().contains("CREATE TABLE while_down"));
      assertThat(changesOf(afterRestart, "FINDING_NEW")).anyMatch(c -> c.contains("while_down"));
      Thread.sleep(3000);
      long captured =
          collector.all().stream()
              .filter(r -> r.topic().equals(Topics.SCHEMA_CHANGES) && key(systemId).equals(r.key()))
              .filter(r -> r.value().contains("CREATE TABLE while_down"))
              .count();
      assertThat(captured)
          .as("schema changes carrying the DDL run while intake was down")
          .isEqualTo(1);

      HttpResponse<String> deleted =
          http.send(
              HttpRequest.newBuilder(URI.create(intake.baseUrl() + "/api/v1/monitors/" + systemId))
                  .header("Authorization", "Bearer " + token)
                  .DELETE()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
    }
  }

  /**
   * The README's demo statements on a watched shop database: each revision shows the statement with
   * the risk the migration section gave it (typed: rule, lock, work, table size, rewrite); the
   * pre-deploy check uses the same live catalog, over HTTP and through ./dbarch check-migration's
   * --system path.
   */
  @Test
  @Order(9)
  void theDemoStatementsEachBringTheirMigrationRisk() throws Exception {
    String systemId = "demo-" + UUID.randomUUID().toString().substring(0, 6);
    Path passwordFile = workDir.resolve("secrets").resolve("demo-password.txt");
    Files.writeString(passwordFile, "not-a-real-secret-" + UUID.randomUUID());
    try (io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres =
        io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
            .setServerConfig("wal_level", "logical")
            .setServerConfig("synchronous_commit", "on")
            .setServerConfig("max_replication_slots", "10")
            .setServerConfig("max_wal_senders", "10")
            .start()) {
      sql(
          postgres,
          "CREATE TABLE customers (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
              + " email text NOT NULL UNIQUE, full_name text NOT NULL)");
      sql(
          postgres,
          "CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, customer_id"
              + " bigint NOT NULL REFERENCES customers (id), total numeric(12, 2) NOT NULL DEFAULT 0)");
      sql(postgres, "INSERT INTO customers (email, full_name) VALUES ('ada@example.com', 'Ada')");
      sql(postgres, "INSERT INTO orders (customer_id, total) SELECT id, 24.40 FROM customers");
      HttpResponse<String> registered =
          postJson(
              services.get("intake-service").baseUrl() + "/api/v1/monitors",
              """
              {"systemId":"%s","engine":"POSTGRESQL","host":"localhost","port":%d,"database":"postgres",
               "user":"postgres","passwordRef":"file:%s"}"""
                  .formatted(systemId, postgres.getPort(), passwordFile));
      assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
      long last = awaitRevisionMatching(systemId, 0, r -> true).path("revision").asLong();
      awaitCaptureRunning(systemId);

      record Demo(String statement, String rule, String work) {}
      List<Demo> demos =
          List.of(
              new Demo("ALTER TABLE customers ADD COLUMN ssn text", "MIG-DDL-TX-001", "NONE"),
              new Demo("CREATE INDEX ON orders (customer_id)", "MIG-DDL-IDX-001", "SCAN"),
              new Demo("CREATE TABLE audit_log (message text)", null, null),
              new Demo(
                  "ALTER TABLE orders ALTER COLUMN total TYPE numeric(14,2)",
                  "MIG-DDL-TX-001",
                  "NONE"),
              new Demo(
                  "ALTER TABLE orders ALTER COLUMN total TYPE numeric(14,4)",
                  "MIG-DDL-COL-004",
                  "REWRITE"));
      for (Demo demo : demos) {
        sql(postgres, demo.statement());
        JsonNode revision =
            awaitRevisionMatching(
                systemId, last, r -> r.path("markdown").asText().contains(demo.statement() + ";"));
        last = revision.path("revision").asLong();
        String markdown = revision.path("markdown").asText();
        assertThat(markdown).contains("Each statement's migration risk:");
        List<JsonNode> statementRisks = new ArrayList<>();
        revision
            .path("risks")
            .forEach(
                r -> {
                  if (r.path("statement").path("ddlIndex").isInt()) {
                    statementRisks.add(r);
                  }
                });
        if (demo.rule() == null) {
          assertThat(statementRisks).as(demo.statement()).isEmpty();
          assertThat(markdown).contains("`" + demo.statement() + "`: no migration risk found.");
          continue;
        }
        JsonNode risk =
            statementRisks.stream()
                .filter(r -> r.path("ruleId").asText().equals(demo.rule()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(demo.statement() + ": " + markdown));
        JsonNode typed = risk.path("statement");
        assertThat(typed.path("statement").asText()).isEqualTo(demo.statement());
        assertThat(typed.path("work").asText()).isEqualTo(demo.work());
        assertThat(typed.path("sizeSource").asText()).isEqualTo("CATALOG");
        assertThat(typed.path("serverVersion").asText()).startsWith("17.");
        assertThat(typed.path("safeRewrite").asText()).isNotBlank();
        assertThat(risk.path("impact").asText()).isEqualTo("LOW");
        assertThat(markdown)
            .contains("`" + demo.rule() + "`")
            .contains(typed.path("locks").get(0).path("mode").asText() + " on public.");
        // The same risk is a row of Risks & Mitigations.
        assertThat(markdown.substring(markdown.indexOf("### Risks & Mitigations")))
            .contains("`" + demo.rule() + "`");
      }

      // The pre-deploy check with the same system: the live catalog's sizes and version.
      String intake = services.get("intake-service").baseUrl();
      HttpResponse<String> checked =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(intake + "/api/v1/migrations/check?systemId=" + systemId))
                  .timeout(Duration.ofSeconds(60))
                  .header("Authorization", "Bearer " + token)
                  .header("Content-Type", "application/sql")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0);"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(checked.statusCode()).as(checked.body()).isEqualTo(200);
      JsonNode result = readJson(checked.body());
      assertThat(result.path("versionSource").asText()).isEqualTo("catalog");
      assertThat(result.path("statements").get(0).path("sizeSource").asText()).isEqualTo("CATALOG");
      assertThat(result.path("statements").get(0).path("findings").get(0).path("ruleId").asText())
          .isEqualTo("MIG-DDL-CON-001");
      Path migration = workDir.resolve("V2__check.sql");
      Files.writeString(migration, "ALTER TABLE orders RENAME COLUMN total TO amount;\n");
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      int exit =
          dev.dbarch.lint.cli.CheckMigration.run(
              new String[] {migration.toString(), "--system", systemId, "--intake", intake},
              new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
              System.err,
              null,
              token);
      assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isEqualTo(1);
      assertThat(out.toString(StandardCharsets.UTF_8)).contains("MIG-DDL-COL-005");

      http.send(
          HttpRequest.newBuilder(URI.create(intake + "/api/v1/monitors/" + systemId))
              .header("Authorization", "Bearer " + token)
              .DELETE()
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }

  /**
   * Workload watch end to end: a watched PostgreSQL 17 with pg_stat_statements is read on
   * registration and every poll; when a new statement starts scanning a large table, a new revision
   * is published whose What-changed names the workload change and the diagnoses it brought, with
   * the fix.
   */
  @Test
  @Order(6)
  void aWorkloadChangeOfAWatchedDatabaseBecomesARevisionNamingIt() throws Exception {
    String systemId = "busy-" + UUID.randomUUID().toString().substring(0, 6);
    Path passwordFile = workDir.resolve("secrets").resolve("busy-password.txt");
    Files.writeString(passwordFile, "not-a-real-secret-" + UUID.randomUUID());
    try (io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres =
        io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
            .setServerConfig("wal_level", "logical")
            .setServerConfig("synchronous_commit", "on")
            .setServerConfig("max_replication_slots", "10")
            .setServerConfig("max_wal_senders", "10")
            .setServerConfig("shared_preload_libraries", "pg_stat_statements")
            .start()) {
      sql(postgres, "CREATE EXTENSION pg_stat_statements");
      sql(
          postgres,
          "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, note text NOT"
              + " NULL)");
      sql(
          postgres,
          "INSERT INTO orders SELECT g, g % 5000, 'note ' || (g % 997) FROM generate_series(1,"
              + " 150000) g");
      sql(postgres, "CREATE INDEX orders_customer_idx ON orders (customer_id)");
      sql(postgres, "ANALYZE orders");
      HttpResponse<String> registered =
          postJson(
              services.get("intake-service").baseUrl() + "/api/v1/monitors",
              """
              {"systemId":"%s","engine":"POSTGRESQL","host":"localhost","port":%d,"database":"postgres",
               "user":"postgres","passwordRef":"file:%s"}"""
                  .formatted(systemId, postgres.getPort(), passwordFile));
      assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
      try {
        JsonNode firstRead =
            awaitRevisionMatching(
                systemId,
                0,
                r -> r.path("markdown").asText().contains("First workload statistics"));
        assertThat(firstRead.path("trigger").asText()).isEqualTo("WORKLOAD_CHANGED");

        repeat(postgres, "SELECT id FROM orders WHERE customer_id = ?", 300);
        // The lookups become the known workload before the new statement arrives.
        await("a snapshot of " + systemId + " with the lookups")
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    collector.all().stream()
                            .filter(
                                r ->
                                    r.topic().equals(Topics.WORKLOAD_SNAPSHOTS)
                                        && key(systemId).equals(r.key()))
                            .map(r -> readJson(r.value()))
                            .filter(
                                snapshot ->
                                    snapshot.path("statements").toString().contains("customer_id"))
                            .count()
                        >= 2);
        long sent = System.nanoTime();
        repeat(postgres, "SELECT id FROM orders WHERE note = 'note ' || ?::text", 30);
        JsonNode changed =
            awaitRevisionMatching(
                systemId,
                firstRead.path("revision").asLong(),
                r ->
                    r.path("markdown").asText().contains("**New top statement**")
                        && r.path("markdown").asText().contains("note"));
        latencyMillis.put(
            "workload change -> revision (" + systemId + ")",
            Duration.ofNanos(System.nanoTime() - sent).toMillis());
        assertThat(changed.path("trigger").asText()).isEqualTo("WORKLOAD_CHANGED");
        assertThat(changed.path("workloadChanges").toString()).contains("NEW_TOP_STATEMENT");
        assertThat(changed.path("markdown").asText())
            .contains("CREATE INDEX CONCURRENTLY orders_note_idx ON public.orders (note)")
            .contains("unverified: HypoPG unavailable");
        // Once the table's scans are counted, the sequential scan itself is diagnosed.
        JsonNode scanned =
            awaitRevisionMatching(
                systemId,
                firstRead.path("revision").asLong(),
                r -> r.path("risks").findValuesAsText("ruleId").contains("PERF-DIAG-010"));
        assertThat(scanned.path("markdown").asText())
            .contains("public.orders: sequential scans filter on (note)");
      } finally {
        HttpResponse<String> deleted =
            http.send(
                HttpRequest.newBuilder(
                        URI.create(
                            services.get("intake-service").baseUrl()
                                + "/api/v1/monitors/"
                                + systemId))
                    .header("Authorization", "Bearer " + token)
                    .DELETE()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
      }
    }
  }

  private static void repeat(
      io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres, String sql, int times)
      throws Exception {
    try (var connection = postgres.getPostgresDatabase().getConnection();
        var ps = connection.prepareStatement(sql)) {
      for (int i = 0; i < times; i++) {
        ps.setLong(1, i);
        ps.executeQuery().close();
      }
    }
  }

  private void awaitCaptureRunning(String systemId) {
    await("capture of " + systemId + " running")
        .atMost(Duration.ofSeconds(90))
        .until(
            () ->
                get(
                        URI.create(
                            services.get("intake-service").baseUrl()
                                + "/api/v1/monitors/"
                                + systemId),
                        null)
                    .body()
                    .contains("\"capture\":\"RUNNING\""));
  }

  private JsonNode awaitRevisionMatching(
      String systemId, long after, java.util.function.Predicate<JsonNode> match) {
    return await("a revision of " + systemId + " after " + after)
        .atMost(RECOMMENDATION_TIMEOUT)
        .pollInterval(Duration.ofMillis(50))
        .until(
            () ->
                collector.all().stream()
                    .filter(
                        r ->
                            r.topic().equals(Topics.RECOMMENDATION_HISTORY)
                                && key(systemId).equals(r.key()))
                    .map(r -> readJson(r.value()))
                    .filter(
                        r ->
                            r.path("revision").asLong() > after
                                && r.path("complete").asBoolean()
                                && match.test(r))
                    .findFirst(),
            Optional::isPresent)
        .orElseThrow();
  }

  private static List<String> changesOf(JsonNode recommendation, String kind) {
    List<String> changes = new ArrayList<>();
    recommendation
        .path("changes")
        .forEach(
            c -> {
              if (kind.equals(c.path("kind").asText())) {
                changes.add(
                    c.path("ruleId").asText()
                        + " "
                        + c.path("subject").asText()
                        + " "
                        + c.path("cause").asText());
              }
            });
    return changes;
  }

  private static void sql(
      io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres, String statement)
      throws Exception {
    try (var connection = postgres.getPostgresDatabase().getConnection();
        var st = connection.createStatement()) {
      st.execute(statement);
    }
  }

  private HttpResponse<String> postJson(String url, String body)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Kills the report service with SIGKILL in the middle of a burst of submissions and restarts it.
   * Exactly-once processing must leave every assessment with exactly one complete revision: the
   * proof reads the history topic (committed records only) and counts, per assessment, the complete
   * revisions and checks each system's revision numbers.
   */
  @Test
  @Order(7)
  void killingTheReportServiceMidBurstLosesAndDuplicatesNothing() throws Exception {
    int burst = Integer.getInteger("dbarch.e2e.burst", 500);
    ServiceProcess report = services.get("report-service");
    Map<String, String> assessmentOf = new java.util.concurrent.ConcurrentHashMap<>();
    String prefix = "burst-" + UUID.randomUUID().toString().substring(0, 6) + "-";
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(8);
    java.util.concurrent.atomic.AtomicInteger accepted =
        new java.util.concurrent.atomic.AtomicInteger();
    long began = System.nanoTime();
    List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
    for (int i = 0; i < burst; i++) {
      String systemId = prefix + i;
      futures.add(
          pool.submit(
              () -> {
                Submitted s =
                    submit(
                        "{\"systemId\":\"" + systemId + "\",\"name\":\"Burst " + systemId + "\"}",
                        "application/json",
                        systemId);
                assessmentOf.put(systemId, s.assessmentId());
                accepted.incrementAndGet();
                return null;
              }));
    }
    await("a third of the burst accepted")
        .atMost(Duration.ofSeconds(120))
        .until(() -> accepted.get() >= burst / 3);
    report.kill();
    long killedAt = System.nanoTime();
    System.out.printf(
        "Killed report-service (SIGKILL) after %d of %d submissions%n", accepted.get(), burst);
    await("report-service gone").atMost(Duration.ofSeconds(10)).until(() -> !report.isAlive());
    Thread.sleep(1000);
    report.restart();
    for (var future : futures) {
      future.get(5, java.util.concurrent.TimeUnit.MINUTES);
    }
    pool.shutdown();
    await("report-service UP again").atMost(START_TIMEOUT).until(() -> report.healthy(http));
    System.out.printf(
        "report-service back UP %d ms after the kill%n",
        Duration.ofNanos(System.nanoTime() - killedAt).toMillis());

    await("a complete revision for every assessment of the burst")
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> completeRevisions(prefix, assessmentOf).size() == burst);
    // Give a duplicate every chance to appear before counting.
    Thread.sleep(3000);
    Map<String, List<Long>> complete = completeRevisions(prefix, assessmentOf);
    assertThat(complete).hasSize(burst);
    assertThat(complete)
        .allSatisfy((systemId, revisions) -> assertThat(revisions).as(systemId).hasSize(1));
    Map<String, List<Long>> allRevisions = new java.util.TreeMap<>();
    for (RecordCollector.Received r : collector.all()) {
      if (r.topic().equals(Topics.RECOMMENDATION_HISTORY)
          && r.key() != null
          && r.key().startsWith(key(prefix))) {
        allRevisions
            .computeIfAbsent(r.key(), k -> new ArrayList<>())
            .add(readJson(r.value()).path("revision").asLong());
      }
    }
    allRevisions.forEach(
        (systemId, revisions) ->
            assertThat(revisions).as("revision numbers of " + systemId).doesNotHaveDuplicates());
    System.out.printf(
        "Burst of %d submissions with a report-service kill: %d complete revisions, one per assessment, in %d ms%n",
        burst, complete.size(), Duration.ofNanos(System.nanoTime() - began).toMillis());
  }

  /**
   * Two intake instances share the monitors through the consumer group on the monitors topic: each
   * monitor's engine runs on exactly one of them, and when one instance goes away its engines move
   * to the other.
   */
  @Test
  @Order(8)
  void monitorsAreSplitAcrossIntakeInstancesAndMoveOnRebalance() throws Exception {
    ServiceProcess first = services.get("intake-service");
    ServiceProcess second =
        new ServiceProcess(
            "intake-service-2",
            jar("intake-service"),
            freePorts(1).get(0),
            workDir.resolve("logs").resolve("intake-service-2.log"));
    services.put("intake-service-2", second);
    second.start(
        Map.of(
            "KAFKA_BOOTSTRAP_SERVERS",
            kafka.bootstrapServers(),
            "DBARCH_LOG_JSON",
            "false",
            "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
            workDir.resolve("auth").resolve(KeyFiles.PUBLIC_KEY).toString(),
            "DBARCH_SECRETS_DIR",
            workDir.resolve("secrets").toString()));
    await("second intake UP").atMost(START_TIMEOUT).until(() -> second.healthy(http));

    Path passwordFile = workDir.resolve("secrets").resolve("scale-password.txt");
    Files.writeString(passwordFile, "unused");
    List<String> systems = new ArrayList<>();
    try (io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres =
        io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
            .setServerConfig("wal_level", "logical")
            .setServerConfig("max_replication_slots", "20")
            .setServerConfig("max_wal_senders", "20")
            .start()) {
      for (int i = 0; i < 4; i++) {
        String database = "scale" + i;
        sql(postgres, "CREATE DATABASE " + database);
        String systemId = "scale-" + i + "-" + UUID.randomUUID().toString().substring(0, 4);
        systems.add(systemId);
        HttpResponse<String> registered =
            postJson(
                first.baseUrl() + "/api/v1/monitors",
                """
                {"systemId":"%s","engine":"POSTGRESQL","host":"localhost","port":%d,"database":"%s",
                 "user":"postgres","passwordRef":"file:%s"}"""
                    .formatted(systemId, postgres.getPort(), database, passwordFile));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
      }
      await("every monitor runs on exactly one instance")
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> systems.stream().allMatch(s -> runningOn(s, first) ^ runningOn(s, second)));
      long onSecond = systems.stream().filter(s -> runningOn(s, second)).count();
      System.out.printf(
          "Monitors split across two intake instances: %d on the first, %d on the second%n",
          systems.size() - onSecond, onSecond);

      second.stop(Duration.ofSeconds(30));
      await("engines move to the remaining instance")
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> systems.stream().allMatch(s -> runningOn(s, first)));
      for (String systemId : systems) {
        http.send(
            HttpRequest.newBuilder(URI.create(first.baseUrl() + "/api/v1/monitors/" + systemId))
                .header("Authorization", "Bearer " + token)
                .DELETE()
                .build(),
            HttpResponse.BodyHandlers.ofString());
      }
    } finally {
      second.stop(Duration.ofSeconds(30));
      services.remove("intake-service-2");
    }
  }

  /**
   * Authentication and tenants across the real processes: no token is 401 on both services; two
   * tenants submit the same system id, each gets its own complete recommendation keyed by its own
   * tenant, reads only its own, and a third tenant finds neither.
   */
  @Test
  @Order(9)
  void twoTenantsOwnTheSameSystemIdIndependently() throws Exception {
    String intake = services.get("intake-service").baseUrl();
    String report = services.get("report-service").baseUrl();
    String systemId = "twin-" + UUID.randomUUID().toString().substring(0, 8);
    HttpResponse<String> anonymous =
        http.send(
            HttpRequest.newBuilder(URI.create(intake + "/api/v1/assessments"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"systemId\":\"" + systemId + "\",\"name\":\"x\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
    assertThat(anonymous.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    HttpResponse<String> anonymousRead =
        http.send(
            HttpRequest.newBuilder(URI.create(report + "/api/v1/systems")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(anonymousRead.statusCode()).isEqualTo(401);

    Map<String, String> assessmentOf = new LinkedHashMap<>();
    for (String tenant : List.of("alpha", "beta")) {
      HttpResponse<String> accepted =
          http.send(
              HttpRequest.newBuilder(URI.create(intake + "/api/v1/assessments"))
                  .header("Content-Type", "application/json")
                  .header("Authorization", "Bearer " + tokenFor(tenant, "submitter"))
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"systemId\":\""
                              + systemId
                              + "\",\"name\":\"Twin of "
                              + tenant
                              + "\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
      assessmentOf.put(tenant, readJson(accepted.body()).path("assessmentId").asText());
    }
    assertThat(assessmentOf.get("alpha")).isNotEqualTo(assessmentOf.get("beta"));
    for (var entry : assessmentOf.entrySet()) {
      String tenant = entry.getKey();
      RecordCollector.Received record =
          await("complete recommendation of " + tenant + "/" + systemId)
              .atMost(RECOMMENDATION_TIMEOUT)
              .until(
                  () ->
                      collector.find(
                          r ->
                              r.topic().equals(Topics.RECOMMENDATIONS)
                                  && (tenant + "/" + systemId).equals(r.key())
                                  && isCompleteFor(r.value(), entry.getValue())),
                  Optional::isPresent)
              .orElseThrow();
      assertThat(readJson(record.value()).path("tenant").asText()).isEqualTo(tenant);
      assertThat(readJson(record.value()).path("revision").asLong()).isEqualTo(1);
    }
    for (String tenant : List.of("alpha", "beta")) {
      String viewer = tokenFor(tenant, "viewer");
      HttpResponse<String> own =
          await("report of " + tenant)
              .atMost(Duration.ofSeconds(30))
              .until(
                  () ->
                      http.send(
                          HttpRequest.newBuilder(
                                  URI.create(
                                      report + "/api/v1/systems/" + systemId + "/recommendation"))
                              .header("Authorization", "Bearer " + viewer)
                              .GET()
                              .build(),
                          HttpResponse.BodyHandlers.ofString()),
                  r -> r.statusCode() == 200);
      JsonNode body = readJson(own.body());
      assertThat(body.path("systemName").asText()).isEqualTo("Twin of " + tenant);
      assertThat(body.path("assessmentId").asText()).isEqualTo(assessmentOf.get(tenant));
    }
    HttpResponse<String> stranger =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(report + "/api/v1/systems/" + systemId + "/recommendation"))
                .header("Authorization", "Bearer " + tokenFor("gamma", "viewer"))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(stranger.statusCode()).isEqualTo(404);
  }

  private boolean runningOn(String systemId, ServiceProcess intake) {
    try {
      HttpResponse<String> response =
          get(URI.create(intake.baseUrl() + "/api/v1/monitors/" + systemId), null);
      return response.statusCode() == 200 && response.body().contains("\"capture\":\"RUNNING\"");
    } catch (Exception e) {
      return false;
    }
  }

  /** Complete revisions on the history topic, per system of the burst, for its own assessment. */
  private Map<String, List<Long>> completeRevisions(
      String prefix, Map<String, String> assessmentOf) {
    Map<String, List<Long>> complete = new java.util.TreeMap<>();
    for (RecordCollector.Received r : collector.all()) {
      if (!r.topic().equals(Topics.RECOMMENDATION_HISTORY)
          || r.key() == null
          || !r.key().startsWith(key(prefix))) {
        continue;
      }
      JsonNode value = readJson(r.value());
      if (value.path("complete").asBoolean()
          && value
              .path("assessmentId")
              .asText()
              .equals(assessmentOf.get(r.key().substring(TENANT.length() + 1)))) {
        complete
            .computeIfAbsent(r.key(), k -> new ArrayList<>())
            .add(value.path("revision").asLong());
      }
    }
    return complete;
  }

  // ---------------------------------------------------------------------------------------------

  private record Submitted(String assessmentId, long sentNanos) {}

  private Submitted submit(String body, String contentType, String expectedSystemId)
      throws Exception {
    long sent = System.nanoTime();
    HttpResponse<String> response = post(body, contentType);
    assertThat(response.statusCode())
        .as("POST %s answered: %s", expectedSystemId, response.body())
        .isEqualTo(202);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/json");
    JsonNode accepted = readJson(response.body());
    assertThat(accepted.path("systemId").asText()).isEqualTo(expectedSystemId);
    assertThat(accepted.path("assessmentId").asText()).isNotBlank();
    assertThat(accepted.path("recommendationUrl").asText()).contains(expectedSystemId);
    return new Submitted(accepted.path("assessmentId").asText(), sent);
  }

  private RecordCollector.Received awaitRecommendation(String systemId, String assessmentId) {
    return awaitRecommendation(
        systemId, assessmentId, RECOMMENDATION_TIMEOUT, Duration.ofMillis(20));
  }

  private RecordCollector.Received awaitRecommendation(
      String systemId, String assessmentId, Duration timeout, Duration pollInterval) {
    return await("complete recommendation for " + systemId + " (assessment " + assessmentId + ")")
        .atMost(timeout)
        .pollInterval(pollInterval)
        .until(
            () ->
                collector.find(
                    r ->
                        r.topic().equals(Topics.RECOMMENDATIONS)
                            && key(systemId).equals(r.key())
                            // Cheap before parsing: a revision of several MB is read only once.
                            && r.value().contains(assessmentId)
                            && isCompleteFor(r.value(), assessmentId)),
            Optional::isPresent)
        .orElseThrow();
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

  private HttpResponse<String> post(String body, String contentType)
      throws IOException, InterruptedException {
    return post(body, contentType, Duration.ofSeconds(30));
  }

  private HttpResponse<String> post(String body, String contentType, Duration timeout)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(services.get("intake-service").baseUrl() + "/api/v1/assessments"))
            .timeout(timeout)
            .header("Content-Type", contentType)
            .header("Accept", "application/json")
            .header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(URI uri, String accept)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", "Bearer " + token)
            .GET();
    if (accept != null) {
      request.header("Accept", accept);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode readJson(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new AssertionError("Not JSON: " + body, e);
    }
  }

  private static String key(String systemId) {
    return TENANT + "/" + systemId;
  }

  private String tokenFor(String tenant, String... roles) {
    return Tokens.mint(signingKey, Tokens.Claims.of(tenant, List.of(roles)));
  }

  private Path jar(String service) {
    return root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
  }

  private static KafkaProducer<String, String> producer(String bootstrap) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
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

  private void printMeasurements() {
    StringBuilder table = new StringBuilder();
    table.append("\n==== dbarch end-to-end measurements ====\n");
    table.append(
        String.format(
            "%-22s %8s %7s %12s %10s%n", "process", "pid", "port", "startup ms", "RSS MiB"));
    if (kafka != null && kafka.isRunning()) {
      table.append(
          String.format(
              "%-22s %8d %7d %12d %10.1f%n",
              "kafka-broker",
              kafka.pid(),
              kafka.port(),
              kafka.startupTime() == null ? -1 : kafka.startupTime().toMillis(),
              ServiceProcess.rssKib(kafka.pid()) / 1024.0));
    }
    long totalKib = kafka != null && kafka.isRunning() ? ServiceProcess.rssKib(kafka.pid()) : 0;
    for (ServiceProcess s : services.values()) {
      long rss = s.isAlive() ? ServiceProcess.rssKib(s.pid()) : -1;
      totalKib += Math.max(rss, 0);
      table.append(
          String.format(
              "%-22s %8d %7d %12d %10.1f%n",
              s.name(),
              s.pid(),
              s.port(),
              s.startupTime() == null ? -1 : s.startupTime().toMillis(),
              rss / 1024.0));
    }
    table.append(
        String.format("%-22s %8s %7s %12s %10.1f%n", "total", "", "", "", totalKib / 1024.0));
    table
        .append("\nEnd-to-end latency, POST /api/v1/assessments -> complete recommendation on ")
        .append(Topics.RECOMMENDATIONS)
        .append(":\n");
    latencyMillis.forEach((id, ms) -> table.append(String.format("  %-28s %6d ms%n", id, ms)));
    System.out.println(table);
  }

  private void printLogTails() {
    for (ServiceProcess s : services.values()) {
      System.out.println("\n----- " + s.name() + " (" + s.logFile() + ") -----");
      System.out.println(s.tail(60));
    }
    if (kafka != null) {
      System.out.println("\n----- kafka (" + kafka.logFile() + ") -----");
      System.out.println(kafka.logTail(30));
    }
  }

  private synchronized void stopEverything() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
      producer = null;
    }
    if (collector != null) {
      try {
        collector.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      collector = null;
    }
    // SIGTERM to all services at once, then wait for each (and kill what does not stop).
    services.values().forEach(ServiceProcess::signalStop);
    services.values().forEach(s -> s.stop(Duration.ofSeconds(20)));
    if (kafka != null) {
      kafka.stop();
    }
    if (traces != null) {
      traces.close();
      traces = null;
    }
  }
}
