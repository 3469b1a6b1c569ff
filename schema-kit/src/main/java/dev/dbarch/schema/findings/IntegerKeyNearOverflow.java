package dev.dbarch.schema.findings;

import dev.dbarch.contracts.schema.SchemaFinding;
import dev.dbarch.contracts.schema.SchemaFinding.Severity;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.contracts.schema.SchemaSnapshot.Column;
import dev.dbarch.contracts.schema.SchemaSnapshot.ForeignKey;
import dev.dbarch.contracts.schema.SchemaSnapshot.Table;
import dev.dbarch.schema.SqlTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * SCH-SEQ-002: an integer key whose values approach the top of its type, when no sequence feeds it
 * (those are SCH-SEQ-001): the application or an import assigns the values, and the next ones stop
 * fitting. The highest value is the planner statistics' ({@code pg_stats}, as of the last {@code
 * ANALYZE}), so the rule needs a live PostgreSQL catalog. The fix widens the key and every foreign
 * key column that refers to it, so they keep the same type.
 */
final class IntegerKeyNearOverflow implements SchemaRule {

  @Override
  public String id() {
    return "SCH-SEQ-002";
  }

  @Override
  public String title() {
    return "Integer key near overflow";
  }

  @Override
  public String rationale() {
    return "Keys the application assigns run out like sequences do, and no sequence warns first.";
  }

  @Override
  public List<SchemaFinding> evaluate(SchemaSnapshot snapshot, RuleContext ctx) {
    List<SchemaFinding> out = new ArrayList<>();
    double threshold = ctx.settings().usedShare();
    for (Table t : snapshot.tables()) {
      for (Column c : ctx.ownColumns(t)) {
        OptionalLong max = SqlTypes.integerMax(c.type());
        if (c.highestValue() == null
            || max.isEmpty()
            || max.getAsLong() > 4294967295L
            || RuleContext.sequenceFed(c)) {
          continue;
        }
        double used = (double) c.highestValue() / max.getAsLong();
        if (used <= threshold) {
          continue;
        }
        List<String> fix = new ArrayList<>();
        fix.add(ctx.fixes().alterColumnType(t, c, "bigint"));
        for (Table other : snapshot.tables()) {
          for (ForeignKey fk : other.foreignKeys()) {
            int k = fk.referencedColumns().indexOf(c.name());
            if (fk.referencedTable().equals(t.qualifiedName()) && k >= 0) {
              other.columns().stream()
                  .filter(x -> x.name().equals(fk.columns().get(k)))
                  .findFirst()
                  .ifPresent(x -> fix.add(ctx.fixes().alterColumnType(other, x, "bigint")));
            }
          }
        }
        out.add(
            new SchemaFinding(
                id(),
                Severity.HIGH,
                t.qualifiedName(),
                c.name(),
                "Key column %s (%s) holds values up to %d, %.1f%% of the type's range, and no sequence feeds it: the next values the application assigns stop fitting."
                    .formatted(c.name(), c.type(), c.highestValue(), used * 100),
                String.join(" ", fix.stream().distinct().toList()) + Fixes.rewriteNote(),
                Facts.of(
                    "highestValue", c.highestValue(),
                    "maxValue", max.getAsLong(),
                    "usedPercent", String.format(Locale.ROOT, "%.1f", used * 100),
                    "threshold", String.format(Locale.ROOT, "%.0f%%", threshold * 100),
                    "type", c.type())));
      }
    }
    return out;
  }
}
