package dev.dbarch.schema;

import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.contracts.schema.SchemaSnapshot.Column;
import dev.dbarch.contracts.schema.SchemaSnapshot.ForeignKey;
import dev.dbarch.contracts.schema.SchemaSnapshot.Index;
import dev.dbarch.contracts.schema.SchemaSnapshot.Sequence;
import dev.dbarch.contracts.schema.SchemaSnapshot.Table;
import dev.dbarch.contracts.schema.SchemaSnapshot.UniqueConstraint;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The canonical order of a snapshot (tables by schema then name, columns by position, indexes,
 * constraints and sequences by name) and lookups every consumer needs.
 */
public final class Snapshots {

  private static final Comparator<String> NULLS_FIRST =
      Comparator.nullsFirst(Comparator.naturalOrder());

  /** Tables by schema, then name. */
  public static final Comparator<Table> TABLE_ORDER =
      Comparator.comparing(Table::schema, NULLS_FIRST).thenComparing(Table::name, NULLS_FIRST);

  private Snapshots() {}

  /** The same snapshot with every list in canonical order. */
  public static SchemaSnapshot normalize(SchemaSnapshot snapshot) {
    List<Table> tables =
        snapshot.tables().stream().map(Snapshots::normalize).sorted(TABLE_ORDER).toList();
    List<Sequence> sequences =
        snapshot.sequences().stream()
            .sorted(
                Comparator.comparing(Sequence::schema, NULLS_FIRST)
                    .thenComparing(Sequence::name, NULLS_FIRST))
            .toList();
    return new SchemaSnapshot(
        snapshot.engine(),
        snapshot.source(),
        snapshot.database(),
        tables,
        sequences,
        snapshot.serverVersion(),
        snapshot.statistics());
  }

  /** The same table with columns by position and indexes and constraints by name. */
  public static Table normalize(Table t) {
    return new Table(
        t.schema(),
        t.name(),
        t.columns().stream()
            .sorted(Comparator.comparingInt(Column::position).thenComparing(Column::name))
            .toList(),
        t.primaryKey(),
        t.uniqueConstraints().stream()
            .sorted(Comparator.comparing(UniqueConstraint::name, NULLS_FIRST))
            .toList(),
        t.foreignKeys().stream()
            .sorted(Comparator.comparing(ForeignKey::name, NULLS_FIRST))
            .toList(),
        t.indexes().stream().sorted(Comparator.comparing(Index::name, NULLS_FIRST)).toList(),
        t.rowEstimate(),
        t.sizeBytes(),
        t.partitionOf(),
        t.partitionKey(),
        t.inherits(),
        t.replicaIdentity(),
        t.notValidConstraints().stream().sorted().toList(),
        t.bloatBytes());
  }

  /** Tables by {@link Table#qualifiedName()}. */
  public static Map<String, Table> byQualifiedName(SchemaSnapshot snapshot) {
    Map<String, Table> map = new HashMap<>();
    for (Table t : snapshot.tables()) {
      map.put(t.qualifiedName(), t);
    }
    return map;
  }

  /** The column of {@code table} with this name (case-sensitive first, then ignoring case). */
  public static Optional<Column> column(Table table, String name) {
    Optional<Column> exact =
        table.columns().stream().filter(c -> Objects.equals(c.name(), name)).findFirst();
    if (exact.isPresent() || name == null) {
      return exact;
    }
    return table.columns().stream().filter(c -> name.equalsIgnoreCase(c.name())).findFirst();
  }

  /** {@code schema.name} of a sequence, or just the name when the schema is unknown. */
  public static String qualifiedName(Sequence sequence) {
    return sequence.schema() == null || sequence.schema().isEmpty()
        ? sequence.name()
        : sequence.schema() + "." + sequence.name();
  }
}
