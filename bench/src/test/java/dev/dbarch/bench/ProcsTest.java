package dev.dbarch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcsTest {

  @Test
  void readsThisProcessAndSkipsDeadOnes(@TempDir Path pids) throws Exception {
    long self = ProcessHandle.current().pid();
    Files.writeString(pids.resolve("intake-service.pid"), self + "\n");
    Files.writeString(pids.resolve("report-service.pid"), "999999999\n");

    Map<String, Procs.Sample> sample = new Procs(pids).sample();

    assertThat(sample).containsKeys("intake-service", "bench client");
    assertThat(sample).doesNotContainKey("report-service");
    assertThat(sample.get("intake-service").rssKb()).isPositive();
    assertThat(sample.get("intake-service").cpuSeconds()).isPositive();
  }

  @Test
  void cpuDeltaOnlyForTheSameProcess() {
    Map<String, Procs.Sample> before =
        Map.of("a", new Procs.Sample(1, 2.0, 10), "b", new Procs.Sample(2, 1.0, 10));
    Map<String, Procs.Sample> after =
        Map.of("a", new Procs.Sample(1, 3.5, 10), "b", new Procs.Sample(3, 0.5, 10));

    Map<String, Double> delta = Procs.cpuDelta(before, after);

    assertThat(delta).containsEntry("a", 1.5).doesNotContainKey("b");
  }
}
