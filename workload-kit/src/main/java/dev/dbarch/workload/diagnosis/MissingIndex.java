package dev.dbarch.workload.diagnosis;

import dev.dbarch.contracts.events.Risk;
import dev.dbarch.contracts.workload.IndexAdvice;
import dev.dbarch.workload.advice.Candidate;
import dev.dbarch.workload.advice.IndexCandidates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * PERF-DIAG-018: the indexes the workload lacks, ranked by the time of the statements they would
 * serve. Candidates come from statements, plans and access patterns ({@link IndexCandidates}). When
 * the live snapshot carries HypoPG's measurement, an index is advised only if the planner's cost
 * dropped by the configured share, and the report states the cost before and after; without one,
 * the advice says plainly that it is unverified and is limited to large or sequentially scanned
 * tables.
 */
final class MissingIndex implements Diagnosis {

  static final String ID = "PERF-DIAG-018";

  /** The best few; the rest would bury them. */
  static final int MAX_FINDINGS = 5;

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String title() {
    return "Missing index";
  }

  @Override
  public String catalogue() {
    return "Candidates from the statements' conditions, sequential scans in plans and the access"
        + " patterns (equality columns first, one range column last; expressions for function"
        + " calls), minus those an index already leads with, ranked by the total time of the"
        + " statements they serve; at most "
        + MAX_FINDINGS
        + ". Verified: kept only when HypoPG shows the planner's cost falling by"
        + " `index-min-cost-drop`, with the costs before and after. Unverified (no HypoPG): only on"
        + " tables of `large-table-rows` or more or scanned sequentially in a plan, marked"
        + " \"unverified: HypoPG unavailable\". Fix: CREATE INDEX CONCURRENTLY (MySQL: ALTER TABLE …"
        + " ADD INDEX).";
  }

  @Override
  public List<Finding> evaluate(Evidence e) {
    List<Finding> findings = new ArrayList<>();
    List<Candidate> candidates = IndexCandidates.collect(e);
    int rank = 0;
    for (Candidate c : candidates) {
      if (findings.size() >= MAX_FINDINGS) {
        break;
      }
      rank++;
      Optional<IndexAdvice> advice = e.adviceFor(c.table(), c.keys());
      boolean verified = advice.map(IndexAdvice::verified).orElse(false);
      if (verified && !advice.get().kept()) {
        continue;
      }
      if (!verified && !plausible(e, c)) {
        continue;
      }
      String note =
          advice
              .map(IndexAdvice::note)
              .orElse(
                  "unverified: HypoPG unavailable: "
                      + (e.snapshot() == null
                          ? "no monitored database to measure it on"
                          : "the live snapshot carries no measurement of this index"));
      String subject = c.table() + " (" + String.join(", ", c.keys()) + ")";
      StringBuilder arithmetic =
          new StringBuilder("Serves ")
              .append(c.statements().size())
              .append(c.statements().size() == 1 ? " statement" : " statements")
              .append(" taking ")
              .append(Numbers.count(c.servesMillis()))
              .append(" ms in all (rank ")
              .append(rank)
              .append(" of ")
              .append(candidates.size())
              .append(" candidates by time; from ")
              .append(String.join(", ", c.sources()))
              .append("). ");
      Map<String, String> facts = new LinkedHashMap<>();
      facts.put("servesMs", Numbers.count(c.servesMillis()));
      facts.put("statements", Integer.toString(c.statements().size()));
      facts.put("verified", Boolean.toString(verified));
      if (verified) {
        IndexAdvice a = advice.get();
        arithmetic
            .append("HypoPG on the monitored database: planner cost ")
            .append(Numbers.precise(a.costBefore()))
            .append(" → ")
            .append(Numbers.precise(a.costAfter()))
            .append(" (−")
            .append(Numbers.percent(a.costDrop()))
            .append("; at least ")
            .append(Numbers.percent(e.thresholds().indexMinCostDrop()))
            .append(" required).");
        facts.put("costBefore", Numbers.precise(a.costBefore()));
        facts.put("costAfter", Numbers.precise(a.costAfter()));
        facts.put("costDrop", Numbers.percent(a.costDrop()));
      } else {
        arithmetic.append(note).append('.');
        e.tableRows(c.table()).ifPresent(rows -> facts.put("tableRows", Numbers.count(rows)));
      }
      findings.add(
          new Finding(
              ID,
              title(),
              subject,
              verified ? Risk.Level.HIGH : Risk.Level.MEDIUM,
              c.servesMillis() > 0 && rank == 1 ? Risk.Level.HIGH : Risk.Level.MEDIUM,
              c.table() + ": no index serves (" + String.join(", ", c.keys()) + ")",
              e.isMySql()
                  ? new Candidate(c.table(), c.keys(), null, 0, null).createSqlMySql()
                  : c.createSql(),
              arithmetic.toString().strip(),
              facts,
              "Each index costs disk space and slows inserts and updates of its columns; build it"
                  + " CONCURRENTLY and check it is used (pg_stat_user_indexes.idx_scan)."));
    }
    return findings;
  }

  /** Without a measurement, only where an index plainly matters. */
  private static boolean plausible(Evidence e, Candidate c) {
    boolean large = e.tableRows(c.table()).orElse(0) >= e.thresholds().largeTableRows();
    String bare = Evidence.unqualified(c.table());
    boolean scanned =
        e.plans().stream()
            .flatMap(p -> p.nodes())
            .anyMatch(n -> n.isSequentialScan() && bare.equalsIgnoreCase(n.relation()));
    return large || scanned;
  }
}
