package dev.dbarch.specialist.rules;

import dev.dbarch.contracts.events.Risk;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns many findings of one rule into one row of Risks &amp; Mitigations. A 5,000-table schema
 * raises the same finding on thousands of tables or statements; one row each would make a document
 * nobody reads and a verdict of tens of megabytes (issue #12 measured 28,691 rows in one section,
 * which took the report service past its heap). A grouped row says how many, names the first few,
 * and lists every subject in {@link Risk#subjects()} so nothing is lost from the JSON.
 */
public final class RiskGroups {

  /**
   * Up to this many findings of one rule at one likelihood and impact stay separate rows; more
   * become one row. Ten keeps a hand-written migration's statements one per row.
   */
  public static final int MAX_SEPARATE_ROWS = 10;

  /** How many subjects the grouped row's text names; all of them are in its subjects. */
  static final int NAMED_IN_TEXT = 3;

  /** One finding: what it is about (a table, an object, a statement) and its row. */
  public record Occurrence(String subject, Risk risk) {}

  private RiskGroups() {}

  /** The rows for these findings, in the order their rules first appear. Deterministic. */
  public static List<Risk> rows(List<Occurrence> occurrences) {
    Map<String, List<Occurrence>> byRule = new LinkedHashMap<>();
    for (Occurrence occurrence : occurrences) {
      Risk risk = occurrence.risk();
      byRule
          .computeIfAbsent(
              risk.ruleId() + "|" + risk.likelihood() + "|" + risk.impact(),
              key -> new ArrayList<>())
          .add(occurrence);
    }
    List<Risk> rows = new ArrayList<>();
    for (List<Occurrence> group : byRule.values()) {
      if (group.size() <= MAX_SEPARATE_ROWS) {
        group.forEach(o -> rows.add(o.risk()));
      } else {
        rows.add(grouped(group));
      }
    }
    return rows;
  }

  private static Risk grouped(List<Occurrence> group) {
    Risk first = group.get(0).risk();
    List<String> subjects = group.stream().map(Occurrence::subject).toList();
    String named = String.join(", ", subjects.subList(0, NAMED_IN_TEXT));
    String text =
        String.format(
            Locale.ROOT,
            "Found %,d times (%s and %,d more; all of them under subjects). The first: %s",
            group.size(),
            named,
            group.size() - NAMED_IN_TEXT,
            first.risk());
    return new Risk(
        first.ruleId(),
        text,
        first.likelihood(),
        first.impact(),
        first.mitigation(),
        null,
        subjects);
  }
}
