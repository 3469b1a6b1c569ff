package dev.dbarch.performance;

import dev.dbarch.contracts.events.AssessmentRequested;
import dev.dbarch.contracts.events.Section;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.performance.rules.PerformanceRules;
import dev.dbarch.specialist.rules.SectionAnalyst;
import dev.dbarch.workload.WorkloadThresholds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Plugs the performance rules into the shared specialist messaging adapter. */
@ApplicationScoped
public class PerformanceAnalyst implements SectionAnalyst {

  private final WorkloadThresholds thresholds;

  @Inject
  public PerformanceAnalyst(PerformanceConfig config) {
    // Read once: a threshold that is not a number stops the service at start-up, named.
    this.thresholds = config.workloadThresholds();
  }

  @Override
  public Section section() {
    return Section.PERFORMANCE;
  }

  @Override
  public SectionVerdict assess(AssessmentRequested request) {
    return PerformanceRules.assess(request, thresholds);
  }
}
