package dev.dbarch.workload.plan;

import java.util.stream.Stream;

/**
 * A parsed execution plan.
 *
 * @param engine which engine wrote it
 * @param name the label it was submitted with, if any
 * @param query the SQL it is for, when known
 * @param analyzed whether it carries measured figures ({@code EXPLAIN ANALYZE})
 * @param planningTimeMs PostgreSQL's planning time
 * @param executionTimeMs PostgreSQL's execution time ({@code ANALYZE})
 */
public record Plan(
    Engine engine,
    String name,
    String query,
    PlanNode root,
    boolean analyzed,
    Double planningTimeMs,
    Double executionTimeMs) {

  public enum Engine {
    POSTGRESQL,
    MYSQL
  }

  /** Every node, depth first from the root. */
  public Stream<PlanNode> nodes() {
    return root.walk();
  }

  /** A label for the report: the name, else the query's first words, else the root node. */
  public String label() {
    if (name != null && !name.isBlank()) {
      return name;
    }
    if (query != null && !query.isBlank()) {
      String oneLine = query.strip().replaceAll("\\s+", " ");
      return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 77) + "...";
    }
    return root.nodeType();
  }
}
