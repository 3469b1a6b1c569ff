package dev.dbarch.lint.classify;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads default expressions: whether evaluating them once for every existing row would give
 * different values (volatile: the table must be rewritten to store them) or one value for all
 * (PostgreSQL 11+ stores it once in the catalog).
 */
public final class Expressions {

  private static final Pattern CALL = Pattern.compile("([A-Za-z_][A-Za-z0-9_.]*)\\s*\\(");

  /** Functions whose value changes row by row. */
  private static final Set<String> VOLATILE =
      Set.of(
          "random",
          "gen_random_uuid",
          "uuid_generate_v1",
          "uuid_generate_v1mc",
          "uuid_generate_v4",
          "uuidv4",
          "uuidv7",
          "clock_timestamp",
          "timeofday",
          "nextval",
          "setval",
          "txid_current",
          "pg_current_xact_id",
          "random_normal",
          "uuid",
          "uuid_short",
          "rand",
          "sysdate");

  /** Functions PostgreSQL evaluates once per statement (stable) or always alike (immutable). */
  private static final Set<String> NON_VOLATILE =
      Set.of(
          "now",
          "current_timestamp",
          "current_date",
          "current_time",
          "localtimestamp",
          "localtime",
          "statement_timestamp",
          "transaction_timestamp",
          "lower",
          "upper",
          "coalesce",
          "nullif",
          "to_jsonb",
          "jsonb_build_object",
          "json_build_object",
          "array",
          "make_date",
          "make_interval",
          "length",
          "abs",
          "round",
          "timezone",
          "date_trunc",
          "concat",
          "greatest",
          "least");

  private Expressions() {}

  /** Whether the expression calls a volatile function (or one the rules do not know). */
  public static boolean volatileDefault(String expression) {
    if (expression == null) {
      return false;
    }
    Matcher m = CALL.matcher(stripStrings(expression));
    while (m.find()) {
      String fn = m.group(1).toLowerCase(Locale.ROOT);
      int dot = fn.lastIndexOf('.');
      fn = dot < 0 ? fn : fn.substring(dot + 1);
      if (VOLATILE.contains(fn) || !NON_VOLATILE.contains(fn) && !isTypeCast(fn)) {
        return true;
      }
    }
    return false;
  }

  /** A plain literal, a cast literal, {@code NULL} or a keyword constant such as {@code now()}. */
  public static boolean nullDefault(String expression) {
    return expression == null || expression.strip().equalsIgnoreCase("NULL");
  }

  /**
   * MySQL: an expression default ({@code DEFAULT (expr)}, or a function call other than {@code
   * CURRENT_TIMESTAMP}) rather than a literal.
   */
  public static boolean mysqlExpressionDefault(String expression) {
    if (expression == null) {
      return false;
    }
    String e = expression.strip().toUpperCase(Locale.ROOT);
    if (e.startsWith("(")) {
      return true;
    }
    return CALL.matcher(e).find() && !e.matches("(CURRENT_TIMESTAMP|NOW)\\s*\\(\\s*\\d*\\s*\\)");
  }

  private static boolean isTypeCast(String fn) {
    return Set.of("int", "integer", "bigint", "text", "varchar", "numeric", "date", "boolean")
        .contains(fn);
  }

  private static String stripStrings(String expression) {
    return expression.replaceAll("'(?:[^']|'')*'", "''");
  }
}
