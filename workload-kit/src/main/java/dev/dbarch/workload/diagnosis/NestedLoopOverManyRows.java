package dev.dbarch.workload.diagnosis;

import dev.dbarch.contracts.events.Risk;
import dev.dbarch.workload.plan.Plan;
import dev.dbarch.workload.plan.PlanNode;
import dev.dbarch.workload.statement.FilterColumns;
import dev.dbarch.workload.statement.SqlShape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * PERF-DIAG-013: a nested loop whose inner side runs once per outer row, many times, where that
 * hurts: the inner side reads its table in full (or filters away most of what it reads), or the
 * planner expected far fewer outer rows and would have chosen a hash or merge join had it known. An
 * index nested loop the planner foresaw is fine and stays silent. Fix: the index on the inner join
 * column, or better statistics for the outer side's filter.
 */
final class NestedLoopOverManyRows implements Diagnosis {

  static final String ID = "PERF-DIAG-013";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String title() {
    return "Nested loop over many rows";
  }

  @Override
  public String catalogue() {
    return "Analysed PostgreSQL plans: a Nested Loop whose inner side ran at least"
        + " `nested-loop-min-loops` times and either scans its table sequentially (or its filter"
        + " discards `large-table-rows` rows over all loops), or follows an outer side that produced"
        + " `estimate-error-factor` times more rows than planned. MySQL plans: a table read in full"
        + " (ALL) after tables producing that many rows. Fix: the index on the inner join column;"
        + " for a misestimated outer side, its statistics (as PERF-DIAG-011).";
  }

  @Override
  public List<Finding> evaluate(Evidence e) {
    Map<String, Finding> found = new LinkedHashMap<>();
    for (Plan plan : e.plans()) {
      if (plan.engine() == Plan.Engine.MYSQL) {
        mysql(e, plan, found);
        continue;
      }
      plan.nodes()
          .filter(n -> "Nested Loop".equals(n.nodeType()) && n.children().size() == 2)
          .forEach(loop -> postgres(e, plan, loop, found));
    }
    return List.copyOf(found.values());
  }

  private void postgres(Evidence e, Plan plan, PlanNode loop, Map<String, Finding> found) {
    PlanNode outer = loop.children().get(0);
    PlanNode inner = loop.children().get(1);
    if (!inner.measured() || inner.actualLoops() < e.thresholds().nestedLoopMinLoops()) {
      return;
    }
    Optional<PlanNode> innerScan = inner.walk().filter(n -> n.relation() != null).findFirst();
    boolean innerReadsAll =
        innerScan.isPresent()
            && (innerScan.get().isSequentialScan()
                || (innerScan.get().rowsRemovedByFilter() != null
                    && innerScan.get().rowsRemovedByFilter() * innerScan.get().actualLoops()
                        >= e.thresholds().largeTableRows()));
    boolean outerMisjudged =
        outer.measured()
            && outer.planRows() != null
            && outer.actualRows()
                >= e.thresholds().estimateErrorFactor() * Math.max(outer.planRows(), 1);
    if (!innerReadsAll && !outerMisjudged) {
      return;
    }
    String fix;
    String subject;
    String innerTable = innerScan.map(n -> e.qualified(n.relation())).orElse(inner.nodeType());
    if (innerReadsAll) {
      PlanNode scan = innerScan.get();
      List<String> keys = joinKeys(loop, scan);
      if (keys.isEmpty()) {
        fix = "ANALYZE " + innerTable;
      } else {
        fix = Fixes.createIndex(e, scan.relation(), keys);
      }
      subject = innerTable + (keys.isEmpty() ? "" : " (" + String.join(", ", keys) + ")");
    } else {
      PlanNode outerScan = outer.walk().filter(n -> n.relation() != null).findFirst().orElse(outer);
      List<String> columns = new ArrayList<>();
      if (outerScan.relation() != null) {
        String condition = outerScan.filter() != null ? outerScan.filter() : outerScan.indexCond();
        for (SqlShape.Predicate p :
            FilterColumns.of(condition, outerScan.relation(), outerScan.alias())) {
          if (p.function() == null && !columns.contains(p.column())) {
            columns.add(p.column());
          }
        }
      }
      fix =
          outerScan.relation() == null
              ? "ANALYZE"
              : Fixes.statistics(e, outerScan.relation(), columns);
      subject =
          innerTable
              + " joined to "
              + (outerScan.relation() == null
                  ? outer.nodeType()
                  : e.qualified(outerScan.relation()));
    }
    String arithmetic =
        "In plan '"
            + plan.label()
            + "' the inner side ("
            + inner.nodeType()
            + (innerScan.isPresent() ? " on " + innerTable : "")
            + ") ran "
            + Numbers.count(inner.actualLoops())
            + " times (at least "
            + Numbers.count(e.thresholds().nestedLoopMinLoops())
            + " counts as many)"
            + (outerMisjudged
                ? "; the planner expected "
                    + Numbers.count(outer.planRows())
                    + " outer rows and got "
                    + Numbers.count(outer.actualRows())
                    + " ("
                    + Numbers.factor(outer.actualRows() / Math.max(outer.planRows(), 1))
                    + "), so it chose a nested loop where a hash join reads each side once"
                : "")
            + (innerReadsAll
                ? "; each run reads the inner table without an index on the join column, "
                    + Numbers.count(innerScan.get().rowsReadTotal())
                    + " rows in all"
                : "")
            + ".";
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("plan", plan.label());
    facts.put("innerLoops", Numbers.count(inner.actualLoops()));
    if (outer.planRows() != null) {
      facts.put("outerPlannedRows", Numbers.count(outer.planRows()));
    }
    if (outer.actualRows() != null) {
      facts.put("outerActualRows", Numbers.count(outer.actualRows()));
    }
    found.putIfAbsent(
        subject,
        new Finding(
            ID,
            title(),
            subject,
            Risk.Level.HIGH,
            innerReadsAll ? Risk.Level.HIGH : Risk.Level.MEDIUM,
            subject + ": a nested loop repeats its inner side once per outer row, far too often",
            fix,
            arithmetic,
            facts,
            innerReadsAll
                ? "The index costs space and write time; build it CONCURRENTLY."
                : "Extended statistics and finer histograms make ANALYZE a little slower."));
  }

  /** The inner table's columns the loop joins on, from the join filter or the inner condition. */
  private static List<String> joinKeys(PlanNode loop, PlanNode scan) {
    List<String> keys = new ArrayList<>();
    for (String condition : new String[] {loop.joinFilter(), scan.filter(), scan.indexCond()}) {
      for (SqlShape.Predicate p : FilterColumns.of(condition, scan.relation(), scan.alias())) {
        boolean onInner =
            p.table() != null
                && (p.table().equalsIgnoreCase(scan.relation())
                    || p.table().equalsIgnoreCase(scan.alias()));
        if (onInner
            && p.function() == null
            && (p.operator() == SqlShape.Operator.JOIN || p.operator() == SqlShape.Operator.EQUALS)
            && !keys.contains(p.column())) {
          keys.add(p.column());
        }
      }
      if (!keys.isEmpty()) {
        return keys;
      }
    }
    return keys;
  }

  /** MySQL joins are nested loops: a table read in full after many rows is the same problem. */
  private void mysql(Evidence e, Plan plan, Map<String, Finding> found) {
    plan.nodes()
        .filter(n -> !n.children().isEmpty())
        .forEach(
            parent -> {
              double rows = 1;
              boolean first = true;
              for (PlanNode table : parent.children()) {
                if (table.relation() == null || table.planRows() == null) {
                  continue;
                }
                if (!first
                    && "ALL".equalsIgnoreCase(table.accessType())
                    && rows >= e.thresholds().nestedLoopMinLoops()) {
                  List<String> keys = new ArrayList<>();
                  for (SqlShape.Predicate p : FilterColumns.of(table.filter(), table.relation())) {
                    if (p.table() != null
                        && p.table().equalsIgnoreCase(table.relation())
                        && p.function() == null
                        && (p.operator() == SqlShape.Operator.JOIN
                            || p.operator() == SqlShape.Operator.EQUALS)
                        && !keys.contains(p.column())) {
                      keys.add(p.column());
                    }
                  }
                  String qualified = e.qualified(table.relation());
                  String subject =
                      qualified + (keys.isEmpty() ? "" : " (" + String.join(", ", keys) + ")");
                  found.putIfAbsent(
                      subject,
                      new Finding(
                          ID,
                          title(),
                          subject,
                          Risk.Level.HIGH,
                          Risk.Level.HIGH,
                          subject
                              + ": a nested loop repeats its inner side once per outer row, far"
                              + " too often",
                          keys.isEmpty()
                              ? "ANALYZE TABLE " + qualified
                              : Fixes.createIndex(e, table.relation(), keys),
                          "In plan '"
                              + plan.label()
                              + "' "
                              + qualified
                              + " is read in full ("
                              + Numbers.count(table.planRows())
                              + " rows) for each of about "
                              + Numbers.count(rows)
                              + " rows of the tables before it.",
                          Map.of("plan", plan.label(), "outerRows", Numbers.count(rows)),
                          "The index costs space and write time."));
                }
                double kept = table.filteredPercent() == null ? 1 : table.filteredPercent() / 100.0;
                rows *= Math.max(1, table.planRows() * kept);
                first = false;
              }
            });
  }
}
