package dev.dbarch.workload.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.requirements.Diagnostics;
import dev.dbarch.contracts.requirements.QueryPlan;
import dev.dbarch.contracts.requirements.Requirements;
import dev.dbarch.contracts.requirements.SchemaSource;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.contracts.workload.IndexAdvice;
import dev.dbarch.contracts.workload.WorkloadSnapshot;
import dev.dbarch.schema.catalog.PostgresCatalogReader;
import dev.dbarch.workload.MachinePostgres;
import dev.dbarch.workload.WorkloadThresholds;
import dev.dbarch.workload.advice.Candidate;
import dev.dbarch.workload.advice.HypoPgAdvisor;
import dev.dbarch.workload.advice.IndexCandidates;
import dev.dbarch.workload.change.WorkloadIntervals;
import dev.dbarch.workload.live.PostgresWorkloadReader;
import dev.dbarch.workload.live.ReadOptions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The workload diagnoses against a real PostgreSQL 15 with pg_stat_statements and HypoPG: a loaded
 * shop schema runs a workload with every problem the diagnoses know, and each diagnosis must fire.
 * Then the fixes dbarch proposed are applied as proposed (every SQL statement executed on the
 * server, rewrites run in place of the originals) and the same business workload runs again on this
 * tuned twin, where no diagnosis may fire. Server-wide fixes (ALTER SYSTEM) are not run on the
 * shared server, and its buffer cache cannot be made cold; {@code ServerWideFixesTest} shows both
 * on a private PostgreSQL 17.
 */
class WorkloadTwinsTest {

  static final WorkloadThresholds THRESHOLDS =
      WorkloadThresholds.DEFAULTS.with(
          Map.of(
              "long-transaction-seconds", "2",
              "idle-in-transaction-seconds", "2",
              "cache-hit-target", "0.95"));

  static final String SCHEMA =
      """
      CREATE EXTENSION pg_stat_statements;
      CREATE EXTENSION hypopg;
      CREATE TABLE customers (id bigint PRIMARY KEY, email text NOT NULL, name text NOT NULL,
        region text NOT NULL, created_at timestamptz NOT NULL);
      INSERT INTO customers SELECT g, 'user' || g || '@example.com', 'Customer ' || g,
        (ARRAY['north', 'south', 'east', 'west'])[1 + g % 4], now() - g * interval '1 minute'
        FROM generate_series(1, 20000) g;
      CREATE INDEX customers_email_idx ON customers (email);
      CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, status text NOT NULL,
        channel text NOT NULL, total numeric(10, 2) NOT NULL, created_at timestamptz NOT NULL,
        note text);
      INSERT INTO orders SELECT g, 1 + (g * 7919) % 20000, 's' || (g % 100), 'c' || (g % 100),
        (g % 500) + 0.99, now() - g * interval '1 second', repeat('n', 150)
        FROM generate_series(1, 200000) g;
      CREATE INDEX orders_note_idx ON orders (note);
      CREATE TABLE order_items (id bigint PRIMARY KEY, order_id bigint NOT NULL,
        product_id int NOT NULL, qty int NOT NULL, price numeric(10, 2) NOT NULL);
      INSERT INTO order_items SELECT g, 1 + (g - 1) / 2, 1 + g % 5000, 1 + g % 3, 9.99
        FROM generate_series(1, 400000) g;
      CREATE INDEX order_items_order_id_idx ON order_items (order_id);
      CREATE TABLE products (id int PRIMARY KEY, name text NOT NULL, description text NOT NULL);
      INSERT INTO products SELECT g, 'Product ' || g, md5(g::text) || md5((g * 3)::text)
        FROM generate_series(1, 50000) g;
      """;

  static final String SCATTERED = "SELECT id, total FROM orders WHERE customer_id = ?";
  static final String CORRELATED =
      "SELECT o.id, i.qty FROM orders o JOIN order_items i ON i.order_id = o.id"
          + " WHERE o.status = 's7' AND o.channel = 'c7'";
  static final String SORT = "SELECT id, name, description FROM products ORDER BY description";
  static final String LOOKUP = "SELECT id, product_id, qty FROM order_items WHERE order_id = ?";
  static final String BY_EMAIL = "SELECT id FROM customers WHERE lower(email) = ?";
  static final String STAR = "SELECT * FROM customers WHERE id = ?";
  static final String PAGE =
      "SELECT id, created_at FROM orders ORDER BY created_at, id LIMIT 20 OFFSET ?";

  @Test
  void everyDiagnosisFiresOnTheLoadedDatabaseAndNoneOnceItsFixesAreApplied() throws Exception {
    try (MachinePostgres pg = MachinePostgres.create(true, true)) {
      String app = pg.database() + "_app";
      pg.execute("CREATE ROLE " + app + " LOGIN");
      try {
        pg.execute(
            SCHEMA, "VACUUM ANALYZE", "GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + app);
        Phase loaded = run(pg, app, new Loaded(), 8);
        Set<String> fired = ruleIds(loaded.findings);
        print("loaded", loaded);
        // The buffer cache of a shared server cannot be made small enough to go cold here;
        // ServerWideFixesTest shows PERF-DIAG-020 on a private server with a small cache.
        assertThat(fired)
            .containsAll(
                Diagnoses.ALL.stream()
                    .map(Diagnosis::id)
                    .filter(id -> !id.equals(BufferCacheHitRatio.ID))
                    .toList());
        List<IndexAdvice> verified =
            loaded.snapshot.indexAdvice().stream().filter(IndexAdvice::verified).toList();
        assertThat(verified)
            .as("HypoPG measured the candidates on the monitored database")
            .isNotEmpty()
            .anySatisfy(
                a -> {
                  assertThat(a.columns()).containsExactly("customer_id");
                  assertThat(a.kept()).isTrue();
                  assertThat(a.costDrop()).isGreaterThan(THRESHOLDS.indexMinCostDrop());
                });
        assertThat(
                loaded.findings.stream()
                    .filter(f -> f.ruleId().equals(MissingIndex.ID))
                    .map(Finding::arithmetic))
            .anySatisfy(text -> assertThat(text).contains("HypoPG").contains("→"));

        Fixes fixes = apply(pg, loaded.findings);
        Phase tuned = run(pg, app, new Tuned(fixes), 5);
        print("tuned", tuned);
        assertThat(tuned.findings).as("findings on the tuned twin").isEmpty();
        assertThat(tuned.longStatementCancelled)
            .as("statement_timeout set for the role cancels its long statement")
            .isTrue();
        assertThat(tuned.idleSessionTerminated)
            .as("idle_in_transaction_session_timeout ends the idle session")
            .isTrue();
      } finally {
        pg.close();
        try (Connection c =
                java.sql.DriverManager.getConnection(
                    "jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
            Statement st = c.createStatement()) {
          st.execute("DROP ROLE IF EXISTS " + app);
        }
      }
    }
  }

  /** What one run of the workload produced. */
  record Phase(
      WorkloadSnapshot snapshot,
      List<Finding> findings,
      boolean longStatementCancelled,
      boolean idleSessionTerminated) {}

  /** The fixes, sorted by where they apply. */
  record Fixes(String workMem, String batchedLookup, String namedColumns, String keyset) {}

  /** The workload of one phase: statements run, plans captured, pool figures. */
  interface Workload {
    List<QueryPlan> run(Connection c) throws SQLException;

    int poolPerInstance();
  }

  /** The application as it was: seq scans, N+1, SELECT *, OFFSET, a sort in 64 kB. */
  static final class Loaded implements Workload {
    @Override
    public List<QueryPlan> run(Connection c) throws SQLException {
      for (int i = 0; i < 20; i++) {
        query(c, SCATTERED, 1 + i * 37L);
      }
      query(c, CORRELATED);
      inTransaction(c, "SET LOCAL work_mem = '64kB'", SORT);
      for (long order = 1; order <= 600; order++) {
        query(c, LOOKUP, order);
      }
      for (int i = 0; i < 30; i++) {
        query(c, BY_EMAIL, "user" + (i * 11 + 1) + "@example.com");
        query(c, STAR, (long) (i * 13 + 1));
      }
      for (int page = 0; page < 10; page++) {
        query(c, PAGE, page * 5000L);
      }
      List<QueryPlan> plans = new ArrayList<>();
      plans.add(plan(c, "orders of a customer", SCATTERED.replace("?", "42")));
      plans.add(plan(c, "open orders in a channel", CORRELATED));
      plans.add(plan(c, "catalogue export", SORT, "SET LOCAL work_mem = '64kB'"));
      plans.add(plan(c, "deep page", PAGE.replace("?", "40000")));
      return plans;
    }

    @Override
    public int poolPerInstance() {
      return 20;
    }
  }

  /** The same business after the fixes: rewrites in place of the originals, the work_mem set. */
  static final class Tuned implements Workload {
    final Fixes fixes;

    Tuned(Fixes fixes) {
      this.fixes = fixes;
    }

    @Override
    public List<QueryPlan> run(Connection c) throws SQLException {
      for (int i = 0; i < 20; i++) {
        query(c, SCATTERED, 1 + i * 37L);
      }
      query(c, CORRELATED);
      inTransaction(c, fixes.workMem(), SORT);
      prepared(c, fixes.batchedLookup(), "'{" + range(1, 600) + "}'");
      for (int i = 0; i < 30; i++) {
        query(c, BY_EMAIL, "user" + (i * 11 + 1) + "@example.com");
        prepared(c, fixes.namedColumns(), Long.toString(i * 13 + 1));
      }
      String last = "'-infinity', 0";
      for (int page = 0; page < 10; page++) {
        last = lastRow(c, fixes.keyset(), last);
      }
      List<QueryPlan> plans = new ArrayList<>();
      plans.add(plan(c, "orders of a customer", SCATTERED.replace("?", "42")));
      plans.add(plan(c, "open orders in a channel", CORRELATED));
      plans.add(plan(c, "catalogue export", SORT, fixes.workMem()));
      plans.add(
          plan(
              c,
              "deep page",
              fixes.keyset().replace("$1", "now() - interval '1 day'").replace("$2", "0")));
      return plans;
    }

    @Override
    public int poolPerInstance() {
      return 5;
    }
  }

  /** Runs a phase: warm-up, baseline snapshot, the workload, sessions, snapshot, advice. */
  private static Phase run(MachinePostgres pg, String app, Workload workload, int waitSeconds)
      throws Exception {
    try (Connection c = pg.connect()) {
      try (Statement st = c.createStatement()) {
        st.execute(
            "SELECT pg_stat_statements_reset(0, (SELECT oid FROM pg_database"
                + " WHERE datname = current_database()), 0)");
        st.execute("SELECT pg_stat_reset()");
      }
      // A warm-up run first: pages the workload reads by index stay in the buffer cache, as in
      // production; tables read by sequential scans of their full size do not.
      workload.run(c);
      PostgresWorkloadReader reader = new PostgresWorkloadReader();
      WorkloadSnapshot baseline =
          reader.read(c, "shop", "r1", 1, Instant.now(), ReadOptions.DEFAULTS);
      List<QueryPlan> plans = workload.run(c);
      // A long statement and an idle transaction of the application's role, open while the
      // statistics are read.
      CompletableFuture<Boolean> longStatement =
          CompletableFuture.supplyAsync(
              () -> {
                try (Connection appConnection = pg.connectAs(app);
                    Statement st = appConnection.createStatement()) {
                  st.execute("SELECT pg_sleep(" + waitSeconds + ")");
                  return false;
                } catch (SQLException e) {
                  return e.getMessage().contains("statement timeout");
                }
              });
      Connection idle = pg.connectAs(app);
      idle.setAutoCommit(false);
      try (Statement st = idle.createStatement()) {
        st.execute("SELECT count(*) FROM customers");
      }
      TimeUnit.MILLISECONDS.sleep(3_500);
      WorkloadSnapshot current =
          WorkloadIntervals.derive(
              baseline,
              reader.read(c, "shop", "r1", 2, Instant.now(), ReadOptions.DEFAULTS),
              THRESHOLDS.topStatements());
      SchemaSnapshot schema = new PostgresCatalogReader().read(c);
      Requirements requirements = requirements(plans, workload.poolPerInstance());
      List<Candidate> candidates =
          IndexCandidates.collect(Evidence.of(requirements, current, schema, THRESHOLDS));
      List<IndexAdvice> advice =
          new HypoPgAdvisor(THRESHOLDS.indexMinCostDrop(), Duration.ofSeconds(10))
              .advise(c, candidates);
      current = current.withIndexAdvice(advice);
      List<Finding> findings =
          Diagnoses.evaluate(Evidence.of(requirements, current, schema, THRESHOLDS));
      boolean terminated;
      try (Statement st = idle.createStatement()) {
        st.execute("SELECT 1");
        terminated = false;
      } catch (SQLException e) {
        terminated = true;
      } finally {
        idle.close();
      }
      boolean cancelled = longStatement.get(60, TimeUnit.SECONDS);
      return new Phase(current, findings, cancelled, terminated);
    }
  }

  private static Requirements requirements(List<QueryPlan> plans, int poolPerInstance)
      throws Exception {
    Diagnostics diagnostics =
        new Diagnostics(
            4,
            poolPerInstance,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            6,
            4.0,
            null,
            plans,
            null);
    return new Requirements(
        "shop",
        "Shop",
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        diagnostics,
        null);
  }

  /**
   * Executes every SQL fix once, except the server-wide ones: DDL and settings as they are, every
   * rewritten statement prepared and run (with NULL arguments). Returns the rewrites the tuned
   * workload runs in place of the originals: those proposed from the plans, whose values are known.
   */
  private static Fixes apply(MachinePostgres pg, List<Finding> findings) throws SQLException {
    Set<String> executed = new LinkedHashSet<>();
    String workMem = null;
    String batched = null;
    String named = null;
    String keyset = null;
    for (Finding f : findings) {
      for (String sql : f.sql()) {
        if (sql.startsWith("ALTER SYSTEM") || sql.startsWith("SELECT pg_reload_conf")) {
          continue;
        }
        if (sql.startsWith("SET LOCAL work_mem")) {
          if (f.subject().equals("catalogue export")) {
            workMem = sql;
          }
        } else if (sql.startsWith("SELECT")) {
          runWithNulls(pg, sql);
          switch (f.ruleId()) {
            case NPlusOneQueries.ID -> batched = sql;
            case SelectStar.ID -> named = sql;
            case OffsetPagination.ID -> keyset = f.subject().equals("deep page") ? sql : keyset;
            default ->
                throw new AssertionError("unexpected rewrite from " + f.ruleId() + ": " + sql);
          }
        } else if (executed.add(sql)) {
          pg.execute(sql);
        }
      }
    }
    assertThat(executed)
        .as("fixes executed on PostgreSQL 15")
        .anyMatch(s -> s.startsWith("CREATE INDEX CONCURRENTLY"))
        .anyMatch(s -> s.startsWith("CREATE STATISTICS"))
        .anyMatch(s -> s.startsWith("DROP INDEX CONCURRENTLY"))
        .anyMatch(s -> s.startsWith("ALTER ROLE"))
        .anyMatch(s -> s.startsWith("ALTER DATABASE"));
    assertThat(List.of(workMem, batched, named, keyset).stream().filter(x -> x == null).count())
        .as("work_mem %s, batched %s, named %s, keyset %s", workMem, batched, named, keyset)
        .isZero();
    return new Fixes(workMem, batched, named, keyset);
  }

  /** Prepares a rewritten statement and runs it once with NULL for every parameter. */
  private static void runWithNulls(MachinePostgres pg, String sql) throws SQLException {
    int parameters = 0;
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$(\\d+)").matcher(sql);
    while (m.find()) {
      parameters = Math.max(parameters, Integer.parseInt(m.group(1)));
    }
    try (Connection c = pg.connect();
        Statement st = c.createStatement()) {
      st.execute("PREPARE dbarch_check AS " + sql);
      st.execute(
          "EXECUTE dbarch_check("
              + String.join(", ", java.util.Collections.nCopies(parameters, "NULL"))
              + ")");
    }
  }

  private static void query(Connection c, String sql, Object... values) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        ps.setObject(i + 1, values[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          // read every row, as an application would
        }
      }
    }
  }

  private static void inTransaction(Connection c, String setting, String sql) throws SQLException {
    c.setAutoCommit(false);
    try (Statement st = c.createStatement()) {
      st.execute(setting);
      try (ResultSet rs = st.executeQuery(sql)) {
        while (rs.next()) {
          // read every row
        }
      }
    } finally {
      c.commit();
      c.setAutoCommit(true);
    }
  }

  /** Runs a rewrite with its {@code $n} parameters as the server prepares it. */
  private static void prepared(Connection c, String sql, String arguments) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("PREPARE dbarch_fix AS " + sql);
      try {
        st.execute("EXECUTE dbarch_fix(" + arguments + ")");
      } finally {
        st.execute("DEALLOCATE dbarch_fix");
      }
    }
  }

  /** One keyset page; returns the last row's sort values as the next page's arguments. */
  private static String lastRow(Connection c, String keyset, String after) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("PREPARE dbarch_page AS " + keyset);
      try (ResultSet rs = st.executeQuery("EXECUTE dbarch_page(" + after + ")")) {
        String last = after;
        while (rs.next()) {
          last = "'" + rs.getString("created_at") + "', " + rs.getLong("id");
        }
        return last;
      } finally {
        st.execute("DEALLOCATE dbarch_page");
      }
    }
  }

  private static QueryPlan plan(Connection c, String name, String sql, String... settings)
      throws SQLException {
    c.setAutoCommit(false);
    try (Statement st = c.createStatement()) {
      for (String setting : settings) {
        st.execute(setting);
      }
      try (ResultSet rs = st.executeQuery("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql)) {
        rs.next();
        JsonNode json = Json.mapper().readTree(rs.getString(1));
        return new QueryPlan(name, sql, SchemaSource.Dialect.POSTGRESQL, json);
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    } finally {
      c.commit();
      c.setAutoCommit(true);
    }
  }

  private static String range(int from, int to) {
    StringBuilder s = new StringBuilder();
    for (int i = from; i <= to; i++) {
      s.append(i == from ? "" : ",").append(i);
    }
    return s.toString();
  }

  private static Set<String> ruleIds(List<Finding> findings) {
    return findings.stream().map(Finding::ruleId).collect(Collectors.toCollection(TreeSet::new));
  }

  private static void print(String phase, Phase p) {
    System.out.println(
        "== " + phase + ": " + p.findings.size() + " findings; activity " + p.snapshot.activity());
    for (Finding f : p.findings) {
      System.out.println(f.ruleId() + " | " + f.subject() + " | " + f.fix());
      System.out.println("    " + f.arithmetic());
    }
    p.snapshot
        .indexAdvice()
        .forEach(a -> System.out.println("advice: " + a.sql() + " | " + a.note()));
  }
}
