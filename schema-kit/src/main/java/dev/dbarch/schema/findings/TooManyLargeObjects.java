package dev.dbarch.schema.findings;

import dev.dbarch.contracts.schema.SchemaFinding;
import dev.dbarch.contracts.schema.SchemaFinding.Severity;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.contracts.schema.SchemaSnapshot.Column;
import dev.dbarch.contracts.schema.SchemaSnapshot.Table;
import dev.dbarch.schema.SqlTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * SCH-LOB-001: more large-object columns than the threshold. On MySQL and MariaDB those are the
 * TEXT and BLOB families and JSON, stored off the row page; on PostgreSQL {@code bytea}, {@code
 * json}, {@code jsonb} and {@code xml} ({@code text} is PostgreSQL's ordinary string type, stored
 * like {@code varchar}). Families are reported as for SCH-GOD-001.
 */
final class TooManyLargeObjects implements SchemaRule {

  @Override
  public String id() {
    return "SCH-LOB-001";
  }

  @Override
  public String title() {
    return "Too many large-object columns";
  }

  @Override
  public String rationale() {
    return "Wide values make every SELECT *, copy and backup of the table expensive, and are"
        + " rarely all needed at once.";
  }

  @Override
  public List<SchemaFinding> evaluate(SchemaSnapshot snapshot, RuleContext ctx) {
    int max = ctx.settings().maxLobColumns();
    List<SchemaFinding> out = new ArrayList<>();
    for (Table t : snapshot.tables()) {
      List<String> lobs = lobs(t, ctx);
      if (lobs.size() <= max
          || ctx.parentTables(t).stream().anyMatch(p -> lobs(p, ctx).size() > max)) {
        continue;
      }
      out.add(
          new SchemaFinding(
              id(),
              Severity.MEDIUM,
              t.qualifiedName(),
              null,
              "Table %s has %d large-object columns (more than %d): rows are expensive to read and copy, and the large values are rarely all needed at once."
                  .formatted(t.qualifiedName(), lobs.size(), max),
              "Move the large, rarely read columns (%s) to a 1:1 side table, or to object storage with a reference kept here."
                  .formatted(String.join(", ", lobs)),
              Facts.of(
                  "lobColumns", String.join(",", lobs),
                  "count", lobs.size(),
                  "threshold", max)));
    }
    return out;
  }

  private static List<String> lobs(Table t, RuleContext ctx) {
    return t.columns().stream()
        .filter(c -> SqlTypes.isLargeObject(c.type(), ctx.engine()))
        .map(Column::name)
        .toList();
  }
}
