package dev.dbarch.performance.workload;

import dev.dbarch.contracts.events.AssessmentRequested;
import dev.dbarch.contracts.events.Assumption;
import dev.dbarch.contracts.events.Heading;
import dev.dbarch.specialist.rules.VerdictBuilder;
import dev.dbarch.workload.WorkloadThresholds;
import dev.dbarch.workload.diagnosis.Diagnoses;
import dev.dbarch.workload.diagnosis.Evidence;
import dev.dbarch.workload.diagnosis.Finding;
import java.util.List;

/**
 * Brings the workload diagnoses ({@link Diagnoses}) into the performance section. Each finding is a
 * risk, whose mitigation is the fix, and a decision under Performance Optimization with the
 * measured facts and the arithmetic. What the live statistics could not read becomes an assumption
 * with its question, so the report says why a diagnosis may be missing.
 */
public final class WorkloadDiagnoses {

  /** The rule the limitations of live statistics are recorded under. */
  static final String MONITORING_RULE = "PERF-MON-001";

  private WorkloadDiagnoses() {}

  /** Adds the diagnoses of the request's evidence; returns how many findings there were. */
  public static int report(
      AssessmentRequested request, VerdictBuilder verdict, WorkloadThresholds thresholds) {
    Evidence evidence = Evidence.of(request, thresholds);
    for (String unreadable : evidence.unreadablePlans()) {
      verdict.ask(
          "diagnostics."
              + unreadable
              + ". Can you send it again as EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) output?");
    }
    if (evidence.snapshot() != null) {
      for (String limitation : evidence.snapshot().limitations()) {
        verdict.assume(
            MONITORING_RULE,
            Assumption.About.LIVE_STATISTICS,
            "live workload statistics of " + evidence.snapshot().database(),
            "not read: " + limitation,
            "Can the monitored database and its monitoring user get what is missing ("
                + limitation
                + ")?");
      }
    }
    List<Finding> findings = Diagnoses.evaluate(evidence);
    for (Finding f : findings) {
      verdict.risk(f.ruleId(), f.risk(), f.likelihood(), f.impact(), f.fix());
      verdict.decide(
          f.ruleId(),
          Heading.PERFORMANCE_OPTIMIZATION,
          f.title() + ": " + f.subject(),
          f.fix(),
          f.facts(),
          f.arithmetic(),
          f.tradeOff());
    }
    return findings.size();
  }
}
