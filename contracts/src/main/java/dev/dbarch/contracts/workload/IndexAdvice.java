package dev.dbarch.contracts.workload;

import java.util.List;
import java.util.Objects;

/**
 * A candidate index and what the planner made of it.
 *
 * @param table {@code schema.table}
 * @param columns key columns in order
 * @param sql the {@code CREATE INDEX} statement proposed
 * @param statements the statements it was costed on
 * @param verified whether the costs were measured with HypoPG on the monitored database
 * @param costBefore the planner's total cost of those statements without the index
 * @param costAfter the same with the index in place (hypothetically)
 * @param kept whether the cost dropped by the configured share, so the index is advised
 * @param note why it is unverified, or what was measured
 */
public record IndexAdvice(
    String table,
    List<String> columns,
    String sql,
    List<String> statements,
    boolean verified,
    Double costBefore,
    Double costAfter,
    boolean kept,
    String note) {

  public IndexAdvice {
    columns = List.copyOf(Objects.requireNonNullElse(columns, List.of()));
    statements = List.copyOf(Objects.requireNonNullElse(statements, List.of()));
  }

  /** The share by which the index lowers the cost, 0 when unmeasured. */
  public double costDrop() {
    if (costBefore == null || costAfter == null || costBefore <= 0) {
      return 0;
    }
    return (costBefore - costAfter) / costBefore;
  }
}
