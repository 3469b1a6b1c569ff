package dev.dbarch.report.document;

import dev.dbarch.contracts.SystemKey;
import dev.dbarch.contracts.events.Change;
import dev.dbarch.contracts.events.Recommendation;
import dev.dbarch.contracts.events.Risk;
import dev.dbarch.contracts.events.Section;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.contracts.events.Trigger;
import dev.dbarch.contracts.requirements.Requirements;
import dev.dbarch.contracts.schema.SchemaChange;
import dev.dbarch.contracts.workload.WorkloadChange;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Builds the recommendation document from whatever section verdicts are present: checks them
 * against each other, orders the risks, computes what changed since the previous revision and
 * renders the Markdown.
 */
public final class ReportAssembler {

  private ReportAssembler() {}

  /** What the new revision is compared against; {@code revision} 0 means there is none. */
  public record Previous(long revision, Fingerprint fingerprint) {
    public static final Previous NONE = new Previous(0, Fingerprint.EMPTY);
  }

  /** A revision no workload change triggered. */
  public static Recommendation assemble(
      SystemKey system,
      String systemName,
      String assessmentId,
      long revision,
      Trigger trigger,
      Map<Section, SectionVerdict> verdicts,
      Requirements requirements,
      SchemaChange schemaChange,
      Previous previous) {
    return assemble(
        system,
        systemName,
        assessmentId,
        revision,
        trigger,
        verdicts,
        requirements,
        schemaChange,
        List.of(),
        previous);
  }

  public static Recommendation assemble(
      SystemKey system,
      String systemName,
      String assessmentId,
      long revision,
      Trigger trigger,
      Map<Section, SectionVerdict> verdicts,
      Requirements requirements,
      SchemaChange schemaChange,
      List<WorkloadChange> workloadChanges,
      Previous previous) {
    List<SectionVerdict> sections =
        Arrays.stream(Section.values()).filter(verdicts::containsKey).map(verdicts::get).toList();
    List<Section> missing =
        Arrays.stream(Section.values()).filter(s -> !verdicts.containsKey(s)).toList();
    List<Risk> risks = new ArrayList<>();
    sections.forEach(s -> risks.addAll(s.risks()));
    risks.addAll(ConflictRules.check(requirements, verdicts));
    // Highest impact and likelihood first; ties keep the sections' order, so output is stable.
    risks.sort(
        Comparator.comparing((Risk r) -> r.impact() == null ? 0 : -r.impact().ordinal())
            .thenComparing(r -> r.likelihood() == null ? 0 : -r.likelihood().ordinal()));
    String systemId = system.systemId();
    String name = systemName == null || systemName.isBlank() ? systemId : systemName;
    Recommendation draft =
        new Recommendation(
            system.tenant(),
            systemId,
            name,
            assessmentId,
            revision,
            trigger,
            missing.isEmpty(),
            missing,
            sections,
            risks,
            previous.revision() == 0 ? null : previous.revision(),
            List.of(),
            schemaChange,
            workloadChanges,
            null);
    List<Change> changes =
        previous.revision() == 0
            ? List.of()
            : RevisionDiff.withCauses(
                RevisionDiff.between(previous.fingerprint(), Fingerprint.of(draft)),
                schemaChange == null ? List.of() : schemaChange.ddl(),
                risks);
    Recommendation withChanges =
        new Recommendation(
            system.tenant(),
            systemId,
            name,
            assessmentId,
            revision,
            trigger,
            draft.complete(),
            missing,
            sections,
            risks,
            draft.previousRevision(),
            changes,
            schemaChange,
            workloadChanges,
            null);
    return withChanges.withMarkdown(MarkdownRenderer.render(withChanges));
  }
}
