package dev.dbarch.schema.ddl;

import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.contracts.schema.SchemaSnapshot.Column;
import dev.dbarch.contracts.schema.SchemaSnapshot.ForeignKey;
import dev.dbarch.contracts.schema.SchemaSnapshot.Index;
import dev.dbarch.contracts.schema.SchemaSnapshot.Sequence;
import dev.dbarch.contracts.schema.SchemaSnapshot.Table;
import dev.dbarch.contracts.schema.SchemaSnapshot.UniqueConstraint;
import dev.dbarch.schema.Snapshots;
import dev.dbarch.schema.SqlTypes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The schema a DDL script builds, statement by statement; turned into a snapshot at the end. */
final class SchemaModel {

  /** PostgreSQL's limit on identifier length (NAMEDATALEN - 1). */
  private static final int PG_MAX_NAME = 63;

  final boolean mysql;
  String defaultSchema;
  final Map<String, MTable> tables = new LinkedHashMap<>();
  final Map<String, MSequence> sequences = new LinkedHashMap<>();

  SchemaModel(boolean mysql) {
    this.mysql = mysql;
    this.defaultSchema = mysql ? null : "public";
  }

  static String key(String schema, String name) {
    return (schema == null ? "" : schema) + "." + name;
  }

  MTable table(QName name) {
    MTable t = tables.get(key(name.schema(), name.name()));
    if (t == null && mysql) {
      for (MTable candidate : tables.values()) {
        if (Objects.equals(candidate.schema, name.schema())
            && candidate.name.equalsIgnoreCase(name.name())) {
          return candidate;
        }
      }
    }
    return t;
  }

  MTable createTable(QName name) {
    MTable t = new MTable(name.schema(), name.name());
    tables.put(key(name.schema(), name.name()), t);
    return t;
  }

  void dropTable(MTable t) {
    tables.remove(key(t.schema, t.name));
    String qualified = t.qualifiedName();
    for (MTable other : tables.values()) {
      other.foreignKeys.removeIf(fk -> fk.referencedTable().equals(qualified));
    }
    sequences.values().removeIf(s -> s.ownedBy != null && s.ownedBy.startsWith(qualified + "."));
  }

  MSequence sequence(QName name) {
    return sequences.get(key(name.schema(), name.name()));
  }

  MSequence createSequence(QName name, String dataType) {
    MSequence s = new MSequence(name.schema(), name.name(), dataType);
    sequences.put(key(name.schema(), name.name()), s);
    return s;
  }

  /** A free index name on this schema, PostgreSQL style: {@code base}, {@code base1}, … */
  String freeIndexName(MTable table, String base) {
    String name = mysql ? base : truncate(base);
    int n = 1;
    while (indexNameTaken(table, name)) {
      String suffix = mysql ? "_" + (n + 1) : String.valueOf(n);
      name = (mysql ? base : truncate(base, PG_MAX_NAME - suffix.length())) + suffix;
      n++;
    }
    return name;
  }

  private boolean indexNameTaken(MTable table, String name) {
    if (mysql) {
      return table.indexes.stream().anyMatch(i -> i.name.equalsIgnoreCase(name));
    }
    for (MTable t : tables.values()) {
      if (Objects.equals(t.schema, table.schema)
          && t.indexes.stream().anyMatch(i -> i.name.equals(name))) {
        return true;
      }
    }
    return false;
  }

  static String truncate(String name) {
    return truncate(name, PG_MAX_NAME);
  }

  private static String truncate(String name, int max) {
    return name.length() <= max ? name : name.substring(0, max);
  }

  /** Fills in referenced columns omitted in {@code REFERENCES t} with t's primary key. */
  void resolveReferences() {
    Map<String, MTable> byName = new LinkedHashMap<>();
    for (MTable t : tables.values()) {
      byName.put(t.qualifiedName(), t);
    }
    for (MTable t : tables.values()) {
      for (int k = 0; k < t.foreignKeys.size(); k++) {
        ForeignKey fk = t.foreignKeys.get(k);
        if (fk.referencedColumns().isEmpty()) {
          MTable target = byName.get(fk.referencedTable());
          if (target != null && !target.primaryKey.isEmpty()) {
            t.foreignKeys.set(
                k,
                new ForeignKey(
                    fk.name(), fk.columns(), fk.referencedTable(), List.copyOf(target.primaryKey)));
          }
        }
      }
    }
  }

  /**
   * InnoDB needs an index whose leading columns are a foreign key's columns and creates one, named
   * after the constraint, when the table has none.
   */
  void addInnoDbForeignKeyIndexes() {
    for (MTable t : tables.values()) {
      for (ForeignKey fk : t.foreignKeys) {
        boolean covered =
            t.indexes.stream()
                .anyMatch(
                    i ->
                        i.columns.size() >= fk.columns().size()
                            && lower(i.columns.subList(0, fk.columns().size()))
                                .equals(lower(fk.columns())));
        if (!covered) {
          MIndex index = new MIndex(freeIndexName(t, fk.name()), new ArrayList<>(fk.columns()));
          t.indexes.add(index);
        }
      }
    }
  }

  private static List<String> lower(List<String> names) {
    return names.stream().map(n -> n.toLowerCase(java.util.Locale.ROOT)).toList();
  }

  SchemaSnapshot toSnapshot() {
    resolveReferences();
    if (mysql) {
      addInnoDbForeignKeyIndexes();
    }
    List<Table> out = new ArrayList<>();
    for (MTable t : tables.values()) {
      out.add(t.toTable(mysql));
    }
    List<Sequence> seqs = new ArrayList<>();
    for (MSequence s : sequences.values()) {
      seqs.add(s.toSequence());
    }
    return Snapshots.normalize(
        new SchemaSnapshot(
            mysql ? SchemaSnapshot.Engine.MYSQL : SchemaSnapshot.Engine.POSTGRESQL,
            "ddl",
            null,
            out,
            seqs));
  }

  /** A schema-qualified name as the script wrote it, normalised for the dialect. */
  record QName(String schema, String name) {
    String qualified() {
      return schema == null || schema.isEmpty() ? name : schema + "." + name;
    }
  }

  static final class MTable {
    final String schema;
    final String name;
    final List<MColumn> columns = new ArrayList<>();
    List<String> primaryKey = new ArrayList<>();
    String primaryKeyName;
    final List<UniqueConstraint> uniqueConstraints = new ArrayList<>();
    final List<ForeignKey> foreignKeys = new ArrayList<>();
    final List<MIndex> indexes = new ArrayList<>();
    String partitionOf;
    String partitionKey;
    long autoIncrementStart = -1;

    MTable(String schema, String name) {
      this.schema = schema;
      this.name = name;
    }

    String qualifiedName() {
      return schema == null || schema.isEmpty() ? name : schema + "." + name;
    }

    MColumn column(String columnName, boolean ignoreCase) {
      for (MColumn c : columns) {
        if (ignoreCase ? c.name.equalsIgnoreCase(columnName) : c.name.equals(columnName)) {
          return c;
        }
      }
      return null;
    }

    void dropColumn(MColumn column, boolean ignoreCase) {
      columns.remove(column);
      java.util.function.Predicate<String> same =
          n -> ignoreCase ? n.equalsIgnoreCase(column.name) : n.equals(column.name);
      if (primaryKey.stream().anyMatch(same)) {
        primaryKey = new ArrayList<>();
        primaryKeyName = null;
      }
      uniqueConstraints.removeIf(u -> u.columns().stream().anyMatch(same));
      foreignKeys.removeIf(f -> f.columns().stream().anyMatch(same));
      indexes.removeIf(i -> i.columns.stream().anyMatch(same) || i.include.stream().anyMatch(same));
    }

    Table toTable(boolean mysql) {
      List<Column> cols = new ArrayList<>();
      int position = 1;
      for (MColumn c : columns) {
        boolean inPk =
            primaryKey.stream()
                .anyMatch(p -> mysql ? p.equalsIgnoreCase(c.name) : p.equals(c.name));
        cols.add(new Column(c.name, c.type, c.nullable && !inPk, c.defaultValue, position++));
      }
      List<Index> idx = new ArrayList<>();
      for (MIndex i : indexes) {
        idx.add(i.toIndex());
      }
      return new Table(
          schema,
          name,
          cols,
          primaryKey,
          uniqueConstraints,
          foreignKeys,
          idx,
          -1,
          -1,
          partitionOf,
          partitionKey);
    }
  }

  static final class MColumn {
    String name;
    String type;
    boolean nullable = true;
    String defaultValue;

    MColumn(String name, String type) {
      this.name = name;
      this.type = type;
    }
  }

  static final class MIndex {
    String name;
    final List<String> columns;
    List<String> include = List.of();
    boolean unique;
    boolean primary;
    String method = "btree";
    String predicate;
    String definition;

    MIndex(String name, List<String> columns) {
      this.name = name;
      this.columns = columns;
    }

    Index toIndex() {
      return new Index(
          name, columns, include, unique, primary, method, predicate, true, -1, -1, definition);
    }
  }

  static final class MSequence {
    final String schema;
    final String name;
    String dataType;
    long start = 1;
    long increment = 1;
    Long maxValue;
    Long lastValue;
    String ownedBy;

    MSequence(String schema, String name, String dataType) {
      this.schema = schema;
      this.name = name;
      this.dataType = dataType;
    }

    Sequence toSequence() {
      long max = maxValue != null ? maxValue : SqlTypes.integerMax(dataType).orElse(Long.MAX_VALUE);
      // A sequence nothing has drawn from yet stands just before its start value, as the catalog
      // reader reports it.
      long last = lastValue != null ? lastValue : start - increment;
      return new Sequence(schema, name, dataType, last, max, ownedBy);
    }
  }
}
