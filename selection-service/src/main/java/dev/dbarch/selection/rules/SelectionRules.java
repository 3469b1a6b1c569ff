package dev.dbarch.selection.rules;

import dev.dbarch.contracts.events.AssessmentRequested;
import dev.dbarch.contracts.events.Section;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.contracts.profile.SystemProfile;
import dev.dbarch.specialist.rules.SchemaFindings;
import dev.dbarch.specialist.rules.VerdictBuilder;

/**
 * The selection section: the requirements restated, the primary database and its companions, the
 * schema, the indexes and the runners-up, following the seed's selection and modelling frameworks;
 * contradictions in the input are reported first. Each step is a small class of its own; this one
 * only runs them in document order.
 */
public final class SelectionRules {

  private SelectionRules() {}

  public static SectionVerdict assess(AssessmentRequested request) {
    VerdictBuilder verdict = new VerdictBuilder(request, Section.SELECTION, SelectionRuleBook.BOOK);
    Profile profile = Profile.of(request.requirements(), SystemProfile.of(request));
    RequirementsSummary.summarise(verdict, request.requirements(), profile);
    Conflicts.report(verdict, profile);
    Technology primary = TechnologyChoice.choose(verdict, profile);
    UpgradePath.advise(verdict, profile, primary);
    SchemaDesign.design(verdict, profile, primary);
    IndexingStrategy.suggest(verdict, profile, primary);
    Alternatives.compare(verdict, profile, primary);
    SituationRisks.assess(verdict, profile);
    // The live schema's structural findings (indexes, keys, table shape) belong to this section.
    SchemaFindings.report(request, verdict, SelectionRuleBook.SCHEMA_FINDINGS);
    return verdict.build();
  }
}
