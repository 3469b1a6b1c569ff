package dev.dbarch.workload.diagnosis;

import dev.dbarch.contracts.events.Risk;
import dev.dbarch.workload.plan.Plan;
import dev.dbarch.workload.plan.PlanNode;
import dev.dbarch.workload.statement.Rewrites;
import dev.dbarch.workload.statement.SqlShape;
import dev.dbarch.workload.statement.WorkloadStatement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * PERF-DIAG-017: pagination by OFFSET. Page n reads and throws away every row of the pages before
 * it, so deep pages cost more and more. Fix: keyset pagination, asking for the rows after the last
 * one seen by the sort columns.
 */
final class OffsetPagination implements Diagnosis {

  static final String ID = "PERF-DIAG-017";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String title() {
    return "OFFSET pagination";
  }

  @Override
  public String catalogue() {
    return "Statements: ORDER BY with an OFFSET that is a parameter or a literal of at least"
        + " `offset-min`. Analysed plans: a Limit whose input produced at least `offset-min` rows"
        + " and ten times what the Limit returned. Fix: the statement rewritten to keyset"
        + " pagination, `WHERE (sort columns) > (last row's values) ORDER BY … LIMIT n`, with no"
        + " OFFSET; the sort columns should end with a unique one.";
  }

  @Override
  public List<Finding> evaluate(Evidence e) {
    Map<String, Finding> found = new LinkedHashMap<>();
    for (WorkloadStatement s : e.statements()) {
      SqlShape shape = s.shape();
      boolean deep =
          shape.offsetParameter()
              || (shape.offset() != null && shape.offset() >= e.thresholds().offsetMin());
      if (shape.kind() != SqlShape.Kind.SELECT || !deep || shape.orderBy().isEmpty()) {
        continue;
      }
      String arithmetic =
          "'"
              + s.label()
              + "' skips "
              + (shape.offset() == null
                  ? "a caller-chosen number of"
                  : Numbers.count(shape.offset()))
              + " rows before returning "
              + (shape.limit() == null ? "a page" : Numbers.count(shape.limit()))
              + "; the database still reads and sorts every skipped row, so page k costs k pages."
              + " Over "
              + Numbers.count(s.calls())
              + " calls it took "
              + Numbers.count(s.totalMillis())
              + " ms.";
      found.putIfAbsent(
          s.shapeText(),
          finding(
              e,
              s.label(),
              s.query(),
              shape.orderBy(),
              arithmetic,
              Map.of("statement", s.label(), "calls", Numbers.count(s.calls()))));
    }
    for (Plan plan : e.plans()) {
      for (PlanNode limit : plan.nodes().filter(n -> "Limit".equals(n.nodeType())).toList()) {
        if (!limit.measured() || limit.children().isEmpty()) {
          continue;
        }
        PlanNode input = limit.children().get(0);
        if (!input.measured()
            || input.actualRows() < e.thresholds().offsetMin()
            || input.actualRows() < 10 * Math.max(1, limit.actualRows())) {
          continue;
        }
        SqlShape shape = SqlShape.of(plan.query());
        String arithmetic =
            "In plan '"
                + plan.label()
                + "' the Limit returned "
                + Numbers.count(limit.actualRows())
                + " rows after its input produced "
                + Numbers.count(input.actualRows())
                + ": "
                + Numbers.count(input.actualRows() - limit.actualRows())
                + " rows were read to be skipped.";
        found.putIfAbsent(
            "plan:" + plan.label(),
            finding(
                e,
                plan.label(),
                plan.query(),
                shape.orderBy(),
                arithmetic,
                Map.of(
                    "plan",
                    plan.label(),
                    "rowsSkipped",
                    Numbers.count(input.actualRows() - limit.actualRows()))));
      }
    }
    return new ArrayList<>(found.values());
  }

  private Finding finding(
      Evidence e,
      String label,
      String query,
      List<String> orderBy,
      String arithmetic,
      Map<String, String> facts) {
    Optional<String> keyset =
        query == null || query.toLowerCase().contains("(select")
            ? Optional.empty()
            : Rewrites.keyset(query, orderBy, e.isMySql());
    SqlShape shape = SqlShape.of(query);
    if (keyset.isPresent() && shape.tables().size() == 1) {
      // Keyset pages are only as fast as the index that returns rows in the sort order.
      String table = shape.tables().get(0).qualifiedName();
      List<String> sortColumns =
          orderBy.stream().map(k -> k.strip().split("\\s+")[0].toLowerCase()).toList();
      boolean indexed = e.indexesOf(table).stream().anyMatch(i -> i.leadsWith(sortColumns));
      if (!indexed) {
        keyset = Optional.of(keyset.get() + "; " + Fixes.createIndex(e, table, sortColumns));
      }
    }
    return new Finding(
        ID,
        title(),
        label,
        Risk.Level.MEDIUM,
        Risk.Level.MEDIUM,
        label + ": pages by OFFSET, reading every skipped row again",
        keyset.orElse(
            "Page by the sort key instead of OFFSET: WHERE (sort columns) > (values of the last row"
                + " shown) ORDER BY sort columns LIMIT page size"),
        arithmetic,
        facts,
        "Keyset pages cannot jump to page n directly; the client passes the last row's sort values,"
            + " and an index on the sort columns makes each page as fast as the first.");
  }
}
