package dev.dbarch.schema.findings;

import dev.dbarch.contracts.schema.SchemaFinding;
import dev.dbarch.contracts.schema.SchemaFinding.Severity;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.contracts.schema.SchemaSnapshot.Column;
import dev.dbarch.contracts.schema.SchemaSnapshot.Index;
import dev.dbarch.contracts.schema.SchemaSnapshot.Table;
import dev.dbarch.schema.Snapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SCH-PK-001: a table without a primary key. A family (a partitioned table and its partitions, an
 * inheritance parent and its children) is reported once, on its top table, with the members without
 * a key in the facts: partitions repeat the parent's key, and inheritance children never inherit
 * it, so the fix for the family names each of them.
 */
final class TableWithoutPrimaryKey implements SchemaRule {

  @Override
  public String id() {
    return "SCH-PK-001";
  }

  @Override
  public String title() {
    return "Table without a primary key";
  }

  @Override
  public String rationale() {
    return "Rows cannot be addressed reliably: logical replication and change data capture cannot"
        + " identify updated or deleted rows, and duplicates go unnoticed.";
  }

  @Override
  public List<SchemaFinding> evaluate(SchemaSnapshot snapshot, RuleContext ctx) {
    List<SchemaFinding> out = new ArrayList<>();
    for (Table t : snapshot.tables()) {
      if (ctx.isChild(t)) {
        continue;
      }
      List<Table> keyless =
          ctx.descendants(t).stream().filter(d -> d.primaryKey().isEmpty()).toList();
      List<String> keylessNames = keyless.stream().map(Table::qualifiedName).toList();
      Map<String, String> facts =
          Facts.of(
              "columnCount", t.columns().size(),
              "rowEstimate", t.rowEstimate(),
              "childrenWithoutPrimaryKey",
                  keyless.isEmpty() ? null : String.join(",", keylessNames));
      if (!t.primaryKey().isEmpty()) {
        if (keyless.isEmpty() || t.partitionKey() != null) {
          continue;
        }
        // An inheritance parent with a key whose children have none: they never inherit it.
        out.add(
            new SchemaFinding(
                id(),
                Severity.HIGH,
                t.qualifiedName(),
                null,
                "Inheritance children of %s have no primary key (%s): a parent's key is not inherited, so their rows have no reliable identity."
                    .formatted(t.qualifiedName(), String.join(", ", keylessNames)),
                ctx.fixes().addPrimaryKeys(keyless, t.primaryKey()),
                facts));
        continue;
      }
      String fix;
      Optional<Index> candidate = candidateIndex(t);
      Optional<Column> id = Snapshots.column(t, "id").filter(c -> !c.nullable());
      if (candidate.isPresent() && keyless.isEmpty()) {
        facts.put("candidateIndex", candidate.get().name());
        fix = ctx.fixes().promoteToPrimaryKey(t, candidate.get());
      } else if (id.isPresent() && keyless.isEmpty()) {
        facts.put("candidateColumn", id.get().name());
        fix = ctx.fixes().addPrimaryKey(t, List.of(id.get().name()));
      } else {
        fix = ctx.fixes().addGeneratedPrimaryKey(t, keyless);
      }
      String family = keyless.isEmpty() ? "" : " (nor do %d of its partitions or children)";
      out.add(
          new SchemaFinding(
              id(),
              Severity.HIGH,
              t.qualifiedName(),
              null,
              ("Table %s has no primary key"
                      + family
                      + ": rows cannot be identified for replication, change data capture or safe updates, and duplicates go unnoticed.")
                  .formatted(t.qualifiedName(), keyless.size()),
              fix,
              facts));
    }
    return out;
  }

  /** A valid, non-partial unique index on NOT NULL columns. */
  private static Optional<Index> candidateIndex(Table t) {
    return t.indexes().stream()
        .filter(i -> i.unique() && i.valid() && i.predicate() == null && !i.columns().isEmpty())
        .filter(
            i ->
                i.columns().stream()
                    .allMatch(
                        col -> Snapshots.column(t, col).map(c -> !c.nullable()).orElse(false)))
        .findFirst();
  }
}
