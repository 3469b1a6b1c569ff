package dev.dbarch.workload.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.requirements.Diagnostics;
import dev.dbarch.contracts.requirements.QueryPlan;
import dev.dbarch.contracts.requirements.Requirements;
import dev.dbarch.contracts.requirements.SchemaSource;
import dev.dbarch.contracts.workload.WorkloadSnapshot;
import dev.dbarch.workload.WorkloadThresholds;
import dev.dbarch.workload.change.WorkloadIntervals;
import dev.dbarch.workload.live.PostgresWorkloadReader;
import dev.dbarch.workload.live.ReadOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The server-wide fixes, on a PostgreSQL 17 of the test's own (never on the shared server): a
 * buffer cache too small for the working set (PERF-DIAG-020) and sorts spilling with a server-wide
 * work_mem that may safely grow (PERF-DIAG-012). The ALTER SYSTEM statements dbarch proposes are
 * executed, the server is restarted on the same data directory without any command-line override,
 * and the same workload then runs with a warm cache and in-memory sorts: both diagnoses fall
 * silent.
 */
class ServerWideFixesTest {

  static final String SCHEMA =
      """
      CREATE EXTENSION pg_stat_statements;
      CREATE TABLE events (id bigint PRIMARY KEY, kind int NOT NULL, payload text NOT NULL);
      INSERT INTO events SELECT g, g % 50, repeat(md5(g::text), 6) FROM generate_series(1, 150000) g;
      CREATE TABLE products (id int PRIMARY KEY, name text NOT NULL, description text NOT NULL);
      INSERT INTO products SELECT g, 'Product ' || g, md5(g::text) || md5((g * 3)::text)
        FROM generate_series(1, 50000) g;
      """;

  static final String SORT = "SELECT id, name, description FROM products ORDER BY description";

  @Test
  void theProposedAlterSystemStatementsWarmTheCacheAndKeepSortsInMemory() throws Exception {
    Path data = Files.createTempDirectory("dbarch-pg17-");
    try {
      List<Finding> before;
      try (EmbeddedPostgres pg = server(data).setServerConfig("shared_buffers", "16MB").start();
          Connection c = pg.getPostgresDatabase().getConnection()) {
        try (Statement st = c.createStatement()) {
          st.execute(SCHEMA);
          st.execute("VACUUM ANALYZE");
        }
        before = diagnose(c);
        assertThat(before)
            .extracting(Finding::ruleId)
            .contains(BufferCacheHitRatio.ID, SpillToDisk.ID);
        try (Statement st = c.createStatement()) {
          for (Finding f : before) {
            if (f.ruleId().equals(BufferCacheHitRatio.ID) || f.ruleId().equals(SpillToDisk.ID)) {
              assertThat(f.sql()).first().asString().startsWith("ALTER SYSTEM");
              for (String sql : f.sql()) {
                st.execute(sql);
              }
            }
          }
          try (ResultSet rs =
              st.executeQuery(
                  "SELECT setting FROM pg_file_settings WHERE name = 'shared_buffers'"
                      + " AND sourcefile LIKE '%postgresql.auto.conf'")) {
            assertThat(rs.next()).as("ALTER SYSTEM wrote shared_buffers").isTrue();
            assertThat(rs.getString(1)).isEqualTo("256MB");
          }
        }
      }
      try (EmbeddedPostgres pg = server(data).start();
          Connection c = pg.getPostgresDatabase().getConnection()) {
        try (Statement st = c.createStatement();
            ResultSet rs =
                st.executeQuery(
                    "SELECT current_setting('shared_buffers'), current_setting('work_mem')")) {
          rs.next();
          assertThat(rs.getString(1)).isEqualTo("256MB");
          assertThat(rs.getString(2)).isEqualTo("16MB");
        }
        List<Finding> after = diagnose(c);
        assertThat(after)
            .extracting(Finding::ruleId)
            .as("cache and spill findings after the restart")
            .doesNotContain(BufferCacheHitRatio.ID, SpillToDisk.ID);
      }
    } finally {
      try (Stream<Path> files = Files.walk(data)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static EmbeddedPostgres.Builder server(Path data) {
    return EmbeddedPostgres.builder()
        .setDataDirectory(data)
        .setCleanDataDirectory(false)
        .setServerConfig("shared_preload_libraries", "pg_stat_statements")
        .setServerConfig("max_connections", "10")
        .setServerConfig("max_parallel_workers_per_gather", "0");
  }

  /**
   * Statistics reset (statement statistics survive a restart), a warm-up, then the measured run
   * between two snapshots, then the diagnoses.
   */
  private static List<Finding> diagnose(Connection c) throws Exception {
    try (Statement st = c.createStatement()) {
      st.execute("SELECT pg_stat_statements_reset()");
      st.execute("SELECT pg_stat_reset()");
    }
    workload(c);
    Thread.sleep(1_500); // cumulative statistics are flushed at most once a second
    PostgresWorkloadReader reader = new PostgresWorkloadReader();
    WorkloadSnapshot baseline = reader.read(c, "s", "r", 1, Instant.now(), ReadOptions.DEFAULTS);
    workload(c);
    QueryPlan plan;
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + SORT)) {
      rs.next();
      JsonNode json = Json.mapper().readTree(rs.getString(1));
      plan = new QueryPlan("catalogue export", SORT, SchemaSource.Dialect.POSTGRESQL, json);
    }
    Thread.sleep(1_500); // cumulative statistics are flushed at most once a second
    WorkloadSnapshot current =
        WorkloadIntervals.derive(
            baseline, reader.read(c, "s", "r", 2, Instant.now(), ReadOptions.DEFAULTS), 5);
    Diagnostics diagnostics =
        new Diagnostics(
            2,
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
            1.0,
            null,
            List.of(plan),
            null);
    Requirements requirements =
        new Requirements(
            "s",
            "S",
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
    Evidence evidence = Evidence.of(requirements, current, null, WorkloadThresholds.DEFAULTS);
    List<Finding> findings = Diagnoses.evaluate(evidence);
    findings.forEach(
        f -> System.out.println(f.ruleId() + " | " + f.fix() + "\n    " + f.arithmetic()));
    return findings;
  }

  /** Scans of a table larger than a quarter of a small cache, lookups across it, one big sort. */
  private static void workload(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      for (int i = 0; i < 3; i++) {
        st.executeQuery("SELECT count(*), max(length(payload)) FROM events").close();
      }
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT payload FROM events WHERE id = ?")) {
      for (int i = 0; i < 300; i++) {
        ps.setLong(1, 1 + (i * 7919L) % 150_000);
        ps.executeQuery().close();
      }
    }
    try (Statement st = c.createStatement()) {
      st.executeQuery(SORT).close();
    }
  }
}
