package dev.dbarch.contracts.events;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One decision and why: the rule that made it, the facts it read (sorted by name so output is
 * byte-stable), the rationale and the trade-off accepted.
 */
public record Decision(
    String ruleId,
    Heading heading,
    String topic,
    String choice,
    Map<String, String> facts,
    String rationale,
    String tradeOff) {

  public Decision {
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(heading, "heading");
    Objects.requireNonNull(choice, "choice");
    facts = facts == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(facts));
  }
}
