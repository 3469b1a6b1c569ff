package dev.dbarch.schema.findings;

import dev.dbarch.contracts.schema.SchemaFinding;
import dev.dbarch.contracts.schema.SchemaFinding.Severity;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.contracts.schema.SchemaSnapshot.Index;
import dev.dbarch.contracts.schema.SchemaSnapshot.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * SCH-IDX-002: a non-unique index whose key columns are a strict leading prefix of another valid
 * index's, with the same method and predicate, whose {@code INCLUDE} columns the longer index also
 * holds (pg-index-health calls such pairs intersected). Unique and primary indexes are never
 * reported: they enforce a constraint.
 */
final class RedundantIndex implements SchemaRule {

  @Override
  public String id() {
    return "SCH-IDX-002";
  }

  @Override
  public String title() {
    return "Redundant (intersected) index";
  }

  @Override
  public String rationale() {
    return "The longer index answers every query the shorter one does; the shorter one only costs"
        + " writes and memory.";
  }

  @Override
  public List<SchemaFinding> evaluate(SchemaSnapshot snapshot, RuleContext ctx) {
    List<SchemaFinding> out = new ArrayList<>();
    for (Table t : snapshot.tables()) {
      for (Index a : t.indexes()) {
        if (a.unique() || a.primary() || !a.valid() || a.columns().isEmpty()) {
          continue;
        }
        Optional<Index> cover =
            t.indexes().stream()
                .filter(b -> b != a && b.valid())
                .filter(b -> Objects.equals(a.method(), b.method()))
                .filter(b -> Objects.equals(a.predicate(), b.predicate()))
                .filter(b -> IndexKeys.isStrictPrefix(a, b))
                .filter(
                    b -> {
                      List<String> all = new ArrayList<>(b.columns());
                      all.addAll(b.include());
                      return all.containsAll(a.include());
                    })
                .min(Comparator.comparing(Index::name));
        if (cover.isEmpty()) {
          continue;
        }
        out.add(
            new SchemaFinding(
                id(),
                Severity.LOW,
                t.qualifiedName(),
                a.name(),
                "Index %s (%s) is a leading prefix of %s (%s), which serves the same lookups."
                    .formatted(
                        a.name(),
                        String.join(", ", a.columns()),
                        cover.get().name(),
                        String.join(", ", cover.get().columns())),
                ctx.fixes().dropIndex(t, a),
                Facts.of(
                    "coveredBy", cover.get().name(),
                    "columns", String.join(",", a.columns()),
                    "coveringColumns", String.join(",", cover.get().columns()),
                    "sizeBytes", a.sizeBytes())));
      }
    }
    return out;
  }
}
