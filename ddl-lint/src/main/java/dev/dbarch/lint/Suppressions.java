package dev.dbarch.lint;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Inline suppressions: {@code -- dbarch:ignore RULE-ID[,RULE-ID…] reason} on the line before a
 * statement (or on one of its lines) silences those rules for that statement. The reason is
 * mandatory: a comment without one is reported as invalid and silences nothing.
 */
final class Suppressions {

  private static final Pattern COMMENT =
      Pattern.compile("(?:--|#)\\s*dbarch:ignore\\b(.*)$", Pattern.CASE_INSENSITIVE);
  private static final Pattern RULES_AND_REASON =
      Pattern.compile("\\s*([A-Za-z0-9-]+(?:\\s*,\\s*[A-Za-z0-9-]+)*)\\s*(.*)");

  /** One comment: the line it is on, the rules it names and why. */
  record Suppression(int line, Set<String> rules, String reason) {}

  final List<Suppression> valid = new ArrayList<>();
  final List<String> invalid = new ArrayList<>();

  static Suppressions read(String script, Set<String> knownRules) {
    Suppressions out = new Suppressions();
    String[] lines = script == null ? new String[0] : script.split("\\R", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher m = COMMENT.matcher(lines[i]);
      if (!m.find()) {
        continue;
      }
      int line = i + 1;
      Matcher parts = RULES_AND_REASON.matcher(m.group(1));
      if (!parts.matches() || parts.group(1).isBlank()) {
        out.invalid.add(line + ": names no rule (write -- dbarch:ignore RULE-ID reason)");
        continue;
      }
      Set<String> rules = new LinkedHashSet<>();
      for (String id : parts.group(1).split(",")) {
        rules.add(id.strip().toUpperCase(Locale.ROOT));
      }
      String reason = parts.group(2).strip();
      List<String> unknown = rules.stream().filter(r -> !knownRules.contains(r)).toList();
      if (!unknown.isEmpty()) {
        out.invalid.add(line + ": unknown rule " + String.join(", ", unknown));
        continue;
      }
      if (reason.isEmpty()) {
        out.invalid.add(
            line + ": " + String.join(",", rules) + " has no reason (a reason is mandatory)");
        continue;
      }
      out.valid.add(new Suppression(line, rules, reason));
    }
    return out;
  }
}
