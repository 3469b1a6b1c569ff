package dev.dbarch.workload.statement;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The column tests inside a plan's condition text, e.g. PostgreSQL's {@code Filter: ((customer_id =
 * '42'::bigint) AND (lower(email) = 'a'::text))} or MySQL's {@code attached_condition:
 * (`shop`.`orders`.`customer_id` = 42)}: casts and engine-specific operators are rewritten to plain
 * SQL and the condition is read as the WHERE clause of a query on the plan node's table.
 */
public final class FilterColumns {

  private static final Pattern CAST =
      Pattern.compile(
          "::\\s*(?:timestamp(?:\\(\\d\\))? with(?:out)? time zone|time(?:\\(\\d\\))? with(?:out)?"
              + " time zone|character varying|double precision|bit varying|\"?[a-z_][a-z0-9_]*\"?)"
              + "(\\(\\d+(,\\s*\\d+)?\\))?(\\[\\])?",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern QUALIFIED_BACKTICK = Pattern.compile("`[^`]+`\\.`([^`]+)`\\.`");

  private FilterColumns() {}

  /** The predicates of {@code condition}, each attributed to {@code table} when unqualified. */
  public static List<SqlShape.Predicate> of(String condition, String table) {
    return of(condition, table, null);
  }

  /** As {@link #of(String, String)}, for a node that names its table by an alias. */
  public static List<SqlShape.Predicate> of(String condition, String table, String alias) {
    if (condition == null || condition.isBlank() || table == null) {
      return List.of();
    }
    String sql = QUALIFIED_BACKTICK.matcher(condition).replaceAll("`$1`.`");
    sql = sql.replace('`', '"');
    sql = CAST.matcher(sql).replaceAll("");
    sql = sql.replace("!~~*", " NOT ILIKE ").replace("~~*", " ILIKE ");
    sql = sql.replace("!~~", " NOT LIKE ").replace("~~", " LIKE ");
    String from =
        "\"" + table + "\"" + (alias == null || alias.equals(table) ? "" : " AS \"" + alias + "\"");
    SqlShape shape = SqlShape.of("SELECT 1 FROM " + from + " WHERE " + sql);
    return shape.predicates();
  }
}
