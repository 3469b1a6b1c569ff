package dev.dbarch.lint.rules;

import dev.dbarch.lint.sql.ColumnDef;
import dev.dbarch.lint.sql.Stmt;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Data changes inside migrations, and statements that cannot succeed. */
final class DataRules {

  private static final Pattern SINGLE_SET =
      Pattern.compile("(?is)^\\s*UPDATE\\s+\\S+\\s+SET\\s+(\\w+)\\s*=\\s*(.+?)\\s*;?\\s*$");

  private DataRules() {}

  static List<MigrationRule> all() {
    return List.of(BACKFILL, DUPLICATE_COLUMNS);
  }

  static final MigrationRule BACKFILL =
      Rule.of(
          "MIG-DDL-DML-001",
          "Whole-table UPDATE or DELETE in a migration",
          Rule.ALL,
          "An UPDATE or DELETE without WHERE changes every row in one transaction: every row stays"
              + " locked against other writers until it commits, the WAL or binlog grows by the"
              + " table's size at once, and replicas fall behind. Backfill in batches, each its own"
              + " short transaction, outside the schema-change transaction.",
          in -> {
            if (!(in.stmt() instanceof Stmt.DataChange s)
                || s.hasWhere()
                || s.kind() == Stmt.DataChange.Kind.INSERT
                || !in.existingTable()) {
              return List.of();
            }
            String rewrite;
            if (s.kind() == Stmt.DataChange.Kind.DELETE) {
              rewrite =
                  in.postgres()
                      ? Rewrites.postgresBatchedDelete(
                          in.tableSql(), in.catalogTable().orElse(null))
                      : "-- repeat until 0 rows are affected:\nDELETE FROM "
                          + in.tableSql()
                          + " LIMIT "
                          + Rewrites.BATCH_ROWS
                          + ";\n";
            } else {
              Matcher m = SINGLE_SET.matcher(in.sql());
              if (m.matches()) {
                String column = m.group(1);
                String value = m.group(2);
                String pending = column + " IS DISTINCT FROM (" + value + ")";
                if (!in.postgres()) {
                  pending = "NOT (" + column + " <=> (" + value + "))";
                }
                rewrite =
                    in.postgres()
                        ? Rewrites.postgresBackfill(
                            in.tableSql(),
                            in.catalogTable().orElse(null),
                            column + " = " + value,
                            pending)
                        : Rewrites.mysqlBackfill(in.tableSql(), column + " = " + value, pending);
              } else {
                rewrite =
                    "-- Split it by primary key ranges, "
                        + Rewrites.BATCH_ROWS
                        + " rows per transaction, with a WHERE that skips rows already done.\n";
              }
            }
            return List.of(
                Hit.of(
                    Impact.LOCK_WHILE_WORKING,
                    s.kind().name()
                        + " without WHERE changes every row of "
                        + in.table().qualified()
                        + " ("
                        + in.size().describe()
                        + ") in one transaction",
                    rewrite));
          });

  static final MigrationRule DUPLICATE_COLUMNS =
      Rule.of(
          "MIG-DDL-SYN-001",
          "Column named twice",
          Rule.ALL,
          "A column declared twice in CREATE TABLE, or assigned twice in one UPDATE, makes the"
              + " statement fail when it runs.",
          in -> {
            List<String> names;
            if (in.stmt() instanceof Stmt.CreateTable s) {
              names = s.columns().stream().map(ColumnDef::name).toList();
            } else if (in.stmt() instanceof Stmt.DataChange s) {
              names = s.assigned();
            } else {
              return List.of();
            }
            Set<String> seen = new HashSet<>();
            Set<String> twice = new LinkedHashSet<>();
            for (String n : names) {
              if (n != null && !seen.add(n.toLowerCase(Locale.ROOT))) {
                twice.add(n);
              }
            }
            if (twice.isEmpty()) {
              return List.of();
            }
            return List.of(
                Hit.of(
                    Impact.FAILS,
                    "Column " + String.join(", ", twice) + " appears twice: the statement fails",
                    null));
          });
}
