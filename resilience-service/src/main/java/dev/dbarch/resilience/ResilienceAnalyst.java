package dev.dbarch.resilience;

import dev.dbarch.contracts.events.AssessmentRequested;
import dev.dbarch.contracts.events.Section;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.resilience.rules.ResilienceRules;
import dev.dbarch.specialist.rules.SectionAnalyst;
import jakarta.enterprise.context.ApplicationScoped;

/** Plugs the resilience rules into the shared specialist messaging adapter. */
@ApplicationScoped
public class ResilienceAnalyst implements SectionAnalyst {

  @Override
  public Section section() {
    return Section.RESILIENCE;
  }

  @Override
  public SectionVerdict assess(AssessmentRequested request) {
    return ResilienceRules.assess(request);
  }
}
