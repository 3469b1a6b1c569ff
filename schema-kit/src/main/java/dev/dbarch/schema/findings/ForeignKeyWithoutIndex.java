package dev.dbarch.schema.findings;

import dev.dbarch.contracts.schema.SchemaFinding;
import dev.dbarch.contracts.schema.SchemaFinding.Severity;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.contracts.schema.SchemaSnapshot.ForeignKey;
import dev.dbarch.contracts.schema.SchemaSnapshot.Index;
import dev.dbarch.contracts.schema.SchemaSnapshot.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * SCH-FK-001: a foreign key no index supports ({@link IndexKeys#supports}). A partition's indexes
 * include those of the partitioned tables above it; a partial index counts when the key lookup
 * implies its predicate.
 */
final class ForeignKeyWithoutIndex implements SchemaRule {

  @Override
  public String id() {
    return "SCH-FK-001";
  }

  @Override
  public String title() {
    return "Foreign key without a supporting index";
  }

  @Override
  public String rationale() {
    return "Deleting or updating a referenced row makes the database look for referencing rows;"
        + " without an index that is a full scan of the referencing table, under a lock, per row.";
  }

  @Override
  public List<SchemaFinding> evaluate(SchemaSnapshot snapshot, RuleContext ctx) {
    List<SchemaFinding> out = new ArrayList<>();
    for (Table t : snapshot.tables()) {
      List<Index> indexes = ctx.effectiveIndexes(t);
      for (ForeignKey fk : t.foreignKeys()) {
        if (fk.columns().isEmpty() || indexes.stream().anyMatch(i -> IndexKeys.supports(i, fk))) {
          continue;
        }
        long large = ctx.settings().largeTableRows();
        out.add(
            new SchemaFinding(
                id(),
                t.rowEstimate() >= large ? Severity.HIGH : Severity.MEDIUM,
                t.qualifiedName(),
                fk.name(),
                "Foreign key %s (%s) to %s has no supporting index, so every delete or key update on %s scans %s."
                    .formatted(
                        fk.name(),
                        String.join(", ", fk.columns()),
                        fk.referencedTable(),
                        fk.referencedTable(),
                        t.qualifiedName()),
                ctx.fixes().createIndex(t, Fixes.indexName(t, fk.columns()), fk.columns()),
                Facts.of(
                    "columns", String.join(",", fk.columns()),
                    "referencedTable", fk.referencedTable(),
                    "rowEstimate", t.rowEstimate(),
                    "largeTableRows", large)));
      }
    }
    return out;
  }
}
