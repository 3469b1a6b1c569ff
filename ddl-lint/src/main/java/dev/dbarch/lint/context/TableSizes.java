package dev.dbarch.lint.context;

import dev.dbarch.contracts.requirements.Requirements;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.contracts.schema.StatementRisk.SizeSource;
import dev.dbarch.lint.sql.Name;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a table in the live snapshot and its size: the catalog first, then the requirements' row
 * counts (with the data volume shared out by rows, as the migration specialist does).
 */
public final class TableSizes {

  private final SchemaSnapshot snapshot;
  private final Requirements requirements;

  TableSizes(SchemaSnapshot snapshot, Requirements requirements) {
    this.snapshot = snapshot;
    this.requirements = requirements;
  }

  /** The table in the snapshot: an exact schema match, else {@code public}, else any schema. */
  public Optional<SchemaSnapshot.Table> find(Name name) {
    if (snapshot == null || name == null) {
      return Optional.empty();
    }
    SchemaSnapshot.Table any = null;
    SchemaSnapshot.Table publicOne = null;
    for (SchemaSnapshot.Table t : snapshot.tables()) {
      if (!t.name().equalsIgnoreCase(name.name())) {
        continue;
      }
      if (name.schema() != null) {
        if (name.schema().equalsIgnoreCase(t.schema())) {
          return Optional.of(t);
        }
        continue;
      }
      if ("public".equals(t.schema()) || t.schema() == null) {
        publicOne = t;
      } else if (any == null) {
        any = t;
      }
    }
    return Optional.ofNullable(publicOne != null ? publicOne : any);
  }

  /** Every table of the snapshot (none without one). */
  public java.util.List<SchemaSnapshot.Table> tables() {
    return snapshot == null ? java.util.List.of() : snapshot.tables();
  }

  public boolean catalogKnown() {
    return snapshot != null && "catalog".equals(snapshot.source());
  }

  public TableSize size(Name name) {
    Optional<SchemaSnapshot.Table> table = find(name);
    if (table.isPresent() && (table.get().rowEstimate() >= 0 || table.get().sizeBytes() >= 0)) {
      return new TableSize(
          Math.max(table.get().rowEstimate(), -1), table.get().sizeBytes(), SizeSource.CATALOG);
    }
    return fromRequirements(name);
  }

  private TableSize fromRequirements(Name name) {
    if (requirements == null
        || requirements.scale() == null
        || requirements.scale().tableRows() == null
        || name == null) {
      return TableSize.UNKNOWN;
    }
    Map<String, Long> rows = requirements.scale().tableRows();
    Long count = null;
    for (Map.Entry<String, Long> e : rows.entrySet()) {
      String key = e.getKey().toLowerCase(Locale.ROOT);
      if (key.equals(name.qualified().toLowerCase(Locale.ROOT))
          || key.equals(name.name().toLowerCase(Locale.ROOT))
          || key.endsWith("." + name.name().toLowerCase(Locale.ROOT))) {
        count = e.getValue();
        break;
      }
    }
    if (count == null) {
      return TableSize.UNKNOWN;
    }
    long bytes = -1;
    Double volumeGb = requirements.scale().dataVolumeGb();
    long total = rows.values().stream().mapToLong(v -> v == null ? 0 : v).sum();
    if (volumeGb != null && total > 0) {
      bytes = (long) (volumeGb * 1024 * 1024 * 1024 * count / total);
    }
    return new TableSize(count, bytes, SizeSource.REQUIREMENTS);
  }
}
