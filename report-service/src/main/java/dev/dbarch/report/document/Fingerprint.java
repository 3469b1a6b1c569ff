package dev.dbarch.report.document;

import dev.dbarch.contracts.events.Decision;
import dev.dbarch.contracts.events.Recommendation;
import dev.dbarch.contracts.events.Risk;
import dev.dbarch.contracts.events.SectionVerdict;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a revision decided and found, reduced to what the next revision is compared against:
 * decisions keyed by {@code SECTION|ruleId|topic} with their choice, findings keyed by {@code
 * ruleId|text}.
 */
public record Fingerprint(Map<String, String> decisions, Map<String, String> findings) {

  public static final Fingerprint EMPTY = new Fingerprint(Map.of(), Map.of());

  public Fingerprint {
    decisions = decisions == null ? Map.of() : new TreeMap<>(decisions);
    findings = findings == null ? Map.of() : new TreeMap<>(findings);
  }

  public static Fingerprint of(Recommendation rec) {
    Map<String, String> decisions = new TreeMap<>();
    for (SectionVerdict section : rec.sections()) {
      for (Decision d : section.decisions()) {
        decisions.put(section.section().name() + "|" + d.ruleId() + "|" + d.topic(), d.choice());
      }
    }
    Map<String, String> findings = new TreeMap<>();
    for (Risk risk : rec.risks()) {
      findings.put(risk.ruleId() + "|" + risk.risk(), risk.risk());
    }
    return new Fingerprint(decisions, findings);
  }
}
