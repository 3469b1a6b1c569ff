package dev.dbarch.selection.rules;

import dev.dbarch.contracts.events.Alternative;
import dev.dbarch.contracts.events.Assumption;
import dev.dbarch.contracts.events.Decision;
import dev.dbarch.contracts.events.Heading;
import dev.dbarch.contracts.events.IndexSuggestion;
import dev.dbarch.contracts.events.Risk;
import dev.dbarch.contracts.events.Section;
import dev.dbarch.contracts.events.SectionVerdict;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders the selection verdict as Markdown a reviewer can read: one heading per owned section,
 * then the risks, assumptions and questions. Only for golden files; the report service renders the
 * real document.
 */
final class VerdictMarkdown {

  private VerdictMarkdown() {}

  static String render(SectionVerdict verdict) {
    StringBuilder md = new StringBuilder();
    md.append("# Selection section: ")
        .append(verdict.systemName())
        .append(" (`")
        .append(verdict.systemId())
        .append("`)\n");
    for (Heading heading : Heading.values()) {
      if (Section.owning(heading) != Section.SELECTION) {
        continue;
      }
      md.append("\n## ").append(heading.title()).append("\n");
      if (heading == Heading.INDEXING_STRATEGY && !verdict.indexes().isEmpty()) {
        md.append("\n| Table | Index | Type | Purpose | Selectivity | Rule |\n");
        md.append("|---|---|---|---|---|---|\n");
        for (IndexSuggestion i : verdict.indexes()) {
          md.append(
              row(i.table(), i.index(), i.type(), i.purpose(), i.selectivity(), code(i.ruleId())));
        }
      }
      if (heading == Heading.ALTERNATIVES_CONSIDERED && !verdict.alternatives().isEmpty()) {
        md.append("\n| Approach | Pros | Cons | Why Not Chosen |\n");
        md.append("|---|---|---|---|\n");
        for (Alternative a : verdict.alternatives()) {
          md.append(row(a.approach(), a.pros(), a.cons(), a.whyNotChosen()));
        }
      }
      List<Decision> decisions =
          verdict.decisions().stream().filter(d -> d.heading() == heading).toList();
      if (!decisions.isEmpty()) {
        md.append("\n");
      }
      for (Decision d : decisions) {
        md.append("- **")
            .append(d.topic())
            .append(":** ")
            .append(d.choice())
            .append(" ")
            .append(code(d.ruleId()))
            .append("\n");
        md.append("  - Why: ").append(d.rationale()).append("\n");
        md.append("  - Trade-off accepted: ").append(d.tradeOff()).append("\n");
        if (!d.facts().isEmpty()) {
          md.append("  - Facts used: ").append(facts(d.facts())).append("\n");
        }
      }
    }
    if (!verdict.risks().isEmpty()) {
      md.append("\n## Risks\n\n| Risk | Likelihood | Impact | Mitigation | Rule |\n");
      md.append("|---|---|---|---|---|\n");
      for (Risk r : verdict.risks()) {
        md.append(
            row(
                r.risk(),
                level(r.likelihood()),
                level(r.impact()),
                r.mitigation(),
                code(r.ruleId())));
      }
    }
    if (!verdict.assumptions().isEmpty()) {
      md.append("\n## Assumptions\n\n| Missing fact | Assumed | Rule |\n|---|---|---|\n");
      for (Assumption a : verdict.assumptions()) {
        md.append(row(a.fact(), a.assumed(), code(a.ruleId())));
      }
    }
    if (!verdict.questions().isEmpty()) {
      md.append("\n## Questions for the team\n\n");
      int n = 1;
      for (String q : verdict.questions()) {
        md.append(n++).append(". ").append(q).append("\n");
      }
    }
    return md.toString();
  }

  private static String row(String... cells) {
    return "| "
        + java.util.Arrays.stream(cells)
            .map(VerdictMarkdown::cell)
            .collect(Collectors.joining(" | "))
        + " |\n";
  }

  private static String cell(String text) {
    return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
  }

  private static String code(String id) {
    return "`" + id + "`";
  }

  private static String level(Risk.Level level) {
    String name = level.name().toLowerCase(Locale.ROOT);
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  private static String facts(Map<String, String> facts) {
    return facts.entrySet().stream()
        .map(e -> e.getKey() + " = " + e.getValue())
        .collect(Collectors.joining(", "));
  }
}
