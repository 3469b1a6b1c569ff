package dev.dbarch.workload.diagnosis;

import dev.dbarch.contracts.events.Risk;
import dev.dbarch.workload.plan.Plan;
import dev.dbarch.workload.plan.PlanNode;
import dev.dbarch.workload.statement.FilterColumns;
import dev.dbarch.workload.statement.SqlShape;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * PERF-DIAG-011: the planner's row estimate far from what the node produced (ANALYZE plans). The
 * worst node of each plan is reported, scans first because a join inherits its inputs' errors. The
 * fix gives the planner better statistics: extended statistics for correlated columns, a finer
 * histogram for one column, or a fresh ANALYZE.
 */
final class RowEstimateError implements Diagnosis {

  static final String ID = "PERF-DIAG-011";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String title() {
    return "Row estimate far from the actual rows";
  }

  @Override
  public String catalogue() {
    return "Analysed plans: a node whose actual rows per loop differ from the planned rows by at"
        + " least `estimate-error-factor` either way, with at least `estimate-error-min-rows` rows"
        + " on one side; the worst scan of each plan (else the worst node). Fix: CREATE STATISTICS"
        + " (dependencies, ndistinct) on the filter's columns when it tests two or more,"
        + " SET STATISTICS 1000 on a single column, else ANALYZE (MySQL: ANALYZE TABLE).";
  }

  /** How far off an estimate is, at least 1. */
  static double factor(PlanNode node) {
    double actual = Math.max(node.actualRows(), 1);
    double planned = Math.max(node.planRows(), 1);
    return Math.max(actual / planned, planned / actual);
  }

  static boolean wrong(PlanNode node, Evidence e) {
    if (!node.measured() || node.planRows() == null) {
      return false;
    }
    double loops = node.actualLoops();
    return factor(node) >= e.thresholds().estimateErrorFactor()
        && Math.max(node.actualRows() * loops, node.planRows() * loops)
            >= e.thresholds().estimateErrorMinRows();
  }

  @Override
  public List<Finding> evaluate(Evidence e) {
    Map<String, Finding> found = new LinkedHashMap<>();
    for (Plan plan : e.plans()) {
      List<PlanNode> complete = new ArrayList<>();
      ranToCompletion(plan.root(), false, complete);
      List<PlanNode> wrong = complete.stream().filter(n -> wrong(n, e)).toList();
      Optional<PlanNode> worst =
          wrong.stream()
              .filter(n -> n.relation() != null)
              .max(Comparator.comparingDouble(RowEstimateError::factor));
      if (worst.isEmpty()) {
        worst = wrong.stream().max(Comparator.comparingDouble(RowEstimateError::factor));
      }
      worst.ifPresent(node -> found.putIfAbsent(plan.label(), finding(e, plan, node)));
    }
    return List.copyOf(found.values());
  }

  /**
   * The nodes that ran to the end: below a Limit, inside a semi or anti join's inner side, or under
   * a merge join, a node stops once its parent has what it needs, so producing fewer rows than
   * planned is no estimate error.
   */
  static void ranToCompletion(PlanNode node, boolean stoppedEarly, List<PlanNode> out) {
    if (!stoppedEarly) {
      out.add(node);
    }
    boolean limits = "Limit".equals(node.nodeType()) || "Merge Join".equals(node.nodeType());
    boolean semi = "Semi".equals(node.joinType()) || "Anti".equals(node.joinType());
    for (int i = 0; i < node.children().size(); i++) {
      boolean inner = i == 1 && semi;
      ranToCompletion(node.children().get(i), stoppedEarly || limits || inner, out);
    }
  }

  private Finding finding(Evidence e, Plan plan, PlanNode node) {
    String relation =
        node.relation() != null
            ? node.relation()
            : node.walk()
                .filter(n -> n.relation() != null)
                .map(PlanNode::relation)
                .findFirst()
                .orElse(null);
    List<String> columns = new ArrayList<>();
    if (node.relation() != null) {
      String condition = node.filter() != null ? node.filter() : node.indexCond();
      for (SqlShape.Predicate p : FilterColumns.of(condition, node.relation(), node.alias())) {
        if (p.function() == null && !columns.contains(p.column())) {
          columns.add(p.column());
        }
      }
    }
    String fix =
        relation == null
            ? "ANALYZE"
            : Fixes.statistics(e, relation, node.relation() == null ? List.of() : columns);
    String subject =
        (relation == null ? node.nodeType() : e.qualified(relation))
            + (columns.isEmpty() ? "" : " (" + String.join(", ", columns) + ")");
    double factor = factor(node);
    String arithmetic =
        node.nodeType()
            + (relation == null ? "" : " on " + e.qualified(relation))
            + " in plan '"
            + plan.label()
            + "': planned "
            + Numbers.count(node.planRows())
            + " rows per loop, produced "
            + Numbers.count(node.actualRows())
            + " ("
            + Numbers.factor(factor)
            + "; "
            + Numbers.factor(e.thresholds().estimateErrorFactor())
            + " or more counts as wrong). Join methods and join order are chosen from these"
            + " counts, so the rest of the plan is built on the error.";
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("plan", plan.label());
    facts.put("node", node.nodeType());
    facts.put("plannedRows", Numbers.count(node.planRows()));
    facts.put("actualRows", Numbers.count(node.actualRows()));
    facts.put("loops", Numbers.count(node.actualLoops()));
    facts.put("factor", Numbers.factor(factor));
    return new Finding(
        ID,
        title(),
        subject,
        Risk.Level.HIGH,
        factor >= 100 ? Risk.Level.HIGH : Risk.Level.MEDIUM,
        subject + ": the planner misjudges how many rows the conditions select",
        fix,
        arithmetic,
        facts,
        columns.size() >= 2
            ? "Extended statistics are gathered by every ANALYZE of the table, a little more work"
                + " and space in the catalog."
            : "A finer histogram makes ANALYZE and planning slightly slower for this table.");
  }
}
