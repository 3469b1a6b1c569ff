package dev.dbarch.schema.findings;

import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.contracts.schema.SchemaSnapshot.Column;
import dev.dbarch.contracts.schema.SchemaSnapshot.ForeignKey;
import dev.dbarch.contracts.schema.SchemaSnapshot.Index;
import dev.dbarch.contracts.schema.SchemaSnapshot.Sequence;
import dev.dbarch.contracts.schema.SchemaSnapshot.Table;
import dev.dbarch.contracts.schema.SchemaSnapshot.UniqueConstraint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Test data builder for snapshot tables. */
final class TableBuilder {

  private final String schema;
  private final String name;
  private final List<Column> columns = new ArrayList<>();
  private List<String> primaryKey = List.of();
  private final List<UniqueConstraint> uniques = new ArrayList<>();
  private final List<ForeignKey> foreignKeys = new ArrayList<>();
  private final List<Index> indexes = new ArrayList<>();
  private long rows = -1;
  private String partitionOf;
  private String partitionKey;

  private TableBuilder(String schema, String name) {
    this.schema = schema;
    this.name = name;
  }

  static TableBuilder table(String name) {
    return new TableBuilder("public", name);
  }

  static TableBuilder table(String schema, String name) {
    return new TableBuilder(schema, name);
  }

  TableBuilder col(String column, String type) {
    columns.add(new Column(column, type, true, null, columns.size() + 1));
    return this;
  }

  TableBuilder notNull(String column, String type) {
    columns.add(new Column(column, type, false, null, columns.size() + 1));
    return this;
  }

  TableBuilder col(String column, String type, String defaultValue) {
    columns.add(new Column(column, type, false, defaultValue, columns.size() + 1));
    return this;
  }

  /** A NOT NULL id column and a primary key on it, with its index. */
  TableBuilder id() {
    notNull("id", "bigint");
    return pk("id");
  }

  TableBuilder pk(String... cols) {
    primaryKey = List.of(cols);
    indexes.add(
        new Index(
            name + "_pkey",
            List.of(cols),
            List.of(),
            true,
            true,
            "btree",
            null,
            true,
            -1,
            -1,
            null));
    return this;
  }

  TableBuilder fk(String fkName, String column, String referencedTable) {
    foreignKeys.add(new ForeignKey(fkName, List.of(column), referencedTable, List.of("id")));
    return this;
  }

  TableBuilder fk(String fkName, List<String> cols, String referencedTable) {
    foreignKeys.add(new ForeignKey(fkName, cols, referencedTable, cols));
    return this;
  }

  TableBuilder index(String indexName, String... cols) {
    indexes.add(idx(indexName, cols));
    return this;
  }

  TableBuilder index(Index index) {
    indexes.add(index);
    return this;
  }

  TableBuilder unique(String constraint, String... cols) {
    uniques.add(new UniqueConstraint(constraint, Arrays.asList(cols)));
    indexes.add(
        new Index(
            constraint, List.of(cols), List.of(), true, false, "btree", null, true, -1, -1, null));
    return this;
  }

  TableBuilder rows(long n) {
    rows = n;
    return this;
  }

  TableBuilder partitionOf(String parent) {
    partitionOf = parent;
    return this;
  }

  TableBuilder partitionKey(String key) {
    partitionKey = key;
    return this;
  }

  Table build() {
    return new Table(
        schema,
        name,
        columns,
        primaryKey,
        uniques,
        foreignKeys,
        indexes,
        rows,
        -1,
        partitionOf,
        partitionKey);
  }

  static Index idx(String name, String... cols) {
    return new Index(
        name, List.of(cols), List.of(), false, false, "btree", null, true, -1, -1, null);
  }

  static Index withScans(Index i, long scans) {
    return new Index(
        i.name(),
        i.columns(),
        i.include(),
        i.unique(),
        i.primary(),
        i.method(),
        i.predicate(),
        i.valid(),
        scans,
        i.sizeBytes(),
        i.definition());
  }

  static Index withDefinition(Index i, String definition) {
    return new Index(
        i.name(),
        i.columns(),
        i.include(),
        i.unique(),
        i.primary(),
        i.method(),
        i.predicate(),
        i.valid(),
        i.scans(),
        i.sizeBytes(),
        definition);
  }

  static Index withInclude(Index i, String... include) {
    return new Index(
        i.name(),
        i.columns(),
        List.of(include),
        i.unique(),
        i.primary(),
        i.method(),
        i.predicate(),
        i.valid(),
        i.scans(),
        i.sizeBytes(),
        i.definition());
  }

  static Index withPredicate(Index i, String predicate) {
    return new Index(
        i.name(),
        i.columns(),
        i.include(),
        i.unique(),
        i.primary(),
        i.method(),
        predicate,
        i.valid(),
        i.scans(),
        i.sizeBytes(),
        i.definition());
  }

  static Index invalid(Index i) {
    return new Index(
        i.name(),
        i.columns(),
        i.include(),
        i.unique(),
        i.primary(),
        i.method(),
        i.predicate(),
        false,
        i.scans(),
        i.sizeBytes(),
        i.definition());
  }

  static Index unique(Index i) {
    return new Index(
        i.name(),
        i.columns(),
        i.include(),
        true,
        i.primary(),
        i.method(),
        i.predicate(),
        i.valid(),
        i.scans(),
        i.sizeBytes(),
        i.definition());
  }

  static Index method(Index i, String method) {
    return new Index(
        i.name(),
        i.columns(),
        i.include(),
        i.unique(),
        i.primary(),
        method,
        i.predicate(),
        i.valid(),
        i.scans(),
        i.sizeBytes(),
        i.definition());
  }

  static SchemaSnapshot postgres(List<Sequence> sequences, TableBuilder... tables) {
    return new SchemaSnapshot(
        SchemaSnapshot.Engine.POSTGRESQL,
        "catalog",
        "db",
        Arrays.stream(tables).map(TableBuilder::build).toList(),
        sequences);
  }

  static SchemaSnapshot postgres(TableBuilder... tables) {
    return postgres(List.of(), tables);
  }

  static SchemaSnapshot mysql(TableBuilder... tables) {
    return new SchemaSnapshot(
        SchemaSnapshot.Engine.MYSQL,
        "catalog",
        "db",
        Arrays.stream(tables).map(TableBuilder::build).toList(),
        List.of());
  }
}
