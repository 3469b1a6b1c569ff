package dev.dbarch.schema.findings;

import dev.dbarch.contracts.schema.SchemaFinding;
import dev.dbarch.contracts.schema.SchemaFinding.Severity;
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
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The schema rules: pure functions from a {@link SchemaSnapshot} to {@link SchemaFinding}s, each
 * with a stable id documented in {@code docs/rules/schema.md}. They work the same on a snapshot
 * read from a live catalog and on one parsed from a DDL script; rules that need live statistics
 * (index scans) stay silent when the snapshot does not have them.
 *
 * <p>Findings come out sorted by rule id, then table, then object.
 */
public final class SchemaRules {

  public static final String FK_WITHOUT_INDEX = "SCH-FK-001";
  public static final String ID_COLUMN_WITHOUT_FK = "SCH-FK-002";
  public static final String NO_PRIMARY_KEY = "SCH-PK-001";
  public static final String GOD_TABLE = "SCH-GOD-001";
  public static final String DUPLICATE_INDEX = "SCH-IDX-001";
  public static final String REDUNDANT_INDEX = "SCH-IDX-002";
  public static final String UNUSED_INDEX = "SCH-IDX-003";
  public static final String INVALID_INDEX = "SCH-IDX-004";
  public static final String NULLABLE_UNIQUE = "SCH-NUL-001";
  public static final String TOO_MANY_LOBS = "SCH-LOB-001";
  public static final String SEQUENCE_EXHAUSTION = "SCH-SEQ-001";
  public static final String REGULATED_DATA = "SCH-PII-001";

  /** SCH-GOD-001 fires for tables with more columns than this. */
  public static final int GOD_TABLE_MAX_COLUMNS = 50;

  /** SCH-LOB-001 fires for tables with more large-object columns than this. */
  public static final int MAX_LOB_COLUMNS = 4;

  /** SCH-SEQ-001 fires when a sequence has used more than this share of its range. */
  public static final double SEQUENCE_USED_SHARE = 0.8;

  /** SCH-FK-001 is HIGH instead of MEDIUM from this many rows in the referencing table. */
  public static final long LARGE_TABLE_ROWS = 100_000;

  private static final Comparator<SchemaFinding> ORDER =
      Comparator.comparing(SchemaFinding::ruleId)
          .thenComparing(SchemaFinding::table, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(SchemaFinding::object, Comparator.nullsFirst(Comparator.naturalOrder()));

  private static final Pattern NEXTVAL = Pattern.compile("nextval\\('([^']+)'");

  /** Types a reference column does not have: a {@code *_id} of these is not a key. */
  private static final Set<String> NOT_KEY_TYPES =
      Set.of("boolean", "bytea", "json", "jsonb", "xml", "blob", "longblob", "mediumblob");

  private SchemaRules() {}

  /** Runs every rule over the snapshot. */
  public static List<SchemaFinding> analyze(SchemaSnapshot snapshot) {
    Model m = new Model(snapshot);
    List<SchemaFinding> out = new ArrayList<>();
    for (Table t : snapshot.tables()) {
      foreignKeysWithoutIndex(m, t, out);
      idColumnsWithoutForeignKey(m, t, out);
      tableWithoutPrimaryKey(m, t, out);
      godTable(m, t, out);
      duplicateIndexes(m, t, out);
      redundantIndexes(m, t, out);
      unusedIndexes(m, t, out);
      invalidIndexes(m, t, out);
      nullableColumnsInUniqueKeys(m, t, out);
      tooManyLargeObjects(m, t, out);
      regulatedData(m, t, out);
    }
    sequencesNearExhaustion(m, out);
    out.sort(ORDER);
    return List.copyOf(out);
  }

  // ------------------------------------------------------------------------------------ rules

  /**
   * SCH-FK-001: a foreign key no index supports. Deleting or updating a referenced row makes the
   * database look for referencing rows; without an index that is a full scan of this table, under a
   * lock, for every such row. An index supports the foreign key when either its leading key columns
   * are exactly the foreign key's columns in any order (a B-tree on {@code (b, a)} serves {@code a
   * = ? AND b = ?}), or, as pg-index-health defines it, its first key column is the foreign key's
   * first column and all the foreign key's columns are among its key or {@code INCLUDE} columns.
   * Invalid and partial indexes do not count: an invalid index is not used and a partial one does
   * not see every row. A partition's indexes include those of the partitioned tables above it.
   */
  static void foreignKeysWithoutIndex(Model m, Table t, List<SchemaFinding> out) {
    List<Index> indexes = m.effectiveIndexes(t);
    for (ForeignKey fk : t.foreignKeys()) {
      if (fk.columns().isEmpty() || indexes.stream().anyMatch(i -> supports(i, fk))) {
        continue;
      }
      boolean large = t.rowEstimate() >= LARGE_TABLE_ROWS;
      String indexName = indexName(t, fk.columns());
      Map<String, String> facts = new LinkedHashMap<>();
      facts.put("columns", String.join(",", fk.columns()));
      facts.put("referencedTable", fk.referencedTable());
      facts.put("rowEstimate", Long.toString(t.rowEstimate()));
      facts.put("largeTableRows", Long.toString(LARGE_TABLE_ROWS));
      out.add(
          new SchemaFinding(
              FK_WITHOUT_INDEX,
              large ? Severity.HIGH : Severity.MEDIUM,
              t.qualifiedName(),
              fk.name(),
              "Foreign key %s (%s) to %s has no supporting index, so every delete or key update on %s scans %s."
                  .formatted(
                      fk.name(),
                      String.join(", ", fk.columns()),
                      fk.referencedTable(),
                      fk.referencedTable(),
                      t.qualifiedName()),
              m.createIndex(t, indexName, fk.columns()),
              facts));
    }
  }

  /** Whether the index serves lookups by the foreign key's columns (see SCH-FK-001). */
  static boolean supports(Index index, ForeignKey fk) {
    if (!index.valid() || index.predicate() != null || index.columns().isEmpty()) {
      return false;
    }
    List<String> key = index.columns();
    int n = fk.columns().size();
    if (key.size() >= n && new HashSet<>(key.subList(0, n)).equals(new HashSet<>(fk.columns()))) {
      return true;
    }
    List<String> all = new ArrayList<>(key);
    all.addAll(index.include());
    return key.get(0).equals(fk.columns().get(0)) && all.containsAll(fk.columns());
  }

  /**
   * SCH-FK-002: a column named like a reference ({@code customer_id}) that no foreign key covers.
   * Either the relationship is not enforced, and orphans accumulate, or the name misleads. Primary
   * key columns are skipped (a table's own key, or a join table's), as are columns of types a key
   * never has; a partition counts its parents' foreign keys. When a table named after the column
   * exists ({@code customer_id}: {@code customer} or {@code customers}; {@code manager_staff_id}:
   * also {@code staff}) and has a one-column primary key, the fix references it.
   */
  static void idColumnsWithoutForeignKey(Model m, Table t, List<SchemaFinding> out) {
    Set<String> covered = new HashSet<>(t.primaryKey());
    for (ForeignKey fk : m.effectiveForeignKeys(t)) {
      covered.addAll(fk.columns());
    }
    for (Column c : t.columns()) {
      String lower = c.name().toLowerCase(Locale.ROOT);
      if (!lower.endsWith("_id") || lower.equals("_id") || covered.contains(c.name())) {
        continue;
      }
      if (SqlTypes.isArray(c.type()) || NOT_KEY_TYPES.contains(SqlTypes.baseName(c.type()))) {
        continue;
      }
      Optional<Table> target = m.guessReferencedTable(t, lower.substring(0, lower.length() - 3));
      Map<String, String> facts = new LinkedHashMap<>();
      facts.put("column", c.name());
      facts.put("type", c.type());
      String fix;
      if (target.isPresent()) {
        Table r = target.get();
        facts.put("likelyReferencedTable", r.qualifiedName());
        fix = m.addForeignKey(t, c.name(), r, r.primaryKey().get(0));
      } else {
        fix =
            "Add a foreign key from %s to the table it refers to (create an index on it first), or rename the column if it is not a reference."
                .formatted(c.name());
      }
      out.add(
          new SchemaFinding(
              ID_COLUMN_WITHOUT_FK,
              Severity.LOW,
              t.qualifiedName(),
              c.name(),
              "Column %s is named like a reference but no foreign key enforces it, so nothing stops orphaned or mistyped values."
                  .formatted(c.name()),
              fix,
              facts));
    }
  }

  /**
   * SCH-PK-001: a table without a primary key. Rows cannot be addressed reliably, logical
   * replication and change data capture (Debezium) cannot identify updated or deleted rows, and
   * duplicates go unnoticed. Partitions count like tables, as in pg-index-health. The fix promotes
   * an existing unique index on NOT NULL columns, or an {@code id} column, or adds an identity
   * column.
   */
  static void tableWithoutPrimaryKey(Model m, Table t, List<SchemaFinding> out) {
    if (!t.primaryKey().isEmpty()) {
      return;
    }
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("columnCount", Integer.toString(t.columns().size()));
    facts.put("rowEstimate", Long.toString(t.rowEstimate()));
    Optional<Index> candidate =
        t.indexes().stream()
            .filter(i -> i.unique() && i.valid() && i.predicate() == null && !i.columns().isEmpty())
            .filter(
                i ->
                    i.columns().stream()
                        .allMatch(
                            col -> Snapshots.column(t, col).map(c -> !c.nullable()).orElse(false)))
            .findFirst();
    String fix;
    if (candidate.isPresent()) {
      facts.put("candidateIndex", candidate.get().name());
      fix = m.promoteToPrimaryKey(t, candidate.get());
    } else if (Snapshots.column(t, "id").isPresent()) {
      facts.put("candidateColumn", "id");
      fix = m.addPrimaryKey(t, List.of(Snapshots.column(t, "id").get().name()));
    } else {
      fix = m.addIdentityPrimaryKey(t);
    }
    out.add(
        new SchemaFinding(
            NO_PRIMARY_KEY,
            Severity.HIGH,
            t.qualifiedName(),
            null,
            "Table %s has no primary key: rows cannot be identified for replication, change data capture or safe updates, and duplicates go unnoticed."
                .formatted(t.qualifiedName()),
            fix,
            facts));
  }

  /**
   * SCH-GOD-001: a table with more than {@value #GOD_TABLE_MAX_COLUMNS} columns. Wide rows mean
   * fewer rows per page, more I/O for every query, and usually a table that models several things
   * at once.
   */
  static void godTable(Model m, Table t, List<SchemaFinding> out) {
    if (t.columns().size() <= GOD_TABLE_MAX_COLUMNS) {
      return;
    }
    out.add(
        new SchemaFinding(
            GOD_TABLE,
            Severity.MEDIUM,
            t.qualifiedName(),
            null,
            "Table %s has %d columns (more than %d): it probably mixes several entities and every read pays for the width."
                .formatted(t.qualifiedName(), t.columns().size(), GOD_TABLE_MAX_COLUMNS),
            "Split column groups that are read or written together into 1:1 tables keyed by the primary key (vertical partitioning); keep the hot columns in the main table.",
            Map.of(
                "columnCount",
                Integer.toString(t.columns().size()),
                "threshold",
                Integer.toString(GOD_TABLE_MAX_COLUMNS))));
  }

  /**
   * SCH-IDX-001: indexes identical in what they index (method, key columns, operator classes and
   * collations when the definition shows them, {@code INCLUDE} columns, predicate); sort order is
   * ignored, as in pg-index-health. One of each group is kept (primary key first, then a
   * constraint, then a unique index, then the first by name); the others are reported. Invalid
   * indexes are left to SCH-IDX-004.
   */
  static void duplicateIndexes(Model m, Table t, List<SchemaFinding> out) {
    Map<String, List<Index>> groups = new TreeMap<>();
    for (Index i : t.indexes()) {
      if (i.valid()) {
        groups.computeIfAbsent(signature(i), k -> new ArrayList<>()).add(i);
      }
    }
    for (List<Index> group : groups.values()) {
      if (group.size() < 2) {
        continue;
      }
      List<Index> ranked = new ArrayList<>(group);
      ranked.sort(
          Comparator.comparing((Index i) -> !i.primary())
              .thenComparing(i -> !m.isConstraint(t, i))
              .thenComparing(i -> !i.unique())
              .thenComparing(Index::name));
      Index keep = ranked.get(0);
      for (Index drop : ranked.subList(1, ranked.size())) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("duplicateOf", keep.name());
        facts.put("columns", String.join(",", drop.columns()));
        facts.put("sizeBytes", Long.toString(drop.sizeBytes()));
        out.add(
            new SchemaFinding(
                DUPLICATE_INDEX,
                Severity.MEDIUM,
                t.qualifiedName(),
                drop.name(),
                "Index %s duplicates %s: every write maintains both and the planner only needs one."
                    .formatted(drop.name(), keep.name()),
                m.dropIndex(t, drop),
                facts));
      }
    }
  }

  /**
   * SCH-IDX-002: a non-unique index whose key columns are a leading prefix of another valid
   * index's, with the same method and predicate, and whose {@code INCLUDE} columns the longer index
   * also holds. The longer index answers every query the shorter one does. Unique and primary
   * indexes are never reported: they enforce a constraint.
   */
  static void redundantIndexes(Model m, Table t, List<SchemaFinding> out) {
    for (Index a : t.indexes()) {
      if (a.unique() || a.primary() || !a.valid() || a.columns().isEmpty()) {
        continue;
      }
      Optional<Index> cover =
          t.indexes().stream()
              .filter(b -> b != a && b.valid())
              .filter(b -> Objects.equals(a.method(), b.method()))
              .filter(b -> Objects.equals(a.predicate(), b.predicate()))
              .filter(b -> isStrictPrefix(a, b))
              .filter(
                  b -> {
                    List<String> all = new ArrayList<>(b.columns());
                    all.addAll(b.include());
                    return all.containsAll(a.include());
                  })
              .min(Comparator.comparing(Index::name));
      if (cover.isEmpty()) {
        continue;
      }
      Map<String, String> facts = new LinkedHashMap<>();
      facts.put("coveredBy", cover.get().name());
      facts.put("columns", String.join(",", a.columns()));
      facts.put("coveringColumns", String.join(",", cover.get().columns()));
      facts.put("sizeBytes", Long.toString(a.sizeBytes()));
      out.add(
          new SchemaFinding(
              REDUNDANT_INDEX,
              Severity.LOW,
              t.qualifiedName(),
              a.name(),
              "Index %s (%s) is a leading prefix of %s (%s), which serves the same lookups."
                  .formatted(
                      a.name(),
                      String.join(", ", a.columns()),
                      cover.get().name(),
                      String.join(", ", cover.get().columns())),
              m.dropIndex(t, a),
              facts));
    }
  }

  /**
   * SCH-IDX-003: an index never scanned since statistics were last reset, that is not unique, not a
   * primary key, valid, and not holding the columns of one of the table's foreign keys (that index
   * is what keeps SCH-FK-001 quiet, even if lookups through it are rare). Only when the snapshot
   * knows the scans: never for a DDL script.
   */
  static void unusedIndexes(Model m, Table t, List<SchemaFinding> out) {
    List<ForeignKey> fks = m.effectiveForeignKeys(t);
    for (Index i : t.indexes()) {
      if (i.scans() != 0 || i.unique() || i.primary() || !i.valid()) {
        continue;
      }
      List<String> all = new ArrayList<>(i.columns());
      all.addAll(i.include());
      if (fks.stream().anyMatch(fk -> all.containsAll(fk.columns()))) {
        continue;
      }
      Map<String, String> facts = new LinkedHashMap<>();
      facts.put("scans", "0");
      facts.put("sizeBytes", Long.toString(i.sizeBytes()));
      facts.put("columns", String.join(",", i.columns()));
      out.add(
          new SchemaFinding(
              UNUSED_INDEX,
              Severity.LOW,
              t.qualifiedName(),
              i.name(),
              "Index %s has not been used since statistics were last reset, yet every write to %s maintains it."
                  .formatted(i.name(), t.qualifiedName()),
              m.dropIndex(t, i)
                  + " -- only after checking the statistics cover a full business cycle and every replica",
              facts));
    }
  }

  /**
   * SCH-IDX-004: an invalid index, usually left by a failed {@code CREATE INDEX CONCURRENTLY} or
   * {@code REINDEX CONCURRENTLY}. Writes still maintain it but queries cannot use it, and a unique
   * one may still reject rows.
   */
  static void invalidIndexes(Model m, Table t, List<SchemaFinding> out) {
    for (Index i : t.indexes()) {
      if (i.valid()) {
        continue;
      }
      out.add(
          new SchemaFinding(
              INVALID_INDEX,
              Severity.HIGH,
              t.qualifiedName(),
              i.name(),
              "Index %s is invalid: writes pay for it but no query can use it.".formatted(i.name()),
              m.rebuildIndex(t, i),
              Map.of(
                  "columns",
                  String.join(",", i.columns()),
                  "unique",
                  Boolean.toString(i.unique()))));
    }
  }

  /**
   * SCH-NUL-001: a unique constraint or unique index (not the primary key) over nullable columns.
   * NULLs are distinct from each other, so rows with a NULL in a key column are never duplicates:
   * with several columns the uniqueness the constraint seems to promise silently does not hold.
   * Skipped when the index is {@code NULLS NOT DISTINCT} or its predicate excludes the NULLs.
   * MEDIUM for multi-column keys, LOW for one column (an optional unique value is often intended).
   */
  static void nullableColumnsInUniqueKeys(Model m, Table t, List<SchemaFinding> out) {
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
      boolean composite = key.getValue().size() > 1;
      Map<String, String> facts = new LinkedHashMap<>();
      facts.put("columns", String.join(",", key.getValue()));
      facts.put("nullableColumns", String.join(",", names));
      out.add(
          new SchemaFinding(
              NULLABLE_UNIQUE,
              composite ? Severity.MEDIUM : Severity.LOW,
              t.qualifiedName(),
              key.getKey(),
              "Unique key %s (%s) includes nullable %s; rows with NULL there are never duplicates of each other, so uniqueness is not enforced for them."
                  .formatted(
                      key.getKey(), String.join(", ", key.getValue()), String.join(", ", names)),
              m.setNotNull(t, nullable),
              facts));
    }
  }

  /**
   * SCH-LOB-001: more than {@value #MAX_LOB_COLUMNS} large-object columns. On MySQL and MariaDB
   * those are the TEXT and BLOB families and JSON, stored off the row page and read separately; on
   * PostgreSQL {@code bytea}, {@code json}, {@code jsonb} and {@code xml}, the types that hold
   * documents and binaries ({@code text} is PostgreSQL's ordinary string type, stored exactly like
   * {@code varchar}, so it does not count). Wide values make every {@code SELECT *}, copy and
   * backup of the table expensive, and are rarely all needed at once.
   */
  static void tooManyLargeObjects(Model m, Table t, List<SchemaFinding> out) {
    List<String> lobs =
        t.columns().stream()
            .filter(c -> SqlTypes.isLargeObject(c.type(), m.snapshot.engine()))
            .map(Column::name)
            .toList();
    if (lobs.size() <= MAX_LOB_COLUMNS) {
      return;
    }
    out.add(
        new SchemaFinding(
            TOO_MANY_LOBS,
            Severity.MEDIUM,
            t.qualifiedName(),
            null,
            "Table %s has %d large-object columns (more than %d): rows are expensive to read and copy, and the large values are rarely all needed at once."
                .formatted(t.qualifiedName(), lobs.size(), MAX_LOB_COLUMNS),
            "Move the large, rarely read columns (%s) to a 1:1 side table, or to object storage with a reference kept here."
                .formatted(String.join(", ", lobs)),
            Map.of(
                "lobColumns", String.join(",", lobs),
                "count", Integer.toString(lobs.size()),
                "threshold", Integer.toString(MAX_LOB_COLUMNS))));
  }

  /**
   * SCH-SEQ-001: a sequence that has used more than {@value #SEQUENCE_USED_SHARE} of its range,
   * when that range is 32 bits or less: an {@code integer} or {@code smallint} sequence, or any
   * sequence feeding an {@code integer} or {@code smallint} column (a serial or identity column,
   * found through the sequence's owner or a column default {@code nextval('…')}), whose range is
   * the column type's, and MySQL {@code AUTO_INCREMENT} counters. When it runs out, inserts fail.
   * Only ascending sequences that have been used are assessed.
   */
  static void sequencesNearExhaustion(Model m, List<SchemaFinding> out) {
    for (Sequence s : m.snapshot.sequences()) {
      long max = s.maxValue();
      String limitedBy = "sequence";
      OptionalLong seqTypeMax = SqlTypes.integerMax(s.dataType());
      boolean narrow = seqTypeMax.isPresent() && seqTypeMax.getAsLong() <= 4294967295L;
      Optional<Fed> fed = m.fedColumn(s);
      if (fed.isPresent()) {
        OptionalLong colMax = SqlTypes.integerMax(fed.get().column().type());
        if (colMax.isPresent() && colMax.getAsLong() <= 4294967295L) {
          narrow = true;
          if (colMax.getAsLong() < max) {
            max = colMax.getAsLong();
            limitedBy = "column";
          }
        }
      }
      if (!narrow || max <= 0 || s.lastValue() <= 0) {
        continue;
      }
      double used = (double) s.lastValue() / max;
      if (used <= SEQUENCE_USED_SHARE) {
        continue;
      }
      Map<String, String> facts = new LinkedHashMap<>();
      facts.put("lastValue", Long.toString(s.lastValue()));
      facts.put("maxValue", Long.toString(max));
      facts.put("usedPercent", String.format(Locale.ROOT, "%.1f", used * 100));
      facts.put("threshold", String.format(Locale.ROOT, "%.0f%%", SEQUENCE_USED_SHARE * 100));
      facts.put("dataType", s.dataType());
      facts.put("limitedBy", limitedBy);
      fed.ifPresent(f -> facts.put("column", f.table().qualifiedName() + "." + f.column().name()));
      out.add(
          new SchemaFinding(
              SEQUENCE_EXHAUSTION,
              Severity.HIGH,
              fed.map(f -> f.table().qualifiedName()).orElse(null),
              Snapshots.qualifiedName(s),
              "Sequence %s has used %.1f%% of its range (%d of %d); inserts fail when it runs out."
                  .formatted(Snapshots.qualifiedName(s), used * 100, s.lastValue(), max),
              m.widenSequence(s, fed.orElse(null)),
              facts));
    }
  }

  /**
   * SCH-PII-001: a column whose name says it holds regulated data: cardholder data (PCI-DSS),
   * national identifiers (PII under GDPR), personal contact and birth data (GDPR), health data
   * (HIPAA PHI), or credentials. The finding names the regime so the security review can scope it;
   * the name is the only evidence, so it is a prompt to classify, not a verdict.
   */
  static void regulatedData(Model m, Table t, List<SchemaFinding> out) {
    for (Column c : t.columns()) {
      if (SqlTypes.baseName(c.type()).equals("boolean")) {
        continue;
      }
      Optional<RegulatedColumns.Match> match = RegulatedColumns.classify(c.name());
      if (match.isEmpty()) {
        continue;
      }
      RegulatedColumns.Category category = match.get().category();
      Severity severity =
          category == RegulatedColumns.Category.PERSONAL_DATA ? Severity.MEDIUM : Severity.HIGH;
      Map<String, String> facts = new LinkedHashMap<>();
      facts.put("regime", category.regime);
      facts.put("category", category.description);
      facts.put("matchedTerm", match.get().term());
      facts.put("type", c.type());
      out.add(
          new SchemaFinding(
              REGULATED_DATA,
              severity,
              t.qualifiedName(),
              c.name(),
              "Column %s looks like %s (%s): it brings %s into scope."
                  .formatted(c.name(), category.description, category.regime, t.qualifiedName()),
              regulatedFix(m, t, c, category, match.get().term()),
              facts));
    }
  }

  private static String regulatedFix(
      Model m, Table t, Column c, RegulatedColumns.Category category, String term) {
    return switch (category) {
      case CARDHOLDER_DATA ->
          term.startsWith("cv") || term.equals("card_verification")
              ? "Stop storing it: PCI-DSS forbids keeping card verification codes after authorisation. "
                  + m.dropColumn(t, c)
              : "Do not keep full card numbers: store the payment provider's token (or only the last four digits); if the number must stay, encrypt it with keys held outside the database and isolate the table in the PCI scope.";
      case CREDENTIALS ->
          "Store only a salted, slow hash (argon2id or bcrypt) of passwords, and a hash of tokens and keys (or keep them in a secrets manager); revoke SELECT on %s from roles that do not need it."
              .formatted(c.name());
      case NATIONAL_IDENTIFIER ->
          "Encrypt %s at column level (application-side envelope encryption or pgcrypto), expose it only through a masking view, keep it out of non-production copies, and set a retention period."
              .formatted(c.name());
      case HEALTH ->
          "Treat %s as PHI: encrypt at rest and in transit, restrict and audit every read (pgaudit or equivalent), and keep it out of logs and non-production copies."
              .formatted(c.name());
      case PERSONAL_DATA ->
          "Record %s in the register of processing, restrict access to the roles that need it, mask it in non-production copies, and make it erasable and exportable for data-subject requests."
              .formatted(c.name());
    };
  }

  // ------------------------------------------------------------------------------------ helpers

  /** Index key signature for duplicates: method, key parts as defined, INCLUDE, predicate. */
  static String signature(Index i) {
    return i.method()
        + "|"
        + String.join(",", i.columns())
        + "|"
        + keyPartsOf(i).orElse("")
        + "|"
        + String.join(",", i.include())
        + "|"
        + Objects.requireNonNullElse(i.predicate(), "");
  }

  /** Whether a's key columns (and operator classes, when known) lead b's, and b is longer. */
  private static boolean isStrictPrefix(Index a, Index b) {
    int n = a.columns().size();
    if (b.columns().size() <= n || !b.columns().subList(0, n).equals(a.columns())) {
      return false;
    }
    Optional<List<String>> pa = keyPartList(a);
    Optional<List<String>> pb = keyPartList(b);
    if (pa.isPresent() && pb.isPresent() && pa.get().size() == n && pb.get().size() > n) {
      return pb.get().subList(0, n).equals(pa.get());
    }
    return true;
  }

  private static final Pattern USING_KEYS = Pattern.compile("\\bUSING\\s+\\w+\\s*\\(");

  /**
   * The key list of a PostgreSQL index definition ({@code (email text_pattern_ops, id)}) without
   * sort order, or empty when the definition is unknown.
   */
  static Optional<String> keyPartsOf(Index i) {
    return keyPartList(i).map(parts -> String.join(",", parts));
  }

  private static Optional<List<String>> keyPartList(Index i) {
    String def = i.definition();
    if (def == null) {
      return Optional.empty();
    }
    Matcher m = USING_KEYS.matcher(def);
    if (!m.find()) {
      return Optional.empty();
    }
    int start = m.end();
    int depth = 1;
    int k = start;
    boolean quoted = false;
    List<String> parts = new ArrayList<>();
    int partStart = start;
    for (; k < def.length() && depth > 0; k++) {
      char ch = def.charAt(k);
      if (ch == '"' || ch == '\'') {
        quoted = !quoted;
      } else if (!quoted && ch == '(') {
        depth++;
      } else if (!quoted && ch == ')') {
        depth--;
        if (depth == 0) {
          parts.add(normalizePart(def.substring(partStart, k)));
        }
      } else if (!quoted && ch == ',' && depth == 1) {
        parts.add(normalizePart(def.substring(partStart, k)));
        partStart = k + 1;
      }
    }
    // INCLUDE columns are compared separately.
    return Optional.of(parts);
  }

  private static String normalizePart(String part) {
    return part.replaceAll("(?i)\\s+(ASC|DESC)\\b", "")
        .replaceAll("(?i)\\s+NULLS\\s+(FIRST|LAST)\\b", "")
        .replaceAll("\\s+", "")
        .toLowerCase(Locale.ROOT);
  }

  private static String indexName(Table t, List<String> columns) {
    String name = "idx_" + t.name() + "_" + String.join("_", columns);
    name = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    return name.length() <= 63 ? name : name.substring(0, 63);
  }

  /** A column and its table, fed by a sequence. */
  record Fed(Table table, Column column) {}

  /** Lookups over one snapshot, and the dialect-specific text of fixes. */
  static final class Model {
    final SchemaSnapshot snapshot;
    final boolean postgres;
    final Map<String, Table> tables;

    Model(SchemaSnapshot snapshot) {
      this.snapshot = snapshot;
      this.postgres = snapshot.engine() == SchemaSnapshot.Engine.POSTGRESQL;
      this.tables = Snapshots.byQualifiedName(snapshot);
    }

    /** The table and the partitioned tables above it, nearest first. */
    List<Table> lineage(Table t) {
      List<Table> out = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      Table current = t;
      while (current != null && seen.add(current.qualifiedName())) {
        out.add(current);
        current = current.partitionOf() == null ? null : tables.get(current.partitionOf());
      }
      return out;
    }

    /** A partition has its own indexes and every index of the partitioned tables above it. */
    List<Index> effectiveIndexes(Table t) {
      List<Index> out = new ArrayList<>();
      for (Table x : lineage(t)) {
        out.addAll(x.indexes());
      }
      return out;
    }

    /** A partition has its own foreign keys and those of the partitioned tables above it. */
    List<ForeignKey> effectiveForeignKeys(Table t) {
      List<ForeignKey> out = new ArrayList<>();
      for (Table x : lineage(t)) {
        out.addAll(x.foreignKeys());
      }
      return out;
    }

    boolean isConstraint(Table t, Index i) {
      return t.uniqueConstraints().stream().anyMatch(u -> u.name().equals(i.name()));
    }

    Optional<Table> guessReferencedTable(Table t, String stem) {
      List<String> stems = new ArrayList<>();
      stems.add(stem);
      int underscore = stem.lastIndexOf('_');
      if (underscore > 0) {
        stems.add(stem.substring(underscore + 1));
      }
      for (String s : stems) {
        List<String> candidates = new ArrayList<>(List.of(s, s + "s", s + "es"));
        if (s.endsWith("y")) {
          candidates.add(s.substring(0, s.length() - 1) + "ies");
        }
        for (String name : candidates) {
          String qualified = t.schema() == null ? name : t.schema() + "." + name;
          Table target = tables.get(qualified);
          if (target == null) {
            target =
                snapshot.tables().stream()
                    .filter(x -> Objects.equals(x.schema(), t.schema()))
                    .filter(x -> x.name().equalsIgnoreCase(name))
                    .findFirst()
                    .orElse(null);
          }
          if (target != null && target.primaryKey().size() == 1) {
            return Optional.of(target);
          }
        }
      }
      return Optional.empty();
    }

    /** The column a sequence feeds: its owner, else a column whose default calls nextval on it. */
    Optional<Fed> fedColumn(Sequence s) {
      if (s.ownedBy() != null) {
        int dot = s.ownedBy().lastIndexOf('.');
        if (dot > 0) {
          Table t = tables.get(s.ownedBy().substring(0, dot));
          if (t != null) {
            Optional<Column> c = Snapshots.column(t, s.ownedBy().substring(dot + 1));
            if (c.isPresent()) {
              return Optional.of(new Fed(t, c.get()));
            }
          }
        }
      }
      String qualified = Snapshots.qualifiedName(s);
      for (Table t : snapshot.tables()) {
        if (t.partitionOf() != null) {
          continue;
        }
        for (Column c : t.columns()) {
          if (c.defaultValue() == null) {
            continue;
          }
          Matcher m = NEXTVAL.matcher(c.defaultValue());
          if (m.find()) {
            String target = m.group(1).replace("\"", "");
            if (target.equals(qualified)
                || !target.contains(".")
                    && target.equals(s.name())
                    && "public".equals(s.schema())) {
              return Optional.of(new Fed(t, c));
            }
          }
        }
      }
      return Optional.empty();
    }

    // -------------------------------------------------------------------- fix text

    String ident(String name) {
      if (name == null) {
        return "";
      }
      if (postgres) {
        return name.matches("[a-z_][a-z0-9_$]*") && !RESERVED.contains(name)
            ? name
            : "\"" + name.replace("\"", "\"\"") + "\"";
      }
      return name.matches("[A-Za-z0-9_$]+") && !RESERVED.contains(name.toLowerCase(Locale.ROOT))
          ? name
          : "`" + name.replace("`", "``") + "`";
    }

    String table(Table t) {
      return t.schema() == null || t.schema().isEmpty()
          ? ident(t.name())
          : ident(t.schema()) + "." + ident(t.name());
    }

    String columns(List<String> columns) {
      return String.join(", ", columns.stream().map(this::ident).toList());
    }

    String createIndex(Table t, String indexName, List<String> columns) {
      if (!postgres) {
        return "ALTER TABLE %s ADD INDEX %s (%s);"
            .formatted(table(t), ident(indexName), columns(columns));
      }
      if (t.partitionKey() != null) {
        return ("CREATE INDEX %s ON %s (%s); -- CONCURRENTLY is not available on a partitioned"
                + " table: to avoid the lock, create the index ON ONLY the parent, build it"
                + " concurrently on each partition and ATTACH those")
            .formatted(ident(indexName), table(t), columns(columns));
      }
      return "CREATE INDEX CONCURRENTLY %s ON %s (%s);"
          .formatted(ident(indexName), table(t), columns(columns));
    }

    String dropIndex(Table t, Index i) {
      if (isConstraint(t, i)) {
        return "ALTER TABLE %s DROP CONSTRAINT %s;".formatted(table(t), ident(i.name()));
      }
      if (!postgres) {
        return "ALTER TABLE %s DROP INDEX %s;".formatted(table(t), ident(i.name()));
      }
      String qualified =
          t.schema() == null ? ident(i.name()) : ident(t.schema()) + "." + ident(i.name());
      return t.partitionKey() != null
          ? "DROP INDEX %s;".formatted(qualified)
          : "DROP INDEX CONCURRENTLY %s;".formatted(qualified);
    }

    String rebuildIndex(Table t, Index i) {
      String qualified =
          t.schema() == null ? ident(i.name()) : ident(t.schema()) + "." + ident(i.name());
      return "REINDEX INDEX CONCURRENTLY %s; -- or DROP INDEX CONCURRENTLY %s; if it is not needed"
          .formatted(qualified, qualified);
    }

    String promoteToPrimaryKey(Table t, Index i) {
      if (postgres) {
        return "ALTER TABLE %s ADD CONSTRAINT %s PRIMARY KEY USING INDEX %s;"
            .formatted(table(t), ident(pkName(t)), ident(i.name()));
      }
      return addPrimaryKey(t, i.columns());
    }

    String addPrimaryKey(Table t, List<String> columns) {
      List<String> cols = new ArrayList<>(columns);
      for (String p : partitionColumns(t)) {
        if (!cols.contains(p)) {
          cols.add(p);
        }
      }
      return "ALTER TABLE %s ADD PRIMARY KEY (%s);".formatted(table(t), columns(cols));
    }

    String addIdentityPrimaryKey(Table t) {
      if (!postgres) {
        return "ALTER TABLE %s ADD COLUMN id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY FIRST;"
            .formatted(table(t));
      }
      if (t.partitionKey() != null) {
        return "ALTER TABLE %s ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY; ALTER TABLE %s ADD PRIMARY KEY (%s);"
            .formatted(table(t), table(t), columns(concat(List.of("id"), partitionColumns(t))));
      }
      return "ALTER TABLE %s ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;"
          .formatted(table(t));
    }

    private String pkName(Table t) {
      String name = t.name() + "_pkey";
      return name.length() <= 63 ? name : name.substring(0, 63);
    }

    /** The plain columns of a {@code RANGE (a, b)} partition key. */
    private List<String> partitionColumns(Table t) {
      if (t.partitionKey() == null) {
        return List.of();
      }
      int open = t.partitionKey().indexOf('(');
      int close = t.partitionKey().lastIndexOf(')');
      if (open < 0 || close < open) {
        return List.of();
      }
      List<String> out = new ArrayList<>();
      for (String part : t.partitionKey().substring(open + 1, close).split(",")) {
        String p = part.strip().replace("\"", "").replace("`", "");
        if (p.matches("[\\p{L}_][\\p{L}0-9_$]*")) {
          out.add(p);
        }
      }
      return out;
    }

    private static List<String> concat(List<String> a, List<String> b) {
      List<String> out = new ArrayList<>(a);
      out.addAll(b);
      return out;
    }

    String addForeignKey(Table t, String column, Table target, String targetColumn) {
      String name = t.name() + "_" + column + "_fkey";
      name = name.length() <= 63 ? name : name.substring(0, 63);
      if (!postgres) {
        return "ALTER TABLE %s ADD CONSTRAINT %s FOREIGN KEY (%s) REFERENCES %s (%s);"
            .formatted(table(t), ident(name), ident(column), table(target), ident(targetColumn));
      }
      return ("ALTER TABLE %s ADD CONSTRAINT %s FOREIGN KEY (%s) REFERENCES %s (%s) NOT VALID;"
              + " ALTER TABLE %s VALIDATE CONSTRAINT %s;")
          .formatted(
              table(t),
              ident(name),
              ident(column),
              table(target),
              ident(targetColumn),
              table(t),
              ident(name));
    }

    String setNotNull(Table t, List<Column> nullable) {
      List<String> parts = new ArrayList<>();
      for (Column c : nullable) {
        parts.add(
            postgres
                ? "ALTER TABLE %s ALTER COLUMN %s SET NOT NULL;"
                    .formatted(table(t), ident(c.name()))
                : "ALTER TABLE %s MODIFY %s %s NOT NULL;"
                    .formatted(table(t), ident(c.name()), c.type()));
      }
      String fix = String.join(" ", parts);
      return postgres
          ? fix + " -- or, on PostgreSQL 15+, recreate the index with NULLS NOT DISTINCT"
          : fix;
    }

    String dropColumn(Table t, Column c) {
      return "ALTER TABLE %s DROP COLUMN %s;".formatted(table(t), ident(c.name()));
    }

    String widenSequence(Sequence s, Fed fed) {
      String seq = s.schema() == null ? ident(s.name()) : ident(s.schema()) + "." + ident(s.name());
      if (!postgres) {
        if (fed == null) {
          return "Widen the AUTO_INCREMENT column to BIGINT UNSIGNED.";
        }
        return "ALTER TABLE %s MODIFY %s BIGINT UNSIGNED NOT NULL AUTO_INCREMENT; -- rebuilds the table: use an online schema change tool on large tables"
            .formatted(table(fed.table()), ident(fed.column().name()));
      }
      List<String> parts = new ArrayList<>();
      if (fed != null) {
        OptionalLong colMax = SqlTypes.integerMax(fed.column().type());
        if (colMax.isPresent() && colMax.getAsLong() < Long.MAX_VALUE) {
          parts.add(
              "ALTER TABLE %s ALTER COLUMN %s TYPE bigint;"
                  .formatted(table(fed.table()), ident(fed.column().name())));
        }
      }
      OptionalLong seqMax = SqlTypes.integerMax(s.dataType());
      if (seqMax.isPresent() && seqMax.getAsLong() < Long.MAX_VALUE) {
        parts.add("ALTER SEQUENCE %s AS bigint;".formatted(seq));
      }
      String fix = String.join(" ", parts);
      return fix
          + " -- changing a column type rewrites the table under an exclusive lock: on a large"
          + " table add a bigint column, backfill it in batches and swap it in instead";
    }
  }

  /** Words that must be quoted as identifiers in either dialect (a practical subset). */
  private static final Set<String> RESERVED =
      words(
          """
          all analyse analyze and any array as asc both case cast check collate column constraint
          create default desc distinct do else end except false for foreign from grant group
          having in index into is join key leading limit not null offset on only or order primary
          references select table then to true union unique user using when where with
          """);

  /** The whitespace-separated words of a text block, as a set. */
  private static Set<String> words(String text) {
    return Set.of(text.strip().split("\\s+"));
  }
}
