package dev.dbarch.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dbarch.contracts.kafka.Topics;
import dev.dbarch.testsupport.KafkaTestClient;
import dev.dbarch.testsupport.TestKafka;
import dev.dbarch.testsupport.TestTokens;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Grafana dashboard and the alert rules only name metrics a running service really exports: the
 * packaged intake, one specialist and the report run on a real (in-JVM) Kafka broker, one
 * assessment goes through, a poison record and a rate-limited request are sent, and each service's
 * {@code /q/metrics} is scraped. Also prints each service's resident memory, the footprint the
 * Deployments' requests and limits are sized from.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsTest {

  /** Services run here: the specialists share specialist-kit's metrics, one stands for all. */
  private static final List<String> RUN =
      List.of("intake-service", "selection-service", "report-service");

  /**
   * Metrics that are not the services' own, each with who exports it: Prometheus itself, Strimzi's
   * Kafka exporter (enabled in kafka/kafka.yaml) or kube-state-metrics.
   */
  private static final Map<String, String> EXTERNAL =
      Map.of(
          "up", "Prometheus, per scrape target",
          "kafka_consumergroup_lag", "Strimzi Kafka exporter",
          "kafka_topic_partition_under_replicated_partition", "Strimzi Kafka exporter",
          "kafka_topic_partition_in_sync_replica", "Strimzi Kafka exporter",
          "kube_pod_container_status_restarts_total", "kube-state-metrics");

  /**
   * Meters registered only once a monitored database has been read (needs a database with
   * pg_stat_statements): checked against their registration in the services' code instead.
   */
  private static final Map<String, String> ONLY_WITH_A_MONITORED_DATABASE =
      Map.of(
          "dbarch_workload_reads_total", "dbarch.workload.reads",
          "dbarch_workload_changes_total", "dbarch.workload.changes");

  private static final Set<String> PROMQL_WORDS =
      Set.of(
          "sum",
          "max",
          "min",
          "avg",
          "count",
          "rate",
          "increase",
          "irate",
          "by",
          "without",
          "and",
          "or",
          "unless",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "histogram_quantile",
          "topk",
          "bottomk",
          "abs",
          "delta",
          "deriv",
          "offset",
          "bool",
          "time",
          "vector",
          "scalar",
          "label_replace",
          "clamp_min",
          "clamp_max",
          "absent");

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  private final Map<String, Process> processes = new LinkedHashMap<>();
  private final Map<String, Integer> ports = new LinkedHashMap<>();
  private TestKafka kafka;
  private Path work;

  @BeforeAll
  void startServices() throws Exception {
    for (String service : RUN) {
      assertThat(jar(service))
          .as("%s must be packaged first (./mvnw -pl deploy-checks -am verify does it)", service)
          .exists();
    }
    kafka = TestKafka.start();
    work = Files.createTempDirectory("dbarch-deploy-checks");
    Path publicKey = work.resolve("public-key.pem");
    try (InputStream in =
        TestTokens.class.getClassLoader().getResourceAsStream(TestTokens.PUBLIC_KEY_RESOURCE)) {
      Files.copy(in, publicKey);
    }
    for (String service : RUN) {
      int port = freePort();
      ports.put(service, port);
      List<String> command =
          List.of(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-Xmx256m",
              "-XX:+UseSerialGC",
              "-Dquarkus.http.port=" + port,
              "-jar",
              jar(service).toString());
      ProcessBuilder builder =
          new ProcessBuilder(command).directory(jar(service).getParent().toFile());
      builder.environment().remove("JAVA_TOOL_OPTIONS");
      builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
      builder.environment().put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", publicKey.toString());
      builder.environment().put("DBARCH_STATE_DIR", work.resolve("state-" + service).toString());
      // One specialist runs here: the report publishes what it has after a short deadline.
      builder.environment().put("DBARCH_REPORT_SECTION_DEADLINE", "3s");
      // The second submission is refused (429), so the rate-limit counter exists.
      builder.environment().put("DBARCH_INTAKE_RATE_LIMIT_ASSESSMENTS_BURST", "1");
      builder.environment().put("DBARCH_INTAKE_RATE_LIMIT_ASSESSMENTS_PER_SECOND", "0.001");
      builder.redirectErrorStream(true);
      builder.redirectOutput(work.resolve(service + ".log").toFile());
      builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      processes.put(service, builder.start());
    }
    for (String service : RUN) {
      await(service + " ready")
          // Generous: three JVMs and a broker start at once on shared CI machines.
          .atMost(Duration.ofMinutes(8))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> ready(service));
    }
  }

  @AfterAll
  void stopServices() throws Exception {
    for (Process p : processes.values()) {
      p.destroy();
    }
    for (Process p : processes.values()) {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
      }
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void dashboardAndAlertsNameOnlyMetricsTheServicesExport() throws Exception {
    String systemId = "deploy-checks-" + System.nanoTime();
    String body = "{\"systemId\":\"" + systemId + "\",\"name\":\"metrics check\"}";
    HttpResponse<String> first = submit(body);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
    assertThat(submit(body.replace(systemId, systemId + "-2")).statusCode()).isEqualTo(429);
    try (KafkaTestClient client = new KafkaTestClient(kafka.bootstrapServers())) {
      client.send(Topics.ASSESSMENT_REQUESTS, TestTokens.TENANT + "/poison", "not json", Map.of());
      client.send(Topics.SECTION_VERDICTS, TestTokens.TENANT + "/poison", "not json", Map.of());
    }

    Set<String> referenced = new TreeSet<>();
    Crds.Dashboard dashboard =
        Manifests.JSON
            .copy()
            .configure(
                com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                false)
            .readValue(
                Repo.path("deploy/base/monitoring/dbarch-dashboard.json").toFile(),
                Crds.Dashboard.class);
    for (Crds.Panel panel : dashboard.panels()) {
      assertThat(panel.targets()).as(panel.title()).isNotEmpty();
      panel.targets().forEach(t -> referenced.addAll(metricNames(t.expr())));
    }
    for (var m : Manifests.under("base/monitoring")) {
      if (m.model() instanceof Crds.PrometheusRule rule) {
        rule.spec()
            .groups()
            .forEach(g -> g.rules().forEach(r -> referenced.addAll(metricNames(r.expr()))));
      }
    }
    Set<String> own = new TreeSet<>(referenced);
    own.removeAll(EXTERNAL.keySet());
    own.removeAll(ONLY_WITH_A_MONITORED_DATABASE.keySet());

    // Counters appear with their first event and Kafka client metrics are bound periodically:
    // scrape
    // until all are there (or fail naming the missing ones).
    Map<String, Set<String>> exported = new TreeMap<>();
    try {
      await("the referenced metrics are exported")
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofSeconds(5))
          .until(
              () -> {
                for (String service : RUN) {
                  exported.put(service, scrape(service));
                }
                return union(exported).containsAll(own);
              });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      Set<String> missing = new TreeSet<>(own);
      missing.removeAll(union(exported));
      throw new AssertionError("not exported by any running service: " + missing, e);
    }
    System.out.println("Metrics named by the dashboard and alerts, and who exports them:");
    for (String name : referenced) {
      List<String> by = new ArrayList<>();
      exported.forEach(
          (s, names) -> {
            if (names.contains(name)) {
              by.add(s);
            }
          });
      String source =
          !by.isEmpty()
              ? String.join(", ", by)
              : EXTERNAL.containsKey(name)
                  ? EXTERNAL.get(name) + " (not a dbarch service)"
                  : "registered in code ("
                      + ONLY_WITH_A_MONITORED_DATABASE.get(name)
                      + "), needs a monitored database";
      System.out.printf("  %-55s %s%n", name, source);
    }
    for (var e : ONLY_WITH_A_MONITORED_DATABASE.entrySet()) {
      String code =
          String.join("\n", Repo.mainSources("intake-service").stream().map(Repo::read).toList());
      assertThat(code).as(e.getKey()).contains("\"" + e.getValue() + "\"");
    }
    printFootprint();
  }

  /** The metric names in a PromQL expression: identifiers outside label matchers and strings. */
  static Set<String> metricNames(String expr) {
    String stripped =
        expr.replaceAll("\\{[^}]*}", " ")
            .replaceAll("\\[[^]]*]", " ")
            .replaceAll("\"[^\"]*\"", " ");
    stripped = stripped.replaceAll("(by|without|on|ignoring)\\s*\\([^)]*\\)", " ");
    Set<String> names = new TreeSet<>();
    Matcher m = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*").matcher(stripped);
    while (m.find()) {
      String word = m.group();
      int after = m.end();
      boolean call =
          after < stripped.length() && stripped.substring(after).stripLeading().startsWith("(");
      if (!PROMQL_WORDS.contains(word) && !call) {
        names.add(word);
      }
    }
    return names;
  }

  @Test
  void metricNamesAreReadFromPromql() {
    assertThat(
            metricNames(
                "sum by (job, topic) (rate(kafka_x_total{topic=~\"a.b\"}[5m])) / sum(up) > 0"))
        .containsExactlyInAnyOrder("kafka_x_total", "up");
  }

  private Set<String> union(Map<String, Set<String>> exported) {
    Set<String> all = new TreeSet<>();
    exported.values().forEach(all::addAll);
    return all;
  }

  private Set<String> scrape(String service) throws Exception {
    String text = get(service, "/q/metrics").body();
    Set<String> names = new TreeSet<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int end = line.indexOf('{');
      names.add(end > 0 ? line.substring(0, end) : line.substring(0, line.indexOf(' ')));
    }
    return names;
  }

  private void printFootprint() throws Exception {
    System.out.println("==== footprint after one assessment (-Xmx256m) ====");
    System.out.printf("%-20s %10s %12s%n", "service", "RSS MiB", "heap MiB");
    for (String service : RUN) {
      long rssKib = 0;
      for (String line :
          Files.readAllLines(
              Path.of("/proc", Long.toString(processes.get(service).pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          rssKib = Long.parseLong(line.replaceAll("\\D", ""));
        }
      }
      double heap = 0;
      for (String line : get(service, "/q/metrics").body().split("\n")) {
        if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
          heap += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
      System.out.printf("%-20s %10.1f %12.1f%n", service, rssKib / 1024.0, heap / 1024 / 1024);
    }
  }

  private HttpResponse<String> submit(String json) throws Exception {
    return http.send(
        HttpRequest.newBuilder(
                URI.create(
                    "http://localhost:" + ports.get("intake-service") + "/api/v1/assessments"))
            .header("Authorization", "Bearer " + TestTokens.token("submitter"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .timeout(Duration.ofSeconds(20))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String service, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + ports.get(service) + path))
            .timeout(Duration.ofSeconds(5))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private boolean ready(String service) throws IOException {
    Process p = processes.get(service);
    if (!p.isAlive()) {
      throw new IllegalStateException(
          service
              + " exited with "
              + p.exitValue()
              + ":\n"
              + Files.readString(work.resolve(service + ".log")));
    }
    try {
      HttpResponse<String> r = get(service, "/q/health/ready");
      return r.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (Exception e) {
      return false;
    }
  }

  private static Path jar(String service) {
    return Repo.path(service).resolve("target/quarkus-app/quarkus-run.jar");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
