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
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/** The schema a DDL script builds, statement by statement; turned into a snapshot at the end. */
final class SchemaModel {

  /** PostgreSQL's limit on identifier length (NAMEDATALEN - 1). */
  private static final int PG_MAX_NAME = 63;

  final boolean mysql;
  String defaultSchema;

  private final Map<String, MTable> tableMap = new LinkedHashMap<>();
  private final Map<String, MSequence> sequenceMap = new LinkedHashMap<>();

  /**
   * The tables and sequences by {@link #key}, read-only: every change goes through the methods
   * below, which keep the {@link #begin journal}.
   */
  final Map<String, MTable> tables = Collections.unmodifiableMap(tableMap);

  final Map<String, MSequence> sequences = Collections.unmodifiableMap(sequenceMap);

  /** While a statement is being applied, how the model was before it; otherwise null. */
  private Journal journal;

  SchemaModel(boolean mysql) {
    this.mysql = mysql;
    this.defaultSchema = mysql ? null : "public";
  }

  static String key(String schema, String name) {
    return (schema == null ? "" : schema) + "." + name;
  }

  /** The table, or null; the caller may change it (see {@link #begin}). */
  MTable table(QName name) {
    MTable t = tableMap.get(key(name.schema(), name.name()));
    if (t == null && mysql) {
      for (MTable candidate : tableMap.values()) {
        if (Objects.equals(candidate.schema, name.schema())
            && candidate.name.equalsIgnoreCase(name.name())) {
          return touch(candidate);
        }
      }
    }
    return touch(t);
  }

  MTable createTable(QName name) {
    MTable t = new MTable(name.schema(), name.name());
    beforeTablesChange();
    tableMap.put(key(name.schema(), name.name()), t);
    return t;
  }

  /** Takes the table out of the model, leaving what refers to it alone (a rename). */
  void removeTable(MTable t) {
    beforeTablesChange();
    tableMap.remove(key(t.schema, t.name));
  }

  /** Drops the table, the foreign keys that reference it and the sequences it owns. */
  void dropTable(MTable t) {
    removeTable(t);
    String qualified = t.qualifiedName();
    for (MTable other : tableMap.values()) {
      if (other.foreignKeys.stream().anyMatch(fk -> fk.referencedTable().equals(qualified))) {
        touch(other).foreignKeys.removeIf(fk -> fk.referencedTable().equals(qualified));
      }
    }
    removeSequencesIf(s -> s.ownedBy != null && s.ownedBy.startsWith(qualified + "."));
  }

  /** The sequence, or null; the caller may change it (see {@link #begin}). */
  MSequence sequence(QName name) {
    return touch(sequenceMap.get(key(name.schema(), name.name())));
  }

  MSequence createSequence(QName name, String dataType) {
    MSequence s = new MSequence(name.schema(), name.name(), dataType);
    beforeSequencesChange();
    sequenceMap.put(key(name.schema(), name.name()), s);
    return s;
  }

  void removeSequence(QName name) {
    beforeSequencesChange();
    sequenceMap.remove(key(name.schema(), name.name()));
  }

  void removeSequencesIf(Predicate<MSequence> condition) {
    if (sequenceMap.values().stream().anyMatch(condition)) {
      beforeSequencesChange();
      sequenceMap.values().removeIf(condition);
    }
  }

  /**
   * Starts applying one statement: from now until {@link #commit} or {@link #rollback}, the model
   * remembers how it was. Cheap: a map is copied (references only) the first time the statement
   * adds or removes an entry, and a table or sequence the first time the statement reaches it
   * ({@link #table}, {@link #sequence}, {@link #touch}).
   */
  void begin() {
    journal = new Journal(defaultSchema);
  }

  /** The statement applied: forget how the model was. */
  void commit() {
    journal = null;
  }

  /** The statement did not apply: put the model back as it was at {@link #begin}. */
  void rollback() {
    Journal j = journal;
    journal = null;
    if (j == null) {
      return;
    }
    defaultSchema = j.defaultSchema;
    if (j.tables != null) {
      tableMap.clear();
      tableMap.putAll(j.tables);
    }
    tableMap.replaceAll((k, t) -> j.tablesBefore.getOrDefault(t, t));
    if (j.sequences != null) {
      sequenceMap.clear();
      sequenceMap.putAll(j.sequences);
    }
    sequenceMap.replaceAll((k, q) -> j.sequencesBefore.getOrDefault(q, q));
  }

  /**
   * Call before changing, in place, a table that was not reached through {@link #table} in this
   * statement (a loop over all tables): it is remembered as it was, for {@link #rollback}.
   */
  MTable touch(MTable t) {
    if (journal != null && t != null && !journal.tablesBefore.containsKey(t)) {
      journal.tablesBefore.put(t, t.copy());
    }
    return t;
  }

  /** As {@link #touch(MTable)}, for a sequence. */
  MSequence touch(MSequence q) {
    if (journal != null && q != null && !journal.sequencesBefore.containsKey(q)) {
      journal.sequencesBefore.put(q, q.copy());
    }
    return q;
  }

  private void beforeTablesChange() {
    if (journal != null && journal.tables == null) {
      journal.tables = new LinkedHashMap<>(tableMap);
    }
  }

  private void beforeSequencesChange() {
    if (journal != null && journal.sequences == null) {
      journal.sequences = new LinkedHashMap<>(sequenceMap);
    }
  }

  /** How the model was when the statement being applied began. */
  private static final class Journal {
    final String defaultSchema;

    /** The maps before their first change, or null while unchanged. */
    Map<String, MTable> tables;

    Map<String, MSequence> sequences;

    /** Each table or sequence the statement reached, and a copy of it as it was. */
    final Map<MTable, MTable> tablesBefore = new IdentityHashMap<>();

    final Map<MSequence, MSequence> sequencesBefore = new IdentityHashMap<>();

    Journal(String defaultSchema) {
      this.defaultSchema = defaultSchema;
    }
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

    /** A deep copy: nothing mutable is shared. */
    MTable copy() {
      MTable t = new MTable(schema, name);
      for (MColumn c : columns) {
        t.columns.add(c.copy());
      }
      t.primaryKey = new ArrayList<>(primaryKey);
      t.primaryKeyName = primaryKeyName;
      t.uniqueConstraints.addAll(uniqueConstraints);
      t.foreignKeys.addAll(foreignKeys);
      for (MIndex i : indexes) {
        t.indexes.add(i.copy());
      }
      t.partitionOf = partitionOf;
      t.partitionKey = partitionKey;
      t.autoIncrementStart = autoIncrementStart;
      return t;
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

    MColumn copy() {
      MColumn c = new MColumn(name, type);
      c.nullable = nullable;
      c.defaultValue = defaultValue;
      return c;
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

    MIndex copy() {
      MIndex i = new MIndex(name, new ArrayList<>(columns));
      i.include = new ArrayList<>(include);
      i.unique = unique;
      i.primary = primary;
      i.method = method;
      i.predicate = predicate;
      i.definition = definition;
      return i;
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

    MSequence copy() {
      MSequence s = new MSequence(schema, name, dataType);
      s.start = start;
      s.increment = increment;
      s.maxValue = maxValue;
      s.lastValue = lastValue;
      s.ownedBy = ownedBy;
      return s;
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
