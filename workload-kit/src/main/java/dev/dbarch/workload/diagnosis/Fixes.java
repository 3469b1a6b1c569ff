package dev.dbarch.workload.diagnosis;

import dev.dbarch.contracts.workload.IndexAdvice;
import dev.dbarch.workload.advice.Candidate;
import dev.dbarch.workload.advice.IndexCandidates;
import dev.dbarch.workload.statement.SqlShape;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The SQL fixes several diagnoses share, written for the evidence's engine. */
final class Fixes {

  private Fixes() {}

  /** The index on {@code table (keys)}, built without blocking writes. */
  static String createIndex(Evidence evidence, String table, List<String> keys) {
    Candidate candidate = new Candidate(evidence.qualified(table), keys, null, 0, null);
    return evidence.isMySql() ? candidate.createSqlMySql() : candidate.createSql();
  }

  /** The keys an index for these predicates would have (equality columns first), if any. */
  static List<String> indexKeys(List<SqlShape.Predicate> predicates) {
    return IndexCandidates.keySetsOf(predicates).stream().findFirst().orElse(List.of());
  }

  /** What HypoPG measured for the index, as a sentence, when the snapshot carries it. */
  static Optional<String> measured(Evidence evidence, String table, List<String> keys) {
    return evidence.adviceFor(table, keys).map(IndexAdvice::note);
  }

  /**
   * Better row estimates for a table: extended statistics when two or more of its columns are
   * tested together (their values are correlated, which the planner assumes they are not), a finer
   * histogram for one column, a fresh ANALYZE otherwise.
   */
  static String statistics(Evidence evidence, String table, List<String> columns) {
    String qualified = evidence.qualified(table);
    if (evidence.isMySql()) {
      return "ANALYZE TABLE " + qualified;
    }
    Set<String> distinct = new LinkedHashSet<>(columns);
    if (distinct.size() >= 2) {
      List<String> first = new ArrayList<>(distinct).subList(0, Math.min(4, distinct.size()));
      String name =
          (Evidence.unqualified(table) + "_" + String.join("_", first) + "_stats")
              .toLowerCase(Locale.ROOT)
              .replaceAll("[^a-z0-9_]", "_");
      if (name.length() > 63) {
        name = name.substring(0, 63);
      }
      return "CREATE STATISTICS "
          + name
          + " (dependencies, ndistinct) ON "
          + String.join(", ", first)
          + " FROM "
          + qualified
          + "; ANALYZE "
          + qualified;
    }
    if (distinct.size() == 1) {
      return "ALTER TABLE "
          + qualified
          + " ALTER COLUMN "
          + distinct.iterator().next()
          + " SET STATISTICS 1000; ANALYZE "
          + qualified;
    }
    return "ANALYZE " + qualified;
  }
}
