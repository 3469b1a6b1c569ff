package dev.dbarch.migration;

import dev.dbarch.contracts.events.AssessmentRequested;
import dev.dbarch.contracts.events.Section;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.migration.rules.MigrationRules;
import dev.dbarch.specialist.rules.SectionAnalyst;
import jakarta.enterprise.context.ApplicationScoped;

/** Plugs the migration rules into the shared specialist messaging adapter. */
@ApplicationScoped
public class MigrationAnalyst implements SectionAnalyst {

  @Override
  public Section section() {
    return Section.MIGRATION;
  }

  @Override
  public SectionVerdict assess(AssessmentRequested request) {
    return MigrationRules.assess(request);
  }
}
