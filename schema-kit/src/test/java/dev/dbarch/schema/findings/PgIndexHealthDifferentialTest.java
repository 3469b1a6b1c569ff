package dev.dbarch.schema.findings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.schema.SchemaFinding;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.contracts.schema.SchemaSnapshot.ForeignKey;
import dev.dbarch.contracts.schema.SchemaSnapshot.Index;
import dev.dbarch.contracts.schema.SchemaSnapshot.Table;
import dev.dbarch.schema.EmbeddedPg;
import dev.dbarch.schema.LoadedSchemas;
import dev.dbarch.schema.PublicSchemas;
import dev.dbarch.schema.Snapshots;
import dev.dbarch.schema.catalog.PostgresCatalogReader;
import io.github.mfvanek.pg.connection.PgConnection;
import io.github.mfvanek.pg.connection.PgConnectionImpl;
import io.github.mfvanek.pg.connection.host.PgHostImpl;
import io.github.mfvanek.pg.core.checks.host.ColumnsWithCharTypeCheckOnHost;
import io.github.mfvanek.pg.core.checks.host.ColumnsWithJsonTypeCheckOnHost;
import io.github.mfvanek.pg.core.checks.host.ColumnsWithMoneyTypeCheckOnHost;
import io.github.mfvanek.pg.core.checks.host.ColumnsWithTimestampOrTimetzTypeCheckOnHost;
import io.github.mfvanek.pg.core.checks.host.DuplicatedIndexesCheckOnHost;
import io.github.mfvanek.pg.core.checks.host.ForeignKeysNotCoveredWithIndexCheckOnHost;
import io.github.mfvanek.pg.core.checks.host.ForeignKeysWithUnmatchedColumnTypeCheckOnHost;
import io.github.mfvanek.pg.core.checks.host.IndexesWithBloatCheckOnHost;
import io.github.mfvanek.pg.core.checks.host.IntersectedIndexesCheckOnHost;
import io.github.mfvanek.pg.core.checks.host.InvalidIndexesCheckOnHost;
import io.github.mfvanek.pg.core.checks.host.NotValidConstraintsCheckOnHost;
import io.github.mfvanek.pg.core.checks.host.SequenceOverflowCheckOnHost;
import io.github.mfvanek.pg.core.checks.host.TablesWithBloatCheckOnHost;
import io.github.mfvanek.pg.core.checks.host.TablesWithoutPrimaryKeyCheckOnHost;
import io.github.mfvanek.pg.core.checks.host.UnusedIndexesCheckOnHost;
import io.github.mfvanek.pg.model.context.PgContext;
import io.github.mfvanek.pg.model.index.DuplicatedIndexes;
import io.github.mfvanek.pg.model.index.UnusedIndex;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * dbarch's findings against io.github.mfvanek:pg-index-health-core, check by check, on the same
 * database: the public schemas (chinook, northwind, pagila, data included) and dbarch's own fixture
 * with one instance of every problem.
 *
 * <p>For every overlapping check the two sets of (table, object) must be equal, except for the
 * differences listed in {@link Difference}: each is a deliberate difference of definition, computed
 * from the snapshot for the object at hand (never a blanket exclusion) and printed. Anything else
 * fails the test.
 *
 * <p>Checks compared: foreign keys without index (SCH-FK-001), foreign keys of unmatched type
 * (SCH-FK-003), not valid constraints (SCH-CON-001), tables without primary key (SCH-PK-001),
 * duplicated indexes (SCH-IDX-001), intersected indexes (SCH-IDX-002, where comparable), unused
 * indexes (SCH-IDX-003), invalid indexes (SCH-IDX-004), sequence overflow (SCH-SEQ-001), json,
 * timestamp/timetz, money and char columns (SCH-TYP-001/002/003), tables and indexes with bloat
 * (SCH-BLT-001/002). docs/rules/schema.md maps every other pg-index-health check and says why it is
 * not a rule. dbarch runs with its statistics-age minimum at zero and pg-index-health's bloat
 * threshold, so both sides ask the same question.
 */
class PgIndexHealthDifferentialTest {

  /** SCH-SEQ-001 fires above 80% used, pg-index-health at or below a remaining percentage. */
  private static final double REMAINING_PERCENT = 100 * (1 - SchemaRules.SEQUENCE_USED_SHARE);

  /** pg-index-health's unused-index query counts an index as unused below this many scans. */
  private static final long PG_INDEX_HEALTH_UNUSED_SCANS = 50;

  /** The explained differences, each with why the definitions differ. */
  enum Difference {
    FK_PERMUTED_INDEX(
        "an index leads with the foreign key's columns in another order: dbarch counts it as"
            + " supporting the key (a B-tree on (b, a) serves a = ? AND b = ?); pg-index-health"
            + " wants the key's first column first"),
    FK_PARTIAL_OR_INVALID_INDEX(
        "the only matching index is partial or invalid: pg-index-health counts it, dbarch does not"
            + " (a partial index does not see every row, an invalid one is not used)"),
    DUPLICATE_WITH_INVALID(
        "the group contains an invalid index: dbarch reports it as invalid (SCH-IDX-004) only"),
    INTERSECTED_SHORTER_UNIQUE(
        "the shorter index is unique or the primary key: it enforces a constraint, dbarch keeps it"),
    INTERSECTED_OTHER_METHOD("the two indexes use different access methods"),
    INTERSECTED_OPERATOR_CLASS(
        "the shared key columns use different operator classes or collations"),
    INTERSECTED_INCLUDE(
        "the prefix relation holds only when INCLUDE columns are counted as key columns"),
    INTERSECTED_EXPRESSION(
        "pg-index-health compares expression columns by position (indkey 0), not by expression"),
    UNUSED_FEW_SCANS(
        "scanned between 1 and 49 times: pg-index-health's threshold is 50 scans, dbarch's is 0"),
    UNUSED_INVALID("an invalid index: dbarch reports it as invalid (SCH-IDX-004) only"),
    UNUSED_PARTITION_INDEX(
        "an index on a partition attached to a partitioned index: dbarch reports the partitioned"
            + " index with the scans of its partitions summed, pg-index-health each partition's"),
    PK_FAMILY_MEMBER(
        "a partition or an old-style inheritance child without a key: pg-index-health lists each,"
            + " dbarch reports the family once, on its top table"),
    INDEX_BLOAT_PARTITIONED(
        "an index of a partitioned table: dbarch reports the partitioned index once, with its"
            + " partitions' bloat and size summed; pg-index-health each partition's index"),
    TYPE_INHERITED_COLUMN(
        "a column an inheritance child takes from its parent: dbarch reports it on the parent"),
    SEQUENCE_NARROW_COLUMN(
        "the sequence is wider than the column it feeds: dbarch measures it against the column"
            + " type, pg-index-health against the sequence type");

    final String why;

    Difference(String why) {
      this.why = why;
    }
  }

  @Test
  void chinook() throws Exception {
    PublicSchemas.assumePresent();
    Map<String, Integer> sizes = compare("chinook", LoadedSchemas.chinook(), "public");
    assertThat(sizes).containsEntry("tables without primary key", 0);
  }

  @Test
  void northwind() throws Exception {
    PublicSchemas.assumePresent();
    Map<String, Integer> sizes = compare("northwind", LoadedSchemas.northwind(), "public");
    assertThat(sizes.get("foreign keys without index")).isPositive();
  }

  @Test
  void pagila() throws Exception {
    PublicSchemas.assumePresent();
    Map<String, Integer> sizes = compare("pagila", LoadedSchemas.pagila(), "public");
    assertThat(sizes.get("foreign keys without index")).isPositive();
    assertThat(sizes.get("duplicated indexes")).isPositive();
  }

  /** A generated schema: partitions, inheritance, constraints, identities, partial indexes. */
  @Test
  void generated() throws Exception {
    DataSource ds = EmbeddedPg.freshDatabase("differential_generated");
    try (Connection c = ds.getConnection()) {
      // The nested CREATE SCHEMA case creates a schema named after the user, which then leads the
      // search path: it goes last, so the other cases' tables stay in public.
      List<dev.dbarch.schema.GeneratedSchemas.Case> cases =
          new ArrayList<>(dev.dbarch.schema.GeneratedSchemas.cases());
      cases.sort(java.util.Comparator.comparing(k -> k.name().startsWith("nested")));
      for (var generated : cases) {
        EmbeddedPg.load(c, generated.script());
      }
      EmbeddedPg.load(c, dev.dbarch.schema.GeneratedSchemas.large(40, 12));
      c.createStatement().execute("ANALYZE");
    }
    Map<String, Integer> sizes = compare("generated", ds, "public");
    assertThat(sizes.get("tables without primary key")).isPositive();
    assertThat(sizes.get("not valid constraints")).isPositive();
    assertThat(compare("generated s1", ds, "s1").get("foreign keys without index")).isPositive();
    Map<String, Integer> metrics = compare("generated metrics", ds, "metrics");
    assertThat(metrics.get("json columns")).isPositive();
  }

  /** dbarch's fixture: every check has something to find, and every explained difference occurs. */
  @Test
  void fixture() throws Exception {
    DataSource ds = EmbeddedPg.freshDatabase("differential_fixture");
    try (Connection c = ds.getConnection()) {
      EmbeddedPg.load(
          c,
          EmbeddedPg.fixture("findings.sql")
              + "\nINSERT INTO app.addresses SELECT g, 'line ' || g FROM generate_series(1, 10) g;");
    }
    // Scan one index a few times, so it is used (dbarch) but below pg-index-health's 50.
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement()) {
      st.execute("SET enable_seqscan = off");
      st.execute("CREATE INDEX addresses_line1_idx ON app.addresses (line1)");
      st.execute("ANALYZE");
      for (int i = 0; i < 3; i++) {
        st.execute("SELECT line1 FROM app.addresses WHERE line1 = 'line 3'");
      }
      st.execute("SELECT pg_stat_force_next_flush()");
    }
    Map<String, Integer> sizes = compare("fixture", ds, "app");
    assertThat(sizes.values()).allMatch(n -> n > 0);
  }

  // ------------------------------------------------------------------------------------------

  /**
   * Runs both sides on one schema of one database; asserts every difference is explained; returns
   * the size of pg-index-health's result per check.
   */
  private Map<String, Integer> compare(String label, DataSource ds, String schema)
      throws Exception {
    SchemaSnapshot snapshot;
    try (Connection c = ds.getConnection()) {
      snapshot = new PostgresCatalogReader().read(c);
    }
    String database = snapshot.database();
    PgConnection pg = PgConnectionImpl.of(ds, PgHostImpl.ofUrl(EmbeddedPg.url(database)));
    PgContext ctx =
        PgContext.of(schema, PgContext.DEFAULT_BLOAT_PERCENTAGE_THRESHOLD, REMAINING_PERCENT);
    Map<String, Table> tables = Snapshots.byQualifiedName(snapshot);
    // The same question on both sides: counters of any age (the server just started).
    List<SchemaFinding> findings =
        SchemaRules.analyze(
                snapshot, RuleFixture.SETTINGS.withBloat(ctx.getBloatPercentageThreshold(), 0))
            .stream()
            .filter(f -> f.table() == null || f.table().startsWith(schema + "."))
            .toList();
    Report report = new Report(label);

    // SCH-FK-001 / foreign keys not covered with index
    Set<String> theirsFk = new TreeSet<>();
    new ForeignKeysNotCoveredWithIndexCheckOnHost(pg)
        .check(ctx)
        .forEach(
            fk -> theirsFk.add(table(fk.getTableName()) + "." + unquote(fk.getConstraintName())));
    Set<String> oursFk = objects(findings, SchemaRules.FK_WITHOUT_INDEX);
    report.check(
        "foreign keys without index",
        theirsFk,
        oursFk,
        key ->
            foreignKey(tables, key)
                .filter(this::permutedIndexOnly)
                .map(x -> Difference.FK_PERMUTED_INDEX),
        key ->
            foreignKey(tables, key)
                .filter(this::partialOrInvalidIndexOnly)
                .map(x -> Difference.FK_PARTIAL_OR_INVALID_INDEX));

    // SCH-PK-001 / tables without primary key
    Set<String> theirsPk = new TreeSet<>();
    new TablesWithoutPrimaryKeyCheckOnHost(pg)
        .check(ctx)
        .forEach(t -> theirsPk.add(table(t.getTableName())));
    Set<String> oursPk = new TreeSet<>();
    findings.stream()
        .filter(f -> f.ruleId().equals(SchemaRules.NO_PRIMARY_KEY))
        .forEach(f -> oursPk.add(f.table()));
    report.check(
        "tables without primary key",
        theirsPk,
        oursPk,
        k ->
            Optional.ofNullable(tables.get(k))
                .filter(t -> !t.inherits().isEmpty() || t.partitionOf() != null)
                .map(t -> Difference.PK_FAMILY_MEMBER),
        // A parent with a key is reported for its inheritance children without one.
        k ->
            Optional.ofNullable(tables.get(k))
                .filter(t -> !t.primaryKey().isEmpty())
                .map(t -> Difference.PK_FAMILY_MEMBER));

    // SCH-TYP-001/002/003 / columns with json, timestamp or timetz, money, char(n)
    compareColumns(
        report,
        tables,
        "json columns",
        new ColumnsWithJsonTypeCheckOnHost(pg).check(ctx),
        objects(findings, SchemaRules.JSON_TYPE));
    compareColumns(
        report,
        tables,
        "timestamp or timetz columns",
        new ColumnsWithTimestampOrTimetzTypeCheckOnHost(pg).check(ctx),
        objects(findings, SchemaRules.TIMESTAMP_WITHOUT_TIME_ZONE));
    List<io.github.mfvanek.pg.model.column.ColumnWithType> moneyOrChar =
        new ArrayList<>(new ColumnsWithMoneyTypeCheckOnHost(pg).check(ctx));
    moneyOrChar.addAll(new ColumnsWithCharTypeCheckOnHost(pg).check(ctx));
    compareColumns(
        report,
        tables,
        "money or char columns",
        moneyOrChar,
        objects(findings, SchemaRules.MONEY_OR_CHAR));

    // SCH-FK-003 / foreign keys with unmatched column type
    Set<String> theirsFkType = new TreeSet<>();
    new ForeignKeysWithUnmatchedColumnTypeCheckOnHost(pg)
        .check(ctx)
        .forEach(
            f -> theirsFkType.add(table(f.getTableName()) + "." + unquote(f.getConstraintName())));
    report.check(
        "foreign keys of unmatched type",
        theirsFkType,
        objects(findings, SchemaRules.FK_TYPE_MISMATCH),
        k -> Optional.empty(),
        k -> Optional.empty());

    // SCH-BLT-001 / tables with bloat, SCH-BLT-002 / indexes with bloat
    Set<String> theirsTableBloat = new TreeSet<>();
    new TablesWithBloatCheckOnHost(pg)
        .check(ctx)
        .forEach(t -> theirsTableBloat.add(table(t.getTableName())));
    Set<String> oursTableBloat = new TreeSet<>();
    findings.stream()
        .filter(f -> f.ruleId().equals(SchemaRules.TABLE_BLOAT))
        .forEach(f -> oursTableBloat.add(f.table()));
    report.check(
        "tables with bloat",
        theirsTableBloat,
        oursTableBloat,
        k -> Optional.empty(),
        k -> Optional.empty());
    Set<String> theirsIndexBloat = new TreeSet<>();
    new IndexesWithBloatCheckOnHost(pg)
        .check(ctx)
        .forEach(
            i -> theirsIndexBloat.add(table(i.getTableName()) + "." + indexName(i.getIndexName())));
    report.check(
        "indexes with bloat",
        theirsIndexBloat,
        objects(findings, SchemaRules.INDEX_BLOAT),
        key ->
            Optional.ofNullable(tables.get(tableOf(key)))
                .filter(t -> t.partitionOf() != null)
                .map(t -> Difference.INDEX_BLOAT_PARTITIONED),
        key ->
            Optional.ofNullable(tables.get(tableOf(key)))
                .filter(t -> t.partitionKey() != null)
                .map(t -> Difference.INDEX_BLOAT_PARTITIONED));

    // SCH-CON-001 / not valid constraints
    Set<String> theirsNotValid = new TreeSet<>();
    new NotValidConstraintsCheckOnHost(pg)
        .check(ctx)
        .forEach(
            x ->
                theirsNotValid.add(table(x.getTableName()) + "." + unquote(x.getConstraintName())));
    report.check(
        "not valid constraints",
        theirsNotValid,
        objects(findings, SchemaRules.UNVALIDATED_CONSTRAINT),
        k -> Optional.empty(),
        k -> Optional.empty());

    // SCH-IDX-001 / duplicated indexes: compared as groups "table: a, b"
    Set<String> theirsDup = new TreeSet<>();
    for (DuplicatedIndexes d : new DuplicatedIndexesCheckOnHost(pg).check(ctx)) {
      theirsDup.add(
          group(table(d.getTableName()), d.getIndexNames().stream().map(this::indexName).toList()));
    }
    Map<String, Set<String>> ourGroups = new TreeMap<>();
    findings.stream()
        .filter(f -> f.ruleId().equals(SchemaRules.DUPLICATE_INDEX))
        .forEach(
            f -> {
              Set<String> g =
                  ourGroups.computeIfAbsent(
                      f.table() + "|" + f.facts().get("duplicateOf"), k -> new TreeSet<>());
              g.add(f.facts().get("duplicateOf"));
              g.add(f.object());
            });
    Set<String> oursDup = new TreeSet<>();
    ourGroups.forEach((k, g) -> oursDup.add(group(k.substring(0, k.indexOf('|')), List.copyOf(g))));
    report.check(
        "duplicated indexes",
        theirsDup,
        oursDup,
        key -> duplicateExplanation(tables, key),
        key -> Optional.empty());

    // SCH-IDX-002 / intersected indexes: pg-index-health reports pairs; dbarch the shorter index
    // of a pair when it can go. Compared as the set of removable shorter indexes.
    Set<String> theirsRedundant = new TreeSet<>();
    List<String> explainedPairs = new ArrayList<>();
    for (DuplicatedIndexes pair : new IntersectedIndexesCheckOnHost(pg).check(ctx)) {
      String table = table(pair.getTableName());
      List<String> names = pair.getIndexNames().stream().map(this::indexName).toList();
      Table t = tables.get(table);
      Index a = index(t, names.get(0));
      Index b = index(t, names.get(1));
      Index shorter =
          a.columns().size() + a.include().size() <= b.columns().size() + b.include().size()
              ? a
              : b;
      Index longer = shorter == a ? b : a;
      Optional<Difference> why = intersectedExplanation(shorter, longer);
      if (why.isPresent()) {
        explainedPairs.add(
            table + ": " + shorter.name() + " / " + longer.name() + " -> " + why.get());
        report.explained.add(why.get());
      } else {
        theirsRedundant.add(table + "." + shorter.name());
      }
    }
    Set<String> oursRedundant = objects(findings, SchemaRules.REDUNDANT_INDEX);
    report.check(
        "intersected indexes",
        theirsRedundant,
        oursRedundant,
        k -> Optional.empty(),
        k -> Optional.empty());
    report.lines.add("    intersected pairs not comparable: " + explainedPairs);

    // SCH-IDX-004 / invalid indexes
    Set<String> theirsInvalid = new TreeSet<>();
    new InvalidIndexesCheckOnHost(pg)
        .check(ctx)
        .forEach(
            i -> theirsInvalid.add(table(i.getTableName()) + "." + indexName(i.getIndexName())));
    report.check(
        "invalid indexes",
        theirsInvalid,
        objects(findings, SchemaRules.INVALID_INDEX),
        k -> Optional.empty(),
        k -> Optional.empty());

    // SCH-IDX-003 / unused indexes
    Set<String> theirsUnused = new TreeSet<>();
    Map<String, Long> theirScans = new LinkedHashMap<>();
    for (UnusedIndex u : new UnusedIndexesCheckOnHost(pg).check(ctx)) {
      String key = table(u.getTableName()) + "." + indexName(u.getIndexName());
      theirsUnused.add(key);
      theirScans.put(key, u.getIndexScans());
    }
    report.check(
        "unused indexes",
        theirsUnused,
        objects(findings, SchemaRules.UNUSED_INDEX),
        key -> unusedExplanation(tables, key, theirScans.get(key)),
        key ->
            Optional.ofNullable(tables.get(tableOf(key)))
                .filter(t -> t.partitionKey() != null)
                .map(t -> Difference.UNUSED_PARTITION_INDEX));

    // SCH-SEQ-001 / sequence overflow
    Set<String> theirsSeq = new TreeSet<>();
    new SequenceOverflowCheckOnHost(pg)
        .check(ctx)
        .forEach(s -> theirsSeq.add(table(s.getSequenceName())));
    Set<String> oursSeq = new TreeSet<>();
    Map<String, SchemaFinding> seqFindings = new LinkedHashMap<>();
    findings.stream()
        .filter(f -> f.ruleId().equals(SchemaRules.SEQUENCE_EXHAUSTION))
        .forEach(
            f -> {
              oursSeq.add(f.object());
              seqFindings.put(f.object(), f);
            });
    report.check(
        "sequence overflow",
        theirsSeq,
        oursSeq,
        key -> Optional.empty(),
        key ->
            Optional.ofNullable(seqFindings.get(key))
                .filter(f -> "column".equals(f.facts().get("limitedBy")))
                .map(f -> Difference.SEQUENCE_NARROW_COLUMN));

    report.print();
    assertThat(report.unexplained).as("unexplained differences for " + label).isEmpty();
    if (label.equals("fixture")) {
      assertThat(report.explained)
          .as("the fixture exercises every explained difference")
          .containsExactlyInAnyOrder(Difference.values());
    }
    return report.sizes;
  }

  private void compareColumns(
      Report report,
      Map<String, Table> tables,
      String name,
      List<io.github.mfvanek.pg.model.column.ColumnWithType> theirs,
      Set<String> ours) {
    Set<String> theirKeys = new TreeSet<>();
    theirs.forEach(c -> theirKeys.add(table(c.getTableName()) + "." + unquote(c.getColumnName())));
    report.check(
        name,
        theirKeys,
        ours,
        key ->
            Optional.ofNullable(tables.get(tableOf(key)))
                .filter(t -> !t.inherits().isEmpty())
                .map(t -> Difference.TYPE_INHERITED_COLUMN),
        key -> Optional.empty());
  }

  // ------------------------------------------------------------------------- explanations

  private boolean permutedIndexOnly(Object[] tableAndFk) {
    Table t = (Table) tableAndFk[0];
    ForeignKey fk = (ForeignKey) tableAndFk[1];
    return t.indexes().stream()
        .anyMatch(
            i -> SchemaRules.supports(i, fk) && !i.columns().get(0).equals(fk.columns().get(0)));
  }

  private boolean partialOrInvalidIndexOnly(Object[] tableAndFk) {
    Table t = (Table) tableAndFk[0];
    ForeignKey fk = (ForeignKey) tableAndFk[1];
    return t.indexes().stream()
        .anyMatch(
            i -> {
              List<String> all = new ArrayList<>(i.columns());
              all.addAll(i.include());
              return (!i.valid() || i.predicate() != null)
                  && !i.columns().isEmpty()
                  && i.columns().get(0).equals(fk.columns().get(0))
                  && all.containsAll(fk.columns());
            });
  }

  private Optional<Object[]> foreignKey(Map<String, Table> tables, String key) {
    Table t = tables.get(tableOf(key));
    if (t == null) {
      return Optional.empty();
    }
    String name = key.substring(tableOf(key).length() + 1);
    return t.foreignKeys().stream()
        .filter(fk -> fk.name().equals(name))
        .findFirst()
        .map(fk -> new Object[] {t, fk});
  }

  private Optional<Difference> duplicateExplanation(Map<String, Table> tables, String group) {
    String table = group.substring(0, group.indexOf(": "));
    Table t = tables.get(table);
    List<Index> indexes =
        List.of(group.substring(group.indexOf(": ") + 2).split(", ")).stream()
            .map(n -> index(t, n))
            .toList();
    if (indexes.stream().anyMatch(i -> !i.valid())) {
      return Optional.of(Difference.DUPLICATE_WITH_INVALID);
    }
    return Optional.empty();
  }

  private Optional<Difference> intersectedExplanation(Index shorter, Index longer) {
    if (shorter.unique() || shorter.primary()) {
      return Optional.of(Difference.INTERSECTED_SHORTER_UNIQUE);
    }
    if (!Objects.equals(shorter.method(), longer.method())) {
      return Optional.of(Difference.INTERSECTED_OTHER_METHOD);
    }
    int n = shorter.columns().size();
    boolean keyPrefix =
        longer.columns().size() > n && longer.columns().subList(0, n).equals(shorter.columns());
    if (!keyPrefix) {
      boolean expressions =
          shorter.columns().stream().anyMatch(c -> c.contains("("))
              || longer.columns().stream().anyMatch(c -> c.contains("("));
      return Optional.of(
          expressions ? Difference.INTERSECTED_EXPRESSION : Difference.INTERSECTED_INCLUDE);
    }
    List<String> longerAll = new ArrayList<>(longer.columns());
    longerAll.addAll(longer.include());
    if (!longerAll.containsAll(shorter.include())) {
      return Optional.of(Difference.INTERSECTED_INCLUDE);
    }
    String a = SchemaRules.keyPartsOf(shorter).orElse("");
    String b = SchemaRules.keyPartsOf(longer).orElse("");
    if (!b.equals(a) && !b.startsWith(a + ",")) {
      return Optional.of(Difference.INTERSECTED_OPERATOR_CLASS);
    }
    return Optional.empty();
  }

  private Optional<Difference> unusedExplanation(
      Map<String, Table> tables, String key, Long scans) {
    Table t = tables.get(tableOf(key));
    if (t == null) {
      return Optional.empty();
    }
    String name = key.substring(tableOf(key).length() + 1);
    Optional<Index> own = t.indexes().stream().filter(i -> i.name().equals(name)).findFirst();
    if (own.isEmpty() && t.partitionOf() != null) {
      return Optional.of(Difference.UNUSED_PARTITION_INDEX);
    }
    if (own.isPresent() && !own.get().valid()) {
      return Optional.of(Difference.UNUSED_INVALID);
    }
    if (scans != null && scans > 0 && scans < PG_INDEX_HEALTH_UNUSED_SCANS) {
      return Optional.of(Difference.UNUSED_FEW_SCANS);
    }
    return Optional.empty();
  }

  // ------------------------------------------------------------------------- names

  /** pg-index-health prints regclass text: unqualified for public, quoted when needed. */
  private String table(String regclass) {
    String t = unquote(regclass);
    return t.contains(".") ? t : "public." + t;
  }

  private String indexName(String regclass) {
    String t = unquote(regclass);
    return t.contains(".") ? t.substring(t.lastIndexOf('.') + 1) : t;
  }

  private static String unquote(String s) {
    return s.replace("\"", "");
  }

  private static String tableOf(String key) {
    int last = key.lastIndexOf('.');
    return key.substring(0, last);
  }

  private static String group(String table, List<String> names) {
    return table + ": " + String.join(", ", new TreeSet<>(names));
  }

  private static Index index(Table t, String name) {
    return t.indexes().stream()
        .filter(i -> i.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no index " + name + " on " + t.qualifiedName()));
  }

  private static Set<String> objects(List<SchemaFinding> findings, String ruleId) {
    Set<String> out = new TreeSet<>();
    findings.stream()
        .filter(f -> f.ruleId().equals(ruleId))
        .forEach(f -> out.add(f.table() + "." + f.object()));
    return out;
  }

  /** Collects, per check, the two sides and their explained and unexplained differences. */
  private static final class Report {
    final String label;
    final List<String> lines = new ArrayList<>();
    final List<String> unexplained = new ArrayList<>();
    final Set<Difference> explained = new TreeSet<>();
    final Map<String, Integer> sizes = new LinkedHashMap<>();

    Report(String label) {
      this.label = label;
    }

    void check(
        String name,
        Set<String> theirs,
        Set<String> ours,
        Function<String, Optional<Difference>> whyOnlyTheirs,
        Function<String, Optional<Difference>> whyOnlyOurs) {
      sizes.put(name, theirs.size());
      List<String> notes = new ArrayList<>();
      for (String key : theirs) {
        if (!ours.contains(key)) {
          Optional<Difference> why = whyOnlyTheirs.apply(key);
          if (why.isPresent()) {
            explained.add(why.get());
            notes.add("only pg-index-health: " + key + " (" + why.get() + ")");
          } else {
            unexplained.add(name + ": only pg-index-health reports " + key);
          }
        }
      }
      for (String key : ours) {
        if (!theirs.contains(key)) {
          Optional<Difference> why = whyOnlyOurs.apply(key);
          if (why.isPresent()) {
            explained.add(why.get());
            notes.add("only dbarch: " + key + " (" + why.get() + ")");
          } else {
            unexplained.add(name + ": only dbarch reports " + key);
          }
        }
      }
      long same = theirs.stream().filter(ours::contains).count();
      lines.add(
          "  %-27s pg-index-health %3d, dbarch %3d, agreed %3d%s"
              .formatted(
                  name,
                  theirs.size(),
                  ours.size(),
                  same,
                  notes.isEmpty() ? "" : "; explained: " + notes));
    }

    void print() {
      System.out.println("pg-index-health differential [" + label + "]");
      lines.forEach(System.out::println);
      for (Difference d : explained) {
        System.out.println("    " + d + ": " + d.why);
      }
    }
  }
}
