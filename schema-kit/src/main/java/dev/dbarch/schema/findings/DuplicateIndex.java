package dev.dbarch.schema.findings;

import dev.dbarch.contracts.schema.SchemaFinding;
import dev.dbarch.contracts.schema.SchemaFinding.Severity;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.contracts.schema.SchemaSnapshot.Index;
import dev.dbarch.contracts.schema.SchemaSnapshot.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * SCH-IDX-001: indexes identical in what they index (method, key columns, operator classes and
 * collations when the definition shows them, {@code INCLUDE} columns, predicate); sort order is
 * ignored, as in pg-index-health. One of each group is kept (primary key first, then a constraint,
 * then a unique index, then the first by name). Invalid indexes are left to SCH-IDX-004.
 */
final class DuplicateIndex implements SchemaRule {

  @Override
  public String id() {
    return "SCH-IDX-001";
  }

  @Override
  public String title() {
    return "Duplicate indexes";
  }

  @Override
  public String rationale() {
    return "Every write maintains both copies and the planner only needs one.";
  }

  @Override
  public List<SchemaFinding> evaluate(SchemaSnapshot snapshot, RuleContext ctx) {
    List<SchemaFinding> out = new ArrayList<>();
    for (Table t : snapshot.tables()) {
      Map<String, List<Index>> groups = new TreeMap<>();
      for (Index i : t.indexes()) {
        if (i.valid()) {
          groups.computeIfAbsent(IndexKeys.signature(i), k -> new ArrayList<>()).add(i);
        }
      }
      for (List<Index> group : groups.values()) {
        if (group.size() < 2) {
          continue;
        }
        List<Index> ranked = new ArrayList<>(group);
        ranked.sort(
            Comparator.comparing((Index i) -> !i.primary())
                .thenComparing(i -> !ctx.isConstraint(t, i))
                .thenComparing(i -> !i.unique())
                .thenComparing(Index::name));
        Index keep = ranked.get(0);
        for (Index drop : ranked.subList(1, ranked.size())) {
          out.add(
              new SchemaFinding(
                  id(),
                  Severity.MEDIUM,
                  t.qualifiedName(),
                  drop.name(),
                  "Index %s duplicates %s: every write maintains both and the planner only needs one."
                      .formatted(drop.name(), keep.name()),
                  ctx.fixes().dropIndex(t, drop),
                  Facts.of(
                      "duplicateOf", keep.name(),
                      "columns", String.join(",", drop.columns()),
                      "sizeBytes", drop.sizeBytes())));
        }
      }
    }
    return out;
  }
}
