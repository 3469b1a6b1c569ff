package dev.dbarch.lint.sql;

import java.util.List;

/**
 * A table constraint (or, in MySQL, an index added by {@code ALTER TABLE}).
 *
 * @param usingIndex the index of {@code UNIQUE/PRIMARY KEY USING INDEX name}
 * @param notValid added {@code NOT VALID} (PostgreSQL)
 * @param method MySQL index kind: {@code fulltext} or {@code spatial}, else null
 */
public record ConstraintDef(
    String name,
    Kind kind,
    List<String> columns,
    Name referencedTable,
    List<String> referencedColumns,
    String checkExpression,
    boolean notValid,
    String usingIndex,
    String method) {

  public ConstraintDef {
    columns = List.copyOf(columns);
    referencedColumns = List.copyOf(referencedColumns);
  }

  public enum Kind {
    CHECK,
    FOREIGN_KEY,
    UNIQUE,
    PRIMARY_KEY,
    EXCLUDE,
    /** MySQL {@code ADD INDEX}/{@code KEY}/{@code FULLTEXT}/{@code SPATIAL}: not a constraint. */
    INDEX
  }
}
