package dev.dbarch.performance;

import dev.dbarch.contracts.events.AssessmentRequested;
import dev.dbarch.contracts.events.Section;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.performance.rules.PerformanceRules;
import dev.dbarch.specialist.rules.SectionAnalyst;
import jakarta.enterprise.context.ApplicationScoped;

/** Plugs the performance rules into the shared specialist messaging adapter. */
@ApplicationScoped
public class PerformanceAnalyst implements SectionAnalyst {

  @Override
  public Section section() {
    return Section.PERFORMANCE;
  }

  @Override
  public SectionVerdict assess(AssessmentRequested request) {
    return PerformanceRules.assess(request);
  }
}
