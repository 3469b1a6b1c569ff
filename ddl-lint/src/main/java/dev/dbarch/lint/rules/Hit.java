package dev.dbarch.lint.rules;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a rule found in one statement.
 *
 * @param message what is wrong, in one sentence, naming the table and lock
 * @param safeRewrite what to run instead (SQL; comments for steps that are not SQL), or null
 * @param facts extra facts the rule read (merged with the statement's own)
 */
public record Hit(Impact impact, String message, String safeRewrite, Map<String, String> facts) {

  public Hit {
    facts = facts == null ? Map.of() : new TreeMap<>(facts);
  }

  public static Hit of(Impact impact, String message, String safeRewrite) {
    return new Hit(impact, message, safeRewrite, Map.of());
  }
}
