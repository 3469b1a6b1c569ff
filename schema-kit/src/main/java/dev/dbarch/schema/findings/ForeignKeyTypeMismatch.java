package dev.dbarch.schema.findings;

import dev.dbarch.contracts.schema.SchemaFinding;
import dev.dbarch.contracts.schema.SchemaFinding.Severity;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.contracts.schema.SchemaSnapshot.Column;
import dev.dbarch.contracts.schema.SchemaSnapshot.ForeignKey;
import dev.dbarch.contracts.schema.SchemaSnapshot.Table;
import dev.dbarch.schema.Snapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SCH-FK-003: a foreign key whose columns are not of the exact types (length and precision
 * included) of the columns they reference, as pg-index-health compares them. A narrower referencing
 * column overflows when the referenced key outgrows it, and joins compare through a cast. The fix
 * gives each referencing column the referenced column's type.
 */
final class ForeignKeyTypeMismatch implements SchemaRule {

  @Override
  public String id() {
    return "SCH-FK-003";
  }

  @Override
  public String title() {
    return "Foreign key column of another type than the key it references";
  }

  @Override
  public String rationale() {
    return "An integer column referencing a bigint key fails the day the key passes 2^31, and"
        + " mismatched types make joins compare through casts.";
  }

  @Override
  public List<SchemaFinding> evaluate(SchemaSnapshot snapshot, RuleContext ctx) {
    List<SchemaFinding> out = new ArrayList<>();
    for (Table t : snapshot.tables()) {
      for (ForeignKey fk : t.foreignKeys()) {
        Optional<Table> target = ctx.table(fk.referencedTable());
        if (target.isEmpty() || fk.columns().size() != fk.referencedColumns().size()) {
          continue;
        }
        List<String> pairs = new ArrayList<>();
        List<String> fixes = new ArrayList<>();
        for (int k = 0; k < fk.columns().size(); k++) {
          Optional<Column> from = Snapshots.column(t, fk.columns().get(k));
          Optional<Column> to = Snapshots.column(target.get(), fk.referencedColumns().get(k));
          if (from.isEmpty() || to.isEmpty() || from.get().type().equals(to.get().type())) {
            continue;
          }
          pairs.add(
              "%s %s -> %s %s"
                  .formatted(
                      from.get().name(), from.get().type(), to.get().name(), to.get().type()));
          fixes.add(ctx.fixes().alterColumnType(t, from.get(), to.get().type()));
        }
        if (pairs.isEmpty()) {
          continue;
        }
        out.add(
            new SchemaFinding(
                id(),
                Severity.MEDIUM,
                t.qualifiedName(),
                fk.name(),
                "Foreign key %s pairs columns of different types (%s): the referencing side can overflow or truncate before the key does, and lookups compare through a cast."
                    .formatted(fk.name(), String.join("; ", pairs)),
                String.join(" ", fixes) + Fixes.rewriteNote(),
                Facts.of(
                    "referencedTable", fk.referencedTable(),
                    "mismatches", String.join("; ", pairs))));
      }
    }
    return out;
  }
}
