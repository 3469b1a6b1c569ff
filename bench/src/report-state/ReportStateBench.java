// Bounded state benchmark of the report service (issue 9, docs/adr/0011). Run with
// bench/report-state.sh, which builds the classpath and the packaged service. It does not assert
// anything: it prints a table of figures to record in docs/operations.md.
//
// 1. starts an in-JVM KRaft broker and creates dbarch's topics (3 partitions, as ./dbarch up);
// 2. produces SYSTEMS x REVISIONS small synthetic revisions straight to the history topic;
// 3. starts the packaged report service as ./dbarch up does (-Xmx256m, SerialGC), times it to
//    ready, then asks latest / revision / diff / list questions and times them;
// 4. reads the process's heap (after a full GC) and RSS; stops it and starts it again on the same
//    state directory (the restart case).
import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.events.Recommendation;
import dev.dbarch.contracts.events.Risk;
import dev.dbarch.contracts.events.Trigger;
import dev.dbarch.contracts.kafka.TopicAdmin;
import dev.dbarch.contracts.kafka.Topics;
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

public class ReportStateBench {

  static final String TENANT = "bench";
  static final int PORT = Integer.getInteger("bench.port", 18086);
  static final int QUERIES = Integer.getInteger("bench.queries", 500);

  public static void main(String[] args) throws Exception {
    int systems = Integer.parseInt(args[0]);
    int revisions = Integer.parseInt(args[1]);
    Path jar = Path.of(args[2]).toAbsolutePath();
    Path publicKey = Path.of(args[3]).toAbsolutePath();
    Path work = Files.createTempDirectory("dbarch-report-bench");
    Map<String, String> rows = new LinkedHashMap<>();
    try (TestKafka kafka = TestKafka.start()) {
      TopicAdmin.ensureTopics(Map.of("bootstrap.servers", kafka.bootstrapServers()), 3, (short) 1);
      long t0 = System.nanoTime();
      long bytes = produce(kafka.bootstrapServers(), systems, revisions);
      rows.put("history records", String.format("%,d (%d systems x %d revisions)",
          (long) systems * revisions, systems, revisions));
      rows.put("history payload", String.format("%,d MB (avg %d B/revision)",
          bytes >> 20, bytes / ((long) systems * revisions)));
      rows.put("produce time", ms(System.nanoTime() - t0));

      Map<String, String> env = Map.of(
          "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
          "DBARCH_LOG_JSON", "false",
          "DBARCH_STATE_DIR", work.resolve("state").toString(),
          "MP_JWT_VERIFY_PUBLICKEY_LOCATION", publicKey.toString());
      for (String run : List.of("first start (indexes the history)", "restart (same state dir)")) {
        Process service = start(jar, env, work.resolve("report.log"));
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
    System.out.println("| Report service, -Xmx256m | Figure |");
    System.out.println("|---|---|");
    rows.forEach((k, v) -> System.out.println("| " + k + " | " + v + " |"));
  }

  static long produce(String bootstrap, int systems, int revisions) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    long bytes = 0;
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      for (int r = 1; r <= revisions; r++) {
        for (int s = 0; s < systems; s++) {
          String json = Json.toJson(revision(s, r));
          bytes += json.length();
          producer.send(new ProducerRecord<>(Topics.RECOMMENDATION_HISTORY, TENANT + "/" + id(s), json));
        }
      }
      producer.flush();
    }
    return bytes;
  }

  static String id(int s) {
    return String.format("sys-%06d", s);
  }

  static Recommendation revision(int s, int r) {
    List<Risk> risks = List.of(new Risk("BENCH-" + (r % 3), "risk " + (r % 3),
        Risk.Level.values()[r % Risk.Level.values().length],
        Risk.Level.values()[s % Risk.Level.values().length], "mitigate"));
    return new Recommendation(TENANT, id(s), "System " + s, "a-" + s + "-" + r, r,
        Trigger.SUBMITTED, true, List.of(), List.of(), risks, r == 1 ? null : (long) r - 1,
        List.of(), null, null, "# System " + s + " revision " + r);
  }

  static Process start(Path jar, Map<String, String> env, Path log) throws Exception {
    List<String> command = List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
        "-Dquarkus.http.port=" + PORT, "-jar", jar.toString());
    ProcessBuilder builder = new ProcessBuilder(command).directory(jar.getParent().toFile());
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    builder.environment().putAll(env);
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    return builder.start();
  }

  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final String TOKEN = TestTokens.forTenant(TENANT, "viewer");

  static int get(String path) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path))
        .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(60)).build();
    return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  static void awaitReady(Process service) throws Exception {
    while (true) {
      if (!service.isAlive()) {
        throw new IllegalStateException("the report service exited: " + service.exitValue());
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
    Map<String, List<Long>> timings = new LinkedHashMap<>();
    for (int i = 0; i < QUERIES; i++) {
      String system = id(random.nextInt(systems));
      int from = 1 + random.nextInt(revisions);
      int to = 1 + random.nextInt(revisions);
      time(timings, "latest", "/api/v1/systems/" + system + "/recommendation");
      time(timings, "one revision", "/api/v1/systems/" + system + "/revisions/" + from);
      time(timings, "revision list", "/api/v1/systems/" + system + "/revisions");
      time(timings, "diff", "/api/v1/systems/" + system + "/diff?from=" + from + "&to=" + to);
      if (i % 10 == 0) {
        time(timings, "systems list page", "/api/v1/systems?size=50&page=" + random.nextInt(systems / 50));
      }
    }
    timings.forEach((kind, t) -> {
      Collections.sort(t);
      rows.put(run + ": " + kind + " p50 / p99 / max (" + t.size() + " asked)",
          String.format("%.1f / %.1f / %.1f ms", t.get(t.size() / 2) / 1e6,
              t.get((int) (t.size() * 0.99)) / 1e6, t.get(t.size() - 1) / 1e6));
    });
  }

  static void time(Map<String, List<Long>> timings, String kind, String path) throws Exception {
    long t0 = System.nanoTime();
    int status = get(path);
    long took = System.nanoTime() - t0;
    if (status != 200) {
      throw new IllegalStateException(path + " answered " + status);
    }
    timings.computeIfAbsent(kind, k -> new ArrayList<>()).add(took);
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
