package dev.dbarch.schema.findings;

import dev.dbarch.contracts.schema.SchemaFinding;
import dev.dbarch.contracts.schema.SchemaFinding.Severity;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.contracts.schema.SchemaSnapshot.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * SCH-CON-001: a foreign key or check constraint added {@code NOT VALID} and never validated.
 * {@code NOT VALID} is the right first step on a large table (it skips the scan of existing rows),
 * but until {@code VALIDATE CONSTRAINT} runs, existing rows may break the rule and the planner
 * cannot rely on it. Validating takes only a SHARE UPDATE EXCLUSIVE lock: writes go on. Constraints
 * a partition or inheritance child takes from its parent are reported on the parent.
 */
final class UnvalidatedConstraint implements SchemaRule {

  @Override
  public String id() {
    return "SCH-CON-001";
  }

  @Override
  public String title() {
    return "Constraint left NOT VALID";
  }

  @Override
  public String rationale() {
    return "Rows written before the constraint were never checked, and the planner cannot use a"
        + " constraint that is not validated.";
  }

  @Override
  public List<SchemaFinding> evaluate(SchemaSnapshot snapshot, RuleContext ctx) {
    List<SchemaFinding> out = new ArrayList<>();
    for (Table t : snapshot.tables()) {
      for (String constraint : t.notValidConstraints()) {
        out.add(
            new SchemaFinding(
                id(),
                Severity.MEDIUM,
                t.qualifiedName(),
                constraint,
                "Constraint %s on %s was added NOT VALID and never validated: rows older than it may break it, and the planner cannot rely on it."
                    .formatted(constraint, t.qualifiedName()),
                ctx.fixes().validateConstraint(t, constraint)
                    + " -- takes a SHARE UPDATE EXCLUSIVE lock: reads and writes go on",
                Facts.of("constraint", constraint)));
      }
    }
    return out;
  }
}
