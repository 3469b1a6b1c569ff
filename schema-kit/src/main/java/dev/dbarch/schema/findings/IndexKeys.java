package dev.dbarch.schema.findings;

import dev.dbarch.contracts.schema.SchemaSnapshot.ForeignKey;
import dev.dbarch.contracts.schema.SchemaSnapshot.Index;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What an index's key serves: the comparisons the index rules share. */
final class IndexKeys {

  private static final Pattern USING_KEYS = Pattern.compile("\\bUSING\\s+\\w+\\s*\\(");

  /** One conjunct {@code col IS NOT NULL}, with or without parentheses and quotes. */
  private static final Pattern NOT_NULL_TEST =
      Pattern.compile("(?i)^\"?([^\"\\s()]+|[^\"]+)\"?\\s+IS\\s+NOT\\s+NULL$");

  private IndexKeys() {}

  /**
   * Whether the index serves the lookups a foreign key makes ({@code WHERE a = $1 [AND b = $2]}, on
   * every delete or key update of a referenced row). Its leading key columns are the key's columns
   * in any order, or (as pg-index-health defines it) its first key column is the key's first column
   * and all the key's columns are among its key or {@code INCLUDE} columns. An invalid index is
   * never used. A partial index serves the lookup only when the lookup implies its predicate:
   * PostgreSQL proves {@code col IS NOT NULL} from {@code col = $1} (the equality operator is
   * strict), so a predicate made only of {@code IS NOT NULL} tests on the key's columns counts, and
   * any other does not.
   */
  static boolean supports(Index index, ForeignKey fk) {
    if (!index.valid() || index.columns().isEmpty()) {
      return false;
    }
    if (index.predicate() != null && !impliedByLookup(index.predicate(), fk.columns())) {
      return false;
    }
    List<String> key = index.columns();
    int n = fk.columns().size();
    if (key.size() >= n && new HashSet<>(key.subList(0, n)).equals(new HashSet<>(fk.columns()))) {
      return true;
    }
    List<String> all = new ArrayList<>(key);
    all.addAll(index.include());
    return key.get(0).equals(fk.columns().get(0)) && all.containsAll(fk.columns());
  }

  /** Whether {@code a = $1 AND b = $2 …} implies the predicate (see {@link #supports}). */
  static boolean impliedByLookup(String predicate, List<String> lookupColumns) {
    for (String conjunct : conjuncts(predicate)) {
      Matcher m = NOT_NULL_TEST.matcher(conjunct);
      if (!m.matches() || !lookupColumns.contains(m.group(1))) {
        return false;
      }
    }
    return true;
  }

  /** {@code ((a IS NOT NULL) AND (b IS NOT NULL))} → [a IS NOT NULL, b IS NOT NULL]. */
  private static List<String> conjuncts(String predicate) {
    List<String> out = new ArrayList<>();
    String p = stripParens(predicate.strip());
    int depth = 0;
    int start = 0;
    boolean quoted = false;
    for (int k = 0; k < p.length(); k++) {
      char c = p.charAt(k);
      if (c == '"' || c == '\'') {
        quoted = !quoted;
      } else if (!quoted && c == '(') {
        depth++;
      } else if (!quoted && c == ')') {
        depth--;
      } else if (!quoted && depth == 0 && p.regionMatches(true, k, " AND ", 0, 5)) {
        out.add(stripParens(p.substring(start, k).strip()));
        start = k + 5;
      }
    }
    out.add(stripParens(p.substring(start).strip()));
    return out;
  }

  private static String stripParens(String s) {
    while (s.startsWith("(") && s.endsWith(")") && closesAtEnd(s)) {
      s = s.substring(1, s.length() - 1).strip();
    }
    return s;
  }

  private static boolean closesAtEnd(String s) {
    int depth = 0;
    for (int k = 0; k < s.length(); k++) {
      if (s.charAt(k) == '(') {
        depth++;
      } else if (s.charAt(k) == ')') {
        depth--;
        if (depth == 0 && k < s.length() - 1) {
          return false;
        }
      }
    }
    return true;
  }

  /** Index key signature for duplicates: method, key parts as defined, INCLUDE, predicate. */
  static String signature(Index i) {
    return i.method()
        + "|"
        + String.join(",", i.columns())
        + "|"
        + keyPartsOf(i).orElse("")
        + "|"
        + String.join(",", i.include())
        + "|"
        + Objects.requireNonNullElse(i.predicate(), "");
  }

  /** Whether a's key columns (and operator classes, when known) lead b's, and b is longer. */
  static boolean isStrictPrefix(Index a, Index b) {
    int n = a.columns().size();
    if (b.columns().size() <= n || !b.columns().subList(0, n).equals(a.columns())) {
      return false;
    }
    Optional<List<String>> pa = keyPartList(a);
    Optional<List<String>> pb = keyPartList(b);
    if (pa.isPresent() && pb.isPresent() && pa.get().size() == n && pb.get().size() > n) {
      return pb.get().subList(0, n).equals(pa.get());
    }
    return true;
  }

  /**
   * The key list of a PostgreSQL index definition ({@code (email text_pattern_ops, id)}) without
   * sort order, or empty when the definition is unknown.
   */
  static Optional<String> keyPartsOf(Index i) {
    return keyPartList(i).map(parts -> String.join(",", parts));
  }

  private static Optional<List<String>> keyPartList(Index i) {
    String def = i.definition();
    if (def == null) {
      return Optional.empty();
    }
    Matcher m = USING_KEYS.matcher(def);
    if (!m.find()) {
      return Optional.empty();
    }
    int start = m.end();
    int depth = 1;
    boolean quoted = false;
    List<String> parts = new ArrayList<>();
    int partStart = start;
    for (int k = start; k < def.length() && depth > 0; k++) {
      char ch = def.charAt(k);
      if (ch == '"' || ch == '\'') {
        quoted = !quoted;
      } else if (!quoted && ch == '(') {
        depth++;
      } else if (!quoted && ch == ')') {
        depth--;
        if (depth == 0) {
          parts.add(normalizePart(def.substring(partStart, k)));
        }
      } else if (!quoted && ch == ',' && depth == 1) {
        parts.add(normalizePart(def.substring(partStart, k)));
        partStart = k + 1;
      }
    }
    // INCLUDE columns are compared separately.
    return Optional.of(parts);
  }

  private static String normalizePart(String part) {
    return part.replaceAll("(?i)\\s+(ASC|DESC)\\b", "")
        .replaceAll("(?i)\\s+NULLS\\s+(FIRST|LAST)\\b", "")
        .replaceAll("\\s+", "")
        .toLowerCase(Locale.ROOT);
  }
}
