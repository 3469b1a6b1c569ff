package dev.dbarch.lint.classify;

import dev.dbarch.contracts.schema.StatementRisk.LockMode;
import dev.dbarch.contracts.schema.StatementRisk.MySqlAlgorithm;
import dev.dbarch.contracts.schema.StatementRisk.MySqlLock;
import dev.dbarch.contracts.schema.StatementRisk.TableLock;
import dev.dbarch.contracts.schema.StatementRisk.TableWork;
import dev.dbarch.lint.sql.Name;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What one statement does to the running database, independent of any rule: the locks it takes,
 * whether it scans or rewrites the table, whether it can run inside a transaction, whether it
 * breaks application versions still running, whether it loses data.
 *
 * @param operation a short name of what it does ({@code CREATE INDEX}, {@code ADD COLUMN})
 * @param table the table it works on, if one
 * @param locks PostgreSQL: the strongest lock per relation it touches (tables and named indexes)
 * @param work PostgreSQL: what it does to the rows of {@code table}
 * @param truncates it replaces the table's file with an empty one ({@code TRUNCATE})
 * @param transactional whether it may run inside a transaction block
 * @param algorithm MySQL/MariaDB: the cheapest algorithm the server can use
 * @param mysqlLock MySQL/MariaDB: the least locking the server allows with that algorithm
 * @param breaking why running application versions can fail, or null
 * @param destroysData whether rows or values are lost
 * @param known false when the statement was not understood (nothing else is then claimed)
 */
public record Classification(
    String operation,
    Name table,
    List<TableLock> locks,
    TableWork work,
    boolean truncates,
    boolean transactional,
    MySqlAlgorithm algorithm,
    MySqlLock mysqlLock,
    String breaking,
    boolean destroysData,
    boolean known) {

  public Classification {
    locks = List.copyOf(locks);
  }

  public static Classification unknown(String operation) {
    return new Classification(
        operation, null, List.of(), TableWork.NONE, false, true, null, null, null, false, false);
  }

  public Optional<LockMode> strongestLock() {
    return locks.stream().map(TableLock::mode).max(Comparator.naturalOrder());
  }

  /** The lock taken on {@code relation} (qualified or bare name), if any. */
  public Optional<LockMode> lockOn(String relation) {
    return locks.stream()
        .filter(l -> l.relation().equals(relation) || l.relation().endsWith("." + relation))
        .map(TableLock::mode)
        .findFirst();
  }

  public boolean blocksReads() {
    return strongestLock().map(LockMode::blocksReads).orElse(false)
        || mysqlLock == MySqlLock.EXCLUSIVE;
  }

  public boolean blocksWrites() {
    return strongestLock().map(LockMode::blocksWrites).orElse(false)
        || mysqlLock == MySqlLock.SHARED
        || mysqlLock == MySqlLock.EXCLUSIVE;
  }

  /** The locks as one line: {@code AccessExclusiveLock on public.orders}. */
  public String lockSummary() {
    if (algorithm != null) {
      return "ALGORITHM=" + algorithm + ", LOCK=" + mysqlLock;
    }
    if (locks.isEmpty()) {
      return "no table lock";
    }
    return String.join(
        ", ", locks.stream().map(l -> l.mode().name() + " on " + l.relation()).toList());
  }
}
