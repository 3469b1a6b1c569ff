package dev.dbarch.report.document;

import dev.dbarch.contracts.events.Recommendation;
import dev.dbarch.contracts.events.Risk;
import dev.dbarch.contracts.events.Section;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.contracts.events.Trigger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Builds the recommendation document from whatever section verdicts are present. */
public final class ReportAssembler {

  private ReportAssembler() {}

  public static Recommendation assemble(
      String systemId,
      String systemName,
      String assessmentId,
      long revision,
      Trigger trigger,
      Map<Section, SectionVerdict> verdicts) {
    List<SectionVerdict> sections =
        Arrays.stream(Section.values()).filter(verdicts::containsKey).map(verdicts::get).toList();
    List<Section> missing =
        Arrays.stream(Section.values()).filter(s -> !verdicts.containsKey(s)).toList();
    List<Risk> risks = new ArrayList<>();
    sections.forEach(s -> risks.addAll(s.risks()));
    // Highest impact and likelihood first; ties keep the sections' order, so output is stable.
    risks.sort(
        Comparator.comparing((Risk r) -> r.impact() == null ? 0 : -r.impact().ordinal())
            .thenComparing(r -> r.likelihood() == null ? 0 : -r.likelihood().ordinal()));
    String name = systemName == null || systemName.isBlank() ? systemId : systemName;
    Recommendation draft =
        new Recommendation(
            systemId,
            name,
            assessmentId,
            revision,
            trigger,
            missing.isEmpty(),
            missing,
            sections,
            risks,
            null);
    return new Recommendation(
        systemId,
        name,
        assessmentId,
        revision,
        trigger,
        draft.complete(),
        missing,
        sections,
        risks,
        MarkdownRenderer.render(draft));
  }
}
