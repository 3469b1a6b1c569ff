// Bounded state benchmark of the intake service (issue 9, docs/adr/0011). Run with
// bench/intake-state.sh, which builds the classpath and the packaged service. It does not assert
// anything: it prints a table of figures to record in docs/operations.md.
//
// 1. starts an in-JVM KRaft broker and creates dbarch's topics (3 partitions, as ./dbarch up);
// 2. produces SYSTEMS x REVISIONS submissions' worth of intake state: for every system and revision
//    an idempotency record (a key of its own: the ledger grows with every submission), and for
//    every system its latest requirements (examples/ecommerce.yaml, 1.5 KB);
// 3. starts the packaged intake service as ./dbarch up does (-Xmx256m, SerialGC), times it to
//    ready (ready = the ledger has read its topic), then re-submits with known Idempotency-Keys
//    (answered from the ledger on disk: 422, the key was used with another document) and times
//    the answers;
// 4. reads the process's heap (after a full GC) and RSS; stops it and starts it again on the same
//    state directory (the restart case: it resumes from its checkpoints).
import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.events.IdempotencyRecord;
import dev.dbarch.contracts.events.LatestRequirements;
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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

public class IntakeStateBench {

  static final String TENANT = "bench";
  static final int PORT = Integer.getInteger("bench.port", 18087);
  static final int QUERIES = Integer.getInteger("bench.queries", 500);

  public static void main(String[] args) throws Exception {
    int systems = Integer.parseInt(args[0]);
    int revisions = Integer.parseInt(args[1]);
    Path jar = Path.of(args[2]).toAbsolutePath();
    Path publicKey = Path.of(args[3]).toAbsolutePath();
    Requirements requirements =
        Json.yaml().readValue(Path.of(args[4]).toFile(), Requirements.class);
    Path work = Files.createTempDirectory("dbarch-intake-bench");
    Map<String, String> rows = new LinkedHashMap<>();
    try (TestKafka kafka = TestKafka.start()) {
      TopicAdmin.ensureTopics(Map.of("bootstrap.servers", kafka.bootstrapServers()), 3, (short) 1);
      long t0 = System.nanoTime();
      long[] bytes = produce(kafka.bootstrapServers(), systems, revisions, requirements);
      long records = (long) systems * revisions;
      rows.put("idempotency records (distinct keys)", String.format("%,d, %,d MB of JSON",
          records, bytes[0] >> 20));
      rows.put("requirements records (latest of %d systems)".formatted(systems),
          String.format("%,d, %,d MB of JSON (%,d B each)", systems, bytes[1] >> 20,
              bytes[1] / systems));
      rows.put("produce time", ms(System.nanoTime() - t0));

      Map<String, String> env = Map.of(
          "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
          "DBARCH_LOG_JSON", "false",
          "DBARCH_STATE_DIR", work.resolve("state").toString(),
          "MP_JWT_VERIFY_PUBLICKEY_LOCATION", publicKey.toString());
      for (String run : List.of("first start (reads the topics)", "restart (same state dir)")) {
        Process service = start(jar, env, work.resolve("intake.log"));
        try {
          long started = System.nanoTime();
          awaitReady(service);
          rows.put(run + ": time to ready", ms(System.nanoTime() - started));
          queries(rows, run, systems, revisions);
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
    System.out.println("| Intake service, -Xmx256m | Figure |");
    System.out.println("|---|---|");
    rows.forEach((k, v) -> System.out.println("| " + k + " | " + v + " |"));
  }

  static long[] produce(String bootstrap, int systems, int revisions, Requirements requirements) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    long[] bytes = new long[2];
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      for (int r = 1; r <= revisions; r++) {
        for (int s = 0; s < systems; s++) {
          IdempotencyRecord record =
              new IdempotencyRecord(TENANT, id(s), "k-" + r, "a-" + s + "-" + r, "0".repeat(64));
          String ledger = Json.toJson(record);
          bytes[0] += ledger.length();
          producer.send(new ProducerRecord<>(Topics.IDEMPOTENCY_KEYS, record.key(), ledger));
          if (r == revisions) {
            // One per system: what the store holds is the latest document of every system, and
            // REVISIONS copies of 1.5 KB documents would only make the first start longer.
            String latest = Json.toJson(new LatestRequirements(TENANT, id(s), requirements));
            bytes[1] += latest.length();
            producer.send(
                new ProducerRecord<>(Topics.REQUIREMENTS, TENANT + "/" + id(s), latest));
          }
        }
      }
      producer.flush();
    }
    return bytes;
  }

  static String id(int s) {
    return String.format("sys-%06d", s);
  }

  static Process start(Path jar, Map<String, String> env, Path log) throws Exception {
    List<String> command = List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
        "-Dquarkus.http.port=" + PORT,
        // The bench re-submits far faster than a tenant may.
        "-Ddbarch.intake.rate-limit.assessments.burst=100000",
        "-Ddbarch.intake.rate-limit.assessments.per-second=100000",
        "-jar", jar.toString());
    ProcessBuilder builder = new ProcessBuilder(command).directory(jar.getParent().toFile());
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    builder.environment().putAll(env);
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    return builder.start();
  }

  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final String TOKEN = TestTokens.forTenant(TENANT, "submitter");

  static int get(String path) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path))
        .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(60)).build();
    return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  static int submit(String system, String key) throws Exception {
    String body = "{\"systemId\":\"" + system + "\",\"name\":\"bench\"}";
    HttpRequest request = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + PORT + "/api/v1/assessments"))
        .header("Authorization", "Bearer " + TOKEN)
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", key)
        .timeout(Duration.ofSeconds(60))
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  static void awaitReady(Process service) throws Exception {
    while (true) {
      if (!service.isAlive()) {
        throw new IllegalStateException("the intake service exited: " + service.exitValue());
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

  static void queries(Map<String, String> rows, String run, int systems, int revisions)
      throws Exception {
    Random random = new Random(9);
    List<Long> timings = new ArrayList<>();
    for (int i = 0; i < QUERIES; i++) {
      String system = id(random.nextInt(systems));
      String key = "k-" + (1 + random.nextInt(revisions));
      long t0 = System.nanoTime();
      int status = submit(system, key);
      timings.add(System.nanoTime() - t0);
      // 422: the ledger holds this key for another document, so it was found on disk.
      if (status != 422) {
        throw new IllegalStateException(system + " " + key + " answered " + status);
      }
    }
    Collections.sort(timings);
    rows.put(run + ": known Idempotency-Key answered, p50 / p99 / max (" + QUERIES + " asked)",
        String.format("%.1f / %.1f / %.1f ms", timings.get(QUERIES / 2) / 1e6,
            timings.get((int) (QUERIES * 0.99)) / 1e6, timings.get(QUERIES - 1) / 1e6));
  }

  static String heapAfterGc(long pid) throws Exception {
    run("jcmd", Long.toString(pid), "GC.run");
    String info = run("jcmd", Long.toString(pid), "GC.heap_info");
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
