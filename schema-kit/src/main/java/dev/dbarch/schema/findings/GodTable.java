package dev.dbarch.schema.findings;

import dev.dbarch.contracts.schema.SchemaFinding;
import dev.dbarch.contracts.schema.SchemaFinding.Severity;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.contracts.schema.SchemaSnapshot.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * SCH-GOD-001: a table with more columns than the threshold. Partitions are reported on their
 * parent; an inheritance child only when its own columns take it over a threshold its parent stays
 * under.
 */
final class GodTable implements SchemaRule {

  @Override
  public String id() {
    return "SCH-GOD-001";
  }

  @Override
  public String title() {
    return "Table with too many columns";
  }

  @Override
  public String rationale() {
    return "Wide rows mean fewer rows per page and more I/O for every query, and usually a table"
        + " that models several things at once.";
  }

  @Override
  public List<SchemaFinding> evaluate(SchemaSnapshot snapshot, RuleContext ctx) {
    int max = ctx.settings().godTableMaxColumns();
    List<SchemaFinding> out = new ArrayList<>();
    for (Table t : snapshot.tables()) {
      if (t.columns().size() <= max
          || ctx.parentTables(t).stream().anyMatch(p -> p.columns().size() > max)) {
        continue;
      }
      out.add(
          new SchemaFinding(
              id(),
              Severity.MEDIUM,
              t.qualifiedName(),
              null,
              "Table %s has %d columns (more than %d): it probably mixes several entities and every read pays for the width."
                  .formatted(t.qualifiedName(), t.columns().size(), max),
              "Split column groups that are read or written together into 1:1 tables keyed by the primary key (vertical partitioning); keep the hot columns in the main table.",
              Facts.of("columnCount", t.columns().size(), "threshold", max)));
    }
    return out;
  }
}
