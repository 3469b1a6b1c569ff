package dev.dbarch.workload.advice;

import dev.dbarch.contracts.requirements.AccessPattern;
import dev.dbarch.workload.diagnosis.Evidence;
import dev.dbarch.workload.diagnosis.ExistingIndex;
import dev.dbarch.workload.plan.Plan;
import dev.dbarch.workload.statement.FilterColumns;
import dev.dbarch.workload.statement.SqlShape;
import dev.dbarch.workload.statement.WorkloadStatement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Indexes worth trying for a workload, gathered from three places: the columns the statements test,
 * the filters of sequential scans in the plans, and the declared access patterns. Equality columns
 * lead, in the order written, then at most one range column; a function applied to a column becomes
 * an expression key. Keys an existing index already leads with are left out. Candidates are ranked
 * by the time of the statements they serve.
 */
public final class IndexCandidates {

  /** More key columns rarely pay for the index's size and write cost. */
  static final int MAX_EQUALITY_KEYS = 3;

  /** Statements an index is costed on, heaviest first. */
  static final int MAX_STATEMENTS = 5;

  private IndexCandidates() {}

  public static List<Candidate> collect(Evidence evidence) {
    Map<String, Draft> drafts = new LinkedHashMap<>();
    for (WorkloadStatement statement : evidence.statements()) {
      SqlShape shape = statement.shape();
      if (!shape.parsed() || !explainable(shape)) {
        continue;
      }
      for (List<SqlShape.Predicate> onTable : byTable(shape.predicates()).values()) {
        for (List<String> keys : keySets(onTable)) {
          add(
              drafts,
              evidence,
              onTable.get(0).table(),
              keys,
              statement.query(),
              statement.totalMillis(),
              "statement");
        }
      }
    }
    for (Plan plan : evidence.plans()) {
      double millis = plan.executionTimeMs() == null ? 0 : plan.executionTimeMs();
      plan.nodes()
          .filter(n -> n.isSequentialScan() && n.relation() != null && n.filter() != null)
          .forEach(
              node -> {
                List<SqlShape.Predicate> predicates =
                    FilterColumns.of(node.filter(), node.relation(), node.alias());
                for (List<String> keys : keySets(predicates)) {
                  add(drafts, evidence, node.relation(), keys, plan.query(), millis, "plan");
                }
              });
    }
    for (AccessPattern pattern : evidence.accessPatterns()) {
      for (Map.Entry<String, List<SqlShape.Predicate>> onTable : patternPredicates(pattern)) {
        for (List<String> keys : keySets(onTable.getValue())) {
          add(drafts, evidence, onTable.getKey(), keys, pattern.sql(), 0, "access pattern");
        }
      }
    }
    return drafts.values().stream()
        .map(Draft::candidate)
        .sorted(
            Comparator.comparingDouble(Candidate::servesMillis)
                .reversed()
                .thenComparing(Candidate::table)
                .thenComparing(c -> String.join(",", c.keys())))
        .toList();
  }

  /** EXPLAIN plans these without running them. */
  static boolean explainable(SqlShape shape) {
    return shape.kind() == SqlShape.Kind.SELECT
        || shape.kind() == SqlShape.Kind.UPDATE
        || shape.kind() == SqlShape.Kind.DELETE;
  }

  private static Map<String, List<SqlShape.Predicate>> byTable(List<SqlShape.Predicate> all) {
    Map<String, List<SqlShape.Predicate>> byTable = new LinkedHashMap<>();
    for (SqlShape.Predicate p : all) {
      if (p.table() != null) {
        byTable.computeIfAbsent(p.table().toLowerCase(), t -> new ArrayList<>()).add(p);
      }
    }
    return byTable;
  }

  /**
   * The key lists the predicates on one table suggest: the equality (and join) columns with at most
   * one range column after them, and each function-wrapped column as an expression of its own.
   */
  public static List<List<String>> keySetsOf(List<SqlShape.Predicate> predicates) {
    return keySets(predicates);
  }

  static List<List<String>> keySets(List<SqlShape.Predicate> predicates) {
    Set<String> equality = new LinkedHashSet<>();
    Set<String> joins = new LinkedHashSet<>();
    String range = null;
    List<List<String>> sets = new ArrayList<>();
    for (SqlShape.Predicate p : predicates) {
      if (p.function() != null && !"cast".equals(p.function())) {
        if (p.operator() == SqlShape.Operator.EQUALS || p.operator() == SqlShape.Operator.IN) {
          sets.add(List.of(ExistingIndex.normalise(p.expression())));
        }
        continue;
      }
      if (p.function() != null) {
        continue;
      }
      switch (p.operator()) {
        case EQUALS, IN -> {
          if (equality.size() < MAX_EQUALITY_KEYS) {
            equality.add(p.column());
          }
        }
        case JOIN -> joins.add(p.column());
        case RANGE -> {
          if (range == null) {
            range = p.column();
          }
        }
        default -> {}
      }
    }
    List<String> keys = new ArrayList<>(equality);
    if (range != null && !keys.contains(range)) {
      keys.add(range);
    }
    if (!keys.isEmpty()) {
      sets.add(0, keys);
    }
    // A join column gets its own index: it serves the lookups of a nested loop from the other side.
    for (String join : joins) {
      if (!keys.contains(join)) {
        sets.add(List.of(join));
      }
    }
    return sets;
  }

  private static List<Map.Entry<String, List<SqlShape.Predicate>>> patternPredicates(
      AccessPattern pattern) {
    if (pattern.sql() != null && !pattern.sql().isBlank()) {
      SqlShape shape = SqlShape.of(pattern.sql());
      return shape.parsed() ? List.copyOf(byTable(shape.predicates()).entrySet()) : List.of();
    }
    if (pattern.table() == null || pattern.filters() == null || pattern.filters().isEmpty()) {
      return List.of();
    }
    List<SqlShape.Predicate> predicates = new ArrayList<>();
    for (String filter : pattern.filters()) {
      String text = filter.strip();
      if (text.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        predicates.add(
            new SqlShape.Predicate(
                pattern.table(),
                text.toLowerCase(),
                SqlShape.Operator.EQUALS,
                null,
                text.toLowerCase(),
                null));
      } else {
        predicates.addAll(FilterColumns.of(text, pattern.table()));
      }
    }
    return List.of(Map.entry(pattern.table(), predicates));
  }

  private static void add(
      Map<String, Draft> drafts,
      Evidence evidence,
      String table,
      List<String> keys,
      String statement,
      double millis,
      String source) {
    if (table == null || keys.isEmpty()) {
      return;
    }
    boolean covered = evidence.indexesOf(table).stream().anyMatch(i -> i.leadsWith(keys));
    if (covered) {
      return;
    }
    String qualified = evidence.qualified(table);
    String id = qualified.toLowerCase() + "|" + String.join(",", keys);
    Draft draft = drafts.computeIfAbsent(id, k -> new Draft(qualified, keys));
    draft.add(statement, millis, source);
  }

  private static final class Draft {
    final String table;
    final List<String> keys;
    final Map<String, Double> statements = new LinkedHashMap<>();
    final Set<String> sources = new LinkedHashSet<>();
    double millis;

    Draft(String table, List<String> keys) {
      this.table = table;
      this.keys = keys;
    }

    void add(String statement, double statementMillis, String source) {
      sources.add(source);
      if (statement != null && !statement.isBlank() && !statements.containsKey(statement)) {
        statements.put(statement, statementMillis);
        millis += statementMillis;
      }
    }

    Candidate candidate() {
      List<String> heaviest =
          statements.entrySet().stream()
              .sorted(
                  Map.Entry.<String, Double>comparingByValue()
                      .reversed()
                      .thenComparing(Map.Entry.comparingByKey()))
              .limit(MAX_STATEMENTS)
              .map(Map.Entry::getKey)
              .toList();
      return new Candidate(table, keys, heaviest, millis, List.copyOf(sources));
    }
  }
}
