package dev.dbarch.schema.findings;

import dev.dbarch.contracts.schema.SchemaFinding;
import dev.dbarch.contracts.schema.SchemaFinding.Severity;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.contracts.schema.SchemaSnapshot.Column;
import dev.dbarch.contracts.schema.SchemaSnapshot.Index;
import dev.dbarch.contracts.schema.SchemaSnapshot.Table;
import dev.dbarch.contracts.schema.SchemaSnapshot.UniqueConstraint;
import dev.dbarch.schema.Snapshots;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * SCH-NUL-001: a unique constraint or unique index (not the primary key) over nullable columns.
 * NULLs are distinct from each other, so rows with a NULL in a key column are never duplicates.
 * Skipped when the index is {@code NULLS NOT DISTINCT} or its predicate excludes the NULLs. MEDIUM
 * for multi-column keys, LOW for one column (an optional unique value is often intended).
 */
final class NullableUniqueKey implements SchemaRule {

  @Override
  public String id() {
    return "SCH-NUL-001";
  }

  @Override
  public String title() {
    return "Unique key over nullable columns";
  }

  @Override
  public String rationale() {
    return "Rows with a NULL in a key column are never duplicates of each other, so the uniqueness"
        + " the key seems to promise does not hold for them.";
  }

  @Override
  public List<SchemaFinding> evaluate(SchemaSnapshot snapshot, RuleContext ctx) {
    List<SchemaFinding> out = new ArrayList<>();
    for (Table t : snapshot.tables()) {
      Map<String, List<String>> keys = new TreeMap<>();
      Map<String, String> predicates = new LinkedHashMap<>();
      for (UniqueConstraint u : t.uniqueConstraints()) {
        keys.put(u.name(), u.columns());
      }
      for (Index i : t.indexes()) {
        if (!i.unique() || i.primary() || !i.valid()) {
          continue;
        }
        if (i.definition() != null
            && i.definition().toUpperCase(Locale.ROOT).contains("NULLS NOT DISTINCT")) {
          keys.remove(i.name());
          continue;
        }
        keys.putIfAbsent(i.name(), i.columns());
        if (i.predicate() != null) {
          predicates.put(i.name(), i.predicate());
        }
      }
      for (Map.Entry<String, List<String>> key : keys.entrySet()) {
        String predicate = predicates.getOrDefault(key.getKey(), "").toLowerCase(Locale.ROOT);
        List<Column> nullable = new ArrayList<>();
        for (String name : key.getValue()) {
          Optional<Column> c = Snapshots.column(t, name);
          if (c.isPresent()
              && c.get().nullable()
              && !predicate.contains(c.get().name().toLowerCase(Locale.ROOT) + " is not null")) {
            nullable.add(c.get());
          }
        }
        if (nullable.isEmpty()) {
          continue;
        }
        List<String> names = nullable.stream().map(Column::name).toList();
        boolean partial = predicates.containsKey(key.getKey());
        out.add(
            new SchemaFinding(
                id(),
                key.getValue().size() > 1 ? Severity.MEDIUM : Severity.LOW,
                t.qualifiedName(),
                key.getKey(),
                "Unique key %s (%s) includes nullable %s; rows with NULL there are never duplicates of each other, so uniqueness is not enforced for them."
                    .formatted(
                        key.getKey(), String.join(", ", key.getValue()), String.join(", ", names)),
                partial || key.getValue().stream().anyMatch(c -> c.contains("("))
                    ? "Recreate %s with NULLS NOT DISTINCT (PostgreSQL 15+), or make %s NOT NULL once no row holds a NULL there."
                        .formatted(key.getKey(), String.join(", ", names))
                    : ctx.fixes().nullsNotDistinct(t, key.getKey(), key.getValue(), nullable),
                Facts.of(
                    "columns", String.join(",", key.getValue()),
                    "nullableColumns", String.join(",", names))));
      }
    }
    return out;
  }
}
