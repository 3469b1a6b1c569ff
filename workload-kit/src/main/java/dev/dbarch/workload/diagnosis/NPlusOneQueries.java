package dev.dbarch.workload.diagnosis;

import dev.dbarch.contracts.events.Risk;
import dev.dbarch.workload.statement.Rewrites;
import dev.dbarch.workload.statement.SqlShape;
import dev.dbarch.workload.statement.WorkloadStatement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * PERF-DIAG-014: the N+1 pattern, one query per row of an earlier result. It shows in statement
 * statistics as one statement shape called very often, each call looking up a few rows by one
 * column. Statements with the same normalised shape count together (submitted rows may carry
 * literal values). Fix: one query for all the keys at once.
 */
final class NPlusOneQueries implements Diagnosis {

  static final String ID = "PERF-DIAG-014";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String title() {
    return "N+1 queries";
  }

  @Override
  public String catalogue() {
    return "Statements: one normalised shape (literals and parameters replaced) called at least"
        + " `n-plus-one-min-calls` times, returning at most `n-plus-one-max-rows-per-call` rows per"
        + " call, a SELECT of one table by one equality condition. Fix: the same statement for a"
        + " set of keys (PostgreSQL `col = ANY($1)` with an array, MySQL `col IN (...)`), one call"
        + " per page instead of one per row, or a join in the query that produced the keys.";
  }

  @Override
  public List<Finding> evaluate(Evidence e) {
    Map<String, List<WorkloadStatement>> byShape = new LinkedHashMap<>();
    for (WorkloadStatement s : e.statements()) {
      byShape.computeIfAbsent(s.shapeText(), k -> new ArrayList<>()).add(s);
    }
    List<Finding> findings = new ArrayList<>();
    for (List<WorkloadStatement> group : byShape.values()) {
      WorkloadStatement first = group.get(0);
      SqlShape shape = first.shape();
      long calls = group.stream().mapToLong(WorkloadStatement::calls).sum();
      long rows =
          group.stream().mapToLong(s -> s.stats().rows() == null ? 0 : s.stats().rows()).sum();
      double millis = group.stream().mapToDouble(WorkloadStatement::totalMillis).sum();
      if (calls < e.thresholds().nPlusOneMinCalls()
          || (double) rows / calls > e.thresholds().nPlusOneMaxRowsPerCall()
          || shape.kind() != SqlShape.Kind.SELECT
          || shape.tables().size() != 1) {
        continue;
      }
      Optional<SqlShape.Predicate> lookup = singleEquality(shape);
      if (lookup.isEmpty()) {
        continue;
      }
      String column = lookup.get().column();
      String table = e.qualified(shape.tables().get(0).qualifiedName());
      Optional<String> batched = Rewrites.batchedLookup(first.query(), column, e.isMySql());
      if (batched.isEmpty()) {
        continue;
      }
      String arithmetic =
          Numbers.count(calls)
              + " calls of one lookup by "
              + column
              + " ("
              + Numbers.decimal((double) rows / calls)
              + " rows per call, "
              + Numbers.count(millis)
              + " ms in all, "
              + Numbers.precise(millis / calls)
              + " ms per call): each call pays a round trip and the statement's fixed cost;"
              + " one call per page of keys pays them once.";
      Map<String, String> facts = new LinkedHashMap<>();
      facts.put("statement", first.label());
      facts.put("calls", Numbers.count(calls));
      facts.put("rowsPerCall", Numbers.decimal((double) rows / calls));
      facts.put("totalMs", Numbers.count(millis));
      findings.add(
          new Finding(
              ID,
              title(),
              table + "." + column,
              Risk.Level.HIGH,
              calls >= 10L * e.thresholds().nPlusOneMinCalls()
                  ? Risk.Level.HIGH
                  : Risk.Level.MEDIUM,
              table + ": rows are fetched one " + column + " at a time (N+1 queries)",
              batched.get(),
              arithmetic,
              facts,
              "The caller collects the keys first and matches the rows to them itself; a page of"
                  + " keys should stay bounded (hundreds, not millions)."));
    }
    findings.sort(Comparator.comparing(Finding::subject));
    return findings;
  }

  /** The one equality test of a lookup ({@code WHERE customer_id = $1}), if that is all it has. */
  private static Optional<SqlShape.Predicate> singleEquality(SqlShape shape) {
    List<SqlShape.Predicate> predicates = shape.predicates();
    if (predicates.size() != 1) {
      return Optional.empty();
    }
    SqlShape.Predicate p = predicates.get(0);
    return p.operator() == SqlShape.Operator.EQUALS && p.function() == null
        ? Optional.of(p)
        : Optional.empty();
  }
}
