package dev.dbarch.lint;

import java.util.Map;
import java.util.TreeMap;

/**
 * A rule's finding on one statement.
 *
 * @param statement the 1-based position of the statement in the script
 * @param line the 1-based line where the statement starts
 * @param facts what the rule and the severity model read, sorted by name
 * @param safeRewrite what to run instead, or null
 * @param suppressedBecause the reason of the {@code -- dbarch:ignore} comment that silenced it, or
 *     null when it stands
 */
public record Finding(
    String ruleId,
    String title,
    Severity severity,
    int statement,
    int line,
    String message,
    Map<String, String> facts,
    String safeRewrite,
    String suppressedBecause) {

  public Finding {
    facts = facts == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(facts));
  }

  public boolean suppressed() {
    return suppressedBecause != null;
  }

  Finding suppress(String reason) {
    return new Finding(
        ruleId, title, severity, statement, line, message, facts, safeRewrite, reason);
  }
}
