package dev.dbarch.lint.rules;

import dev.dbarch.lint.Dialect;
import dev.dbarch.lint.sql.AlterAction;
import dev.dbarch.lint.sql.ColumnDef;
import dev.dbarch.lint.sql.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Statements the server's version does not support yet. */
final class VersionRules {

  private static final Pattern NULLS_NOT_DISTINCT =
      Pattern.compile("(?i)\\bNULLS\\s+NOT\\s+DISTINCT\\b");
  private static final Pattern ALGORITHM_INSTANT =
      Pattern.compile("(?i)\\bALGORITHM\\s*=\\s*INSTANT\\b");

  private VersionRules() {}

  static List<MigrationRule> all() {
    return List.of(TOO_NEW);
  }

  static final MigrationRule TOO_NEW =
      Rule.of(
          "MIG-DDL-VER-001",
          "Statement needs a newer server",
          Rule.ALL,
          "Some forms exist only from a given release: REINDEX CONCURRENTLY (PostgreSQL 12),"
              + " generated columns (12), DETACH PARTITION CONCURRENTLY (14), UNIQUE NULLS NOT"
              + " DISTINCT (15), SET EXPRESSION (17); ALGORITHM=INSTANT (MySQL 8.0, MariaDB 10.3)."
              + " On an older server the statement fails; the rules follow the version of the live"
              + " catalog, or the one stated.",
          in -> {
            List<String> needs = new ArrayList<>();
            if (in.postgres()) {
              if (in.stmt() instanceof Stmt.Reindex r
                  && r.concurrently()
                  && !in.version().atLeast(12)) {
                needs.add("REINDEX CONCURRENTLY needs PostgreSQL 12");
              }
              if (in.stmt() instanceof Stmt.AlterTable s) {
                {
                  for (AlterAction a : s.actions()) {
                    if (a instanceof AlterAction.DetachPartition d
                        && d.concurrently()
                        && !in.version().atLeast(14)) {
                      needs.add("DETACH PARTITION CONCURRENTLY needs PostgreSQL 14");
                    }
                    if (a instanceof AlterAction.SetExpression && !in.version().atLeast(17)) {
                      needs.add("ALTER COLUMN … SET EXPRESSION needs PostgreSQL 17");
                    }
                  }
                }
              }
              for (ColumnDef c : ColumnRules.declaredColumns(in.stmt())) {
                if (c.generatedStored() && !in.version().atLeast(12)) {
                  needs.add("generated columns need PostgreSQL 12");
                }
              }
              if (NULLS_NOT_DISTINCT.matcher(in.sql()).find() && !in.version().atLeast(15)) {
                needs.add("NULLS NOT DISTINCT needs PostgreSQL 15");
              }
            } else if (ALGORITHM_INSTANT.matcher(in.sql()).find()) {
              boolean supported =
                  in.dialect() == Dialect.MARIADB
                      ? in.version().atLeast(10, 3)
                      : in.version().atLeast(8, 0);
              if (!supported) {
                needs.add(
                    "ALGORITHM=INSTANT needs "
                        + (in.dialect() == Dialect.MARIADB ? "MariaDB 10.3" : "MySQL 8.0"));
              }
            }
            return needs.stream()
                .map(
                    n ->
                        Hit.of(
                            Impact.FAILS,
                            n
                                + "; the server is "
                                + in.dialect().displayName()
                                + " "
                                + in.version(),
                            null))
                .toList();
          });
}
