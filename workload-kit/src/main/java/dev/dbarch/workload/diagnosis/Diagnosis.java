package dev.dbarch.workload.diagnosis;

import java.util.List;

/**
 * One workload diagnosis as a registered rule: a stable id, a title, the catalogue text of {@code
 * docs/rules/performance.md}, and a pure evaluation of the evidence. The same evidence always gives
 * the same findings, in the same order.
 */
public interface Diagnosis {

  /** Stable rule id, e.g. {@code PERF-DIAG-010}. */
  String id();

  String title();

  /** What the rule reads, when it fires and what it proposes, for the rules catalogue. */
  String catalogue();

  List<Finding> evaluate(Evidence evidence);
}
