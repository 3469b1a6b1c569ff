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
 * @param statistics how long the live usage counters have been accumulating; null for a script
 */
public record SchemaSnapshot(
    Engine engine,
    String source,
    String database,
    List<Table> tables,
    List<Sequence> sequences,
    String serverVersion,
    Statistics statistics) {

  public SchemaSnapshot {
    Objects.requireNonNull(engine, "engine");
    tables = List.copyOf(Objects.requireNonNullElse(tables, List.of()));
    sequences = List.copyOf(Objects.requireNonNullElse(sequences, List.of()));
  }

  /** A snapshot without a server version or usage statistics (a parsed script, a test). */
  public SchemaSnapshot(
      Engine engine, String source, String database, List<Table> tables, List<Sequence> sequences) {
    this(engine, source, database, tables, sequences, null, null);
  }

  /** A snapshot read from a server of this version, without usage statistics. */
  public SchemaSnapshot(
      Engine engine,
      String source,
      String database,
      List<Table> tables,
      List<Sequence> sequences,
      String serverVersion) {
    this(engine, source, database, tables, sequences, serverVersion, null);
  }

  /** A snapshot with usage statistics, its server version unknown. */
  public SchemaSnapshot(
      Engine engine,
      String source,
      String database,
      List<Table> tables,
      List<Sequence> sequences,
      Statistics statistics) {
    this(engine, source, database, tables, sequences, null, statistics);
  }

  /** The same snapshot, read from a server of this version. */
  public SchemaSnapshot withServerVersion(String version) {
    return new SchemaSnapshot(engine, source, database, tables, sequences, version, statistics);
  }

  /**
   * How far the usage counters of a live catalog (index scans) can be trusted.
   *
   * @param ageSeconds seconds the counters have been accumulating: since {@code
   *     pg_stat_database.stats_reset}, or since the server started when they were never reset
   * @param since {@code stats_reset} or {@code server_start}: which of the two {@code ageSeconds}
   *     counts from
   * @param standby whether the snapshot was read on a standby (its counters are its own)
   * @param replicas standbys streaming from this server, -1 when not visible: their reads never
   *     reach these counters
   */
  public record Statistics(long ageSeconds, String since, boolean standby, int replicas) {}

  public enum Engine {
    POSTGRESQL,
    MYSQL,
    MARIADB
  }

  /**
   * A table (or partitioned table, or partition).
   *
   * @param rowEstimate planner estimate ({@code pg_class.reltuples}), -1 when unknown
   * @param sizeBytes total size with indexes and TOAST, -1 when unknown; PostgreSQL: the pages the
   *     last VACUUM or ANALYZE counted while fewer rows changed since than would make autovacuum
   *     analyze the table again, measured on disk otherwise (and for any table with pages, whose
   *     own part the bloat estimate measures)
   * @param partitionOf the parent when this table is a partition
   * @param partitionKey the partitioning expression when this table is partitioned
   * @param inherits the parents of an old-style inheritance child ({@code INHERITS}), in order
   * @param replicaIdentity what logical replication logs of an updated or deleted row: {@code
   *     default} (the primary key), {@code full}, {@code nothing} or {@code index:<name>}; null
   *     when the engine has no such setting
   * @param notValidConstraints foreign key and check constraints added {@code NOT VALID} and not
   *     validated since, by name
   * @param bloatBytes estimated wasted space of the table, null when unknown (always for a script)
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
      String partitionKey,
      List<String> inherits,
      String replicaIdentity,
      List<String> notValidConstraints,
      Long bloatBytes) {

    public Table {
      columns = List.copyOf(Objects.requireNonNullElse(columns, List.of()));
      primaryKey = List.copyOf(Objects.requireNonNullElse(primaryKey, List.of()));
      uniqueConstraints = List.copyOf(Objects.requireNonNullElse(uniqueConstraints, List.of()));
      foreignKeys = List.copyOf(Objects.requireNonNullElse(foreignKeys, List.of()));
      indexes = List.copyOf(Objects.requireNonNullElse(indexes, List.of()));
      inherits = List.copyOf(Objects.requireNonNullElse(inherits, List.of()));
      notValidConstraints = List.copyOf(Objects.requireNonNullElse(notValidConstraints, List.of()));
    }

    /** A table without inheritance, replica identity, unvalidated constraints or bloat data. */
    public Table(
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
      this(
          schema,
          name,
          columns,
          primaryKey,
          uniqueConstraints,
          foreignKeys,
          indexes,
          rowEstimate,
          sizeBytes,
          partitionOf,
          partitionKey,
          null,
          null,
          null,
          null);
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
   * @param comment the column's comment ({@code COMMENT ON COLUMN}, MySQL {@code COMMENT}), if any
   * @param highestValue for an integer column that alone is a primary or unique key: the highest
   *     value the planner statistics have seen (PostgreSQL {@code pg_stats}, as of the last {@code
   *     ANALYZE}); null when unknown or not such a column
   */
  public record Column(
      String name,
      String type,
      boolean nullable,
      String defaultValue,
      int position,
      String comment,
      Long highestValue) {

    /** A column without comment or statistics. */
    public Column(String name, String type, boolean nullable, String defaultValue, int position) {
      this(name, type, nullable, defaultValue, position, null, null);
    }
  }

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
   * @param bloatBytes estimated wasted space of a B-tree index, null when unknown
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
      String definition,
      Long bloatBytes) {
    public Index {
      columns = List.copyOf(Objects.requireNonNullElse(columns, List.of()));
      include = List.copyOf(Objects.requireNonNullElse(include, List.of()));
    }

    /** An index without bloat data. */
    public Index(
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
      this(
          name,
          columns,
          include,
          unique,
          primary,
          method,
          predicate,
          valid,
          scans,
          sizeBytes,
          definition,
          null);
    }
  }

  /**
   * A sequence, or an identity/serial column's sequence.
   *
   * @param lastValue the last value handed out; the position before the start value when never
   *     called, unreadable, or (PostgreSQL) not read because neither the sequence's range nor a
   *     column it feeds ends at or below 2^32
   * @param ownedBy {@code table.column} the sequence feeds, if any
   */
  public record Sequence(
      String schema, String name, String dataType, long lastValue, long maxValue, String ownedBy) {}
}
