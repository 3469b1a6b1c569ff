package dev.dbarch.performance;

import dev.dbarch.workload.WorkloadThresholds;
import io.smallrye.config.ConfigMapping;
import java.util.Map;

/** Settings of the performance specialist. */
@ConfigMapping(prefix = "dbarch.workload")
public interface PerformanceConfig {

  /**
   * Overrides of the workload thresholds by kebab-case name, e.g. {@code
   * dbarch.workload.thresholds.cache-hit-target=0.95}; the defaults live in {@link
   * WorkloadThresholds}, in one place for every service.
   */
  Map<String, String> thresholds();

  default WorkloadThresholds workloadThresholds() {
    return WorkloadThresholds.DEFAULTS.with(thresholds());
  }
}
