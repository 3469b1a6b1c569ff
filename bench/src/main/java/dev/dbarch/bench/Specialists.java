package dev.dbarch.bench;

import dev.dbarch.bench.jmh.SpecialistBenchmarks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * JMH on each specialist's rules for the brief's three situations: one table, a row per specialist
 * and a column per situation, microseconds per assessment with JMH's 99.9% error.
 */
final class Specialists {

  static final List<String> SITUATIONS =
      List.of("ecommerce", "peak-slowdown", "oracle-to-postgres");
  static final List<String> SECTIONS =
      List.of("selection", "performance", "resilience", "security", "migration");

  private Specialists() {}

  /**
   * Full: one fork per benchmark, 3 warm-up and 5 measured iterations of 1 s. Quick: in-process,
   * one short iteration each; it proves the benchmarks run, its figures are not comparable.
   */
  static void report(Report report, Path root, boolean quick) throws Exception {
    // The situations must read before JMH spends minutes: a broken example fails here, named.
    for (String situation : SITUATIONS) {
      SpecialistBenchmarks.situation(root, situation);
    }
    // Quick mode runs in this JVM, where the forks' -D does not reach.
    System.setProperty(SpecialistBenchmarks.ROOT_PROPERTY, root.toString());
    Options options =
        new OptionsBuilder()
            .include(SpecialistBenchmarks.class.getName())
            .forks(quick ? 0 : 1)
            .warmupIterations(quick ? 1 : 3)
            .warmupTime(TimeValue.milliseconds(quick ? 200 : 1000))
            .measurementIterations(quick ? 1 : 5)
            .measurementTime(TimeValue.milliseconds(quick ? 200 : 1000))
            .timeUnit(TimeUnit.MICROSECONDS)
            .jvmArgsAppend(
                "-D" + SpecialistBenchmarks.ROOT_PROPERTY + "=" + root,
                "-Xmx256m",
                "-XX:+UseSerialGC")
            .shouldFailOnError(true)
            .build();
    Collection<RunResult> results = new Runner(options).run();
    Map<String, Map<String, String>> scores = new TreeMap<>();
    for (RunResult result : results) {
      String method = result.getParams().getBenchmark();
      String section = method.substring(method.lastIndexOf('.') + 1);
      String situation = result.getParams().getParam("situation");
      double score = result.getPrimaryResult().getScore();
      double error = result.getPrimaryResult().getScoreError();
      scores
          .computeIfAbsent(section, s -> new TreeMap<>())
          .put(
              situation,
              Double.isNaN(error)
                  ? String.format("%.1f µs", score)
                  : String.format("%.1f ± %.1f µs", score, error));
    }
    List<String> columns = new ArrayList<>();
    columns.add("specialist");
    columns.addAll(SITUATIONS);
    Report.Table t =
        report.table(
            "Specialists: rules per assessment (JMH, average time)",
            columns.toArray(String[]::new));
    for (String section : SECTIONS) {
      Map<String, String> row = scores.getOrDefault(section, Map.of());
      List<Object> cells = new ArrayList<>();
      cells.add(section);
      SITUATIONS.forEach(s -> cells.add(row.getOrDefault(s, "not run")));
      t.row(cells.toArray());
    }
    t.note(
        "Each cell: one section's rules on examples/<situation>.yaml, read and validated as intake"
            + " reads it, no Kafka and no JSON (SpecialistBenchmarks). "
            + (quick
                ? "Quick mode: in-process, one 200 ms iteration; a check that it runs, not a"
                    + " measurement."
                : "One fork per cell, 3 warm-up and 5 measured iterations of 1 s; ± is JMH's"
                    + " 99.9% confidence interval."));
  }
}
