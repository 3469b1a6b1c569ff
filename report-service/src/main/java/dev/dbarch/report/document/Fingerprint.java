package dev.dbarch.report.document;

import dev.dbarch.contracts.events.Decision;
import dev.dbarch.contracts.events.Design;
import dev.dbarch.contracts.events.Recommendation;
import dev.dbarch.contracts.events.Risk;
import dev.dbarch.contracts.events.SectionVerdict;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a revision decided and found, reduced to what the next revision is compared against:
 * decisions keyed by {@code SECTION|ruleId|topic} with their choice, the typed values of those that
 * have some under the same key, findings keyed by {@code ruleId|text}.
 *
 * @param designs typed values by decision key; absent from state written before typed decisions
 *     existed, in which case the next revision compares those decisions by their choice
 */
public record Fingerprint(
    Map<String, String> decisions, Map<String, String> findings, Map<String, Design> designs) {

  public static final Fingerprint EMPTY = new Fingerprint(Map.of(), Map.of(), Map.of());

  /** A fingerprint without typed values. */
  public Fingerprint(Map<String, String> decisions, Map<String, String> findings) {
    this(decisions, findings, Map.of());
  }

  public Fingerprint {
    decisions = decisions == null ? Map.of() : new TreeMap<>(decisions);
    findings = findings == null ? Map.of() : new TreeMap<>(findings);
    designs = designs == null ? Map.of() : new TreeMap<>(designs);
  }

  public static Fingerprint of(Recommendation rec) {
    Map<String, String> decisions = new TreeMap<>();
    Map<String, Design> designs = new TreeMap<>();
    for (SectionVerdict section : rec.sections()) {
      for (Decision d : section.decisions()) {
        String key = section.section().name() + "|" + d.ruleId() + "|" + d.topic();
        decisions.put(key, d.choice());
        if (d.design() != null) {
          designs.put(key, d.design());
        }
      }
    }
    Map<String, String> findings = new TreeMap<>();
    for (Risk risk : rec.risks()) {
      findings.put(risk.ruleId() + "|" + risk.risk(), risk.risk());
    }
    return new Fingerprint(decisions, findings, designs);
  }
}
