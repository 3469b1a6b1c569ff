package dev.dbarch.lint.rules;

import dev.dbarch.contracts.schema.StatementRisk.TableWork;
import dev.dbarch.lint.sql.Stmt;
import java.util.List;

/** Timeouts and transaction structure. */
final class TransactionRules {

  private TransactionRules() {}

  static List<MigrationRule> all() {
    return List.of(NO_LOCK_TIMEOUT, NO_STATEMENT_TIMEOUT, NESTING, UNCOMMITTED);
  }

  static final MigrationRule NO_LOCK_TIMEOUT =
      Rule.fallbackOf(
          "MIG-DDL-TX-001",
          "Blocking lock taken without a lock timeout",
          Rule.ALL,
          "A DDL statement waits for its lock behind any transaction using the table, and every"
              + " query that arrives after it waits behind it: a catalog-only ALTER can stall the"
              + " table for as long as the longest running transaction. SET lock_timeout (MySQL:"
              + " lock_wait_timeout) first, to a value the system's latency target tolerates, and"
              + " retry on timeout. Reported only when no other rule already proposes a rewrite"
              + " for the statement (those carry the timeout).",
          in -> {
            if (!in.existingTable() || in.state().lockTimeoutSet()) {
              return List.of();
            }
            boolean blocking =
                in.postgres()
                    ? in.classification().blocksWrites()
                    : in.classification().algorithm() != null;
            if (!blocking || !in.classification().known()) {
              return List.of();
            }
            return List.of(
                Hit.of(
                    Impact.LOCK_QUEUE,
                    in.classification().lockSummary()
                        + " without a lock timeout: behind a long transaction on "
                        + in.table().qualified()
                        + " ("
                        + in.size().describe()
                        + ") it waits, and every query on the table waits behind it",
                    Rewrites.lockTimeout(in.dialect(), in.context().targets())
                        + in.statement()
                        + "\n"));
          });

  static final MigrationRule NO_STATEMENT_TIMEOUT =
      Rule.fallbackOf(
          "MIG-DDL-TX-002",
          "Long blocking statement without a statement timeout",
          Rule.POSTGRES,
          "A statement that blocks writes while it reads or rewrites a table should have a"
              + " statement_timeout, so an unexpectedly large table cannot hold the lock for hours."
              + " Reported only when no other rule spoke about the statement.",
          in -> {
            if (!in.existingTable()
                || in.state().statementTimeoutSet()
                || in.classification().work() == TableWork.NONE
                || !in.classification().blocksWrites()) {
              return List.of();
            }
            return List.of(
                Hit.of(
                    Impact.LOCK_WHILE_WORKING,
                    in.classification().operation()
                        + " blocks writes to "
                        + in.table().qualified()
                        + " for its whole run, with no statement_timeout to bound it",
                    "SET statement_timeout = '15min';\n" + in.statement() + "\n"));
          });

  static final MigrationRule NESTING =
      Rule.of(
          "MIG-DDL-TX-003",
          "Transaction nesting",
          Rule.ALL,
          "BEGIN inside an open transaction does not nest (PostgreSQL warns and ignores it; MySQL"
              + " commits the open one), and COMMIT without BEGIN commits nothing: the script's"
              + " statements do not run in the transactions its author meant. Migration tools that"
              + " wrap each file in a transaction make an explicit BEGIN nested.",
          in -> {
            if (!(in.stmt() instanceof Stmt.Transaction t)) {
              return List.of();
            }
            if (t.kind() == Stmt.Transaction.Kind.BEGIN && in.state().inTransaction()) {
              return List.of(
                  Hit.of(
                      Impact.SCRIPT_STRUCTURE,
                      "BEGIN inside an open transaction: it does not nest, and the first COMMIT"
                          + " ends both",
                      "-- Remove this BEGIN (or the migration tool's own transaction for this file).\n"));
            }
            if (t.kind() != Stmt.Transaction.Kind.BEGIN && !in.state().inTransaction()) {
              return List.of(
                  Hit.of(
                      Impact.SCRIPT_STRUCTURE,
                      t.kind().name()
                          + " without an open transaction: the statements before it already ran"
                          + " on their own",
                      "-- Open the transaction it is meant to end with BEGIN, or remove it.\n"));
            }
            return List.of();
          });

  static final MigrationRule UNCOMMITTED =
      Rule.of(
          "MIG-DDL-TX-004",
          "Transaction left open",
          Rule.ALL,
          "A script that opens a transaction and never commits it ends inside it: depending on the"
              + " runner the changes are rolled back when the session closes, or the session stays"
              + " open holding its locks. Reported on the BEGIN once the whole script is read.",
          in -> List.of());
}
