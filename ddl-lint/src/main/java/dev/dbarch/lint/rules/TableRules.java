package dev.dbarch.lint.rules;

import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.lint.sql.AlterAction;
import dev.dbarch.lint.sql.Name;
import dev.dbarch.lint.sql.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Whole tables, schemas and databases: renames, drops, rewrites, partitions. */
final class TableRules {

  private TableRules() {}

  static List<MigrationRule> all() {
    return List.of(
        RENAME_TABLE,
        DROP_TABLE,
        TRUNCATE,
        DROP_DATABASE,
        RENAME_SCHEMA,
        REWRITE_MAINTENANCE,
        DETACH_PARTITION,
        ATTACH_PARTITION,
        REWRITING_ALTER);
  }

  private static String lock(RuleInput in) {
    return Rewrites.lockTimeout(in.dialect(), in.context().targets());
  }

  static final MigrationRule RENAME_TABLE =
      Rule.of(
          "MIG-DDL-TBL-001",
          "Table renamed",
          Rule.ALL,
          "A table rename is instant, and every running version that names the old table fails"
              + " at once. On PostgreSQL, rename and create a view with the old name in one"
              + " transaction (a simple view is updatable, so old code keeps reading and writing),"
              + " then drop the view once no version uses it; elsewhere, expand/contract with a"
              + " new table.",
          in -> {
            String to = null;
            Name from = null;
            if (in.stmt() instanceof Stmt.AlterTable s) {
              for (AlterAction a : s.actions()) {
                if (a instanceof AlterAction.RenameTable r) {
                  to = r.to();
                  from = s.table();
                }
              }
            } else if (in.stmt() instanceof Stmt.RenameTable r) {
              to = r.to().name();
              from = r.from();
            }
            if (to == null || in.state().createdHere(from)) {
              return List.of();
            }
            String rewrite =
                in.postgres()
                    ? "BEGIN;\n"
                        + lock(in)
                        + in.statement()
                        + "\n-- Old code keeps working through an updatable view with the old name:\n"
                        + "CREATE VIEW "
                        + from.sql()
                        + " AS SELECT * FROM "
                        + (from.schema() == null ? "" : from.schema() + ".")
                        + to
                        + ";\nCOMMIT;\n-- Once no running version uses "
                        + from.name()
                        + ": DROP VIEW "
                        + from.sql()
                        + ";\n"
                    : "-- Release 1: create the new table, write to both, backfill in batches.\n"
                        + "-- Release 2: read the new table, stop writing the old one; then drop it.\n";
            return List.of(
                Hit.of(
                    Impact.BREAKS_APPLICATION,
                    "Renaming "
                        + from.qualified()
                        + " to "
                        + to
                        + " breaks every running version that uses "
                        + from.name(),
                    rewrite));
          });

  static final MigrationRule DROP_TABLE =
      Rule.of(
          "MIG-DDL-TBL-002",
          "Table dropped",
          Rule.ALL,
          "Dropping a table loses its rows and breaks every running version that uses it; a"
              + " DROP … IF EXISTS before CREATE TABLE (\"create with force\") does the same to a"
              + " table that already exists. Stop using the table first, keep a copy, drop it in a"
              + " later release.",
          in -> {
            if (!(in.stmt() instanceof Stmt.DropTable s)) {
              return List.of();
            }
            List<Hit> hits = new ArrayList<>();
            for (Name table : s.tables()) {
              if (in.state().createdHere(table)) {
                continue;
              }
              boolean known = in.context().sizes().find(table).isPresent();
              if (!known && in.context().sizes().catalogKnown() && s.ifExists()) {
                continue;
              }
              hits.add(
                  Hit.of(
                      in.knownEmpty() ? Impact.BREAKS_APPLICATION : Impact.LOSES_DATA,
                      "DROP TABLE "
                          + table.qualified()
                          + " ("
                          + in.context().sizes().size(table).describe()
                          + ") loses its rows and breaks running versions that use it",
                      "-- Release 1: stop using "
                          + table.name()
                          + " everywhere. Release 2: keep a copy, then drop it:\n"
                          + (in.postgres()
                              ? "CREATE TABLE "
                                  + Rewrites.name(table.name(), "archive", List.of())
                                  + " AS TABLE "
                                  + table.sql()
                                  + ";\n"
                              : "CREATE TABLE "
                                  + Rewrites.name(table.name(), "archive", List.of())
                                  + " AS SELECT * FROM "
                                  + table.sql()
                                  + ";\n")
                          + lock(in)
                          + "DROP TABLE "
                          + table.sql()
                          + ";\n"));
            }
            return hits;
          });

  static final MigrationRule TRUNCATE =
      Rule.of(
          "MIG-DDL-TBL-003",
          "TRUNCATE in a migration",
          Rule.ALL,
          "TRUNCATE empties the table at once under ACCESS EXCLUSIVE; with CASCADE it also empties"
              + " every table whose foreign keys reference it, which the statement does not name."
              + " Delete what must go explicitly, table by table, in batches.",
          in -> {
            if (!(in.stmt() instanceof Stmt.Truncate s) || !in.classification().destroysData()) {
              return List.of();
            }
            String tables = String.join(", ", s.tables().stream().map(Name::qualified).toList());
            return List.of(
                Hit.of(
                    Impact.LOSES_DATA,
                    "TRUNCATE "
                        + tables
                        + (s.cascade()
                            ? " CASCADE also empties every table referencing it"
                            : " removes every row"),
                    "-- Delete explicitly, in batches, naming each table:\n"
                        + s.tables().stream()
                            .map(
                                t ->
                                    in.postgres()
                                        ? Rewrites.postgresBatchedDelete(
                                            t.sql(), in.context().sizes().find(t).orElse(null))
                                        : "-- repeat until 0 rows are affected:\nDELETE FROM "
                                            + t.sql()
                                            + " LIMIT "
                                            + Rewrites.BATCH_ROWS
                                            + ";\n")
                            .reduce("", String::concat)));
          });

  static final MigrationRule DROP_DATABASE =
      Rule.of(
          "MIG-DDL-TBL-004",
          "Database or schema dropped",
          Rule.ALL,
          "DROP DATABASE, and DROP SCHEMA … CASCADE, remove every table in them with their rows: a"
              + " migration has no business doing either.",
          in -> {
            if (in.stmt() instanceof Stmt.DropDatabase s) {
              return List.of(
                  Hit.of(
                      Impact.LOSES_DATA,
                      "DROP DATABASE " + s.database() + " removes every table and row in it",
                      null));
            }
            if (in.stmt() instanceof Stmt.DropSchema s && s.cascade()) {
              return List.of(
                  Hit.of(
                      Impact.LOSES_DATA,
                      "DROP SCHEMA "
                          + String.join(", ", s.schemas())
                          + " CASCADE removes every table in it",
                      null));
            }
            return List.of();
          });

  static final MigrationRule RENAME_SCHEMA =
      Rule.of(
          "MIG-DDL-TBL-005",
          "Schema renamed",
          Rule.POSTGRES,
          "Renaming a schema breaks every query and search_path that names it. Create the new"
              + " schema, move or mirror the objects, switch the application, then drop the old"
              + " one.",
          in -> {
            if (!(in.stmt() instanceof Stmt.RenameSchema s)) {
              return List.of();
            }
            return List.of(
                Hit.of(
                    Impact.BREAKS_APPLICATION,
                    "Renaming schema "
                        + s.from()
                        + " to "
                        + s.to()
                        + " breaks running versions that name "
                        + s.from(),
                    "-- Release 1: CREATE SCHEMA "
                        + s.to()
                        + "; move or mirror the objects; the application names "
                        + s.to()
                        + ".\n-- Release 2: DROP SCHEMA "
                        + s.from()
                        + " once nothing names it.\n"));
          });

  static final MigrationRule REWRITE_MAINTENANCE =
      Rule.of(
          "MIG-DDL-TBL-006",
          "VACUUM FULL or CLUSTER",
          Rule.POSTGRES,
          "VACUUM FULL and CLUSTER write the table anew under ACCESS EXCLUSIVE: no reads, no writes"
              + " for the whole copy. pg_repack does the same work online (a brief lock at the"
              + " start and the end); PostgreSQL 19 brings REPACK (CONCURRENTLY).",
          in -> {
            boolean rewrite =
                in.stmt() instanceof Stmt.Vacuum v && v.full() && !v.tables().isEmpty()
                    || in.stmt() instanceof Stmt.Cluster c && c.table() != null;
            if (!rewrite || !in.existingTable()) {
              return List.of();
            }
            String index =
                in.stmt() instanceof Stmt.Cluster c && c.index() != null
                    ? " --order-by=<the index's columns>"
                    : "";
            return List.of(
                Hit.of(
                    Impact.LOCK_WHILE_WORKING,
                    in.classification().operation()
                        + " rewrites "
                        + in.table().qualified()
                        + " ("
                        + in.size().describe()
                        + ") under AccessExclusiveLock",
                    "-- Rewrite it online with the pg_repack extension (CREATE EXTENSION pg_repack):\n"
                        + "--   pg_repack --table="
                        + in.table().qualified()
                        + index
                        + " --wait-timeout=60 <database>\n"));
          });

  static final MigrationRule DETACH_PARTITION =
      Rule.of(
          "MIG-DDL-TBL-007",
          "Partition detached without CONCURRENTLY",
          Rule.POSTGRES,
          "DETACH PARTITION takes ACCESS EXCLUSIVE on the partitioned table: every query on any"
              + " partition waits. From PostgreSQL 14 DETACH PARTITION … CONCURRENTLY takes SHARE"
              + " UPDATE EXCLUSIVE instead (outside a transaction block; FINALIZE completes an"
              + " interrupted one).",
          in -> {
            if (!(in.stmt() instanceof Stmt.AlterTable s) || !in.existingTable()) {
              return List.of();
            }
            List<Hit> hits = new ArrayList<>();
            for (AlterAction a : s.actions()) {
              if (a instanceof AlterAction.DetachPartition d && !d.concurrently()) {
                String rewrite =
                    in.version().atLeast(14)
                        ? "-- Run outside a transaction block.\n"
                            + lock(in)
                            + "ALTER TABLE "
                            + in.tableSql()
                            + " DETACH PARTITION "
                            + d.partition().sql()
                            + " CONCURRENTLY;\n"
                        : "-- PostgreSQL "
                            + in.version()
                            + " has no concurrent detach: bound the wait instead.\n"
                            + lock(in)
                            + in.statement()
                            + "\n";
                hits.add(
                    Hit.of(
                        Impact.LOCK_QUEUE,
                        "DETACH PARTITION "
                            + d.partition().qualified()
                            + " takes AccessExclusiveLock on "
                            + in.table().qualified()
                            + ": queries on every partition wait",
                        rewrite));
              }
            }
            return hits;
          });

  private static final Pattern RANGE_BOUND =
      Pattern.compile("(?is)FOR\\s+VALUES\\s+FROM\\s*\\((.+?)\\)\\s*TO\\s*\\((.+?)\\)");
  private static final Pattern LIST_BOUND =
      Pattern.compile("(?is)FOR\\s+VALUES\\s+IN\\s*\\((.+)\\)");
  private static final Pattern KEY = Pattern.compile("(?i)^(RANGE|LIST)\\s*\\(\\s*(\\w+)\\s*\\)$");

  static final MigrationRule ATTACH_PARTITION =
      Rule.of(
          "MIG-DDL-TBL-008",
          "Partition attached without a matching CHECK",
          Rule.POSTGRES,
          "ATTACH PARTITION reads the whole new partition, under ACCESS EXCLUSIVE on it, to prove"
              + " every row fits the bound, unless a valid CHECK constraint already proves it. Add"
              + " the CHECK NOT VALID, VALIDATE it, attach (no scan), then drop the CHECK.",
          in -> {
            if (!(in.stmt() instanceof Stmt.AlterTable s) || !in.existingTable()) {
              return List.of();
            }
            List<Hit> hits = new ArrayList<>();
            for (AlterAction a : s.actions()) {
              if (!(a instanceof AlterAction.AttachPartition attach)
                  || in.state().createdHere(attach.partition())
                  || in.state().hasValidatedCheck(attach.partition())) {
                continue;
              }
              String key = in.catalogTable().map(SchemaSnapshot.Table::partitionKey).orElse(null);
              String check = boundCheck(key, attach.bound());
              String name = Rewrites.name(attach.partition().name(), "bound", List.of());
              String rewrite =
                  check == null
                      ? null
                      : lock(in)
                          + "ALTER TABLE "
                          + attach.partition().sql()
                          + " ADD CONSTRAINT "
                          + name
                          + " CHECK ("
                          + check
                          + ") NOT VALID;\nALTER TABLE "
                          + attach.partition().sql()
                          + " VALIDATE CONSTRAINT "
                          + name
                          + ";\n"
                          + in.statement()
                          + "\nALTER TABLE "
                          + attach.partition().sql()
                          + " DROP CONSTRAINT "
                          + name
                          + ";\n";
              hits.add(
                  Hit.of(
                      Impact.LOCK_WHILE_WORKING,
                      "ATTACH PARTITION "
                          + attach.partition().qualified()
                          + " reads every row of it under AccessExclusiveLock to check the bound",
                      rewrite));
            }
            return hits;
          });

  /** The CHECK that proves a bound, for a single-column RANGE or LIST key; null otherwise. */
  static String boundCheck(String partitionKey, String bound) {
    if (partitionKey == null || bound == null) {
      return null;
    }
    Matcher key = KEY.matcher(partitionKey.strip());
    if (!key.matches()) {
      return null;
    }
    String column = key.group(2);
    Matcher range = RANGE_BOUND.matcher(bound);
    if (key.group(1).equalsIgnoreCase("RANGE") && range.find()) {
      String from = range.group(1).strip();
      String to = range.group(2).strip();
      StringBuilder check = new StringBuilder(column + " IS NOT NULL");
      if (!from.equalsIgnoreCase("MINVALUE")) {
        check.append(" AND ").append(column).append(" >= ").append(from);
      }
      if (!to.equalsIgnoreCase("MAXVALUE")) {
        check.append(" AND ").append(column).append(" < ").append(to);
      }
      return check.toString();
    }
    Matcher list = LIST_BOUND.matcher(bound);
    if (key.group(1).equalsIgnoreCase("LIST") && list.find()) {
      return column + " IS NOT NULL AND " + column + " IN (" + list.group(1).strip() + ")";
    }
    return null;
  }

  static final MigrationRule REWRITING_ALTER =
      Rule.of(
          "MIG-DDL-TBL-009",
          "Table moved, its logging changed, or a generation expression replaced",
          Rule.POSTGRES,
          "SET TABLESPACE copies the table's files, SET LOGGED and SET UNLOGGED rewrite the table,"
              + " and (PostgreSQL 17+) SET EXPRESSION recomputes a stored generated column:"
              + " all under ACCESS EXCLUSIVE for the whole copy. Use pg_repack (its --tablespace"
              + " option moves a table online) or a maintenance window.",
          in -> {
            if (!(in.stmt() instanceof Stmt.AlterTable s) || !in.existingTable()) {
              return List.of();
            }
            for (AlterAction a : s.actions()) {
              if (a instanceof AlterAction.SetTablespace t) {
                return List.of(
                    Hit.of(
                        Impact.LOCK_WHILE_WORKING,
                        "SET TABLESPACE copies "
                            + in.table().qualified()
                            + " ("
                            + in.size().describe()
                            + ") under AccessExclusiveLock",
                        "-- Move it online with pg_repack:\n--   pg_repack --table="
                            + in.table().qualified()
                            + " --tablespace="
                            + t.tablespace()
                            + " <database>\n"));
              }
              if (a instanceof AlterAction.SetExpression e && in.version().atLeast(17)) {
                return List.of(
                    Hit.of(
                        Impact.LOCK_WHILE_WORKING,
                        "SET EXPRESSION recomputes "
                            + e.column()
                            + " for every row of "
                            + in.table().qualified()
                            + " ("
                            + in.size().describe()
                            + ") under AccessExclusiveLock",
                        "-- No online form: add a new generated column (or a trigger-filled one,"
                            + " backfilled in batches) and swap, or run it in a window:\n"
                            + lock(in)
                            + in.statement()
                            + "\n"));
              }
              if (a instanceof AlterAction.SetLogged l) {
                return List.of(
                    Hit.of(
                        Impact.LOCK_WHILE_WORKING,
                        (l.logged() ? "SET LOGGED" : "SET UNLOGGED")
                            + " rewrites "
                            + in.table().qualified()
                            + " ("
                            + in.size().describe()
                            + ") under AccessExclusiveLock",
                        "-- No online form: run it in a maintenance window, bounded by timeouts.\n"
                            + lock(in)
                            + in.statement()
                            + "\n"));
              }
            }
            return List.of();
          });
}
