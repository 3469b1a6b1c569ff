package dev.dbarch.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ./dbarch bench's driver: runs the scenarios against the suite ./dbarch started (or found
 * running), prints the Markdown report and writes it with its JSON twin to target/bench. Targets
 * are reported beside the results (MET/GAP), never asserted: the exit status is 1 only when a
 * scenario could not run (the bench itself is broken), so CI catches a rotting bench and not a slow
 * machine.
 *
 * <p>Usage: java -jar bench.jar --root DIR [--quick] [--started] (the token in BENCH_TOKEN: tenant
 * bench, roles submitter, viewer and admin).
 */
public final class Bench {

  private Bench() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(".");
    boolean quick = false;
    boolean started = false;
    boolean catalogOnly = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--root" -> root = Path.of(args[++i]);
        case "--quick" -> quick = true;
        case "--started" -> started = true;
        case "--catalog" -> catalogOnly = true;
        default -> {
          System.err.println("unknown argument " + args[i]);
          System.exit(2);
        }
      }
    }
    String token = System.getenv("BENCH_TOKEN");
    if (!catalogOnly && (token == null || token.isBlank())) {
      System.err.println("BENCH_TOKEN is not set (./dbarch bench mints it)");
      System.exit(2);
    }
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    root = root.toAbsolutePath().normalize();
    Path state = root.resolve(".dbarch");
    long began = System.nanoTime();
    String runId = Long.toString(Instant.now().getEpochSecond(), 36);

    List<Integer> rates = quick ? List.of(20) : List.of(10, 50, 100, 200, 500);
    double seconds = quick ? 5 : 20;
    long drain = quick ? 20 : 30;
    int ddlStatements = quick ? 5 : 50;
    List<Integer> catalogSizes = quick ? List.of(100) : List.of(100, 1_000, 10_000);

    Report report = new Report();
    Machine.describe(report);
    report.settings.put("mode", (quick ? "quick" : "full") + (catalogOnly ? ", catalog only" : ""));
    report.settings.put(
        "suite",
        catalogOnly
            ? "not used (catalog only)"
            : started ? "started by the bench (./dbarch up)" : "found running");
    if (!catalogOnly) {
      report.settings.put(
          "service heap",
          "-Xmx"
              + env("DBARCH_SERVICE_HEAP", "256m")
              + " -Xms"
              + env("DBARCH_SERVICE_INITIAL_HEAP", "32m")
              + " (-XX:+UseSerialGC)");
      report.settings.put(
          "class data at startup", env("BENCH_CLASS_DATA", "not started by the bench"));
      report.settings.put("extra service JVM options", env("DBARCH_JAVA_OPTS", "none"));
      report.settings.put(
          "pipeline rates", rates + "/s, " + (int) seconds + " s each, drain ≤ " + drain + " s");
      report.settings.put("ddl statements", ddlStatements);
    }
    report.settings.put("catalog sizes", catalogSizes + " tables");
    report.settings.put("run id", runId);

    if (catalogOnly) {
      // The catalog scenario needs no suite: schema-kit, pg-index-health and SchemaCrawler run in
      // this JVM against an embedded PostgreSQL.
      try (EmbeddedPostgres pg = startPostgres()) {
        timedCatalog(report, pg, catalogSizes, quick);
      } catch (Exception e) {
        failed(report, "Monitored PostgreSQL", e);
      }
      finish(report, root, began);
      return;
    }
    Procs procs = new Procs(state.resolve("pids"));
    try {
      Startup.report(report, state, started, procs);
    } catch (Exception e) {
      failed(report, "Startup and idle footprint", e);
    }

    // Before the load: JMH wants the cores to itself, and the suite is idle now.
    long jmh = System.nanoTime();
    progress("specialists: JMH on the three situations");
    try {
      Specialists.report(report, root, quick);
    } catch (Exception e) {
      failed(report, "Specialists: rules per assessment (JMH, average time)", e);
    }
    report.settings.put("time: specialists (JMH)", secondsSince(jmh));

    try (Api api = new Api("http://localhost:8080", "http://localhost:8086", token);
        Sse sse = new Sse(api, "")) {
      try {
        sse.awaitConnected(10);
      } catch (Exception e) {
        // Some servers send the headers with the first event only; the first assessment tells.
        System.err.println("bench: stream headers not seen yet (" + e + "); going on");
      }
      Pipeline pipeline =
          new Pipeline(api, sse, runId, Pipeline.template(root.resolve("examples/ecommerce.yaml")));
      long t0 = System.nanoTime();
      progress("pipeline: the first assessment, then " + rates + "/s");
      runPipeline(report, pipeline, procs, rates, seconds, drain, quick);
      report.settings.put("time: pipeline", secondsSince(t0));
      try (EmbeddedPostgres pg = startPostgres()) {
        t0 = System.nanoTime();
        progress("ddl reaction: " + ddlStatements + " statements");
        runDdl(report, api, sse, pg, state.resolve("secrets"), runId, ddlStatements);
        report.settings.put("time: ddl reaction", secondsSince(t0));
        timedCatalog(report, pg, catalogSizes, quick);
      } catch (Exception e) {
        failed(report, "Monitored PostgreSQL", e);
      }
    }
    finish(report, root, began);
  }

  private static void timedCatalog(
      Report report, EmbeddedPostgres pg, List<Integer> sizes, boolean quick) {
    long t0 = System.nanoTime();
    progress("catalog analysis: " + sizes + " tables");
    runCatalog(report, pg, sizes, quick);
    report.settings.put("time: catalog analysis (schema loading included)", secondsSince(t0));
  }

  private static void finish(Report report, Path root, long began) throws java.io.IOException {
    report.machine.put("load average at end", Machine.loadAverage());
    report.settings.put(
        "bench duration", String.format("%.0f s", (System.nanoTime() - began) / 1e9));
    report.write(root.resolve("target").resolve("bench"));
    System.out.println(report.markdown());
    System.out.println("Written: target/bench/report.md and target/bench/report.json");
    System.exit(report.anyFailure() ? 1 : 0);
  }

  /** A line on stderr while the bench runs, so a long run shows where it is. */
  static void progress(String what) {
    System.err.printf("bench %s  %s%n", java.time.LocalTime.now().withNano(0), what);
  }

  private static String secondsSince(long t0) {
    return String.format("%.0f s", (System.nanoTime() - t0) / 1e9);
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }

  private static void failed(Report report, String title, Exception e) {
    Report.Table t =
        report.tables.stream()
            .filter(x -> x.title.equals(title))
            .findFirst()
            .orElseGet(() -> report.table(title));
    t.failure = e.getClass().getSimpleName() + ": " + e.getMessage();
    e.printStackTrace();
  }

  static EmbeddedPostgres startPostgres() throws Exception {
    // As tools/demo-postgres: logical decoding for full capture, synchronous_commit on (zonky
    // turns it off, which delays what logical decoding sees).
    return EmbeddedPostgres.builder()
        .setServerConfig("wal_level", "logical")
        .setServerConfig("synchronous_commit", "on")
        .setServerConfig("max_replication_slots", "10")
        .setServerConfig("max_wal_senders", "10")
        .setServerConfig("max_locks_per_transaction", "256")
        .setPGStartupWait(Duration.ofSeconds(60))
        .start();
  }

  private static void runPipeline(
      Report report,
      Pipeline pipeline,
      Procs procs,
      List<Integer> rates,
      double seconds,
      long drain,
      boolean quick) {
    String title =
        "Pipeline: POST /api/v1/assessments → complete revision on the stream (open loop)";
    Report.Table t =
        report.table(
            title,
            "offered",
            "sent",
            "202",
            "429",
            "503",
            "errors",
            "completed",
            "incomplete",
            "throughput",
            "p50",
            "p99",
            "max",
            "suite CPU",
            "intake CPU/POST",
            "target",
            "result");
    Report.Table cpu = report.table("Pipeline: CPU seconds and RSS per process", "process");
    List<String> cpuColumns = new ArrayList<>(List.of("process"));
    Map<String, List<String>> cpuRows = new java.util.LinkedHashMap<>();
    try {
      double cold = pipeline.single("cold", 60);
      t.note("First assessment (cold path, sent alone): " + Report.ms(cold) + ".");
      if (!quick) {
        pipeline.run("warmup", 10, 5, drain);
        t.note("Warm-up: 50 assessments at 10/s before the measured rates.");
      }
      boolean saturated = false;
      for (int rate : rates) {
        if (saturated) {
          t.row(
              rate + "/s",
              "-",
              "-",
              "-",
              "-",
              "-",
              "-",
              "-",
              "-",
              "-",
              "-",
              "-",
              "-",
              "-",
              target(rate),
              "GAP (not run: saturated at a lower rate)");
          continue;
        }
        Map<String, Procs.Sample> before = procs.sample();
        long t0 = System.nanoTime();
        Pipeline.Result r = pipeline.run("r" + rate, rate, seconds, drain);
        double wall = (System.nanoTime() - t0) / 1e9;
        Map<String, Procs.Sample> after = procs.sample();
        Map<String, Double> delta = Procs.cpuDelta(before, after);
        double suiteCpu =
            delta.entrySet().stream()
                .filter(e -> !e.getKey().equals("bench client"))
                .mapToDouble(Map.Entry::getValue)
                .sum();
        Double intakeCpu = delta.get("intake-service");
        String perPost =
            intakeCpu == null || r.accepted() == 0
                ? "-"
                : String.format("%.1f ms", intakeCpu * 1000 / r.accepted());
        int cores = Runtime.getRuntime().availableProcessors();
        double p50 = r.latencyMicros().getValueAtPercentile(50) / 1000.0;
        double p99 = r.latencyMicros().getValueAtPercentile(99) / 1000.0;
        double max = r.latencyMicros().getMaxValue() / 1000.0;
        String bound = r.incomplete() > 0 ? "≥ " : "";
        boolean met = met(rate, r, p99);
        t.row(
            rate + "/s",
            r.sent(),
            r.accepted(),
            r.tooMany(),
            r.unavailable(),
            r.errors(),
            r.completed(),
            r.incomplete(),
            String.format("%.1f/s", r.throughput()),
            bound + Report.ms(p50),
            bound + Report.ms(p99),
            bound + Report.ms(max),
            String.format(
                "%.1f s (%.0f%% of %d cores)", suiteCpu, 100 * suiteCpu / wall / cores, cores),
            perPost,
            target(rate),
            Report.verdict(met));
        cpuColumns.add(rate + "/s CPU");
        for (Map.Entry<String, Procs.Sample> e : after.entrySet()) {
          List<String> row = cpuRows.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
          Double d = delta.get(e.getKey());
          row.add(d == null ? "-" : String.format("%.1f s", d));
        }
        if (!r.errorKinds().isEmpty()) {
          t.note("Errors at " + rate + "/s: " + r.errorKinds() + ".");
        }
        progress(
            String.format(
                "  %d/s: %d sent, %d completed, p99 %s",
                rate, r.sent(), r.completed(), Report.ms(p99)));
        if (r.completed() < 0.5 * r.sent()) {
          saturated = true;
        }
      }
      // The RSS after the last rate, beside the CPU per rate.
      cpuColumns.add("RSS after");
      Map<String, Procs.Sample> end = procs.sample();
      Report.Table filled = new Report.Table(cpu.title, cpuColumns);
      cpuRows.forEach(
          (name, cells) -> {
            List<Object> row = new ArrayList<>();
            row.add(name);
            row.addAll(cells);
            Procs.Sample s = end.get(name);
            row.add(s == null ? "-" : Procs.mb(s.rssKb()));
            filled.row(row.toArray());
          });
      report.tables.set(report.tables.indexOf(cpu), filled);
      t.note(
          "Latency runs from each assessment's INTENDED send time (open loop, HdrHistogram 2.2.2),"
              + " so a stalled client or server is charged, not hidden. \"≥\": some assessments had no"
              + " complete revision by the end of the drain; they are counted with the time they had"
              + " waited. Throughput: completed / time of the last completion.");
      t.note("Each assessment is examples/ecommerce.yaml under its own system id (tenant bench).");
      t.note(
          "No loss means every 202 got its complete revision; 429/503 are refusals with"
              + " Retry-After, counted apart.");
    } catch (Exception e) {
      failed(report, title, e);
    }
  }

  static String target(int rate) {
    if (rate >= 500) {
      return "≥ 500/s, p99 < 250 ms, no loss";
    }
    if (rate == 100) {
      return "p99 < 100 ms, no loss";
    }
    return "no loss";
  }

  static boolean met(int rate, Pipeline.Result r, double p99) {
    boolean noLoss = r.incomplete() == 0 && r.errors() == 0;
    if (rate >= 500) {
      return noLoss && r.throughput() >= 500 && p99 < 250;
    }
    if (rate == 100) {
      return noLoss && p99 < 100;
    }
    return noLoss;
  }

  private static void runDdl(
      Report report,
      Api api,
      Sse sse,
      EmbeddedPostgres pg,
      Path secrets,
      String runId,
      int statements) {
    String title = "DDL reaction: commit → new revision on the stream";
    Report.Table t =
        report.table(
            title, "statements", "missed", "revision", "p50", "p95", "max", "target", "result");
    try {
      DdlReaction.Result r = new DdlReaction(api, sse, pg, secrets, runId).run(statements, 15);
      double p95first = r.firstMicros().getValueAtPercentile(95) / 1000.0;
      t.row(
          r.statements(),
          r.missed(),
          "first",
          Report.ms(r.firstMicros().getValueAtPercentile(50) / 1000.0),
          Report.ms(p95first),
          Report.ms(r.firstMicros().getMaxValue() / 1000.0),
          "p95 < 250 ms",
          Report.verdict(r.missed() == 0 && p95first < 250));
      t.row(
          r.statements(),
          r.missed(),
          "complete",
          Report.ms(r.completeMicros().getValueAtPercentile(50) / 1000.0),
          Report.ms(r.completeMicros().getValueAtPercentile(95) / 1000.0),
          Report.ms(r.completeMicros().getMaxValue() / 1000.0),
          "",
          "");
      t.note(
          "Monitored database: embedded PostgreSQL 17 (zonky), wal_level=logical, capture mode "
              + r.mode()
              + ". One statement at a time, each awaited before the next (intake debounces"
              + " DDL by dbarch.monitor.debounce, 300 ms by default, which is inside these figures).");
    } catch (Exception e) {
      failed(report, title, e);
    }
  }

  private static void runCatalog(
      Report report, EmbeddedPostgres pg, List<Integer> sizes, boolean quick) {
    String title = "Catalog analysis: live snapshot + all schema findings";
    Report.Table t =
        report.table(
            title,
            "tables",
            "dbarch (snapshot + findings)",
            "of which snapshot",
            "findings",
            "pg-index-health (all checks)",
            "its findings",
            "ratio",
            "SchemaCrawler lint",
            "its lints",
            "ratio",
            "counts (snapshot/catalog)",
            "target",
            "result");
    try {
      CatalogAnalysis analysis = new CatalogAnalysis(pg, quick);
      for (int size : sizes) {
        CatalogAnalysis.Result r = analysis.measure(size);
        double ratio = r.theirsMillis() / r.oursMillis();
        boolean linted = r.lintFailure() == null;
        double lintRatio = r.lintMillis() / r.oursMillis();
        boolean met =
            r.countsEqual()
                && ratio >= 3
                && linted
                && lintRatio >= 100
                && (size < 10_000 || r.oursMillis() < 3000);
        t.row(
            String.format("%,d", size),
            Report.ms(r.oursMillis()),
            Report.ms(r.snapshotMillis()),
            r.findings(),
            Report.ms(r.theirsMillis()),
            r.theirFindings()
                + (r.theirFailedChecks() > 0
                    ? " (" + r.theirFailedChecks() + " checks failed)"
                    : ""),
            String.format("%.1fx", ratio),
            r.lintUnfinished()
                ? "unfinished after " + Report.ms(r.lintMillis())
                : linted ? Report.ms(r.lintMillis()) : "failed: " + r.lintFailure(),
            linted && !r.lintUnfinished() ? String.valueOf(r.lints()) : "-",
            linted
                ? (r.lintUnfinished() ? "≥ " : "") + String.format("%.0fx", lintRatio)
                : "not measured",
            r.countsCheck(),
            size >= 10_000 ? "< 3 s, ≥ 3x / ≥ 100x, counts equal" : "≥ 3x / ≥ 100x, counts equal",
            Report.verdict(met));
      }
      t.note(
          "Median of 3 runs (1 at 10,000 tables) after one warm-up of both. Generated schema: "
              + CatalogAnalysis.COLUMNS
              + " columns per table over "
              + CatalogAnalysis.SCHEMAS
              + " schemas, a foreign key to the previous table (every third indexed), a unique code,"
              + " json and timestamp columns. pg-index-health-core 0.31.0 runs its standard checks on"
              + " each schema.");
      t.note(
          "SchemaCrawler 16.26.3 with its PostgreSQL plugin (the newest version whose plugin is on"
              + " Maven Central): one crawl at the standard info level and all registered linters,"
              + " one run per size after the others, for at most "
              + CatalogAnalysis.LINT_LIMIT.toMinutes()
              + " minutes; an unfinished run gives a lower bound of the ratio (\"≥\"), which"
              + " counts against the target as it stands.");
    } catch (Exception e) {
      failed(report, title, e);
    }
  }
}
