package dev.dbarch.contracts.schema;

import java.util.List;
import java.util.Objects;

/**
 * The structure of one database at one moment, read from a live catalog or parsed from a DDL
 * script. Tables are ordered by schema then name so snapshots compare and serialise stably.
 *
 * @param engine where it came from
 * @param source how it was obtained: {@code catalog} (a monitored database) or {@code ddl} (an
 *     uploaded script)
 * @param database the database (catalog) name, when known
 * @param serverVersion the server's version as it reports it ({@code 17.6}, {@code
 *     10.11.19-MariaDB}), when read from a live catalog; {@code null} otherwise
 */
public record SchemaSnapshot(
    Engine engine,
    String source,
    String database,
    List<Table> tables,
    List<Sequence> sequences,
    String serverVersion) {

  public SchemaSnapshot {
    Objects.requireNonNull(engine, "engine");
    tables = List.copyOf(Objects.requireNonNullElse(tables, List.of()));
    sequences = List.copyOf(Objects.requireNonNullElse(sequences, List.of()));
  }

  /** A snapshot whose server version is unknown (a parsed script, a test). */
  public SchemaSnapshot(
      Engine engine, String source, String database, List<Table> tables, List<Sequence> sequences) {
    this(engine, source, database, tables, sequences, null);
  }

  /** The same snapshot, read from a server of this version. */
  public SchemaSnapshot withServerVersion(String version) {
    return new SchemaSnapshot(engine, source, database, tables, sequences, version);
  }

  public enum Engine {
    POSTGRESQL,
    MYSQL,
    MARIADB
  }

  /**
   * A table (or partitioned table, or partition).
   *
   * @param rowEstimate planner estimate ({@code pg_class.reltuples}), -1 when unknown
   * @param sizeBytes total size with indexes and TOAST, -1 when unknown
   * @param partitionOf the parent when this table is a partition
   * @param partitionKey the partitioning expression when this table is partitioned
   */
  public record Table(
      String schema,
      String name,
      List<Column> columns,
      List<String> primaryKey,
      List<UniqueConstraint> uniqueConstraints,
      List<ForeignKey> foreignKeys,
      List<Index> indexes,
      long rowEstimate,
      long sizeBytes,
      String partitionOf,
      String partitionKey) {

    public Table {
      columns = List.copyOf(Objects.requireNonNullElse(columns, List.of()));
      primaryKey = List.copyOf(Objects.requireNonNullElse(primaryKey, List.of()));
      uniqueConstraints = List.copyOf(Objects.requireNonNullElse(uniqueConstraints, List.of()));
      foreignKeys = List.copyOf(Objects.requireNonNullElse(foreignKeys, List.of()));
      indexes = List.copyOf(Objects.requireNonNullElse(indexes, List.of()));
    }

    /** {@code schema.name}, or just the name when the schema is unknown. */
    public String qualifiedName() {
      return schema == null || schema.isEmpty() ? name : schema + "." + name;
    }
  }

  /**
   * A column.
   *
   * @param type the declared type as the engine prints it ({@code integer}, {@code varchar(255)})
   * @param defaultValue the default expression, if any
   */
  public record Column(
      String name, String type, boolean nullable, String defaultValue, int position) {}

  public record UniqueConstraint(String name, List<String> columns) {
    public UniqueConstraint {
      columns = List.copyOf(Objects.requireNonNullElse(columns, List.of()));
    }
  }

  /** A foreign key from {@code columns} to {@code referencedTable(referencedColumns)}. */
  public record ForeignKey(
      String name, List<String> columns, String referencedTable, List<String> referencedColumns) {
    public ForeignKey {
      columns = List.copyOf(Objects.requireNonNullElse(columns, List.of()));
      referencedColumns = List.copyOf(Objects.requireNonNullElse(referencedColumns, List.of()));
    }
  }

  /**
   * An index.
   *
   * @param columns key columns in order (expressions appear as their text)
   * @param include non-key columns ({@code INCLUDE})
   * @param method {@code btree}, {@code hash}, {@code gin}, {@code gist}, …
   * @param predicate the {@code WHERE} of a partial index
   * @param valid false for an index a failed concurrent build left behind
   * @param scans times used since statistics were reset, -1 when unknown
   * @param definition the full {@code CREATE INDEX} text, when known
   */
  public record Index(
      String name,
      List<String> columns,
      List<String> include,
      boolean unique,
      boolean primary,
      String method,
      String predicate,
      boolean valid,
      long scans,
      long sizeBytes,
      String definition) {
    public Index {
      columns = List.copyOf(Objects.requireNonNullElse(columns, List.of()));
      include = List.copyOf(Objects.requireNonNullElse(include, List.of()));
    }
  }

  /**
   * A sequence, or an identity/serial column's sequence.
   *
   * @param ownedBy {@code table.column} the sequence feeds, if any
   */
  public record Sequence(
      String schema, String name, String dataType, long lastValue, long maxValue, String ownedBy) {}
}
