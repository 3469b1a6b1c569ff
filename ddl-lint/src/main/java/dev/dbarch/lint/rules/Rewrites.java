package dev.dbarch.lint.rules;

import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.lint.Dialect;
import dev.dbarch.lint.context.Targets;
import java.util.List;
import java.util.Locale;

/**
 * Pieces the safe rewrites share: a lock timeout sized by the latency target, a batched backfill,
 * the online schema-change tools for MySQL. Everything here is runnable SQL (comments aside), and
 * the PostgreSQL corpus test runs every rewrite a rule proposes.
 */
public final class Rewrites {

  /** Rows per batch in a backfill: small enough to keep each transaction short. */
  public static final int BATCH_ROWS = 10_000;

  private Rewrites() {}

  /**
   * How long a DDL statement may wait for its lock before giving up: the write latency target when
   * there is one (between 100 ms and 5 s), else 2 s.
   */
  public static String lockTimeoutMs(Targets targets) {
    Double target = targets.p99WriteMs() != null ? targets.p99WriteMs() : targets.p99ReadMs();
    long ms = target == null ? 2000 : Math.max(100, Math.min(5000, Math.round(target)));
    return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
  }

  /** {@code SET lock_timeout} with the retry advice, for PostgreSQL or MySQL. */
  public static String lockTimeout(Dialect dialect, Targets targets) {
    String timeout = lockTimeoutMs(targets);
    if (dialect == Dialect.POSTGRESQL) {
      return "-- Give up instead of queueing every query behind this statement; on SQLSTATE 55P03"
          + " (lock_not_available) wait a few seconds and run it again (3-5 attempts with"
          + " backoff).\nSET lock_timeout = '"
          + timeout
          + "';\n";
    }
    long seconds = Math.max(1, parseMs(timeout) / 1000);
    return "-- Give up instead of queueing every query behind the metadata lock; on error 1205"
        + " (lock wait timeout) retry a few times with backoff.\nSET SESSION lock_wait_timeout = "
        + seconds
        + ";\n";
  }

  private static long parseMs(String timeout) {
    return timeout.endsWith("ms")
        ? Long.parseLong(timeout.substring(0, timeout.length() - 2))
        : Long.parseLong(timeout.substring(0, timeout.length() - 1)) * 1000;
  }

  /**
   * A PostgreSQL backfill that commits every {@link #BATCH_ROWS} rows: a {@code DO} block run
   * outside a transaction (PostgreSQL 11+ lets it commit). Rows are picked by primary key, or by
   * {@code ctid} when the table has none.
   *
   * @param set the {@code SET} clause ({@code col = expr})
   * @param pending the condition of rows still to do ({@code col IS NULL})
   */
  public static String postgresBackfill(
      String table, SchemaSnapshot.Table catalog, String set, String pending) {
    List<String> key =
        catalog == null || catalog.primaryKey().isEmpty() ? List.of() : catalog.primaryKey();
    String keyList = key.isEmpty() ? "ctid" : String.join(", ", key);
    String match = key.size() == 1 || key.isEmpty() ? keyList : "(" + keyList + ")";
    return "-- Backfill in batches, each its own transaction, so no lock is held for long and"
        + " replicas keep up.\nDO $$\nDECLARE\n  done bigint;\nBEGIN\n  LOOP\n    UPDATE "
        + table
        + " SET "
        + set
        + "\n     WHERE "
        + match
        + " IN (SELECT "
        + keyList
        + " FROM "
        + table
        + " WHERE "
        + pending
        + " LIMIT "
        + BATCH_ROWS
        + ");\n    GET DIAGNOSTICS done = ROW_COUNT;\n    EXIT WHEN done = 0;\n    COMMIT;\n"
        + "  END LOOP;\nEND $$;\n";
  }

  /** A PostgreSQL delete of every row, {@link #BATCH_ROWS} per transaction. */
  public static String postgresBatchedDelete(String table, SchemaSnapshot.Table catalog) {
    List<String> key =
        catalog == null || catalog.primaryKey().isEmpty() ? List.of() : catalog.primaryKey();
    String keyList = key.isEmpty() ? "ctid" : String.join(", ", key);
    String match = key.size() == 1 || key.isEmpty() ? keyList : "(" + keyList + ")";
    return "DO $$\nDECLARE\n  done bigint;\nBEGIN\n  LOOP\n    DELETE FROM "
        + table
        + "\n     WHERE "
        + match
        + " IN (SELECT "
        + keyList
        + " FROM "
        + table
        + " LIMIT "
        + BATCH_ROWS
        + ");\n    GET DIAGNOSTICS done = ROW_COUNT;\n    EXIT WHEN done = 0;\n    COMMIT;\n"
        + "  END LOOP;\nEND $$;\n";
  }

  /** A MySQL/MariaDB backfill: the same {@code UPDATE … LIMIT} run until it changes nothing. */
  public static String mysqlBackfill(String table, String set, String pending) {
    return "-- Repeat until it reports 0 rows affected (each run is one short transaction):\nUPDATE "
        + table
        + " SET "
        + set
        + " WHERE "
        + pending
        + " LIMIT "
        + BATCH_ROWS
        + ";\n";
  }

  /**
   * gh-ost and pt-online-schema-change for an {@code ALTER} MySQL would run by copying the table
   * under a lock: both copy it in the background while writes continue, then swap.
   */
  public static String onlineSchemaChange(String database, String table, String alterClause) {
    String db = database == null ? "<database>" : database;
    String clause = alterClause.replace("\"", "\\\"");
    return "-- Run the change with an online schema-change tool instead of the server's table copy:\n"
        + "-- gh-ost (no triggers; throttles on replica lag):\n"
        + "--   gh-ost --database="
        + db
        + " --table="
        + table
        + " --alter=\""
        + clause
        + "\" --max-lag-millis=1500 --chunk-size=1000 --cut-over=default --execute\n"
        + "-- or pt-online-schema-change (triggers):\n"
        + "--   pt-online-schema-change --alter \""
        + clause
        + "\" D="
        + db
        + ",t="
        + table
        + " --max-lag=1 --chunk-size=1000 --execute\n";
  }

  /** A constraint or index name derived from the table and columns, within PostgreSQL's 63. */
  public static String name(String table, String suffix, List<String> columns) {
    String base = table.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    String cols = String.join("_", columns).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    String name = (cols.isEmpty() ? base : base + "_" + cols) + "_" + suffix;
    return name.length() <= 63 ? name : name.substring(0, 63);
  }
}
