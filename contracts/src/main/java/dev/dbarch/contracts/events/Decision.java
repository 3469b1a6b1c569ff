package dev.dbarch.contracts.events;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One decision and why: the rule that made it, the facts it read (sorted by name so output is
 * byte-stable), the rationale and the trade-off accepted.
 *
 * @param design what the decision fixes, as typed values other services read instead of the prose
 *     ({@code null} when the decision fixes nothing of the vocabulary, and on v2 records)
 */
public record Decision(
    String ruleId,
    Heading heading,
    String topic,
    String choice,
    Map<String, String> facts,
    String rationale,
    String tradeOff,
    Design design) {

  /** A decision that fixes nothing of the typed vocabulary. */
  public Decision(
      String ruleId,
      Heading heading,
      String topic,
      String choice,
      Map<String, String> facts,
      String rationale,
      String tradeOff) {
    this(ruleId, heading, topic, choice, facts, rationale, tradeOff, null);
  }

  public Decision {
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(heading, "heading");
    Objects.requireNonNull(choice, "choice");
    design = design == null || design.isEmpty() ? null : design;
    facts = facts == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(facts));
  }

  /** The same decision with {@code typed} values. */
  public Decision withDesign(Design typed) {
    return new Decision(ruleId, heading, topic, choice, facts, rationale, tradeOff, typed);
  }
}
