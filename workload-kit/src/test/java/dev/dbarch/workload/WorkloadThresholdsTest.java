package dev.dbarch.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkloadThresholdsTest {

  @Test
  void overridesReplaceOnlyTheNamedThresholds() {
    WorkloadThresholds t =
        WorkloadThresholds.DEFAULTS.with(
            Map.of("cache-hit-target", "0.95", "large-table-rows", "5_000", "top-statements", "3"));
    assertThat(t.cacheHitTarget()).isEqualTo(0.95);
    assertThat(t.largeTableRows()).isEqualTo(5_000);
    assertThat(t.topStatements()).isEqualTo(3);
    assertThat(t.indexMinCostDrop()).isEqualTo(WorkloadThresholds.DEFAULTS.indexMinCostDrop());
  }

  @Test
  void anUnknownNameOrAWordIsRefusedNamingIt() {
    assertThatThrownBy(() -> WorkloadThresholds.DEFAULTS.with(Map.of("cache-hit", "0.9")))
        .hasMessageContaining("cache-hit")
        .hasMessageContaining("cache-hit-target");
    assertThatThrownBy(() -> WorkloadThresholds.DEFAULTS.with(Map.of("offset-min", "many")))
        .hasMessageContaining("offset-min")
        .hasMessageContaining("many");
  }

  @Test
  void everyThresholdHasAConfigurationName() {
    assertThat(WorkloadThresholds.DEFAULTS.asMap())
        .containsEntry("index-min-cost-drop", "0.5")
        .containsEntry("n-plus-one-min-calls", "500")
        .hasSize(WorkloadThresholds.class.getRecordComponents().length);
  }
}
