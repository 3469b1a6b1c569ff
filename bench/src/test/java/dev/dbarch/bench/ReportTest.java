package dev.dbarch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

  @Test
  void markdownAndJsonCarryTheSameTables(@TempDir Path dir) throws Exception {
    Report report = new Report();
    report.machine.put("cores", 2);
    report.settings.put("mode", "quick");
    report
        .table("Pipeline", "offered", "p99", "target", "result")
        .row("100/s", "80 ms", "p99 < 100 ms", Report.verdict(true))
        .note("open loop");
    report.table("Broken", "x").failure = "IllegalStateException: no stream";

    report.write(dir);

    String md = Files.readString(dir.resolve("report.md"));
    assertThat(md)
        .contains("| cores | 2 |")
        .contains("## Pipeline")
        .contains("| offered | p99 | target | result |")
        .contains("| 100/s | 80 ms | p99 < 100 ms | MET |")
        .contains("- open loop")
        .contains("**FAILED**: IllegalStateException: no stream");
    JsonNode json = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
    assertThat(json.at("/machine/cores").asInt()).isEqualTo(2);
    assertThat(json.at("/scenarios/0/rows/0/result").asText()).isEqualTo("MET");
    assertThat(json.at("/scenarios/0/rows/0/target").asText()).isEqualTo("p99 < 100 ms");
    assertThat(json.at("/scenarios/1/failure").asText()).contains("no stream");
    assertThat(report.anyFailure()).isTrue();
  }

  @Test
  void verdictAndDurations() {
    assertThat(Report.verdict(false)).isEqualTo("GAP");
    assertThat(Report.ms(12.34)).isEqualTo("12.3 ms");
    assertThat(Report.ms(638)).isEqualTo("638 ms");
    assertThat(Report.ms(12_500)).isEqualTo("12.5 s");
  }
}
