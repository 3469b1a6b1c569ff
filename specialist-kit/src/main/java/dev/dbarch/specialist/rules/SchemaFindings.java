package dev.dbarch.specialist.rules;

import dev.dbarch.contracts.events.AssessmentRequested;
import dev.dbarch.contracts.events.Risk;
import dev.dbarch.contracts.schema.SchemaFinding;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Brings the shared schema findings of a request into a section as risks, so they appear in the
 * report with their rule ids and, revision to revision, as new or resolved findings. The risk text
 * starts with the finding's table (and object) so a reader, and the report's "What changed", can
 * tie it to the DDL that touched that table. Many findings of one rule become one row ({@link
 * RiskGroups}).
 */
public final class SchemaFindings {

  private SchemaFindings() {}

  /** Adds the findings whose rule id {@code owned} accepts; returns how many. */
  public static int report(
      AssessmentRequested request, VerdictBuilder verdict, Predicate<String> owned) {
    if (request.schema() == null) {
      return 0;
    }
    List<SchemaFinding> findings =
        request.schema().findings().stream().filter(f -> owned.test(f.ruleId())).toList();
    List<RiskGroups.Occurrence> occurrences = new ArrayList<>();
    for (SchemaFinding finding : findings) {
      Risk.Level level = Risk.Level.valueOf(finding.severity().name());
      String subject = subject(finding);
      occurrences.add(
          new RiskGroups.Occurrence(
              subject,
              new Risk(
                  finding.ruleId(),
                  subject + ": " + finding.message(),
                  level,
                  level,
                  finding.fix())));
    }
    RiskGroups.rows(occurrences).forEach(verdict::risk);
    return findings.size();
  }

  /** Rule ids starting with any of the prefixes, e.g. {@code "SCH-FK-"}. */
  public static Predicate<String> prefixed(String... prefixes) {
    return ruleId -> {
      for (String prefix : prefixes) {
        if (ruleId.startsWith(prefix)) {
          return true;
        }
      }
      return false;
    };
  }

  private static String subject(SchemaFinding finding) {
    if (finding.table() == null) {
      return finding.object() == null ? "schema" : finding.object();
    }
    return finding.object() == null ? finding.table() : finding.table() + "." + finding.object();
  }
}
