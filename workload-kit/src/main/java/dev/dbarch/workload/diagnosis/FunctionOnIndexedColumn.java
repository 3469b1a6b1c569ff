package dev.dbarch.workload.diagnosis;

import dev.dbarch.contracts.events.Risk;
import dev.dbarch.workload.plan.Plan;
import dev.dbarch.workload.plan.PlanNode;
import dev.dbarch.workload.statement.FilterColumns;
import dev.dbarch.workload.statement.SqlShape;
import dev.dbarch.workload.statement.WorkloadStatement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PERF-DIAG-015: a condition that wraps an indexed column in a function or a cast ({@code
 * lower(email) = $1}, {@code created_at::date = $1}), so the index on the bare column cannot be
 * used. Fix: an expression index on exactly that expression (or compare the bare column with a
 * range, for dates).
 */
final class FunctionOnIndexedColumn implements Diagnosis {

  static final String ID = "PERF-DIAG-015";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String title() {
    return "Function on an indexed column";
  }

  @Override
  public String catalogue() {
    return "Statements and plan filters: an equality, IN or range condition on a function or cast"
        + " of a column that leads an index, where no index has that expression. Needs the indexes"
        + " (live statistics or schema). Fix: CREATE INDEX CONCURRENTLY on the expression; for a"
        + " date cast, a range on the bare column serves the existing index instead.";
  }

  @Override
  public List<Finding> evaluate(Evidence e) {
    Map<String, Finding> found = new LinkedHashMap<>();
    for (WorkloadStatement s : e.statements()) {
      for (SqlShape.Predicate p : s.shape().predicates()) {
        check(e, p, s.label(), s.totalMillis(), found);
      }
    }
    for (Plan plan : e.plans()) {
      for (PlanNode node : plan.nodes().filter(n -> n.relation() != null).toList()) {
        for (SqlShape.Predicate p :
            FilterColumns.of(node.filter(), node.relation(), node.alias())) {
          check(e, p, "plan '" + plan.label() + "'", null, found);
        }
      }
    }
    return new ArrayList<>(found.values());
  }

  private void check(
      Evidence e, SqlShape.Predicate p, String where, Double millis, Map<String, Finding> found) {
    if (p.function() == null
        || p.table() == null
        || p.operator() == SqlShape.Operator.JOIN
        || p.operator() == SqlShape.Operator.NOT_EQUALS) {
      return;
    }
    List<ExistingIndex> indexes = e.indexesOf(p.table());
    boolean bareIndexed = indexes.stream().anyMatch(i -> i.leadsWith(List.of(p.column())));
    String expression = ExistingIndex.normalise(p.expression());
    boolean expressionIndexed = indexes.stream().anyMatch(i -> i.leadsWith(List.of(expression)));
    if (!bareIndexed || expressionIndexed) {
      return;
    }
    String table = e.qualified(p.table());
    String subject = table + " (" + expression + ")";
    if (found.containsKey(subject)) {
      return;
    }
    String index =
        indexes.stream()
            .filter(i -> i.leadsWith(List.of(p.column())))
            .map(ExistingIndex::name)
            .findFirst()
            .orElse("an index");
    boolean dateCast =
        "cast".equals(p.function())
            || "date".equals(p.function())
            || "date_trunc".equals(p.function());
    String arithmetic =
        where
            + " tests "
            + expression
            + "; "
            + index
            + " holds "
            + p.column()
            + " as it is stored, not "
            + expression
            + ", so the planner cannot use it and reads the table instead"
            + (millis == null ? "" : " (" + Numbers.count(millis) + " ms spent in the statement)")
            + ".";
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("expression", expression);
    facts.put("index", index);
    facts.put("where", where);
    found.put(
        subject,
        new Finding(
            ID,
            title(),
            subject,
            Risk.Level.HIGH,
            Risk.Level.MEDIUM,
            table + ": " + expression + " hides " + p.column() + " from its index",
            Fixes.createIndex(e, p.table(), List.of(expression)),
            arithmetic,
            facts,
            dateCast
                ? "Or, without a new index: compare the bare column with a range ("
                    + p.column()
                    + " >= $1 AND "
                    + p.column()
                    + " < $1 + interval '1 day'), which the existing index serves."
                : "A second index on the same column costs space and write time; drop the plain"
                    + " one if nothing else uses it."));
  }
}
