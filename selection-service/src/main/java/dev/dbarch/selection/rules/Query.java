package dev.dbarch.selection.rules;

import dev.dbarch.selection.rules.IndexingStrategy.Filter;
import dev.dbarch.specialist.rules.Facts;
import java.util.List;

/**
 * One access pattern as the index and model rules read it, for one table: its filters, sort
 * columns, joins, the columns it returns and the operators that need a GIN or HNSW index. A pattern
 * written as SQL that touches several tables becomes one query per filtered table.
 *
 * @param projection the columns of {@code table} the query returns; null when not known (structured
 *     patterns, or {@code SELECT *})
 */
record Query(
    String name,
    String table,
    List<Filter> filters,
    List<String> orderBy,
    List<Join> joins,
    List<String> projection,
    boolean selectStar,
    List<Special> specials,
    Double perSecond,
    boolean fromSql) {

  /**
   * A join column on the referencing side: {@code table.column} points at {@code parent} (null when
   * the join does not say which table is the parent).
   */
  record Join(String table, String column, String parent) {}

  /** Operators a B-tree cannot serve. */
  enum SpecialKind {
    JSONB,
    FULL_TEXT,
    ARRAY,
    VECTOR_COSINE,
    VECTOR_L2,
    VECTOR_INNER_PRODUCT
  }

  /** A column (or expression) of {@code table} searched with a JSONB, text or vector operator. */
  record Special(String table, String expression, SpecialKind kind) {}

  /** The name as the index table shows it, with the rate when the team gave one. */
  String label() {
    return name + (perSecond == null ? "" : " (" + Facts.format(perSecond) + "/s)");
  }
}
