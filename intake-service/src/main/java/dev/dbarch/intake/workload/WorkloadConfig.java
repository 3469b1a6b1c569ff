package dev.dbarch.intake.workload;

import dev.dbarch.workload.WorkloadThresholds;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/** Settings of workload statistics polling on monitored databases. */
@ConfigMapping(prefix = "dbarch.workload")
public interface WorkloadConfig {

  /** Whether intake reads the workload statistics of the monitors it captures. */
  @WithDefault("true")
  boolean enabled();

  /** How often each monitored database's statistics are read (the first read is at once). */
  @WithDefault("60s")
  Duration pollInterval();

  /** The heaviest statements a snapshot keeps. */
  @WithDefault("50")
  int maxStatements();

  /** How many index candidates are measured with HypoPG per read, the heaviest first. */
  @WithDefault("10")
  int maxIndexCandidates();

  /** Planning one statement with HypoPG may take at most this long. */
  @WithDefault("5s")
  Duration advisorStatementTimeout();

  /**
   * Overrides of the workload thresholds by kebab-case name ({@code
   * dbarch.workload.thresholds.cache-hit-target=0.95}); the defaults are in {@link
   * WorkloadThresholds}.
   */
  Map<String, String> thresholds();

  default WorkloadThresholds workloadThresholds() {
    return WorkloadThresholds.DEFAULTS.with(thresholds());
  }
}
