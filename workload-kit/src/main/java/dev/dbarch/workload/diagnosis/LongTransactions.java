package dev.dbarch.workload.diagnosis;

import dev.dbarch.contracts.events.Risk;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.contracts.workload.WorkloadSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PERF-DIAG-022: transactions open for long while working. They hold locks and, on PostgreSQL, keep
 * VACUUM from removing dead rows anywhere in the database, so tables and indexes bloat. Fix: a
 * statement timeout for the role that runs them, and smaller batches.
 */
final class LongTransactions implements Diagnosis {

  static final String ID = "PERF-DIAG-022";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String title() {
    return "Long-running transaction";
  }

  @Override
  public String catalogue() {
    return "Live sessions: a transaction open `long-transaction-seconds` or longer that is not idle"
        + " (idle ones are PERF-DIAG-023), one finding per user. Fix: ALTER ROLE … SET"
        + " statement_timeout (MySQL: max_execution_time; MariaDB: max_statement_time), and commit"
        + " batch work in smaller transactions.";
  }

  @Override
  public List<Finding> evaluate(Evidence e) {
    if (e.snapshot() == null || e.snapshot().sessions() == null) {
      return List.of();
    }
    Map<String, WorkloadSnapshot.Session> oldestByUser = new LinkedHashMap<>();
    for (WorkloadSnapshot.Session s : e.snapshot().sessions().longest()) {
      if (s.transactionSeconds() >= e.thresholds().longTransactionSeconds()
          && (s.state() == null || !s.state().startsWith("idle in transaction"))) {
        oldestByUser.putIfAbsent(s.user() == null ? "(unknown)" : s.user(), s);
      }
    }
    List<Finding> findings = new ArrayList<>();
    long seconds = Math.round(e.thresholds().longTransactionSeconds());
    for (Map.Entry<String, WorkloadSnapshot.Session> entry : oldestByUser.entrySet()) {
      WorkloadSnapshot.Session s = entry.getValue();
      String user = entry.getKey();
      String fix =
          switch (e.snapshot().engine()) {
            case POSTGRESQL ->
                "ALTER ROLE \"" + user + "\" SET statement_timeout = '" + seconds + "s'";
            case MYSQL -> "SET GLOBAL max_execution_time = " + seconds * 1000;
            case MARIADB -> "SET GLOBAL max_statement_time = " + seconds;
          };
      Map<String, String> facts = new LinkedHashMap<>();
      facts.put("user", user);
      facts.put("transactionSeconds", Numbers.decimal(s.transactionSeconds()));
      facts.put("state", String.valueOf(s.state()));
      if (s.applicationName() != null && !s.applicationName().isEmpty()) {
        facts.put("application", s.applicationName());
      }
      findings.add(
          new Finding(
              ID,
              title(),
              user,
              Risk.Level.MEDIUM,
              Risk.Level.HIGH,
              "Sessions of " + user + ": transactions stay open for a long time while working",
              fix,
              "A transaction of "
                  + user
                  + (s.applicationName() == null || s.applicationName().isEmpty()
                      ? ""
                      : " (" + s.applicationName() + ")")
                  + " has been open "
                  + Numbers.decimal(s.transactionSeconds())
                  + " s ("
                  + s.state()
                  + "), at least "
                  + seconds
                  + " s counts as long"
                  + (e.snapshot().engine() == SchemaSnapshot.Engine.POSTGRESQL
                      ? "; until it ends VACUUM keeps every row version newer than its start."
                      : "; it keeps its locks and undo history until it ends."),
              facts,
              "Statements that legitimately run longer (reports, migrations) need their own role"
                  + " or a SET LOCAL statement_timeout."));
    }
    return findings;
  }
}
