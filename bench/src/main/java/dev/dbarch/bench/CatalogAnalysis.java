package dev.dbarch.bench;

import dev.dbarch.contracts.schema.SchemaFinding;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.schema.catalog.PostgresCatalogReader;
import dev.dbarch.schema.findings.SchemaRules;
import io.github.mfvanek.pg.connection.PgConnection;
import io.github.mfvanek.pg.connection.PgConnectionImpl;
import io.github.mfvanek.pg.connection.host.PgHostImpl;
import io.github.mfvanek.pg.core.checks.common.DatabaseCheckOnHost;
import io.github.mfvanek.pg.core.checks.host.StandardChecksOnHost;
import io.github.mfvanek.pg.model.context.PgContext;
import io.github.mfvanek.pg.model.dbobject.DbObject;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import schemacrawler.schema.Catalog;
import schemacrawler.schemacrawler.LimitOptionsBuilder;
import schemacrawler.schemacrawler.LoadOptionsBuilder;
import schemacrawler.schemacrawler.SchemaCrawlerOptions;
import schemacrawler.schemacrawler.SchemaCrawlerOptionsBuilder;
import schemacrawler.schemacrawler.SchemaInfoLevelBuilder;
import schemacrawler.tools.lint.LinterRegistry;
import schemacrawler.tools.lint.Linters;
import schemacrawler.tools.lint.config.LinterConfigs;
import schemacrawler.tools.options.Config;
import schemacrawler.tools.utility.SchemaCrawlerUtility;
import us.fatehi.utility.datasource.DatabaseConnectionSources;

/**
 * Live catalog snapshot plus every schema finding (schema-kit) on generated schemas of 100, 1,000
 * and 10,000 tables, beside pg-index-health-core running all its standard checks on the same
 * database; the snapshot's counts are checked against a plain catalog query.
 */
final class CatalogAnalysis {

  static final int COLUMNS = 12;
  static final int SCHEMAS = 4;

  /** How long SchemaCrawler may crawl and lint one size; past it the ratio is a lower bound. */
  static final Duration LINT_LIMIT = Duration.ofMinutes(10);

  /** Tables per transaction while loading: one transaction for 5,000 runs out of lock slots. */
  static final int BATCH = 250;

  record Result(
      int tables,
      double oursMillis,
      double snapshotMillis,
      int findings,
      double theirsMillis,
      int theirFindings,
      int theirFailedChecks,
      double lintMillis,
      int lints,
      String lintFailure,
      boolean lintUnfinished,
      String countsCheck,
      boolean countsEqual,
      int runs) {}

  /** SchemaCrawler logs each crawl step at INFO through java.util.logging; the report has them. */
  private static final List<java.util.logging.Logger> QUIET_SCHEMACRAWLER =
      List.of(
          java.util.logging.Logger.getLogger("schemacrawler"),
          java.util.logging.Logger.getLogger("us.fatehi"));

  private final EmbeddedPostgres pg;
  private final boolean quick;
  private boolean warm;

  /** Quick: one run, no warm-up (CI checks that it runs, not how fast). */
  CatalogAnalysis(EmbeddedPostgres pg, boolean quick) {
    this.pg = pg;
    this.quick = quick;
    this.warm = quick;
  }

  Result measure(int tables) throws Exception {
    String database = "catalog_" + tables;
    try (Connection c = pg.getPostgresDatabase().getConnection();
        Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      st.execute("CREATE DATABASE " + database);
    }
    DataSource ds = pg.getDatabase("postgres", database);
    Bench.progress("  loading " + tables + " tables");
    load(ds, tables);
    int runs = quick || tables > 1000 ? 1 : 3;
    if (!warm) {
      ours(ds);
      theirs(ds, database);
      warm = true;
    }
    List<Double> oursTimes = new ArrayList<>();
    List<Double> snapTimes = new ArrayList<>();
    int findings = 0;
    SchemaSnapshot snapshot = null;
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      try (Connection c = ds.getConnection()) {
        snapshot = new PostgresCatalogReader().read(c);
      }
      long t1 = System.nanoTime();
      List<SchemaFinding> found = SchemaRules.analyze(snapshot);
      long t2 = System.nanoTime();
      findings = found.size();
      snapTimes.add((t1 - t0) / 1e6);
      oursTimes.add((t2 - t0) / 1e6);
    }
    List<Double> theirTimes = new ArrayList<>();
    int[] theirs = null;
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      theirs = theirs(ds, database);
      theirTimes.add((System.nanoTime() - t0) / 1e6);
    }
    // SchemaCrawler is minutes at 10,000 tables: one run, after ours and pg-index-health's, on its
    // own daemon thread so that a crawl past the limit leaves a lower bound instead of a hung bench
    // (its topological sort of the tables ran for over 30 minutes on the 10,000-table chain).
    long l0 = System.nanoTime();
    int lints = -1;
    String lintFailure = null;
    boolean unfinished = false;
    ExecutorService lintThread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "schemacrawler-lint");
              t.setDaemon(true);
              return t;
            });
    Future<Integer> lint = lintThread.submit(() -> schemaCrawlerLint(ds));
    try {
      lints = lint.get(LINT_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      unfinished = true;
      lint.cancel(true);
      Bench.progress("    SchemaCrawler unfinished after " + LINT_LIMIT.toMinutes() + " min");
    } catch (ExecutionException e) {
      // Its catalog is unreachable once it has thrown, so the heap is back for the rest; the row
      // keeps dbarch's and pg-index-health's figures and says why SchemaCrawler has none.
      Throwable cause = e.getCause();
      lintFailure = cause.getClass().getSimpleName() + ": " + cause.getMessage();
      Bench.progress("    SchemaCrawler failed at " + tables + " tables: " + lintFailure);
    } finally {
      lintThread.shutdownNow();
    }
    double lintMillis =
        unfinished
            ? LINT_LIMIT.toMillis()
            : lintFailure == null ? (System.nanoTime() - l0) / 1e6 : -1;
    String counts;
    boolean equal;
    try (Connection c = ds.getConnection()) {
      long[] catalog = catalogCounts(c);
      long snapTables = snapshot.tables().size();
      long snapIndexes = snapshot.tables().stream().mapToLong(t -> t.indexes().size()).sum();
      long snapFks = snapshot.tables().stream().mapToLong(t -> t.foreignKeys().size()).sum();
      equal = catalog[0] == snapTables && catalog[1] == snapIndexes && catalog[2] == snapFks;
      counts =
          String.format(
              "tables %,d/%,d, indexes %,d/%,d, foreign keys %,d/%,d",
              snapTables, catalog[0], snapIndexes, catalog[1], snapFks, catalog[2]);
    }
    try (Connection c = pg.getPostgresDatabase().getConnection();
        Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
    return new Result(
        tables,
        median(oursTimes),
        median(snapTimes),
        findings,
        median(theirTimes),
        theirs[0],
        theirs[1],
        lintMillis,
        lints,
        lintFailure,
        unfinished,
        counts,
        equal,
        runs);
  }

  private static void ours(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection()) {
      SchemaRules.analyze(new PostgresCatalogReader().read(c));
    }
  }

  /**
   * SchemaCrawler's crawl of the generated schemas at its standard info level, then every linter it
   * registers, run on the catalog it crawled: the lints found.
   */
  static int schemaCrawlerLint(DataSource ds) throws SQLException {
    QUIET_SCHEMACRAWLER.forEach(l -> l.setLevel(java.util.logging.Level.WARNING));
    SchemaCrawlerOptions options =
        SchemaCrawlerOptionsBuilder.newSchemaCrawlerOptions()
            .withLimitOptions(
                LimitOptionsBuilder.builder()
                    .includeSchemas(Pattern.compile("(.*\\.)?s\\d+"))
                    .toOptions())
            .withLoadOptions(
                LoadOptionsBuilder.builder()
                    .withSchemaInfoLevel(SchemaInfoLevelBuilder.standard())
                    .toOptions());
    Catalog catalog =
        SchemaCrawlerUtility.getCatalog(DatabaseConnectionSources.fromDataSource(ds), options);
    Linters linters = new Linters(new LinterConfigs(new Config()), true);
    linters.initialize(LinterRegistry.getLinterRegistry());
    try (Connection c = ds.getConnection()) {
      linters.lint(catalog, c);
    }
    return linters.getLints().size();
  }

  /** All of pg-index-health's standard checks on every generated schema: {findings, failed}. */
  private static int[] theirs(DataSource ds, String database) {
    String url = "jdbc:postgresql://localhost:" + portOf(ds) + "/" + database;
    PgConnection pgc = PgConnectionImpl.of(ds, PgHostImpl.ofUrl(url));
    List<DatabaseCheckOnHost<? extends DbObject>> checks = new StandardChecksOnHost().apply(pgc);
    int found = 0;
    int failed = 0;
    for (int s = 0; s < SCHEMAS; s++) {
      PgContext ctx = PgContext.of("s" + s);
      for (DatabaseCheckOnHost<? extends DbObject> check : checks) {
        try {
          found += check.check(ctx).size();
        } catch (RuntimeException e) {
          failed++;
        }
      }
    }
    return new int[] {found, failed};
  }

  private static int portOf(DataSource ds) {
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT current_setting('port')")) {
      rs.next();
      return Integer.parseInt(rs.getString(1));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the server's port", e);
    }
  }

  /** Tables, indexes and foreign keys outside the schemas the reader skips, straight from pg_*. */
  static long[] catalogCounts(Connection c) throws SQLException {
    String filter =
        "n.nspname <> ALL (?) AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'";
    String sql =
        "SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind IN ('r', 'p') AND "
            + filter
            + "), (SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND "
            + filter.replace("?", "?")
            + "), (SELECT count(*) FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE k.contype = 'f' AND "
            + filter
            + ")";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      Array excluded =
          c.createArrayOf("text", PostgresCatalogReader.EXCLUDED_SCHEMAS.toArray(new String[0]));
      ps.setArray(1, excluded);
      ps.setArray(2, excluded);
      ps.setArray(3, excluded);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
      }
    }
  }

  /**
   * {@code tables} tables of {@link #COLUMNS} columns over {@link #SCHEMAS} schemas: an identity
   * key, a foreign key to the previous table (every third one indexed), a unique code, a timestamp
   * without time zone, a json column and a commented e-mail column, so most rules have something to
   * say.
   */
  static void load(DataSource ds, int tables) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement()) {
      for (int s = 0; s < SCHEMAS; s++) {
        st.execute("CREATE SCHEMA s" + s);
      }
      c.setAutoCommit(false);
      for (int i = 1; i <= tables; i++) {
        String t = "s" + (i % SCHEMAS) + ".t" + i;
        StringBuilder b = new StringBuilder(512);
        b.append("CREATE TABLE ")
            .append(t)
            .append(" (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, parent_id integer,")
            .append(" code varchar(40) NOT NULL, created_at timestamp NOT NULL DEFAULT now(),")
            .append(" doc json");
        for (int col = 5; col < COLUMNS; col++) {
          b.append(", c")
              .append(col)
              .append(col % 3 == 0 ? " text" : col % 3 == 1 ? " integer" : " numeric(12,2)");
        }
        b.append(")");
        st.addBatch(b.toString());
        if (i > 1) {
          String prev = "s" + ((i - 1) % SCHEMAS) + ".t" + (i - 1);
          st.addBatch(
              "ALTER TABLE ONLY "
                  + t
                  + " ADD CONSTRAINT t"
                  + i
                  + "_parent_fkey FOREIGN KEY (parent_id) REFERENCES "
                  + prev
                  + " (id)");
        }
        if (i % 3 == 0) {
          st.addBatch("CREATE INDEX t" + i + "_parent_idx ON " + t + " (parent_id)");
        }
        st.addBatch("CREATE UNIQUE INDEX t" + i + "_code_key ON " + t + " (code)");
        st.addBatch("COMMENT ON COLUMN " + t + ".c5 IS 'customer email'");
        if (i % BATCH == 0 || i == tables) {
          st.executeBatch();
          c.commit();
        }
      }
      c.setAutoCommit(true);
      st.execute("ANALYZE");
    }
  }

  static double median(List<Double> values) {
    List<Double> v = new ArrayList<>(values);
    Collections.sort(v);
    return v.get(v.size() / 2);
  }
}
