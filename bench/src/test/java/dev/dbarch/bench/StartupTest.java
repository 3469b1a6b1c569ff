package dev.dbarch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupTest {

  @Test
  void theTargetOfOnePointFiveSecondsIsJudgedOnTheStartOnItsOwn(@TempDir Path state)
      throws Exception {
    Path bench = Files.createDirectories(state.resolve("bench"));
    Files.write(
        bench.resolve("startup.tsv"),
        List.of(
            "kafka startup_ms 3100",
            "intake-service launch 1000",
            "report-service launch 1100",
            "intake-service up 21000",
            "report-service up 22100",
            "intake-service solo_launch 30000",
            "intake-service solo_up 31200",
            "report-service solo_launch 32000",
            "report-service solo_up 36500"));
    Path logs = Files.createDirectories(state.resolve("logs"));
    Files.writeString(logs.resolve("intake-service.log.prev"), "dbarch 1.0 started in 19.500s.");
    Files.writeString(logs.resolve("intake-service.log"), "dbarch 1.0 started in 0.900s.");
    Report report = new Report();

    Startup.report(report, state, true, new Procs(state.resolve("pids")));

    Report.Table table = report.tables.get(0);
    assertThat(row(table, "intake-service"))
        .containsExactly(
            "intake-service",
            "20.0 s",
            "1200 ms",
            "19.500 s / 0.900 s",
            "not running",
            "< 1.5 s (on its own)",
            "MET");
    assertThat(row(table, "report-service"))
        .containsExactly(
            "report-service",
            "21.0 s",
            "4500 ms",
            "- / -",
            "not running",
            "< 1.5 s (on its own)",
            "GAP");
    // Not every service ran, so the suite's time together is not claimed.
    assertThat(row(table, "whole suite").get(1)).isEqualTo("-");
  }

  @Test
  void withoutStartsOnTheirOwnNoStartupVerdictIsGiven(@TempDir Path state) throws Exception {
    Path bench = Files.createDirectories(state.resolve("bench"));
    Files.write(
        bench.resolve("startup.tsv"),
        List.of("intake-service launch 1000", "intake-service up 5000"));
    Report report = new Report();

    Startup.report(report, state, true, new Procs(state.resolve("pids")));

    assertThat(row(report.tables.get(0), "intake-service"))
        .containsExactly("intake-service", "4000 ms", "-", "- / -", "not running", "", "");
  }

  private static List<String> row(Report.Table table, String process) {
    return table.rows.stream().filter(r -> r.get(0).equals(process)).findFirst().orElseThrow();
  }
}
