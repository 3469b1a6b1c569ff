package dev.dbarch.schema.findings;

import dev.dbarch.contracts.schema.SchemaFinding;
import dev.dbarch.contracts.schema.SchemaFinding.Severity;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.contracts.schema.SchemaSnapshot.Column;
import dev.dbarch.contracts.schema.SchemaSnapshot.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The PostgreSQL column-type rules (SCH-TYP-*): a type with a better replacement. Each says which
 * types it flags and what replaces them; columns a partition or inheritance child repeats from its
 * parent are reported on the parent.
 */
abstract class ColumnTypeRule implements SchemaRule {

  /** The replacement type for this column, or empty when the rule does not apply to it. */
  abstract Optional<String> replacement(Column c);

  /** Why the replacement is better, one sentence. */
  abstract String why();

  /** The USING expression of the conversion ({@code $column} stands for the column), or null. */
  String using(Column c) {
    return null;
  }

  Severity severity() {
    return Severity.LOW;
  }

  @Override
  public String rationale() {
    return why();
  }

  @Override
  public List<SchemaFinding> evaluate(SchemaSnapshot snapshot, RuleContext ctx) {
    List<SchemaFinding> out = new ArrayList<>();
    if (!ctx.postgres()) {
      return out;
    }
    for (Table t : snapshot.tables()) {
      for (Column c : ctx.ownColumns(t)) {
        Optional<String> replacement = replacement(c);
        if (replacement.isEmpty()) {
          continue;
        }
        out.add(
            new SchemaFinding(
                id(),
                severity(),
                t.qualifiedName(),
                c.name(),
                "Column %s is %s: %s".formatted(c.name(), c.type(), why()),
                ctx.fixes().alterColumnType(t, c, replacement.get(), using(c))
                    + Fixes.rewriteNote(),
                Facts.of("type", c.type(), "replacement", replacement.get())));
      }
    }
    return out;
  }

  /** The type without array brackets, and whether it is an array. */
  static String element(Column c) {
    return c.type().endsWith("[]") ? c.type().substring(0, c.type().indexOf('[')) : c.type();
  }

  static String arrays(Column c) {
    int k = c.type().indexOf('[');
    return k < 0 ? "" : c.type().substring(k);
  }
}
