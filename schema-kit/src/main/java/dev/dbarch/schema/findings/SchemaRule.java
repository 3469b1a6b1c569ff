package dev.dbarch.schema.findings;

import dev.dbarch.contracts.schema.SchemaFinding;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import java.util.List;

/**
 * One schema rule: a stable id, a title and catalogue text (both checked against {@code
 * docs/rules/schema.md}), and a pure function from a snapshot to findings. A rule decides the
 * severity of each finding itself and only reads the snapshot and the context: the same input
 * always gives the same findings.
 */
public interface SchemaRule {

  /** The stable id ({@code SCH-FK-001}); never reused for another meaning. */
  String id();

  /** What the rule finds, in a few words, as the catalogue's second column says it. */
  String title();

  /** Why it matters and what the rule reads, in a sentence or two (the catalogue's prose). */
  String rationale();

  /** The findings on this snapshot, in any order (the registry sorts them). */
  List<SchemaFinding> evaluate(SchemaSnapshot snapshot, RuleContext context);
}
