package dev.dbarch.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbarch.contracts.kafka.Topics;
import dev.dbarch.tools.auth.KeyFiles;
import dev.dbarch.tools.auth.Tokens;
import dev.dbarch.tools.kafka.CreateTopics;
import dev.dbarch.tools.kafka.StandaloneKafka;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The fault suite (docs/reliability.md): the packaged services on the process broker under a steady
 * stream of assessments while every process is killed with SIGKILL in turn and restarted, the
 * broker is restarted, the report is frozen (SIGSTOP) past its session timeout, and intake is
 * killed while DDL runs on a monitored PostgreSQL. Afterwards, read with read_committed: every
 * acknowledged (202) assessment has exactly one complete revision, and every DDL statement appears
 * in the revisions of exactly one assessment. Prints the counts and each failover time (kill to the
 * first verdict or revision of the replacement).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultSuiteIT {

  private static final Map<String, String> SPECIALISTS = new LinkedHashMap<>();

  static {
    SPECIALISTS.put("selection-service", "SELECTION");
    SPECIALISTS.put("performance-service", "PERFORMANCE");
    SPECIALISTS.put("resilience-service", "RESILIENCE");
    SPECIALISTS.put("security-service", "SECURITY");
    SPECIALISTS.put("migration-service", "MIGRATION");
  }

  private static final List<String> SERVICES = new ArrayList<>();

  static {
    SERVICES.add("intake-service");
    SERVICES.addAll(SPECIALISTS.keySet());
    SERVICES.add("report-service");
  }

  private static final String TENANT = "faults";

  /** Generous: on a loaded CI machine seven JVMs starting at once can take minutes. */
  private static final Duration START_TIMEOUT =
      Duration.ofSeconds(Long.getLong("dbarch.e2e.start-timeout-seconds", 420));

  private static final Duration FAILOVER_TIMEOUT = START_TIMEOUT;
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
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
  private Path workDir;
  private StandaloneKafka kafka;
  private RecordCollector collector;
  private String token;
  private long began;
  private boolean failed = true;

  /** What each fault cost: the fault's name to the milliseconds until work resumed. */
  private final Map<String, Long> failoverMillis = new LinkedHashMap<>();

  @BeforeAll
  void startSuite() throws Exception {
    began = System.nanoTime();
    for (String service : SERVICES) {
      assertThat(jar(service)).as("packaged " + service).isRegularFile();
    }
    workDir =
        root.resolve("e2e-tests/target/faults")
            .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    Files.createDirectories(workDir.resolve("logs"));
    Files.createDirectories(workDir.resolve("secrets"));
    System.out.println("fault suite work directory: " + workDir);

    kafka = new StandaloneKafka(workDir.resolve("kafka"), 0).start();
    CreateTopics.create(kafka.bootstrapServers(), CreateTopics.DEFAULT_PARTITIONS, (short) 1);
    collector =
        new RecordCollector(
            kafka.bootstrapServers(),
            List.of(Topics.RECOMMENDATION_HISTORY, Topics.SECTION_VERDICTS, Topics.SCHEMA_CHANGES));

    Path auth = workDir.resolve("auth");
    KeyFiles.ensure(auth);
    token =
        Tokens.mint(
            KeyFiles.readPrivate(auth.resolve(KeyFiles.PRIVATE_KEY)),
            Tokens.Claims.of(TENANT, List.copyOf(Tokens.ROLES)));

    List<Integer> ports = freePorts(SERVICES.size());
    for (int i = 0; i < SERVICES.size(); i++) {
      String name = SERVICES.get(i);
      ServiceProcess process =
          new ServiceProcess(
              name, jar(name), ports.get(i), workDir.resolve("logs").resolve(name + ".log"));
      services.put(name, process);
      process.start(
          Map.of(
              "KAFKA_BOOTSTRAP_SERVERS",
              kafka.bootstrapServers(),
              "DBARCH_LOG_JSON",
              "false",
              "DBARCH_STATE_DIR",
              workDir.resolve("state").resolve(name).toString(),
              // As ./dbarch up: one stable id per process, so a restart is a static rejoin.
              "DBARCH_INSTANCE_ID",
              "faults-" + name,
              "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
              auth.resolve(KeyFiles.PUBLIC_KEY).toString(),
              // The suite created the topics; a slow admin call at start-up must not stop a
              // service.
              "DBARCH_TOPICS_PROVISION",
              "false",
              // Monitors' password files must sit in the secrets directory (docs/operations.md).
              "DBARCH_SECRETS_DIR",
              workDir.resolve("secrets").toString()));
    }
    await("every service UP")
        .atMost(START_TIMEOUT)
        .pollInterval(Duration.ofMillis(250))
        .until(() -> services.values().stream().allMatch(s -> s.healthy(http)));
    System.out.printf(
        "Fault suite: broker and %d services UP after %d ms%n",
        services.size(), Duration.ofNanos(System.nanoTime() - began).toMillis());
  }

  @AfterAll
  void stopSuite() throws InterruptedException {
    if (failed) {
      for (ServiceProcess s : services.values()) {
        System.out.println("\n----- " + s.name() + " (" + s.logFile() + ") -----\n" + s.tail(40));
      }
    }
    if (collector != null) {
      collector.close();
    }
    services.values().forEach(ServiceProcess::signalStop);
    services.values().forEach(s -> s.stop(Duration.ofSeconds(20)));
    if (kafka != null) {
      kafka.stop();
    }
  }

  @Test
  void everyAcknowledgedAssessmentAndEveryDdlStatementSurvivesKillsRestartsAndAFrozenReport()
      throws Exception {
    Stream stream = new Stream();
    String watched = "watched-" + UUID.randomUUID().toString().substring(0, 6);
    List<String> statements = new CopyOnWriteArrayList<>();
    try (EmbeddedPostgres postgres =
        EmbeddedPostgres.builder()
            .setServerConfig("wal_level", "logical")
            .setServerConfig("max_replication_slots", "10")
            .setServerConfig("max_wal_senders", "10")
            .start()) {
      sql(postgres, "CREATE TABLE base (id integer PRIMARY KEY)");
      Path password = workDir.resolve("secrets").resolve("watched-password.txt");
      Files.writeString(password, "not-a-real-secret-" + UUID.randomUUID());
      HttpResponse<String> registered =
          send(
              "POST",
              intake() + "/api/v1/monitors",
              """
              {"systemId":"%s","engine":"POSTGRESQL","host":"localhost","port":%d,
               "database":"postgres","user":"postgres","passwordRef":"file:%s"}"""
                  .formatted(watched, postgres.getPort(), password));
      assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
      awaitCaptureRunning(watched);
      ddl(postgres, statements, 3);

      stream.start();
      await("the stream flows").atMost(FAILOVER_TIMEOUT).until(() -> stream.accepted() >= 10);

      // 1. SIGKILL of each specialist in turn, each restarted at once.
      for (var specialist : SPECIALISTS.entrySet()) {
        long killedAt = killAndRestart(services.get(specialist.getKey()));
        String section = specialist.getValue();
        awaitFirst(
            "kill -9 " + specialist.getKey() + " -> first " + section + " verdict",
            killedAt,
            r -> r.topic().equals(Topics.SECTION_VERDICTS) && section.equals(sectionOf(r)));
      }

      // 2. SIGKILL of the report.
      long reportKilled = killAndRestart(services.get("report-service"));
      awaitFirst(
          "kill -9 report-service -> first revision",
          reportKilled,
          r -> r.topic().equals(Topics.RECOMMENDATION_HISTORY));

      // 3. SIGKILL of intake while DDL runs on the monitored database.
      Thread ddl =
          new Thread(
              () -> {
                try {
                  ddl(postgres, statements, 12);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              },
              "faults-ddl");
      ddl.start();
      Thread.sleep(1500);
      int acceptedBefore = stream.accepted();
      long intakeKilled = killAndRestart(services.get("intake-service"));
      ddl.join();
      await("kill -9 intake-service -> first 202")
          .atMost(FAILOVER_TIMEOUT)
          .until(
              () -> stream.accepted() > acceptedBefore && stream.lastAcceptedNanos > intakeKilled);
      failoverMillis.put(
          "kill -9 intake-service -> first 202",
          Duration.ofNanos(stream.lastAcceptedNanos - intakeKilled).toMillis());
      awaitCaptureRunning(watched);
      ddl(postgres, statements, 2);

      // 4. The broker restarts (same data directory and port).
      long brokerStopped = System.nanoTime();
      int port = kafka.port();
      kafka.stop();
      await("broker port free").atMost(Duration.ofSeconds(30)).until(() -> portFree(port));
      kafka = new StandaloneKafka(workDir.resolve("kafka"), port).start();
      long brokerBack = System.nanoTime();
      System.out.printf(
          "broker restarted: down for %d ms%n",
          Duration.ofNanos(brokerBack - brokerStopped).toMillis());
      int acceptedBeforeBroker = stream.accepted();
      awaitFirst(
          "broker restart -> first revision",
          brokerStopped,
          r -> r.topic().equals(Topics.RECOMMENDATION_HISTORY) && r.arrivedNanos() > brokerBack);
      await("intake accepts again after the broker restart")
          .atMost(FAILOVER_TIMEOUT)
          .until(() -> stream.accepted() > acceptedBeforeBroker + 2);

      // 5. The report frozen past its session timeout, then thawed.
      ServiceProcess report = services.get("report-service");
      signal("STOP", report.pid());
      Thread.sleep(10_000);
      long thawed = System.nanoTime();
      signal("CONT", report.pid());
      awaitFirst(
          "SIGSTOP report-service 10 s, SIGCONT -> first revision",
          thawed,
          r -> r.topic().equals(Topics.RECOMMENDATION_HISTORY));

      ddl(postgres, statements, 2);
      stream.stop();

      // Every acknowledged assessment gets its revision; then count (and print the counts even
      // when something never arrives: the assertions below say what).
      try {
        await("a complete revision for every acknowledged assessment and every statement")
            .atMost(Duration.ofMinutes(3))
            .pollInterval(Duration.ofSeconds(1))
            .until(
                () ->
                    complete(stream.acknowledged).values().stream().allMatch(n -> n >= 1)
                        && assessmentsCarrying(watched, statements).values().stream()
                            .allMatch(ids -> !ids.isEmpty()));
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        System.out.println("Not everything arrived: " + e.getMessage());
      }
      Thread.sleep(3000); // a duplicate gets every chance to arrive before the count

      Map<String, Integer> complete = complete(stream.acknowledged);
      Map<String, Set<String>> carrying = assessmentsCarrying(watched, statements);
      long incomplete = incompleteRevisions(stream.acknowledged);
      printTable(stream, complete, carrying, incomplete, statements.size());

      assertThat(complete)
          .as("complete revisions per acknowledged assessment")
          .hasSize(stream.acknowledged.size())
          .allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
      assertThat(carrying)
          .as("assessments whose revisions carry each DDL statement")
          .hasSize(statements.size())
          .allSatisfy((statement, ids) -> assertThat(ids).as(statement).hasSize(1));
      failed = false;
    } finally {
      stream.stop();
    }
  }

  // ---------------------------------------------------------------------------------------------

  /** Submits one new system every 200 ms and remembers what intake acknowledged with a 202. */
  private final class Stream implements Runnable {
    final Map<String, String> acknowledged = new ConcurrentHashMap<>(); // assessmentId -> key
    final Map<String, Integer> refused = new ConcurrentHashMap<>(); // status or error -> count
    final AtomicInteger sent = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean();
    private final String prefix = "stream-" + UUID.randomUUID().toString().substring(0, 6) + "-";
    private Thread thread;
    volatile long lastAcceptedNanos;

    void start() {
      running.set(true);
      thread = new Thread(this, "faults-stream");
      thread.start();
    }

    void stop() throws InterruptedException {
      running.set(false);
      if (thread != null) {
        thread.join(30_000);
      }
    }

    int accepted() {
      return acknowledged.size();
    }

    @Override
    public void run() {
      while (running.get()) {
        String systemId = prefix + sent.incrementAndGet();
        try {
          HttpResponse<String> response =
              http.send(
                  HttpRequest.newBuilder(URI.create(intake() + "/api/v1/assessments"))
                      .timeout(Duration.ofSeconds(10))
                      .header("Content-Type", "application/json")
                      .header("Authorization", "Bearer " + token)
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              "{\"systemId\":\"" + systemId + "\",\"name\":\"Stream\"}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          if (response.statusCode() == 202) {
            acknowledged.put(
                readJson(response.body()).path("assessmentId").asText(), TENANT + "/" + systemId);
            lastAcceptedNanos = System.nanoTime();
          } else {
            refused.merge(Integer.toString(response.statusCode()), 1, Integer::sum);
          }
        } catch (IOException e) {
          refused.merge("no connection", 1, Integer::sum);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  /** SIGKILL, wait until the process is gone, start it again; returns the kill time. */
  private long killAndRestart(ServiceProcess service) throws IOException {
    service.kill();
    long killedAt = System.nanoTime();
    await(service.name() + " gone").atMost(Duration.ofSeconds(10)).until(() -> !service.isAlive());
    service.restart();
    return killedAt;
  }

  /** Waits for the first record after {@code since} (+0.5 s: in-flight records of the dead). */
  private void awaitFirst(
      String fault, long since, java.util.function.Predicate<RecordCollector.Received> match) {
    long after = since + Duration.ofMillis(500).toNanos();
    RecordCollector.Received first =
        await(fault)
            .atMost(FAILOVER_TIMEOUT)
            .pollInterval(Duration.ofMillis(100))
            .until(
                () -> collector.find(r -> r.arrivedNanos() > after && match.test(r)),
                java.util.Optional::isPresent)
            .orElseThrow();
    failoverMillis.put(fault, Duration.ofNanos(first.arrivedNanos() - since).toMillis());
    System.out.printf("%s: %d ms%n", fault, failoverMillis.get(fault));
  }

  /** Complete revisions per acknowledged assessment (0 when none arrived yet). */
  private Map<String, Integer> complete(Map<String, String> acknowledged) {
    Map<String, Integer> counts = new HashMap<>();
    acknowledged.keySet().forEach(id -> counts.put(id, 0));
    for (RecordCollector.Received r : collector.all()) {
      if (r.topic().equals(Topics.RECOMMENDATION_HISTORY)) {
        JsonNode value = readJson(r.value());
        String id = value.path("assessmentId").asText();
        if (counts.containsKey(id)
            && value.path("complete").asBoolean()
            && acknowledged.get(id).equals(r.key())) {
          counts.merge(id, 1, Integer::sum);
        }
      }
    }
    return counts;
  }

  private long incompleteRevisions(Map<String, String> acknowledged) {
    return collector.all().stream()
        .filter(r -> r.topic().equals(Topics.RECOMMENDATION_HISTORY))
        .map(r -> readJson(r.value()))
        .filter(v -> acknowledged.containsKey(v.path("assessmentId").asText()))
        .filter(v -> !v.path("complete").asBoolean())
        .count();
  }

  /** For each statement, the assessments whose revisions of the watched system list it. */
  private Map<String, Set<String>> assessmentsCarrying(String systemId, List<String> statements) {
    Map<String, Set<String>> carrying = new TreeMap<>();
    statements.forEach(s -> carrying.put(s, new HashSet<>()));
    for (RecordCollector.Received r : collector.all()) {
      if (!r.topic().equals(Topics.RECOMMENDATION_HISTORY)
          || !(TENANT + "/" + systemId).equals(r.key())) {
        continue;
      }
      JsonNode value = readJson(r.value());
      for (JsonNode ddl : value.path("schemaChange").path("ddl")) {
        for (String statement : statements) {
          if (ddl.asText().contains(tableOf(statement) + " ")) {
            carrying.get(statement).add(value.path("assessmentId").asText());
          }
        }
      }
    }
    return carrying;
  }

  private static String tableOf(String statement) {
    return statement.split(" ")[2];
  }

  /** Runs {@code count} more CREATE TABLE statements, 250 ms apart. */
  private static void ddl(EmbeddedPostgres postgres, List<String> statements, int count)
      throws Exception {
    for (int i = 0; i < count; i++) {
      String statement =
          "CREATE TABLE fault_ddl_%03d (id integer PRIMARY KEY)".formatted(statements.size() + 1);
      sql(postgres, statement);
      statements.add(statement);
      Thread.sleep(250);
    }
  }

  private static void sql(EmbeddedPostgres postgres, String statement) throws Exception {
    try (var connection = postgres.getPostgresDatabase().getConnection();
        var st = connection.createStatement()) {
      st.execute(statement);
    }
  }

  private void awaitCaptureRunning(String systemId) {
    await("capture of " + systemId + " running")
        .atMost(FAILOVER_TIMEOUT)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              try {
                return send("GET", intake() + "/api/v1/monitors/" + systemId, null)
                    .body()
                    .contains("\"capture\":\"RUNNING\"");
              } catch (IOException e) {
                return false;
              }
            });
  }

  private static String sectionOf(RecordCollector.Received r) {
    try {
      return JSON.readTree(r.value()).path("section").asText();
    } catch (IOException e) {
      return "";
    }
  }

  private void printTable(
      Stream stream,
      Map<String, Integer> complete,
      Map<String, Set<String>> carrying,
      long incomplete,
      int statements) {
    StringBuilder table = new StringBuilder("\n==== dbarch fault suite ====\n");
    failoverMillis.forEach(
        (fault, ms) -> table.append(String.format("  %-58s %7d ms%n", fault, ms)));
    table.append(
        String.format(
            "  submissions sent %d, acknowledged (202) %d, refused %s%n",
            stream.sent.get(), stream.acknowledged.size(), stream.refused));
    table.append(
        String.format(
            "  acknowledged with exactly one complete revision: %d of %d; incomplete revisions: %d%n",
            complete.values().stream().filter(n -> n == 1).count(), complete.size(), incomplete));
    table.append(
        String.format(
            "  DDL statements run %d, each in the revisions of exactly one assessment: %d%n",
            statements, carrying.values().stream().filter(ids -> ids.size() == 1).count()));
    table.append(
        String.format(
            "  suite duration (broker and services started to counted): %d s%n",
            Duration.ofNanos(System.nanoTime() - began).toSeconds()));
    System.out.println(table);
  }

  private HttpResponse<String> send(String method, String url, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token);
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String intake() {
    return services.get("intake-service").baseUrl();
  }

  private static void signal(String signal, long pid) throws Exception {
    int exit = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor();
    assertThat(exit).as("kill -%s %d", signal, pid).isZero();
  }

  private static boolean portFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static JsonNode readJson(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new AssertionError("Not JSON: " + body, e);
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
