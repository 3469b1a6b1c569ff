package dev.dbarch.workload.statement;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statement rewrites the diagnoses propose, done on the statement's own text so the team
 * recognises it: a batched lookup for an N+1, keyset pagination for OFFSET, named columns for
 * {@code SELECT *}. Each returns empty when the text is not in a form it can rewrite safely.
 */
public final class Rewrites {

  private static final Pattern PARAMETER = Pattern.compile("\\$(\\d+)");
  private static final Pattern OFFSET =
      Pattern.compile("\\s+OFFSET\\s+(\\$\\d+|\\?|\\d+)(\\s+ROWS?)?", Pattern.CASE_INSENSITIVE);
  private static final Pattern ORDER_BY =
      Pattern.compile("\\bORDER\\s+BY\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern WHERE = Pattern.compile("\\bWHERE\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern STAR =
      Pattern.compile(
          "^(\\s*SELECT\\s+(?:DISTINCT\\s+)?)\\*(\\s+FROM\\b)", Pattern.CASE_INSENSITIVE);

  private Rewrites() {}

  /**
   * An equality lookup turned into one query for many keys: {@code col = $1} becomes {@code col =
   * ANY($1)} (PostgreSQL, an array parameter) or {@code col IN (?)} with the keys listed (MySQL).
   */
  public static Optional<String> batchedLookup(String sql, String column, boolean mysql) {
    Pattern equality =
        Pattern.compile(
            "((?:\\b\\w+\\.)?\"?"
                + Pattern.quote(column)
                + "\"?\\s*=\\s*)('(?:[^']|'')*'|\\$\\d+|\\?|-?\\d+)",
            Pattern.CASE_INSENSITIVE);
    Matcher m = equality.matcher(sql);
    if (!m.find()) {
      return Optional.empty();
    }
    String lhs = m.group(1).replaceAll("\\s*=\\s*$", "");
    String value = m.group(2);
    String replacement;
    if (mysql) {
      replacement = lhs + " IN (?, ?, ?)";
    } else {
      String parameter = value.startsWith("$") ? value : "$" + (maxParameter(sql) + 1);
      replacement = lhs + " = ANY(" + parameter + ")";
    }
    return Optional.of(sql.substring(0, m.start()) + replacement + sql.substring(m.end()));
  }

  /**
   * OFFSET pagination turned into keyset pagination: the OFFSET goes, and the rows after the last
   * one of the previous page are asked for by the sort columns ({@code (created_at, id) > ($2,
   * $3)}). Needs every sort key to be a plain column sorted the same way.
   */
  public static Optional<String> keyset(String sql, List<String> orderBy, boolean mysql) {
    if (orderBy.isEmpty() || !OFFSET.matcher(sql).find()) {
      return Optional.empty();
    }
    List<String> columns = new ArrayList<>();
    Boolean descending = null;
    for (String key : orderBy) {
      String[] words = key.strip().split("\\s+");
      if (!words[0].matches("[A-Za-z_][\\w.]*")) {
        return Optional.empty();
      }
      boolean desc = words.length > 1 && words[1].equalsIgnoreCase("DESC");
      if (descending != null && descending != desc) {
        return Optional.empty();
      }
      descending = desc;
      columns.add(words[0]);
    }
    String withoutOffset = renumber(OFFSET.matcher(sql).replaceFirst(""));
    Matcher order = ORDER_BY.matcher(withoutOffset);
    if (!order.find()) {
      return Optional.empty();
    }
    int next = maxParameter(withoutOffset) + 1;
    List<String> values = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      values.add(mysql ? "?" : "$" + (next + i));
    }
    String tuple =
        columns.size() == 1
            ? columns.get(0) + (descending ? " < " : " > ") + values.get(0)
            : "("
                + String.join(", ", columns)
                + ")"
                + (descending ? " < " : " > ")
                + "("
                + String.join(", ", values)
                + ")";
    String head = withoutOffset.substring(0, order.start()).stripTrailing();
    String tail = withoutOffset.substring(order.start());
    Matcher where = WHERE.matcher(head);
    String rewritten;
    if (where.find()) {
      String condition = head.substring(where.end()).strip();
      rewritten = head.substring(0, where.start()) + "WHERE (" + condition + ") AND " + tuple;
    } else {
      rewritten = head + " WHERE " + tuple;
    }
    return Optional.of(rewritten + " " + tail);
  }

  /** {@code SELECT *} with the table's columns named instead. */
  public static Optional<String> namedColumns(String sql, List<String> columns) {
    if (columns.isEmpty()) {
      return Optional.empty();
    }
    Matcher m = STAR.matcher(sql);
    if (!m.find()) {
      return Optional.empty();
    }
    return Optional.of(
        m.group(1) + String.join(", ", columns) + m.group(2) + sql.substring(m.end()));
  }

  /** Parameters numbered 1, 2, 3… again, in their order, after one was removed. */
  static String renumber(String sql) {
    java.util.TreeSet<Integer> used = new java.util.TreeSet<>();
    Matcher m = PARAMETER.matcher(sql);
    while (m.find()) {
      used.add(Integer.parseInt(m.group(1)));
    }
    java.util.Map<Integer, Integer> to = new java.util.HashMap<>();
    int next = 1;
    for (int n : used) {
      to.put(n, next++);
    }
    return PARAMETER.matcher(sql).replaceAll(r -> "\\$" + to.get(Integer.parseInt(r.group(1))));
  }

  static int maxParameter(String sql) {
    int max = 0;
    Matcher m = PARAMETER.matcher(sql);
    while (m.find()) {
      max = Math.max(max, Integer.parseInt(m.group(1)));
    }
    return max;
  }

  /** Whether the text uses positional parameters ({@code $1}), as PostgreSQL normalises. */
  public static boolean positional(String sql) {
    return PARAMETER.matcher(sql).find() || !sql.toLowerCase(Locale.ROOT).contains("?");
  }
}
