package dev.dbarch.lint.corpus;

import static org.awaitility.Awaitility.await;

import dev.dbarch.contracts.requirements.SchemaSource;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.contracts.schema.StatementRisk.LockMode;
import dev.dbarch.contracts.schema.StatementRisk.TableWork;
import dev.dbarch.lint.Dialect;
import dev.dbarch.lint.Finding;
import dev.dbarch.lint.LintReport;
import dev.dbarch.lint.Linter;
import dev.dbarch.lint.StatementResult;
import dev.dbarch.lint.classify.Classification;
import dev.dbarch.lint.context.LintContext;
import dev.dbarch.schema.catalog.PostgresCatalogReader;
import dev.dbarch.schema.ddl.SqlScript;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs corpus statements on a real PostgreSQL and compares what the server did with what the linter
 * said: the locks the statement holds (from {@code pg_locks}), whether the table's file changed
 * ({@code relfilenode}: a rewrite), whether the table was read ({@code pg_stat_xact_user_tables}: a
 * scan), whether it ran at all. Statements that cannot run in a transaction are caught from a
 * second session while a third one makes them wait.
 */
public final class PostgresHarness implements AutoCloseable {

  /** A way to reach a server and make databases on it. */
  public interface Server {
    Connection connect(String database) throws SQLException;
  }

  private final Server server;
  private final String prefix;
  private final String baseDatabase;
  private final List<String> created = new ArrayList<>();
  private final Linter linter = new Linter();
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private int counter;

  public PostgresHarness(Server server, String prefix) throws SQLException {
    this.server = server;
    this.prefix = prefix;
    this.baseDatabase = prefix + "_base";
    createDatabase(baseDatabase, null);
    try (Connection c = server.connect(baseDatabase)) {
      c.setAutoCommit(true);
      for (SqlScript.Statement s :
          SqlScript.split(resource("/corpus/base.sql"), SchemaSource.Dialect.POSTGRESQL)) {
        try (Statement st = c.createStatement()) {
          st.execute(s.sql());
        }
      }
    }
  }

  static String resource(String path) {
    try (InputStream in = PostgresHarness.class.getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A fresh copy of the base schema, with {@code setup} run and committed. */
  public String database(List<String> setup) throws SQLException {
    String name = prefix + "_" + (++counter);
    createDatabase(name, baseDatabase);
    try (Connection c = server.connect(name)) {
      c.setAutoCommit(true);
      for (String sql : setup) {
        try (Statement st = c.createStatement()) {
          st.execute(sql);
        }
      }
    }
    return name;
  }

  private void createDatabase(String name, String template) throws SQLException {
    try (Connection c = server.connect("postgres");
        Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      st.execute("CREATE DATABASE " + name + (template == null ? "" : " TEMPLATE " + template));
    }
    created.add(name);
  }

  public void drop(String database) {
    try (Connection c = server.connect("postgres");
        Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      created.remove(database);
    } catch (SQLException e) {
      // left for close() to retry
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
    for (String db : List.copyOf(created)) {
      drop(db);
    }
    drop(baseDatabase);
  }

  /** The linter's verdict on a side's script, read against the database as it stands. */
  public record Linted(LintReport report, StatementResult observed, SchemaSnapshot snapshot) {

    public List<String> ruleIds() {
      return observed.findings().stream().map(Finding::ruleId).toList();
    }

    public boolean expectsFailure() {
      return observed.findings().stream().anyMatch(f -> "FAILS".equals(f.facts().get("impact")));
    }
  }

  public Linted lint(String database, Corpus.Side side) throws SQLException {
    SchemaSnapshot snapshot;
    try (Connection c = server.connect(database)) {
      snapshot = new PostgresCatalogReader().read(c);
    }
    // The setup already ran: the linter reads it as part of the script so its state (validated
    // checks, unique indexes) is known, and the snapshot shows its result.
    LintReport report =
        linter.lint(
            String.join(";\n", side.script()) + ";",
            LintContext.of(Dialect.POSTGRESQL, null, snapshot, null));
    StatementResult observed = report.statements().get(report.statements().size() - 1);
    return new Linted(report, observed, snapshot);
  }

  /**
   * What PostgreSQL did.
   *
   * @param locks the strongest mode taken on each pre-existing relation ({@code name} without the
   *     {@code public.} schema), with the relation's kind
   * @param rewritten the statement's table got a new file
   * @param scanned the statement's table was read sequentially
   * @param error the error, when the statement failed
   */
  public record Observation(
      Map<String, LockMode> locks,
      Map<String, String> kinds,
      Map<String, Set<LockMode>> held,
      boolean rewritten,
      boolean scanned,
      boolean tableExisted,
      String error) {}

  public Observation observe(String database, Corpus.Side side, Classification c) throws Exception {
    boolean sameTransaction = side.prelude().stream().anyMatch(PostgresHarness::isBegin);
    if (!sameTransaction) {
      // Without BEGIN the script's earlier statements commit on their own: so here.
      try (Connection conn = server.connect(database)) {
        conn.setAutoCommit(true);
        for (String sql : side.prelude()) {
          execute(conn, sql);
        }
      }
    }
    if (!c.transactional() && !sameTransaction) {
      return observeOutsideTransaction(database, side, c);
    }
    try (Connection conn = server.connect(database)) {
      conn.setAutoCommit(false);
      try {
        for (String sql : side.prelude()) {
          if (sameTransaction && !isTransactionControl(sql)) {
            execute(conn, sql);
          }
        }
        Map<Long, String[]> existing = relations(conn);
        Set<String> before = heldLocks(conn, existing, "pg_backend_pid()");
        Map<Long, Long> filesBefore = files(conn);
        Map<String, Long> scansBefore = xactScans(conn);
        String error = null;
        try {
          execute(conn, side.statement());
        } catch (SQLException e) {
          error = e.getMessage();
        }
        if (error != null) {
          return new Observation(Map.of(), Map.of(), Map.of(), false, false, false, error);
        }
        Set<String> after = heldLocks(conn, existing, "pg_backend_pid()");
        Map<Long, Long> filesAfter = files(conn);
        Map<String, Long> scansAfter = xactScans(conn);
        String table = table(c);
        Long oid = table == null ? null : oidOf(existing, table);
        boolean rewritten = changedFile(oid, filesBefore, filesAfter);
        boolean scanned =
            oid != null
                && scansAfter.getOrDefault(bare(table), 0L)
                    > scansBefore.getOrDefault(bare(table), 0L);
        return lockObservation(before, after, existing, rewritten, scanned, oid != null);
      } finally {
        conn.rollback();
      }
    }
  }

  private Observation observeOutsideTransaction(String database, Corpus.Side side, Classification c)
      throws Exception {
    String table = table(c);
    try (Connection blocker = server.connect(database);
        Connection worker = server.connect(database);
        Connection watcher = server.connect(database)) {
      worker.setAutoCommit(true);
      watcher.setAutoCommit(true);
      Map<Long, String[]> existing = relations(watcher);
      Map<Long, Long> filesBefore = files(watcher);
      long pid = scalar(worker, "SELECT pg_backend_pid()");
      blocker.setAutoCommit(false);
      if (side.blocker() == Corpus.Blocker.LOCK) {
        String locked = side.blockedTable() == null ? table : side.blockedTable();
        execute(blocker, "LOCK TABLE " + locked + " IN SHARE UPDATE EXCLUSIVE MODE");
      } else {
        execute(blocker, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
        execute(blocker, "SELECT count(*) FROM " + table);
      }
      Future<String> run =
          executor.submit(
              () -> {
                try {
                  execute(worker, side.statement());
                  return null;
                } catch (SQLException e) {
                  return e.getMessage();
                }
              });
      Set<String> held = new HashSet<>();
      try {
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(20))
            .until(
                () ->
                    run.isDone()
                        || scalar(
                                watcher,
                                "SELECT count(*) FROM pg_locks WHERE NOT granted AND pid = " + pid)
                            > 0);
        held.addAll(heldLocks(watcher, existing, Long.toString(pid)));
      } finally {
        blocker.rollback();
      }
      String error = run.get(60, TimeUnit.SECONDS);
      if (error != null) {
        return new Observation(Map.of(), Map.of(), Map.of(), false, false, false, error);
      }
      if (held.isEmpty()) {
        throw new AssertionError(
            "could not catch '" + side.statement() + "' holding its locks: it never waited");
      }
      Map<Long, Long> filesAfter = files(watcher);
      Long oid = table == null ? null : oidOf(existing, table);
      boolean rewritten = changedFile(oid, filesBefore, filesAfter);
      return lockObservation(Set.of(), held, existing, rewritten, false, oid != null);
    }
  }

  /** The relation kept its oid but got another file (a dropped table did not "change"). */
  private static boolean changedFile(Long oid, Map<Long, Long> before, Map<Long, Long> after) {
    return oid != null
        && before.get(oid) != null
        && after.get(oid) != null
        && !before.get(oid).equals(after.get(oid));
  }

  private static Observation lockObservation(
      Set<String> before,
      Set<String> after,
      Map<Long, String[]> existing,
      boolean rewritten,
      boolean scanned,
      boolean tableExisted) {
    Map<String, LockMode> strongest = new TreeMap<>();
    Map<String, Set<LockMode>> held = new TreeMap<>();
    Map<String, String> kinds = new HashMap<>();
    for (String[] r : existing.values()) {
      kinds.put(r[0], r[1]);
    }
    for (String entry : after) {
      String[] parts = entry.split("\\|");
      LockMode mode = LockMode.valueOf(parts[1]);
      held.computeIfAbsent(parts[0], k -> new HashSet<>()).add(mode);
      if (before.contains(entry)) {
        continue;
      }
      strongest.merge(parts[0], mode, (a, b) -> a.compareTo(b) >= 0 ? a : b);
    }
    return new Observation(strongest, kinds, held, rewritten, scanned, tableExisted, null);
  }

  // ---------------------------------------------------------------------------------------------

  static boolean isBegin(String sql) {
    return sql.strip().toUpperCase(Locale.ROOT).startsWith("BEGIN");
  }

  static boolean isTransactionControl(String sql) {
    String s = sql.strip().toUpperCase(Locale.ROOT);
    return s.startsWith("BEGIN") || s.startsWith("COMMIT") || s.startsWith("ROLLBACK");
  }

  /** The relation the linter said the statement works on, as {@code schema.name}. */
  static String table(Classification c) {
    return c.table() == null ? null : c.table().qualified();
  }

  static String bare(String relation) {
    return relation.startsWith("public.") ? relation.substring("public.".length()) : relation;
  }

  private static Long oidOf(Map<Long, String[]> existing, String relation) {
    String name = bare(relation);
    for (Map.Entry<Long, String[]> e : existing.entrySet()) {
      if (e.getValue()[0].equals(name)) {
        return e.getKey();
      }
    }
    return null;
  }

  /** Every relation of the user schemas: oid → {name (public. dropped), relkind}. */
  private static Map<Long, String[]> relations(Connection c) throws SQLException {
    Map<Long, String[]> out = new HashMap<>();
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT c.oid, n.nspname, c.relname, c.relkind FROM pg_class c JOIN pg_namespace n"
                    + " ON n.oid = c.relnamespace WHERE n.nspname NOT IN ('pg_catalog',"
                    + " 'information_schema', 'pg_toast') AND c.relkind IN ('r','p','i','I')")) {
      while (rs.next()) {
        String schema = rs.getString(2);
        String name = schema.equals("public") ? rs.getString(3) : schema + "." + rs.getString(3);
        out.put(rs.getLong(1), new String[] {name, rs.getString(4)});
      }
    }
    return out;
  }

  /** {@code relation|Mode} for every relation lock (granted or awaited) of a backend. */
  private static Set<String> heldLocks(Connection c, Map<Long, String[]> existing, String pid)
      throws SQLException {
    Set<String> out = new HashSet<>();
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT relation, mode FROM pg_locks WHERE locktype = 'relation' AND pid = "
                    + pid
                    + " AND database = (SELECT oid FROM pg_database WHERE datname ="
                    + " current_database())")) {
      while (rs.next()) {
        String[] r = existing.get(rs.getLong(1));
        if (r != null) {
          out.add(r[0] + "|" + rs.getString(2));
        }
      }
    }
    return out;
  }

  private static Map<Long, Long> files(Connection c) throws SQLException {
    Map<Long, Long> out = new HashMap<>();
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT oid, pg_relation_filenode(oid) FROM pg_class WHERE relkind = 'r'")) {
      while (rs.next()) {
        out.put(rs.getLong(1), rs.getLong(2));
      }
    }
    return out;
  }

  private static Map<String, Long> xactScans(Connection c) throws SQLException {
    Map<String, Long> out = new HashMap<>();
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT schemaname, relname, seq_scan FROM pg_stat_xact_user_tables")) {
      while (rs.next()) {
        String schema = rs.getString(1);
        String name = schema.equals("public") ? rs.getString(2) : schema + "." + rs.getString(2);
        out.put(name, rs.getLong(3));
      }
    }
    return out;
  }

  static void execute(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  private static long scalar(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Runs a proposed rewrite statement by statement, as psql would, outside a transaction. */
  public void runRewrite(String database, String rewrite) throws SQLException {
    try (Connection c = server.connect(database)) {
      c.setAutoCommit(true);
      for (SqlScript.Statement s : SqlScript.split(rewrite, SchemaSource.Dialect.POSTGRESQL)) {
        try {
          execute(c, s.sql());
        } catch (SQLException e) {
          throw new SQLException(
              "rewrite statement at line "
                  + s.line()
                  + " failed: "
                  + s.sql()
                  + ": "
                  + e.getMessage(),
              e);
        }
      }
    }
  }

  /** Whether a rewrite holds any SQL (some are advice for tools such as pg_repack). */
  public static boolean hasSql(String rewrite) {
    return rewrite != null && !SqlScript.split(rewrite, SchemaSource.Dialect.POSTGRESQL).isEmpty();
  }

  /** A connection to the machine's server, or to a zonky one. */
  public static Server jdbc(String host, int port, String user) {
    return database ->
        DriverManager.getConnection(
            "jdbc:postgresql://" + host + ":" + port + "/" + database, user, "");
  }

  static boolean isWork(TableWork work) {
    return work != TableWork.NONE;
  }
}
