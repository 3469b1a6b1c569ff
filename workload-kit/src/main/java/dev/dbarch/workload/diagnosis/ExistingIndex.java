package dev.dbarch.workload.diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An index the database already has, reduced to what the diagnoses compare against: its key
 * expressions, normalised ({@code lower(email)}, {@code customer_id}).
 *
 * @param table the table, unqualified and lower-cased
 * @param scans times used since the statistics were reset, -1 when unknown
 */
public record ExistingIndex(
    String schema,
    String table,
    String name,
    List<String> keys,
    boolean unique,
    long scans,
    long sizeBytes,
    String definition) {

  private static final Pattern KEY_LIST =
      Pattern.compile(
          "\\bON\\s+(?:ONLY\\s+)?(\\S+)\\s+(?:USING\\s+\\w+\\s*)?\\(", Pattern.CASE_INSENSITIVE);

  /** Whether the index's leading keys are {@code keys}, in order (normalised). */
  public boolean leadsWith(List<String> keys) {
    if (keys.isEmpty() || keys.size() > this.keys.size()) {
      return false;
    }
    for (int i = 0; i < keys.size(); i++) {
      if (!this.keys.get(i).equals(normalise(keys.get(i)))) {
        return false;
      }
    }
    return true;
  }

  /** The key expressions of a {@code CREATE INDEX} text as {@code pg_get_indexdef} prints it. */
  public static List<String> keysOf(String definition) {
    if (definition == null) {
      return List.of();
    }
    Matcher m = KEY_LIST.matcher(definition);
    if (!m.find()) {
      return List.of();
    }
    int start = m.end();
    int depth = 1;
    int i = start;
    boolean quoted = false;
    for (; i < definition.length() && depth > 0; i++) {
      char c = definition.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      } else if (!quoted && c == '(') {
        depth++;
      } else if (!quoted && c == ')') {
        depth--;
      }
    }
    return splitKeys(definition.substring(start, Math.max(start, i - 1)));
  }

  /** Splits a key list at top-level commas and drops ordering and operator classes. */
  static List<String> splitKeys(String list) {
    List<String> keys = new ArrayList<>();
    int depth = 0;
    StringBuilder current = new StringBuilder();
    for (char c : list.toCharArray()) {
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      }
      if (c == ',' && depth == 0) {
        keys.add(normalise(current.toString()));
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    if (!current.toString().isBlank()) {
      keys.add(normalise(current.toString()));
    }
    return keys;
  }

  /**
   * One key as the diagnoses compare it: lower case, no quotes, casts or spaces, no {@code
   * ASC}/{@code DESC}/{@code NULLS …}/{@code COLLATE}/operator class after a plain column.
   */
  public static String normalise(String key) {
    String k = key.strip().toLowerCase(Locale.ROOT).replace("\"", "").replace("`", "");
    if (!k.contains("(")) {
      int space = k.indexOf(' ');
      if (space > 0) {
        k = k.substring(0, space);
      }
      return k;
    }
    int close = k.lastIndexOf(')');
    k = close >= 0 ? k.substring(0, close + 1) : k;
    k = k.replaceAll("::[a-z_ ]+?(?=[),]|$)", "");
    k = k.replaceAll("\\s+", "");
    // pg_get_indexdef wraps expressions in parentheses: ((lower(email))) reads as lower(email).
    while (k.startsWith("(") && k.endsWith(")") && balanced(k.substring(1, k.length() - 1))) {
      k = k.substring(1, k.length() - 1);
    }
    return k;
  }

  private static boolean balanced(String s) {
    int depth = 0;
    for (char c : s.toCharArray()) {
      if (c == '(') {
        depth++;
      } else if (c == ')' && --depth < 0) {
        return false;
      }
    }
    return depth == 0;
  }
}
