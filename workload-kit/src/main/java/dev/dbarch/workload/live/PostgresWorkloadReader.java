package dev.dbarch.workload.live;

import static dev.dbarch.workload.advice.HypoPgAdvisor.TAG;

import dev.dbarch.contracts.requirements.ServerSettings;
import dev.dbarch.contracts.requirements.StatementStats;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.contracts.workload.WorkloadSnapshot;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a PostgreSQL database's workload statistics: {@code pg_stat_statements} (when installed and
 * preloaded; the limitations say so when not), {@code pg_stat_database}, {@code
 * pg_stat_user_tables}, {@code pg_stat_user_indexes}, {@code pg_stat_activity} and the settings
 * that matter. A user with {@code pg_read_all_stats} sees every session and statement; without it
 * other users' statement texts are hidden, which is reported too.
 *
 * <p>The counters are cumulative and the ratios cumulative too; {@code WorkloadIntervals} turns
 * them into figures over the interval since the previous snapshot.
 */
public final class PostgresWorkloadReader implements WorkloadReader {

  /**
   * Catalog and monitoring queries (dbarch's own catalog reader, Debezium, dashboards) and
   * transaction control: they are not the application's workload.
   */
  static final String NOT_WORKLOAD =
      "query !~* '\\m(from|join)\\s+(pg_catalog\\.|information_schema\\.|pg_[a-z_]+\\M)'"
          + " AND query !~* '^\\s*(begin|commit|rollback|set|show|savepoint|release|deallocate"
          + "|discard|reset|explain|prepare|start transaction|end|vacuum|analyze|create|alter|drop"
          + "|grant|revoke|truncate|comment|reindex|cluster|checkpoint|lock|listen|notify|do)\\M'"
          + " AND query NOT LIKE '%dbarch:workload%'";

  @Override
  public WorkloadSnapshot read(
      Connection connection,
      String systemId,
      String registrationId,
      long sequence,
      Instant capturedAt,
      ReadOptions options)
      throws SQLException {
    List<String> limitations = new ArrayList<>();
    String database;
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery(TAG + "SELECT current_database()")) {
      rs.next();
      database = rs.getString(1);
    }
    List<StatementStats> statements = statements(connection, database, options, limitations);
    WorkloadSnapshot.DatabaseActivity activity = activity(connection);
    List<WorkloadSnapshot.TableActivity> tables = tables(connection, options);
    List<WorkloadSnapshot.IndexActivity> indexes = indexes(connection, options);
    WorkloadSnapshot.Sessions sessions = sessions(connection, options, limitations);
    ServerSettings settings = settings(connection);
    List<String> top =
        statements.stream()
            .filter(s -> s.queryId() != null && s.totalMillis() > 0)
            .map(StatementStats::queryId)
            .toList();
    return new WorkloadSnapshot(
        systemId,
        registrationId,
        sequence,
        capturedAt,
        SchemaSnapshot.Engine.POSTGRESQL,
        database,
        null,
        limitations,
        statements,
        top,
        activity,
        tables,
        indexes,
        sessions,
        settings,
        List.of());
  }

  private static List<StatementStats> statements(
      Connection connection, String database, ReadOptions options, List<String> limitations)
      throws SQLException {
    String installed;
    try (Statement st = connection.createStatement();
        ResultSet rs =
            st.executeQuery(
                TAG
                    + "SELECT (SELECT extversion FROM pg_extension WHERE extname ="
                    + " 'pg_stat_statements'), current_setting('server_version_num')::int,"
                    + " pg_has_role(current_user, 'pg_read_all_stats', 'USAGE')")) {
      rs.next();
      installed = rs.getString(1);
      if (installed == null) {
        limitations.add(
            "pg_stat_statements is not installed in database "
                + database
                + ": no statement statistics (CREATE EXTENSION pg_stat_statements; it also needs"
                + " shared_preload_libraries = 'pg_stat_statements')");
        return List.of();
      }
      if (!rs.getBoolean(3)) {
        limitations.add(
            "the monitoring user lacks pg_read_all_stats: statements and sessions of other users"
                + " are hidden (GRANT pg_read_all_stats TO <user>)");
      }
      boolean execTimeColumns = rs.getInt(2) >= 130_000;
      String total = execTimeColumns ? "total_exec_time" : "total_time";
      String mean = execTimeColumns ? "mean_exec_time" : "mean_time";
      String sql =
          TAG
              + "SELECT queryid::text, query, calls, "
              + total
              + ", "
              + mean
              + ", rows, shared_blks_hit, shared_blks_read, temp_blks_written"
              + " FROM pg_stat_statements"
              + " WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())"
              + " AND queryid IS NOT NULL AND "
              + NOT_WORKLOAD
              + " ORDER BY "
              + total
              + " DESC, queryid LIMIT ?";
      try (PreparedStatement ps = connection.prepareStatement(sql)) {
        ps.setInt(1, options.maxStatements());
        List<StatementStats> rows = new ArrayList<>();
        try (ResultSet r = ps.executeQuery()) {
          while (r.next()) {
            rows.add(
                new StatementStats(
                    r.getString(1),
                    cut(r.getString(2), options.maxQueryLength()),
                    r.getLong(3),
                    r.getDouble(4),
                    r.getDouble(5),
                    r.getLong(6),
                    r.getLong(7),
                    r.getLong(8),
                    r.getLong(9),
                    null));
          }
        }
        return rows;
      } catch (SQLException e) {
        // Typically: created but not in shared_preload_libraries.
        limitations.add("pg_stat_statements cannot be read: " + firstLine(e.getMessage()));
        return List.of();
      }
    }
  }

  private static WorkloadSnapshot.DatabaseActivity activity(Connection connection)
      throws SQLException {
    try (Statement st = connection.createStatement();
        ResultSet rs =
            st.executeQuery(
                TAG
                    + "SELECT blks_hit, blks_read, temp_files, temp_bytes, deadlocks, xact_commit,"
                    + " xact_rollback FROM pg_stat_database WHERE datname = current_database()")) {
      if (!rs.next()) {
        return null;
      }
      long hit = rs.getLong(1);
      long read = rs.getLong(2);
      return new WorkloadSnapshot.DatabaseActivity(
          hit,
          read,
          ratio(hit, read),
          rs.getLong(3),
          rs.getLong(4),
          rs.getLong(5),
          rs.getLong(6),
          rs.getLong(7));
    }
  }

  private static List<WorkloadSnapshot.TableActivity> tables(
      Connection connection, ReadOptions options) throws SQLException {
    String sql =
        TAG
            + "SELECT s.schemaname, s.relname, greatest(s.n_live_tup, c.reltuples::bigint),"
            + " pg_total_relation_size(s.relid), s.seq_scan, s.seq_tup_read,"
            + " coalesce(s.idx_scan, 0), s.n_tup_ins + s.n_tup_upd + s.n_tup_del"
            + " FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid"
            + " ORDER BY s.seq_tup_read DESC, greatest(s.n_live_tup, c.reltuples::bigint) DESC,"
            + " s.schemaname, s.relname LIMIT ?";
    List<WorkloadSnapshot.TableActivity> tables = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setInt(1, options.maxTables());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long seq = rs.getLong(5);
          long idx = rs.getLong(7);
          tables.add(
              new WorkloadSnapshot.TableActivity(
                  rs.getString(1),
                  rs.getString(2),
                  Math.max(0, rs.getLong(3)),
                  rs.getLong(4),
                  seq,
                  rs.getLong(6),
                  idx,
                  rs.getLong(8),
                  seq + idx == 0 ? null : (double) seq / (seq + idx)));
        }
      }
    }
    return tables;
  }

  private static List<WorkloadSnapshot.IndexActivity> indexes(
      Connection connection, ReadOptions options) throws SQLException {
    String sql =
        TAG
            + "SELECT s.schemaname, s.relname, s.indexrelname, s.idx_scan,"
            + " pg_relation_size(s.indexrelid), i.indisunique OR i.indisprimary,"
            + " pg_get_indexdef(s.indexrelid)"
            + " FROM pg_stat_user_indexes s JOIN pg_index i ON i.indexrelid = s.indexrelid"
            + " ORDER BY s.idx_scan, pg_relation_size(s.indexrelid) DESC, s.schemaname,"
            + " s.indexrelname LIMIT ?";
    List<WorkloadSnapshot.IndexActivity> indexes = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setInt(1, options.maxIndexes());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          indexes.add(
              new WorkloadSnapshot.IndexActivity(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getLong(4),
                  rs.getLong(5),
                  rs.getBoolean(6),
                  rs.getString(7)));
        }
      }
    }
    return indexes;
  }

  private static WorkloadSnapshot.Sessions sessions(
      Connection connection, ReadOptions options, List<String> limitations) throws SQLException {
    int total;
    int active;
    int idle;
    try (Statement st = connection.createStatement();
        ResultSet rs =
            st.executeQuery(
                TAG
                    + "SELECT count(*),"
                    + " count(*) FILTER (WHERE datname = current_database() AND state = 'active'),"
                    + " count(*) FILTER (WHERE datname = current_database()"
                    + " AND state LIKE 'idle in transaction%')"
                    + " FROM pg_stat_activity"
                    + " WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()")) {
      rs.next();
      total = rs.getInt(1);
      active = rs.getInt(2);
      idle = rs.getInt(3);
    }
    List<WorkloadSnapshot.Session> longest = new ArrayList<>();
    String sql =
        TAG
            + "SELECT usename, application_name, state,"
            + " extract(epoch FROM now() - xact_start), extract(epoch FROM now() - state_change)"
            + " FROM pg_stat_activity"
            + " WHERE datname = current_database() AND backend_type = 'client backend'"
            + " AND pid <> pg_backend_pid() AND xact_start IS NOT NULL"
            + " ORDER BY xact_start, pid LIMIT ?";
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setInt(1, options.maxSessions());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          longest.add(
              new WorkloadSnapshot.Session(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  round(rs.getDouble(4)),
                  round(rs.getDouble(5))));
        }
      }
    }
    return new WorkloadSnapshot.Sessions(total, active, idle, longest);
  }

  private static ServerSettings settings(Connection connection) throws SQLException {
    try (Statement st = connection.createStatement();
        ResultSet rs =
            st.executeQuery(
                TAG
                    + "SELECT current_setting('shared_buffers'), current_setting('work_mem'),"
                    + " current_setting('effective_cache_size'),"
                    + " current_setting('max_connections')::int")) {
      rs.next();
      return new ServerSettings(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4));
    }
  }

  static Double ratio(long hit, long read) {
    return hit + read == 0 ? null : (double) hit / (hit + read);
  }

  static String cut(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    return text.substring(0, max - 3) + "...";
  }

  static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }

  private static double round(double seconds) {
    return Math.round(seconds * 10) / 10.0;
  }
}
