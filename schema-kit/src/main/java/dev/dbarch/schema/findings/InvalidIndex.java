package dev.dbarch.schema.findings;

import dev.dbarch.contracts.schema.SchemaFinding;
import dev.dbarch.contracts.schema.SchemaFinding.Severity;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.contracts.schema.SchemaSnapshot.Index;
import dev.dbarch.contracts.schema.SchemaSnapshot.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * SCH-IDX-004: an invalid index, usually left by a failed {@code CREATE INDEX CONCURRENTLY} or
 * {@code REINDEX CONCURRENTLY}. Writes still maintain it but queries cannot use it, and a unique
 * one may still reject rows.
 */
final class InvalidIndex implements SchemaRule {

  @Override
  public String id() {
    return "SCH-IDX-004";
  }

  @Override
  public String title() {
    return "Invalid index";
  }

  @Override
  public String rationale() {
    return "A failed concurrent build leaves an index every write pays for and no query can use.";
  }

  @Override
  public List<SchemaFinding> evaluate(SchemaSnapshot snapshot, RuleContext ctx) {
    List<SchemaFinding> out = new ArrayList<>();
    for (Table t : snapshot.tables()) {
      for (Index i : t.indexes()) {
        if (i.valid()) {
          continue;
        }
        out.add(
            new SchemaFinding(
                id(),
                Severity.HIGH,
                t.qualifiedName(),
                i.name(),
                "Index %s is invalid: writes pay for it but no query can use it."
                    .formatted(i.name()),
                ctx.fixes().rebuildIndex(t, i),
                Facts.of("columns", String.join(",", i.columns()), "unique", i.unique())));
      }
    }
    return out;
  }
}
