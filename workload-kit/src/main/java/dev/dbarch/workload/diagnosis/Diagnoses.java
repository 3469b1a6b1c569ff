package dev.dbarch.workload.diagnosis;

import java.util.ArrayList;
import java.util.List;

/**
 * The registry of workload diagnoses, in the order their findings appear. Every rule here is listed
 * in {@code docs/rules/performance.md} with its catalogue text (checked by a test).
 */
public final class Diagnoses {

  public static final List<Diagnosis> ALL =
      List.of(
          new SequentialScanOnLargeTable(),
          new RowEstimateError(),
          new SpillToDisk(),
          new NestedLoopOverManyRows(),
          new NPlusOneQueries(),
          new FunctionOnIndexedColumn(),
          new SelectStar(),
          new OffsetPagination(),
          new MissingIndex(),
          new UnusedIndex(),
          new BufferCacheHitRatio(),
          new ConnectionExhaustion(),
          new LongTransactions(),
          new IdleInTransaction());

  private Diagnoses() {}

  /** Every finding of every diagnosis, in registry order; empty when there is no evidence. */
  public static List<Finding> evaluate(Evidence evidence) {
    List<Finding> findings = new ArrayList<>();
    if (evidence.isEmpty()) {
      return findings;
    }
    for (Diagnosis diagnosis : ALL) {
      findings.addAll(diagnosis.evaluate(evidence));
    }
    return findings;
  }
}
