package dev.dbarch.workload.diagnosis;

import dev.dbarch.contracts.events.Risk;
import dev.dbarch.contracts.workload.WorkloadSnapshot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PERF-DIAG-023: sessions sitting idle inside an open transaction: the application began a
 * transaction and went on with something else (a remote call, a user's think time) or leaked it. It
 * holds locks and a connection, and on PostgreSQL holds back VACUUM. Fix: let the server end such
 * sessions after a timeout.
 */
final class IdleInTransaction implements Diagnosis {

  static final String ID = "PERF-DIAG-023";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String title() {
    return "Idle in transaction";
  }

  @Override
  public String catalogue() {
    return "Live sessions: idle inside an open transaction for `idle-in-transaction-seconds` or"
        + " longer. Fix: ALTER DATABASE … SET idle_in_transaction_session_timeout (MySQL/MariaDB:"
        + " SET GLOBAL wait_timeout), and no remote calls inside transactions.";
  }

  @Override
  public List<Finding> evaluate(Evidence e) {
    if (e.snapshot() == null || e.snapshot().sessions() == null) {
      return List.of();
    }
    WorkloadSnapshot.Session longest = null;
    int idle = 0;
    for (WorkloadSnapshot.Session s : e.snapshot().sessions().longest()) {
      if (s.state() != null
          && s.state().startsWith("idle in transaction")
          && s.stateSeconds() >= e.thresholds().idleInTransactionSeconds()) {
        idle++;
        if (longest == null || s.stateSeconds() > longest.stateSeconds()) {
          longest = s;
        }
      }
    }
    if (longest == null) {
      return List.of();
    }
    String database = e.snapshot().database();
    long seconds = Math.round(e.thresholds().idleInTransactionSeconds());
    String fix =
        e.isMySql()
            ? "SET GLOBAL wait_timeout = " + seconds
            : "ALTER DATABASE \""
                + database
                + "\" SET idle_in_transaction_session_timeout = '"
                + seconds
                + "s'";
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("sessions", Integer.toString(idle));
    facts.put("longestIdleSeconds", Numbers.decimal(longest.stateSeconds()));
    facts.put("user", String.valueOf(longest.user()));
    return List.of(
        new Finding(
            ID,
            title(),
            database,
            Risk.Level.HIGH,
            Risk.Level.HIGH,
            database + ": sessions sit idle inside open transactions",
            fix,
            idle
                + " session"
                + (idle == 1 ? "" : "s")
                + " idle in a transaction for "
                + Numbers.decimal(seconds)
                + " s or more, the longest "
                + Numbers.decimal(longest.stateSeconds())
                + " s ("
                + longest.user()
                + "); each holds its locks, a connection and, on PostgreSQL, VACUUM's horizon"
                + " until it ends.",
            facts,
            "The server rolls such a transaction back and closes the session; the application"
                + " must handle that error rather than leave transactions open."));
  }
}
