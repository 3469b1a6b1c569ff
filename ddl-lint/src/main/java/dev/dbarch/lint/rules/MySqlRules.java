package dev.dbarch.lint.rules;

import dev.dbarch.contracts.schema.StatementRisk.MySqlAlgorithm;
import dev.dbarch.contracts.schema.StatementRisk.MySqlLock;
import dev.dbarch.contracts.schema.StatementRisk.TableWork;
import dev.dbarch.lint.classify.Classification;
import dev.dbarch.lint.classify.Expressions;
import dev.dbarch.lint.classify.MySqlClassifier;
import dev.dbarch.lint.sql.AlterAction;
import dev.dbarch.lint.sql.ColumnDef;
import dev.dbarch.lint.sql.Stmt;
import java.util.ArrayList;
import java.util.List;

/** MySQL and MariaDB online DDL. */
final class MySqlRules {

  private MySqlRules() {}

  static List<MigrationRule> all() {
    return List.of(TABLE_COPY, EXPLICIT_LOCKING, EXPRESSION_DEFAULT, INPLACE_REBUILD);
  }

  private static String database(RuleInput in) {
    return in.context().snapshot() == null ? null : in.context().snapshot().database();
  }

  static final MigrationRule TABLE_COPY =
      Rule.of(
          "MIG-DDL-MY-001",
          "ALTER that copies the table",
          Rule.MYSQL_FAMILY,
          "When no INSTANT or INPLACE algorithm supports a change (a column type change, a foreign"
              + " key or CHECK added, a character set converted…) MySQL and MariaDB copy the table"
              + " row by row while writes wait (LOCK=SHARED at best). gh-ost or"
              + " pt-online-schema-change make the same change by copying in the background while"
              + " writes continue, throttled on replica lag, then swap the tables.",
          in -> {
            Classification c = in.classification();
            if (!(in.stmt() instanceof Stmt.AlterTable s)
                || c.algorithm() != MySqlAlgorithm.COPY
                || !in.existingTable()
                || explicitCopy(in)) {
              return List.of();
            }
            // Columns with their own rule (and rewrite) are left to it.
            boolean coveredElsewhere =
                s.actions().stream()
                    .anyMatch(
                        a ->
                            a instanceof AlterAction.AddColumn add
                                && (add.column().generatedStored()
                                    || add.column().counterFilled()
                                    || Expressions.mysqlExpressionDefault(
                                        add.column().defaultExpression())));
            if (coveredElsewhere) {
              return List.of();
            }
            return List.of(
                Hit.of(
                    Impact.LOCK_WHILE_WORKING,
                    c.operation()
                        + " on "
                        + in.table().qualified()
                        + " ("
                        + in.size().describe()
                        + ") needs ALGORITHM=COPY: writes wait while every row is copied",
                    Rewrites.onlineSchemaChange(
                        database(in), in.table().name(), ColumnRules.alterClause(in.sql()))));
          });

  /** The statement asks for COPY although the server could do better. */
  private static boolean explicitCopy(RuleInput in) {
    return in.stmt() instanceof Stmt.AlterTable s
        && "COPY".equals(s.algorithm())
        && cheapest(in).algorithm() != MySqlAlgorithm.COPY;
  }

  /** How the server would run the statement without its ALGORITHM and LOCK clauses. */
  private static Classification cheapest(RuleInput in) {
    Stmt stmt = in.stmt();
    if (stmt instanceof Stmt.AlterTable s) {
      stmt = new Stmt.AlterTable(s.table(), s.ifExists(), s.only(), s.actions(), null, null);
    } else if (stmt instanceof Stmt.CreateIndex s) {
      stmt =
          new Stmt.CreateIndex(
              s.index(),
              s.table(),
              s.unique(),
              s.concurrently(),
              s.ifNotExists(),
              s.only(),
              s.columns(),
              s.method(),
              s.where(),
              null,
              null);
    }
    return new MySqlClassifier(in.dialect(), in.version(), in.context().sizes(), in.state())
        .classify(stmt);
  }

  static final MigrationRule EXPLICIT_LOCKING =
      Rule.of(
          "MIG-DDL-MY-002",
          "ALGORITHM=COPY or LOCK=SHARED/EXCLUSIVE asked for",
          Rule.MYSQL_FAMILY,
          "ALGORITHM=COPY forces a full table copy with writes blocked, LOCK=SHARED blocks writes"
              + " and LOCK=EXCLUSIVE blocks reads too, even where the server could change the table"
              + " in place or instantly. Leave both out (the server picks the cheapest) or ask for"
              + " ALGORITHM=INPLACE, LOCK=NONE so the statement fails instead of locking.",
          in -> {
            String algorithm = null;
            String lock = null;
            if (in.stmt() instanceof Stmt.AlterTable s) {
              algorithm = s.algorithm();
              lock = s.lock();
            } else if (in.stmt() instanceof Stmt.CreateIndex s) {
              algorithm = s.algorithm();
              lock = s.lock();
            }
            boolean asksCopy = "COPY".equals(algorithm);
            boolean asksLock = "SHARED".equals(lock) || "EXCLUSIVE".equals(lock);
            if (!asksCopy && !asksLock || !in.existingTable()) {
              return List.of();
            }
            Classification best = cheapest(in);
            if (best.algorithm() == MySqlAlgorithm.COPY && !asksLock) {
              return List.of();
            }
            String rewritten =
                in.statement()
                    .replaceAll("(?i),?\\s*ALGORITHM\\s*=\\s*\\w+", "")
                    .replaceAll("(?i),?\\s*LOCK\\s*=\\s*\\w+", "")
                    .replaceAll("\\s*;$", "");
            String options =
                best.algorithm() == MySqlAlgorithm.COPY
                    ? ""
                    : ", ALGORITHM="
                        + best.algorithm()
                        + (best.mysqlLock() == MySqlLock.NONE ? ", LOCK=NONE" : "");
            return List.of(
                Hit.of(
                    Impact.LOCK_WHILE_WORKING,
                    "The statement asks for "
                        + (asksCopy ? "ALGORITHM=COPY" : "")
                        + (asksCopy && asksLock ? " and " : "")
                        + (asksLock ? "LOCK=" + lock : "")
                        + " although the server can use ALGORITHM="
                        + best.algorithm()
                        + ", LOCK="
                        + best.mysqlLock(),
                    rewritten + options + ";\n"));
          });

  static final MigrationRule EXPRESSION_DEFAULT =
      Rule.of(
          "MIG-DDL-MY-003",
          "Column added with an expression default",
          Rule.MYSQL_FAMILY,
          "A column added with an expression default (DEFAULT (uuid()), DEFAULT (NOW() + …)) makes"
              + " MySQL and MariaDB copy the table to compute it for every row. Add the column"
              + " without a default (instant), then set the default (instant), then backfill in"
              + " batches.",
          in -> {
            if (!(in.stmt() instanceof Stmt.AlterTable s) || !in.existingTable()) {
              return List.of();
            }
            List<Hit> hits = new ArrayList<>();
            for (AlterAction a : s.actions()) {
              if (!(a instanceof AlterAction.AddColumn add)) {
                continue;
              }
              ColumnDef col = add.column();
              if (!Expressions.mysqlExpressionDefault(col.defaultExpression())) {
                continue;
              }
              hits.add(
                  Hit.of(
                      Impact.LOCK_WHILE_WORKING,
                      "ADD COLUMN "
                          + col.name()
                          + " DEFAULT "
                          + col.defaultExpression()
                          + " copies "
                          + in.table().qualified()
                          + " ("
                          + in.size().describe()
                          + ") while writes wait",
                      "ALTER TABLE "
                          + in.tableSql()
                          + " ADD COLUMN "
                          + col.name()
                          + " "
                          + col.type().text()
                          + ", ALGORITHM=INSTANT;\nALTER TABLE "
                          + in.tableSql()
                          + " ALTER COLUMN "
                          + col.name()
                          + " SET DEFAULT "
                          + col.defaultExpression()
                          + ", ALGORITHM=INSTANT;\n"
                          + Rewrites.mysqlBackfill(
                              in.tableSql(),
                              col.name() + " = " + col.defaultExpression(),
                              col.name() + " IS NULL")));
            }
            return hits;
          });

  static final MigrationRule INPLACE_REBUILD =
      Rule.fallbackOf(
          "MIG-DDL-MY-004",
          "In-place rebuild of a large table",
          Rule.MYSQL_FAMILY,
          "An in-place ALTER that rebuilds the table (or builds an index) lets writes continue on"
              + " the primary, but replicas apply it as one statement after it finished: they fall"
              + " behind by the rebuild's duration. On large tables throttle with gh-ost, or run it"
              + " when replica lag is tolerable.",
          in -> {
            Classification c = in.classification();
            if (c.algorithm() != MySqlAlgorithm.INPLACE
                || c.work() == TableWork.NONE
                || !in.existingTable()) {
              return List.of();
            }
            return List.of(
                Hit.of(
                    Impact.REPLICA_LAG,
                    c.operation()
                        + " rebuilds "
                        + in.table().qualified()
                        + " ("
                        + in.size().describe()
                        + ") in place: replicas lag behind for as long as it runs",
                    Rewrites.onlineSchemaChange(
                        database(in), in.table().name(), ColumnRules.alterClause(in.sql()))));
          });
}
