package dev.dbarch.workload.live;

import static dev.dbarch.workload.live.PostgresWorkloadReader.cut;
import static dev.dbarch.workload.live.PostgresWorkloadReader.ratio;

import dev.dbarch.contracts.requirements.ServerSettings;
import dev.dbarch.contracts.requirements.StatementStats;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.contracts.workload.WorkloadSnapshot;
import dev.dbarch.workload.settings.MemorySetting;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a MySQL or MariaDB database's workload statistics: statement digests and per-index I/O from
 * {@code performance_schema} (when it is on; the limitations say so when not), table sizes and
 * index definitions from {@code information_schema}, the buffer pool and temporary tables from the
 * global status, and open transactions from {@code information_schema.innodb_trx}. The user needs
 * {@code SELECT} on {@code performance_schema} and {@code PROCESS} to see other sessions.
 */
public final class MySqlWorkloadReader implements WorkloadReader {

  private final SchemaSnapshot.Engine engine;

  public MySqlWorkloadReader(SchemaSnapshot.Engine engine) {
    this.engine = engine;
  }

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
    boolean performanceSchema;
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SELECT DATABASE(), @@performance_schema")) {
      rs.next();
      database = rs.getString(1);
      performanceSchema = rs.getInt(2) == 1;
    }
    if (!performanceSchema) {
      limitations.add(
          "performance_schema is off: no statement digests and no table or index usage"
              + " (performance_schema = ON in the server configuration, then a restart)");
    }
    List<StatementStats> statements =
        performanceSchema ? digests(connection, options, limitations) : List.of();
    Map<String, Long> status = status(connection);
    long requests = status.getOrDefault("innodb_buffer_pool_read_requests", 0L);
    long reads = status.getOrDefault("innodb_buffer_pool_reads", 0L);
    long hits = Math.max(0, requests - reads);
    WorkloadSnapshot.DatabaseActivity activity =
        new WorkloadSnapshot.DatabaseActivity(
            hits,
            reads,
            ratio(hits, reads),
            status.getOrDefault("created_tmp_disk_tables", 0L),
            0,
            status.getOrDefault("innodb_deadlocks", 0L),
            status.getOrDefault("com_commit", 0L),
            status.getOrDefault("com_rollback", 0L));
    Map<String, long[]> usage = performanceSchema ? indexUsage(connection, limitations) : Map.of();
    List<WorkloadSnapshot.TableActivity> tables = tables(connection, usage, options);
    List<WorkloadSnapshot.IndexActivity> indexes = indexes(connection, usage, options);
    WorkloadSnapshot.Sessions sessions = sessions(connection, options, limitations);
    ServerSettings settings;
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SELECT @@innodb_buffer_pool_size, @@max_connections")) {
      rs.next();
      settings = new ServerSettings(MemorySetting.format(rs.getLong(1)), null, null, rs.getInt(2));
    }
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
        engine,
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

  private static List<StatementStats> digests(
      Connection connection, ReadOptions options, List<String> limitations) {
    // Timers are in picoseconds: 10^9 of them make a millisecond.
    String sql =
        "SELECT DIGEST, DIGEST_TEXT, COUNT_STAR, SUM_TIMER_WAIT / 1e9, AVG_TIMER_WAIT / 1e9,"
            + " SUM_ROWS_SENT + SUM_ROWS_AFFECTED, SUM_ROWS_EXAMINED"
            + " FROM performance_schema.events_statements_summary_by_digest"
            + " WHERE SCHEMA_NAME = DATABASE() AND DIGEST_TEXT IS NOT NULL"
            + " AND DIGEST_TEXT NOT LIKE '%information_schema%'"
            + " AND DIGEST_TEXT NOT LIKE '%performance_schema%'"
            + " AND DIGEST_TEXT NOT LIKE 'SHOW %' AND DIGEST_TEXT NOT LIKE 'SET %'"
            + " ORDER BY SUM_TIMER_WAIT DESC, DIGEST LIMIT ?";
    List<StatementStats> rows = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setInt(1, options.maxStatements());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(
              new StatementStats(
                  rs.getString(1),
                  cut(rs.getString(2), options.maxQueryLength()),
                  rs.getLong(3),
                  rs.getDouble(4),
                  rs.getDouble(5),
                  rs.getLong(6),
                  null,
                  null,
                  null,
                  rs.getLong(7)));
        }
      }
    } catch (SQLException e) {
      limitations.add(
          "statement digests cannot be read: " + PostgresWorkloadReader.firstLine(e.getMessage()));
    }
    return rows;
  }

  private static Map<String, Long> status(Connection connection) throws SQLException {
    Map<String, Long> status = new HashMap<>();
    try (Statement st = connection.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SHOW GLOBAL STATUS WHERE Variable_name IN ('Innodb_buffer_pool_read_requests',"
                    + " 'Innodb_buffer_pool_reads', 'Created_tmp_disk_tables', 'Innodb_deadlocks',"
                    + " 'Com_commit', 'Com_rollback')")) {
      while (rs.next()) {
        try {
          status.put(rs.getString(1).toLowerCase(Locale.ROOT), Long.parseLong(rs.getString(2)));
        } catch (NumberFormatException ignored) {
          // not a counter
        }
      }
    }
    return status;
  }

  /**
   * Rows read per table and index ({@code INDEX_NAME} null: full scans), and how often each index
   * was used: {@code [rowsRead, uses]} by {@code table} and {@code table.index}.
   */
  private static Map<String, long[]> indexUsage(Connection connection, List<String> limitations) {
    Map<String, long[]> usage = new HashMap<>();
    try (Statement st = connection.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT OBJECT_NAME, INDEX_NAME, COUNT_READ, COUNT_FETCH"
                    + " FROM performance_schema.table_io_waits_summary_by_index_usage"
                    + " WHERE OBJECT_SCHEMA = DATABASE()")) {
      while (rs.next()) {
        String table = rs.getString(1).toLowerCase(Locale.ROOT);
        String index = rs.getString(2);
        String key = index == null ? table + ".<full scan>" : table + "." + index;
        usage.put(key, new long[] {rs.getLong(3), rs.getLong(4)});
      }
    } catch (SQLException e) {
      limitations.add(
          "table and index usage cannot be read: "
              + PostgresWorkloadReader.firstLine(e.getMessage()));
    }
    return usage;
  }

  private static List<WorkloadSnapshot.TableActivity> tables(
      Connection connection, Map<String, long[]> usage, ReadOptions options) throws SQLException {
    List<WorkloadSnapshot.TableActivity> tables = new ArrayList<>();
    try (PreparedStatement ps =
        connection.prepareStatement(
            "SELECT TABLE_SCHEMA, TABLE_NAME, coalesce(TABLE_ROWS, 0),"
                + " coalesce(DATA_LENGTH, 0) + coalesce(INDEX_LENGTH, 0)"
                + " FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
                + " AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_ROWS DESC, TABLE_NAME LIMIT ?")) {
      ps.setInt(1, options.maxTables());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String table = rs.getString(2).toLowerCase(Locale.ROOT);
          long fullScanRows = usage.getOrDefault(table + ".<full scan>", new long[2])[0];
          long indexRows =
              usage.entrySet().stream()
                  .filter(
                      e ->
                          e.getKey().startsWith(table + ".")
                              && !e.getKey().endsWith(".<full scan>"))
                  .mapToLong(e -> e.getValue()[0])
                  .sum();
          tables.add(
              new WorkloadSnapshot.TableActivity(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getLong(3),
                  rs.getLong(4),
                  0,
                  fullScanRows,
                  0,
                  0,
                  fullScanRows + indexRows == 0
                      ? null
                      : (double) fullScanRows / (fullScanRows + indexRows)));
        }
      }
    }
    return tables;
  }

  private static List<WorkloadSnapshot.IndexActivity> indexes(
      Connection connection, Map<String, long[]> usage, ReadOptions options) throws SQLException {
    Map<String, List<String>> columns = new LinkedHashMap<>();
    Map<String, String[]> meta = new LinkedHashMap<>();
    try (Statement st = connection.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME"
                    + " FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE()"
                    + " ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX")) {
      while (rs.next()) {
        String key = rs.getString(2) + "." + rs.getString(3);
        columns.computeIfAbsent(key, k -> new ArrayList<>()).add(rs.getString(5));
        meta.putIfAbsent(
            key, new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
      }
    }
    List<WorkloadSnapshot.IndexActivity> indexes = new ArrayList<>();
    for (Map.Entry<String, String[]> entry : meta.entrySet()) {
      String[] m = entry.getValue();
      long[] used = usage.get(m[1].toLowerCase(Locale.ROOT) + "." + m[2]);
      String definition =
          ("0".equals(m[3]) ? "CREATE UNIQUE INDEX " : "CREATE INDEX ")
              + m[2]
              + " ON "
              + m[0]
              + "."
              + m[1]
              + " ("
              + String.join(", ", columns.get(entry.getKey()))
              + ")";
      indexes.add(
          new WorkloadSnapshot.IndexActivity(
              m[0], m[1], m[2], used == null ? -1 : used[1], -1, "0".equals(m[3]), definition));
      if (indexes.size() >= options.maxIndexes()) {
        break;
      }
    }
    return indexes;
  }

  private static WorkloadSnapshot.Sessions sessions(
      Connection connection, ReadOptions options, List<String> limitations) throws SQLException {
    int total;
    int active;
    try (Statement st = connection.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT count(*), sum(CASE WHEN DB = DATABASE() AND COMMAND <> 'Sleep'"
                    + " THEN 1 ELSE 0 END) FROM information_schema.PROCESSLIST"
                    + " WHERE ID <> CONNECTION_ID() AND COMMAND NOT IN ('Daemon', 'Binlog Dump')")) {
      rs.next();
      total = rs.getInt(1);
      active = rs.getInt(2);
    }
    List<WorkloadSnapshot.Session> longest = new ArrayList<>();
    int idle = 0;
    try (PreparedStatement ps =
        connection.prepareStatement(
            "SELECT p.USER, p.COMMAND, TIMESTAMPDIFF(SECOND, t.trx_started, NOW()), p.TIME"
                + " FROM information_schema.INNODB_TRX t"
                + " JOIN information_schema.PROCESSLIST p ON p.ID = t.trx_mysql_thread_id"
                + " WHERE p.ID <> CONNECTION_ID() ORDER BY t.trx_started LIMIT ?")) {
      ps.setInt(1, options.maxSessions());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          boolean sleeping = "Sleep".equalsIgnoreCase(rs.getString(2));
          idle += sleeping ? 1 : 0;
          longest.add(
              new WorkloadSnapshot.Session(
                  rs.getString(1),
                  null,
                  sleeping ? "idle in transaction" : "active",
                  rs.getDouble(3),
                  rs.getDouble(4)));
        }
      }
    } catch (SQLException e) {
      limitations.add(
          "open transactions cannot be read: " + PostgresWorkloadReader.firstLine(e.getMessage()));
    }
    return new WorkloadSnapshot.Sessions(total, active, idle, longest);
  }
}
