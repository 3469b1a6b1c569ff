package dev.dbarch.selection;

import dev.dbarch.contracts.events.AssessmentRequested;
import dev.dbarch.contracts.events.Section;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.selection.rules.SelectionRules;
import dev.dbarch.specialist.rules.SectionAnalyst;
import jakarta.enterprise.context.ApplicationScoped;

/** Plugs the selection rules into the shared specialist messaging adapter. */
@ApplicationScoped
public class SelectionAnalyst implements SectionAnalyst {

  @Override
  public Section section() {
    return Section.SELECTION;
  }

  @Override
  public SectionVerdict assess(AssessmentRequested request) {
    return SelectionRules.assess(request);
  }
}
