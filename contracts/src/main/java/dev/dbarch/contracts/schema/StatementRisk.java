package dev.dbarch.contracts.schema;

import java.util.List;
import java.util.Objects;

/**
 * What one DDL statement does to a running database, as the migration linter classified it. It
 * travels on the {@link dev.dbarch.contracts.events.Risk} the statement raised, so a report shows
 * the statement with its lock, the table's size and the safe rewrite from typed values.
 *
 * @param ddlIndex which entry of the triggering {@link SchemaChange#ddl()} the statement came from
 *     (0-based); {@code null} for a submitted script
 * @param line the 1-based line where the statement starts in its script (or entry)
 * @param statement the statement's text
 * @param table the table it works on ({@code schema.table} when known), if any
 * @param locks PostgreSQL: the locks it takes, per relation, named as {@code pg_locks} names them
 * @param mysqlAlgorithm MySQL/MariaDB: the online DDL algorithm it needs, if classified
 * @param mysqlLock MySQL/MariaDB: the least locking it allows, if classified
 * @param work whether it rewrites the table, reads every row, or neither
 * @param breaking whether application versions running during the deployment can fail because of it
 * @param destroysData whether rows or values are lost
 * @param tableRows the table's rows, -1 when unknown
 * @param tableBytes the table's size with indexes, -1 when unknown
 * @param sizeSource where the size came from
 * @param serverVersion the server version the classification followed ({@code 17.0})
 * @param safeRewrite what to run instead: SQL, with comments for the steps that are not SQL
 */
public record StatementRisk(
    Integer ddlIndex,
    int line,
    String statement,
    String table,
    List<TableLock> locks,
    MySqlAlgorithm mysqlAlgorithm,
    MySqlLock mysqlLock,
    TableWork work,
    boolean breaking,
    boolean destroysData,
    long tableRows,
    long tableBytes,
    SizeSource sizeSource,
    String serverVersion,
    String safeRewrite) {

  public StatementRisk {
    Objects.requireNonNull(statement, "statement");
    locks = List.copyOf(Objects.requireNonNullElse(locks, List.of()));
    work = Objects.requireNonNullElse(work, TableWork.NONE);
    sizeSource = Objects.requireNonNullElse(sizeSource, SizeSource.UNKNOWN);
  }

  /** The same classification for the statement at {@code index} of a longer list of DDL. */
  public StatementRisk atDdlIndex(int index) {
    return new StatementRisk(
        index,
        line,
        statement,
        table,
        locks,
        mysqlAlgorithm,
        mysqlLock,
        work,
        breaking,
        destroysData,
        tableRows,
        tableBytes,
        sizeSource,
        serverVersion,
        safeRewrite);
  }

  /**
   * A lock on one relation.
   *
   * @param relation the table or index ({@code schema.name} when known)
   * @param mode the PostgreSQL lock mode
   */
  public record TableLock(String relation, LockMode mode) {}

  /** PostgreSQL's table-level lock modes, weakest first, named as {@code pg_locks.mode} shows. */
  public enum LockMode {
    AccessShareLock,
    RowShareLock,
    RowExclusiveLock,
    ShareUpdateExclusiveLock,
    ShareLock,
    ShareRowExclusiveLock,
    ExclusiveLock,
    AccessExclusiveLock;

    /** Whether plain {@code SELECT}s wait while it is held (or queued). */
    public boolean blocksReads() {
      return this == AccessExclusiveLock;
    }

    /** Whether {@code INSERT}, {@code UPDATE} and {@code DELETE} wait while it is held. */
    public boolean blocksWrites() {
      return compareTo(ShareLock) >= 0;
    }
  }

  /** What the statement does to the table's rows. */
  public enum TableWork {
    /** Only the catalog changes. */
    NONE,
    /** Every row is read (an index build, a constraint validation, a full-table update). */
    SCAN,
    /** The table is written anew (its file changes). */
    REWRITE
  }

  /** MySQL/MariaDB online DDL algorithms, cheapest first. */
  public enum MySqlAlgorithm {
    INSTANT,
    INPLACE,
    COPY
  }

  /** MySQL/MariaDB {@code LOCK=} levels, least blocking first. */
  public enum MySqlLock {
    NONE,
    SHARED,
    EXCLUSIVE
  }

  /** Where a table's size came from. */
  public enum SizeSource {
    /** The monitored database's live catalog. */
    CATALOG,
    /** The team's requirements ({@code scale.tableRows}, data volume). */
    REQUIREMENTS,
    /** The table is created earlier in the same script: empty. */
    NEW_TABLE,
    UNKNOWN
  }
}
