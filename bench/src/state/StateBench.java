// Bounded state benchmark of the report or the intake service (issue 9, docs/adr/0011). Run with
// bench/report-state.sh or bench/intake-state.sh, which build the classpath and the packaged
// service. It does not assert anything: it prints a table of figures for docs/operations.md.
//
// 1. starts an in-JVM KRaft broker and creates dbarch's topics (3 partitions, as ./dbarch up);
// 2. produces SYSTEMS x REVISIONS worth of the service's state straight to its topics:
//    report: a small synthetic revision per system and revision on the history topic;
//    intake: an idempotency record per system and revision (a key of its own: the ledger grows
//    with every submission), and every system's latest requirements (examples/ecommerce.yaml);
// 3. starts the packaged service as ./dbarch up does (-Xmx256m, SerialGC), times it to ready, then
//    times the questions it answers from that state:
//    report: latest / one revision / revision list / diff / systems page;
//    intake: re-submissions with known Idempotency-Keys (422 from the ledger on disk: the key was
//    used with another document);
// 4. reads the process's heap (after a full GC) and RSS; stops it and starts it again on the same
//    state directory (the restart case: it resumes from what it stored).
import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.events.IdempotencyRecord;
import dev.dbarch.contracts.events.LatestRequirements;
import dev.dbarch.contracts.events.Recommendation;
import dev.dbarch.contracts.events.Risk;
import dev.dbarch.contracts.events.Trigger;
import dev.dbarch.contracts.kafka.TopicAdmin;
import dev.dbarch.contracts.kafka.Topics;
import dev.dbarch.contracts.requirements.Requirements;
import dev.dbarch.testsupport.TestKafka;
import dev.dbarch.testsupport.TestTokens;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

public class StateBench {

  static final String TENANT = "bench";
  static final int QUERIES = Integer.getInteger("bench.queries", 500);

  /** What differs between the two services; everything else is the same run. */
  interface Scenario {
    String title();

    int port();

    String role();

    List<String> jvmOptions();

    String firstRun();

    /** Produces the state; adds what it produced to the table. */
    void produce(KafkaProducer<String, String> producer, Map<String, String> rows);

    /** One question of the {@code i}-th query; reports each answer's time under a kind. */
    void ask(int i, Random random, BiConsumer<String, Long> timed) throws Exception;
  }

  static int systems;
  static int revisions;
  static Scenario scenario;
  static String token;

  // Usage: StateBench report|intake SYSTEMS REVISIONS JAR PUBLIC_KEY [REQUIREMENTS_YAML]
  public static void main(String[] args) throws Exception {
    systems = Integer.parseInt(args[1]);
    revisions = Integer.parseInt(args[2]);
    Path jar = Path.of(args[3]).toAbsolutePath();
    Path publicKey = Path.of(args[4]).toAbsolutePath();
    scenario =
        switch (args[0]) {
          case "report" -> new ReportState();
          case "intake" ->
              new IntakeState(Json.yaml().readValue(Path.of(args[5]).toFile(), Requirements.class));
          default -> throw new IllegalArgumentException("report or intake, not " + args[0]);
        };
    token = TestTokens.forTenant(TENANT, scenario.role());
    Path work = Files.createTempDirectory("dbarch-" + args[0] + "-bench");
    Map<String, String> rows = new LinkedHashMap<>();
    try (TestKafka kafka = TestKafka.start()) {
      TopicAdmin.ensureTopics(Map.of("bootstrap.servers", kafka.bootstrapServers()), 3, (short) 1);
      long t0 = System.nanoTime();
      try (KafkaProducer<String, String> producer = producer(kafka.bootstrapServers())) {
        scenario.produce(producer, rows);
        producer.flush();
      }
      rows.put("produce time", ms(System.nanoTime() - t0));

      Map<String, String> env = Map.of(
          "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
          "DBARCH_LOG_JSON", "false",
          "DBARCH_STATE_DIR", work.resolve("state").toString(),
          "MP_JWT_VERIFY_PUBLICKEY_LOCATION", publicKey.toString());
      for (String run : List.of(scenario.firstRun(), "restart (same state dir)")) {
        Process service = start(jar, env, work.resolve(args[0] + ".log"));
        try {
          long started = System.nanoTime();
          awaitReady(service);
          rows.put(run + ": time to ready", ms(System.nanoTime() - started));
          queries(rows, run);
          rows.put(run + ": heap used after full GC", heapAfterGc(service.pid()));
          rows.put(run + ": RSS", rss(service.pid()));
        } finally {
          service.destroy();
          if (!service.waitFor(60, TimeUnit.SECONDS)) {
            service.destroyForcibly();
          }
        }
      }
      rows.put("state dir on disk", du(work.resolve("state")));
    }
    System.out.println();
    System.out.println("| " + scenario.title() + ", -Xmx256m | Figure |");
    System.out.println("|---|---|");
    rows.forEach((k, v) -> System.out.println("| " + k + " | " + v + " |"));
  }

  /** The report's read side: revisions on the history topic, queried through its API. */
  static final class ReportState implements Scenario {
    public String title() {
      return "Report service";
    }

    public int port() {
      return Integer.getInteger("bench.port", 18086);
    }

    public String role() {
      return "viewer";
    }

    public List<String> jvmOptions() {
      return List.of();
    }

    public String firstRun() {
      return "first start (indexes the history)";
    }

    public void produce(KafkaProducer<String, String> producer, Map<String, String> rows) {
      long bytes = 0;
      for (int r = 1; r <= revisions; r++) {
        for (int s = 0; s < systems; s++) {
          String json = Json.toJson(revision(s, r));
          bytes += json.length();
          producer.send(
              new ProducerRecord<>(Topics.RECOMMENDATION_HISTORY, TENANT + "/" + id(s), json));
        }
      }
      long records = (long) systems * revisions;
      rows.put("history records", String.format("%,d (%d systems x %d revisions)",
          records, systems, revisions));
      rows.put("history payload", String.format("%,d MB (avg %d B/revision)",
          bytes >> 20, bytes / records));
    }

    static Recommendation revision(int s, int r) {
      List<Risk> risks = List.of(new Risk("BENCH-" + (r % 3), "risk " + (r % 3),
          Risk.Level.values()[r % Risk.Level.values().length],
          Risk.Level.values()[s % Risk.Level.values().length], "mitigate"));
      return new Recommendation(TENANT, id(s), "System " + s, "a-" + s + "-" + r, r,
          Trigger.SUBMITTED, true, List.of(), List.of(), risks, r == 1 ? null : (long) r - 1,
          List.of(), null, null, "# System " + s + " revision " + r);
    }

    public void ask(int i, Random random, BiConsumer<String, Long> timed) throws Exception {
      String system = id(random.nextInt(systems));
      int from = 1 + random.nextInt(revisions);
      int to = 1 + random.nextInt(revisions);
      timeGet(timed, "latest", "/api/v1/systems/" + system + "/recommendation");
      timeGet(timed, "one revision", "/api/v1/systems/" + system + "/revisions/" + from);
      timeGet(timed, "revision list", "/api/v1/systems/" + system + "/revisions");
      timeGet(timed, "diff", "/api/v1/systems/" + system + "/diff?from=" + from + "&to=" + to);
      if (i % 10 == 0) {
        timeGet(timed, "systems list page",
            "/api/v1/systems?size=50&page=" + random.nextInt(Math.max(1, systems / 50)));
      }
    }

    static void timeGet(BiConsumer<String, Long> timed, String kind, String path)
        throws Exception {
      long t0 = System.nanoTime();
      int status = get(path);
      long took = System.nanoTime() - t0;
      if (status != 200) {
        throw new IllegalStateException(path + " answered " + status);
      }
      timed.accept(kind, took);
    }
  }

  /** Intake's stores: the idempotency ledger and the latest requirements of every system. */
  static final class IntakeState implements Scenario {
    final Requirements requirements;

    IntakeState(Requirements requirements) {
      this.requirements = requirements;
    }

    public String title() {
      return "Intake service";
    }

    public int port() {
      return Integer.getInteger("bench.port", 18087);
    }

    public String role() {
      return "submitter";
    }

    public List<String> jvmOptions() {
      // The bench re-submits far faster than a tenant may.
      return List.of(
          "-Ddbarch.intake.rate-limit.assessments.burst=100000",
          "-Ddbarch.intake.rate-limit.assessments.per-second=100000");
    }

    public String firstRun() {
      return "first start (reads the topics)";
    }

    public void produce(KafkaProducer<String, String> producer, Map<String, String> rows) {
      long ledgerBytes = 0;
      long requirementsBytes = 0;
      for (int r = 1; r <= revisions; r++) {
        for (int s = 0; s < systems; s++) {
          IdempotencyRecord record =
              new IdempotencyRecord(TENANT, id(s), "k-" + r, "a-" + s + "-" + r, "0".repeat(64));
          String ledger = Json.toJson(record);
          ledgerBytes += ledger.length();
          producer.send(new ProducerRecord<>(Topics.IDEMPOTENCY_KEYS, record.key(), ledger));
          if (r == revisions) {
            // One per system: what the store holds is the latest document of every system, and
            // REVISIONS copies of 1.5 KB documents would only make the first start longer.
            String latest = Json.toJson(new LatestRequirements(TENANT, id(s), requirements));
            requirementsBytes += latest.length();
            producer.send(
                new ProducerRecord<>(Topics.REQUIREMENTS, TENANT + "/" + id(s), latest));
          }
        }
      }
      rows.put("idempotency records (distinct keys)", String.format("%,d, %,d MB of JSON",
          (long) systems * revisions, ledgerBytes >> 20));
      rows.put("requirements records (latest of %d systems)".formatted(systems),
          String.format("%,d, %,d MB of JSON (%,d B each)", systems, requirementsBytes >> 20,
              requirementsBytes / systems));
    }

    public void ask(int i, Random random, BiConsumer<String, Long> timed) throws Exception {
      String system = id(random.nextInt(systems));
      String key = "k-" + (1 + random.nextInt(revisions));
      long t0 = System.nanoTime();
      int status = submit(system, key);
      long took = System.nanoTime() - t0;
      // 422: the ledger holds this key for another document, so it was found on disk.
      if (status != 422) {
        throw new IllegalStateException(system + " " + key + " answered " + status);
      }
      timed.accept("known Idempotency-Key answered", took);
    }

    static int submit(String system, String key) throws Exception {
      String body = "{\"systemId\":\"" + system + "\",\"name\":\"bench\"}";
      HttpRequest request = HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + scenario.port() + "/api/v1/assessments"))
          .header("Authorization", "Bearer " + token)
          .header("Content-Type", "application/json")
          .header("Idempotency-Key", key)
          .timeout(Duration.ofSeconds(60))
          .POST(HttpRequest.BodyPublishers.ofString(body))
          .build();
      return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
  }

  static KafkaProducer<String, String> producer(String bootstrap) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
  }

  static String id(int s) {
    return String.format("sys-%06d", s);
  }

  static Process start(Path jar, Map<String, String> env, Path log) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
        "-Dquarkus.http.port=" + scenario.port()));
    command.addAll(scenario.jvmOptions());
    command.addAll(List.of("-jar", jar.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).directory(jar.getParent().toFile());
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    builder.environment().putAll(env);
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    return builder.start();
  }

  static final HttpClient HTTP = HttpClient.newHttpClient();

  static int get(String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + scenario.port() + path))
            .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60)).build();
    return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  static void awaitReady(Process service) throws Exception {
    while (true) {
      if (!service.isAlive()) {
        throw new IllegalStateException(
            "the " + scenario.title() + " exited: " + service.exitValue());
      }
      try {
        if (get("/q/health/ready") == 200) {
          return;
        }
      } catch (java.io.IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
  }

  static void queries(Map<String, String> rows, String run) throws Exception {
    Random random = new Random(9);
    Map<String, List<Long>> timings = new LinkedHashMap<>();
    for (int i = 0; i < QUERIES; i++) {
      scenario.ask(i, random,
          (kind, took) -> timings.computeIfAbsent(kind, k -> new ArrayList<>()).add(took));
    }
    timings.forEach((kind, t) -> {
      Collections.sort(t);
      rows.put(run + ": " + kind + " p50 / p99 / max (" + t.size() + " asked)",
          String.format("%.1f / %.1f / %.1f ms", t.get(t.size() / 2) / 1e6,
              t.get((int) (t.size() * 0.99)) / 1e6, t.get(t.size() - 1) / 1e6));
    });
  }

  static String heapAfterGc(long pid) throws Exception {
    run("jcmd", Long.toString(pid), "GC.run");
    String info = run("jcmd", Long.toString(pid), "GC.heap_info");
    // SerialGC prints one line per generation ("def new generation", "tenured generation").
    long usedKb = 0;
    java.util.regex.Matcher used =
        java.util.regex.Pattern.compile("(?:generation|space)\\s+total \\d+K, used (\\d+)K")
            .matcher(info);
    while (used.find()) {
      usedKb += Long.parseLong(used.group(1));
    }
    return String.format("%,d MB (young + tenured)", usedKb / 1024);
  }

  static String rss(long pid) throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return String.format("%,d MB", Long.parseLong(line.replaceAll("\\D", "")) / 1024);
      }
    }
    return "?";
  }

  static String du(Path dir) throws Exception {
    return run("du", "-sh", dir.toString()).split("\\s")[0];
  }

  static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor();
    return out;
  }

  static String ms(long nanos) {
    return String.format("%,d ms", nanos / 1_000_000);
  }
}
