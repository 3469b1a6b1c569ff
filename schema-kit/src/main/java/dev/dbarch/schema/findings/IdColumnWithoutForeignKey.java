package dev.dbarch.schema.findings;

import dev.dbarch.contracts.schema.SchemaFinding;
import dev.dbarch.contracts.schema.SchemaFinding.Severity;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.contracts.schema.SchemaSnapshot.Column;
import dev.dbarch.contracts.schema.SchemaSnapshot.ForeignKey;
import dev.dbarch.contracts.schema.SchemaSnapshot.Table;
import dev.dbarch.schema.SqlTypes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * SCH-FK-002: a column named like a reference ({@code customer_id}) that no foreign key covers.
 * Primary key columns are skipped (a table's own key, or a join table's), as are types a key never
 * has, and columns a partition or inheritance child repeats from its parent (reported there).
 */
final class IdColumnWithoutForeignKey implements SchemaRule {

  /** Types a reference column does not have: a {@code *_id} of these is not a key. */
  private static final Set<String> NOT_KEY_TYPES =
      Set.of("boolean", "bytea", "json", "jsonb", "xml", "blob", "longblob", "mediumblob");

  @Override
  public String id() {
    return "SCH-FK-002";
  }

  @Override
  public String title() {
    return "Reference-like column without a foreign key";
  }

  @Override
  public String rationale() {
    return "Either the relationship is not enforced and orphans accumulate, or the name misleads.";
  }

  @Override
  public List<SchemaFinding> evaluate(SchemaSnapshot snapshot, RuleContext ctx) {
    List<SchemaFinding> out = new ArrayList<>();
    for (Table t : snapshot.tables()) {
      Set<String> covered = new HashSet<>(t.primaryKey());
      for (ForeignKey fk : ctx.effectiveForeignKeys(t)) {
        covered.addAll(fk.columns());
      }
      for (Column c : ctx.ownColumns(t)) {
        String lower = c.name().toLowerCase(Locale.ROOT);
        if (!lower.endsWith("_id") || lower.equals("_id") || covered.contains(c.name())) {
          continue;
        }
        if (SqlTypes.isArray(c.type()) || NOT_KEY_TYPES.contains(SqlTypes.baseName(c.type()))) {
          continue;
        }
        Optional<Table> target =
            ctx.guessReferencedTable(t, lower.substring(0, lower.length() - 3));
        String fix =
            target
                .map(r -> ctx.fixes().addForeignKey(t, c.name(), r, r.primaryKey().get(0)))
                .orElse(
                    "Add a foreign key from %s to the table it refers to (create an index on it first), or rename the column if it is not a reference."
                        .formatted(c.name()));
        out.add(
            new SchemaFinding(
                id(),
                Severity.LOW,
                t.qualifiedName(),
                c.name(),
                "Column %s is named like a reference but no foreign key enforces it, so nothing stops orphaned or mistyped values."
                    .formatted(c.name()),
                fix,
                Facts.of(
                    "column", c.name(),
                    "type", c.type(),
                    "likelyReferencedTable", target.map(Table::qualifiedName).orElse(null))));
      }
    }
    return out;
  }
}
