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

  /**
   * Every {@code schema.name} an index ever had in this model (a superset of the current names):
   * lets {@link #freeRelationName} skip the scan of all tables for a name never used.
   */
  private final java.util.Set<String> seenIndexNames = new java.util.HashSet<>();

  /** Records an index name given after the index was added (a rename). */
  void noteIndexName(String schema, String name) {
    seenIndexNames.add(key(schema, name));
  }

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
    MTable t = new MTable(name.schema(), name.name(), seenIndexNames);
    t.replicaIdentity = mysql ? null : "default";
    beforeTableChange(key(name.schema(), name.name()));
    tableMap.put(key(name.schema(), name.name()), t);
    return t;
  }

  /** Takes the table out of the model, leaving what refers to it alone (a rename). */
  void removeTable(MTable t) {
    beforeTableChange(key(t.schema, t.name));
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
    beforeSequenceChange(key(name.schema(), name.name()));
    sequenceMap.put(key(name.schema(), name.name()), s);
    return s;
  }

  void removeSequence(QName name) {
    beforeSequenceChange(key(name.schema(), name.name()));
    sequenceMap.remove(key(name.schema(), name.name()));
  }

  void removeSequencesIf(Predicate<MSequence> condition) {
    for (Map.Entry<String, MSequence> e : sequenceMap.entrySet()) {
      if (condition.test(e.getValue())) {
        beforeSequenceChange(e.getKey());
      }
    }
    sequenceMap.values().removeIf(condition);
  }

  /**
   * Starts applying one statement: from now until {@link #commit} or {@link #rollback}, the model
   * remembers how it was. Cheap: the previous entry of a key is kept the first time the statement
   * adds or removes it, and a copy of a table or sequence the first time the statement reaches it
   * ({@link #table}, {@link #sequence}, {@link #touch}); nothing is proportional to the schema.
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
    j.tables.forEach(
        (k, before) -> {
          if (before == null) {
            tableMap.remove(k);
          } else {
            tableMap.put(k, before);
          }
        });
    for (Map.Entry<MTable, MTable> e : j.tablesBefore.entrySet()) {
      String k = key(e.getKey().schema, e.getKey().name);
      if (tableMap.get(k) == e.getKey()) {
        tableMap.put(k, e.getValue());
      }
    }
    j.sequences.forEach(
        (k, before) -> {
          if (before == null) {
            sequenceMap.remove(k);
          } else {
            sequenceMap.put(k, before);
          }
        });
    for (Map.Entry<MSequence, MSequence> e : j.sequencesBefore.entrySet()) {
      String k = key(e.getKey().schema, e.getKey().name);
      if (sequenceMap.get(k) == e.getKey()) {
        sequenceMap.put(k, e.getValue());
      }
    }
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

  private void beforeTableChange(String key) {
    if (journal != null && !journal.tables.containsKey(key)) {
      journal.tables.put(key, tableMap.get(key));
    }
  }

  private void beforeSequenceChange(String key) {
    if (journal != null && !journal.sequences.containsKey(key)) {
      journal.sequences.put(key, sequenceMap.get(key));
    }
  }

  /** How the model was when the statement being applied began. */
  private static final class Journal {
    final String defaultSchema;

    /** Each key the statement added or removed, and its entry before (null: absent). */
    final Map<String, MTable> tables = new LinkedHashMap<>();

    final Map<String, MSequence> sequences = new LinkedHashMap<>();

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

  /** The longest prefix of the name that fits in {@code maxBytes} UTF-8 bytes. */
  static String truncate(String name, int maxBytes) {
    if (utf8Length(name) <= maxBytes) {
      return name;
    }
    int end = name.length();
    while (end > 0 && utf8Length(name.substring(0, end)) > maxBytes) {
      end--;
    }
    if (end > 0 && Character.isHighSurrogate(name.charAt(end - 1))) {
      end--;
    }
    return name.substring(0, end);
  }

  static int utf8Length(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }

  /**
   * A name PostgreSQL generates for an object ({@code makeObjectName} in its source): {@code
   * name1_name2_label}, where, when that is longer than 63 bytes, the longer of the two names is
   * shortened a byte at a time until it fits, each then cut on a character boundary.
   */
  static String objectName(String name1, String name2, String label) {
    int overhead = (name2 == null ? 0 : 1) + (label == null ? 0 : label.length() + 1);
    int avail = PG_MAX_NAME - overhead;
    int n1 = utf8Length(name1);
    int n2 = name2 == null ? 0 : utf8Length(name2);
    while (n1 + n2 > avail) {
      if (n1 > n2) {
        n1--;
      } else {
        n2--;
      }
    }
    StringBuilder b = new StringBuilder(truncate(name1, n1));
    if (name2 != null) {
      b.append('_').append(truncate(name2, n2));
    }
    if (label != null) {
      b.append('_').append(label);
    }
    return b.toString();
  }

  /**
   * {@code ChooseRelationName}: {@link #objectName} with {@code label}, {@code label1}, {@code
   * label2}, … until no index or table of the schema has the name.
   */
  String freeRelationName(String schema, String name1, String name2, String label) {
    String name = objectName(name1, name2, label);
    int pass = 0;
    while (relationNameTaken(schema, name)) {
      name = objectName(name1, name2, label + (++pass));
    }
    return name;
  }

  private boolean relationNameTaken(String schema, String name) {
    if (tableMap.containsKey(key(schema, name)) || sequenceMap.containsKey(key(schema, name))) {
      return true;
    }
    if (!seenIndexNames.contains(key(schema, name))) {
      // No index of that name was ever added: free, without looking at every table.
      return false;
    }
    for (MTable t : tables.values()) {
      if (Objects.equals(t.schema, schema)
          && t.indexes.stream().anyMatch(i -> i.name.equals(name))) {
        return true;
      }
    }
    return false;
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
    final List<MIndex> indexes;
    String partitionOf;
    String partitionKey;
    long autoIncrementStart = -1;
    List<String> inherits = new ArrayList<>();
    String replicaIdentity;
    List<String> notValid = new ArrayList<>();

    MTable(String schema, String name, java.util.Set<String> seenIndexNames) {
      this.schema = schema;
      this.name = name;
      this.indexes = new IndexList(schema, seenIndexNames);
    }

    String qualifiedName() {
      return schema == null || schema.isEmpty() ? name : schema + "." + name;
    }

    /** A deep copy: nothing mutable is shared. */
    MTable copy() {
      MTable t = new MTable(schema, name, ((IndexList) indexes).seen);
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
      t.inherits = new ArrayList<>(inherits);
      t.replicaIdentity = replicaIdentity;
      t.notValid = new ArrayList<>(notValid);
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
        cols.add(
            new Column(
                c.name, c.type, c.nullable && !inPk, c.defaultValue, position++, c.comment, null));
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
          partitionKey,
          inherits,
          replicaIdentity,
          notValid,
          null);
    }
  }

  /** A table's indexes, recording every name added in the model's set of names ever seen. */
  static final class IndexList extends ArrayList<MIndex> {
    private final String schema;
    final java.util.Set<String> seen;

    IndexList(String schema, java.util.Set<String> seen) {
      this.schema = schema;
      this.seen = seen;
    }

    private MIndex note(MIndex i) {
      seen.add(key(schema, i.name));
      return i;
    }

    @Override
    public boolean add(MIndex i) {
      return super.add(note(i));
    }

    @Override
    public void add(int index, MIndex i) {
      super.add(index, note(i));
    }

    @Override
    public boolean addAll(java.util.Collection<? extends MIndex> c) {
      c.forEach(this::note);
      return super.addAll(c);
    }

    @Override
    public MIndex set(int index, MIndex i) {
      return super.set(index, note(i));
    }
  }

  static final class MColumn {
    String name;
    String type;
    boolean nullable = true;
    String defaultValue;
    String comment;

    MColumn(String name, String type) {
      this.name = name;
      this.type = type;
    }

    MColumn copy() {
      MColumn c = new MColumn(name, type);
      c.nullable = nullable;
      c.defaultValue = defaultValue;
      c.comment = comment;
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
