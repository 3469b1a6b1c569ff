package dev.dbarch.workload.diagnosis;

import dev.dbarch.contracts.events.Risk;
import dev.dbarch.contracts.requirements.Diagnostics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PERF-DIAG-021: more connections wanted than the server allows, or useful. The application's pools
 * add up (pool per instance × instances) against {@code max_connections} less the slots kept for
 * superusers, and the server runs only about cores × 2 + 1 queries at once; the live session count
 * shows the same from the other side. Fix: a transaction-mode pooler sized by the cores, or smaller
 * pools per instance.
 */
final class ConnectionExhaustion implements Diagnosis {

  static final String ID = "PERF-DIAG-021";

  /** PostgreSQL's default {@code superuser_reserved_connections}. */
  static final int RESERVED = 3;

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String title() {
    return "Connection exhaustion";
  }

  @Override
  public String catalogue() {
    return "`diagnostics.poolSize` × `diagnostics.applicationInstances` above `max_connections`"
        + " (settings, else diagnostics) less "
        + RESERVED
        + " reserved, or live client sessions at `connection-saturation` of max_connections or"
        + " more. Fix: PgBouncer in transaction mode with default_pool_size = cores × 2 + 1 and"
        + " max_client_conn = the pools' sum, or each instance's pool capped at (max_connections −"
        + " "
        + RESERVED
        + ") ÷ instances.";
  }

  @Override
  public List<Finding> evaluate(Evidence e) {
    Integer max = e.maxConnections();
    if (max == null || max <= RESERVED) {
      return List.of();
    }
    Diagnostics d = e.diagnostics();
    Integer pool = d == null ? null : d.poolSize();
    Integer instances = d == null ? null : d.applicationInstances();
    Integer cores = d == null ? null : d.cpuCores();
    Integer sessions =
        e.snapshot() == null || e.snapshot().sessions() == null
            ? null
            : e.snapshot().sessions().total();
    int usable = max - RESERVED;
    Integer demand = pool != null && instances != null ? pool * instances : null;
    boolean poolsTooBig = demand != null && demand > usable;
    boolean saturated = sessions != null && sessions >= e.thresholds().connectionSaturation() * max;
    if (!poolsTooBig && !saturated) {
      return List.of();
    }
    StringBuilder arithmetic = new StringBuilder();
    if (demand != null) {
      arithmetic
          .append(pool)
          .append(" connections per instance × ")
          .append(instances)
          .append(" instances = ")
          .append(demand)
          .append(" against max_connections ")
          .append(max)
          .append(" (")
          .append(usable)
          .append(" usable after ")
          .append(RESERVED)
          .append(" reserved)")
          .append(poolsTooBig ? ": the pools cannot all open. " : ". ");
    }
    if (sessions != null) {
      arithmetic
          .append(sessions)
          .append(" client sessions open now = ")
          .append(Numbers.percent((double) sessions / max))
          .append(" of max_connections")
          .append(
              saturated
                  ? " (saturated at "
                      + Numbers.percent(e.thresholds().connectionSaturation())
                      + "). "
                  : ". ");
    }
    Integer serverPool = cores == null ? null : cores * 2 + 1;
    if (serverPool != null) {
      arithmetic
          .append("The server's ")
          .append(cores)
          .append(" cores run about ")
          .append(cores)
          .append(" × 2 + 1 = ")
          .append(serverPool)
          .append(" queries at once; more connections only queue inside it.");
    }
    int perInstance = instances == null ? usable : Math.max(1, usable / instances);
    String fix =
        "PgBouncer between the application and the server: pool_mode = transaction,"
            + " default_pool_size = "
            + (serverPool == null ? "cores × 2 + 1" : Integer.toString(serverPool))
            + ", max_client_conn = "
            + (demand == null
                ? "the sum of the application pools"
                : Integer.toString(Math.max(demand, max)))
            + "; or cap each instance's pool at "
            + perInstance
            + (instances == null ? "" : " (" + usable + " ÷ " + instances + " instances)");
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("maxConnections", Integer.toString(max));
    if (demand != null) {
      facts.put("poolSize", Integer.toString(pool));
      facts.put("applicationInstances", Integer.toString(instances));
      facts.put("connectionsWanted", Integer.toString(demand));
    }
    if (sessions != null) {
      facts.put("sessions", Integer.toString(sessions));
    }
    if (cores != null) {
      facts.put("cpuCores", Integer.toString(cores));
    }
    return List.of(
        new Finding(
            ID,
            title(),
            "connections",
            Risk.Level.HIGH,
            Risk.Level.HIGH,
            "Connections: the application's pools add up to more than the server allows",
            fix,
            arithmetic.toString().strip(),
            facts,
            "Transaction pooling drops session state (prepared statements, SET, advisory locks)"
                + " between transactions; a smaller pool per instance makes requests wait in the"
                + " application at peak."));
  }
}
