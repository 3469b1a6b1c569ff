package dev.dbarch.schema.catalog;

import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.contracts.schema.SchemaSnapshot.Column;
import dev.dbarch.contracts.schema.SchemaSnapshot.ForeignKey;
import dev.dbarch.contracts.schema.SchemaSnapshot.Index;
import dev.dbarch.contracts.schema.SchemaSnapshot.Sequence;
import dev.dbarch.contracts.schema.SchemaSnapshot.Table;
import dev.dbarch.contracts.schema.SchemaSnapshot.UniqueConstraint;
import dev.dbarch.schema.Snapshots;
import dev.dbarch.schema.SqlTypes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Reads the structure of a MySQL (5.7, 8.x) or MariaDB (10.3 or later) database from {@code
 * information_schema} into a {@link SchemaSnapshot}; the engine is told apart by the server's
 * version string.
 *
 * <p>By default it reads the connection's current database ({@code DATABASE()}), which is what a
 * MySQL "database" is: one schema. Without a current database it reads every schema except the
 * system ones ({@code mysql}, {@code information_schema}, {@code performance_schema}, {@code sys})
 * and {@code dbarch}. A handful of set-based queries read everything; nothing is queried per table.
 *
 * <p>How MySQL's catalog maps onto the snapshot:
 *
 * <ul>
 *   <li>row estimates are {@code TABLE_ROWS} (InnoDB's estimate), sizes {@code DATA_LENGTH +
 *       INDEX_LENGTH};
 *   <li>MySQL has no sequences: every {@code AUTO_INCREMENT} column appears as a sequence named
 *       {@code table.column} whose last value is the table's counter minus one and whose maximum is
 *       the column type's;
 *   <li>index scans come from {@code performance_schema} when it is enabled (MySQL's {@code
 *       sys.schema_unused_indexes} reads the same counter), and are -1 (unknown) otherwise, as on a
 *       default MariaDB; index sizes come from {@code mysql.innodb_index_stats} when readable;
 *   <li>MySQL has no partial indexes and no invalid indexes: predicates are null, every index is
 *       valid. Index key parts with a prefix length appear as the column name; functional key parts
 *       (MySQL 8.0.13+) as their expression.
 * </ul>
 */
public final class MySqlCatalogReader {

  private static final Logger LOG = Logger.getLogger(MySqlCatalogReader.class);

  /** The schemas read when the connection has no current database: all but these. */
  public static final List<String> EXCLUDED_SCHEMAS =
      List.of("mysql", "information_schema", "performance_schema", "sys", "dbarch");

  /** Reads the connection's current database, or every non-system schema when there is none. */
  public SchemaSnapshot read(Connection connection) throws SQLException {
    String database = scalar(connection, "SELECT DATABASE()");
    List<String> schemas = database != null ? List.of(database) : userSchemas(connection);
    return read(connection, schemas, database);
  }

  /** Reads the given schemas (databases). */
  public SchemaSnapshot read(Connection connection, Collection<String> schemas)
      throws SQLException {
    return read(connection, List.copyOf(schemas), scalar(connection, "SELECT DATABASE()"));
  }

  private SchemaSnapshot read(Connection connection, List<String> schemas, String database)
      throws SQLException {
    long started = System.nanoTime();
    String version = scalar(connection, "SELECT VERSION()");
    SchemaSnapshot.Engine engine =
        version != null && version.toLowerCase(Locale.ROOT).contains("mariadb")
            ? SchemaSnapshot.Engine.MARIADB
            : SchemaSnapshot.Engine.MYSQL;
    if (schemas.isEmpty()) {
      return new SchemaSnapshot(engine, "catalog", database, List.of(), List.of(), version);
    }
    String previousExpiry = freshStatistics(connection, engine);
    try {
      Map<String, TableDraft> tables = readTables(connection, schemas);
      readPartitions(connection, schemas, tables);
      List<Sequence> sequences = readColumns(connection, schemas, tables, engine);
      readConstraints(connection, schemas, tables);
      readIndexes(connection, schemas, tables);
      List<Table> out = new ArrayList<>();
      for (TableDraft b : tables.values()) {
        out.add(b.build());
      }
      LOG.debugf(
          "Read %s tables of %s in %s ms",
          (Object) out.size(), schemas, (System.nanoTime() - started) / 1_000_000);
      return Snapshots.normalize(
          new SchemaSnapshot(engine, "catalog", database, out, sequences, version));
    } finally {
      restoreStatistics(connection, previousExpiry);
    }
  }

  /**
   * MySQL 8 caches {@code TABLES.AUTO_INCREMENT} and {@code TABLE_ROWS} for a day unless {@code
   * information_schema_stats_expiry} is 0 for the session; MariaDB has no such cache.
   */
  private static String freshStatistics(Connection c, SchemaSnapshot.Engine engine) {
    if (engine != SchemaSnapshot.Engine.MYSQL) {
      return null;
    }
    try {
      String previous = scalar(c, "SELECT @@SESSION.information_schema_stats_expiry");
      execute(c, "SET SESSION information_schema_stats_expiry = 0");
      return previous;
    } catch (SQLException e) {
      return null;
    }
  }

  private static void restoreStatistics(Connection c, String previous) {
    if (previous != null && previous.matches("\\d+")) {
      try {
        execute(c, "SET SESSION information_schema_stats_expiry = " + previous);
      } catch (SQLException e) {
        LOG.debugf("Could not restore information_schema_stats_expiry: %s", e.getMessage());
      }
    }
  }

  private static List<String> userSchemas(Connection c) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA")) {
      while (rs.next()) {
        String name = rs.getString(1);
        if (!EXCLUDED_SCHEMAS.contains(name.toLowerCase(Locale.ROOT))) {
          out.add(name);
        }
      }
    }
    return out;
  }

  private static String in(List<String> schemas) {
    return String.join(", ", java.util.Collections.nCopies(schemas.size(), "?"));
  }

  private static PreparedStatement prepare(Connection c, String sql, List<String> schemas)
      throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    for (int i = 0; i < schemas.size(); i++) {
      ps.setString(i + 1, schemas.get(i));
    }
    return ps;
  }

  private static String key(String schema, String table) {
    return schema + "\u0000" + table;
  }

  private Map<String, TableDraft> readTables(Connection c, List<String> schemas)
      throws SQLException {
    Map<String, TableDraft> tables = new LinkedHashMap<>();
    String sql =
        "SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_ROWS, DATA_LENGTH, INDEX_LENGTH, AUTO_INCREMENT"
            + " FROM information_schema.TABLES"
            + " WHERE TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED') AND TABLE_SCHEMA IN ("
            + in(schemas)
            + ")";
    try (PreparedStatement ps = prepare(c, sql, schemas);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        TableDraft b = new TableDraft();
        b.schema = rs.getString(1);
        b.name = rs.getString(2);
        b.rowEstimate = longOr(rs, 3, -1);
        long data = longOr(rs, 4, -1);
        long index = longOr(rs, 5, 0);
        b.sizeBytes = data < 0 ? -1 : data + index;
        b.autoIncrement = longOr(rs, 6, -1);
        tables.put(key(b.schema, b.name), b);
      }
    }
    return tables;
  }

  private void readPartitions(Connection c, List<String> schemas, Map<String, TableDraft> tables)
      throws SQLException {
    String sql =
        "SELECT TABLE_SCHEMA, TABLE_NAME, MAX(PARTITION_METHOD), MAX(PARTITION_EXPRESSION)"
            + " FROM information_schema.PARTITIONS"
            + " WHERE PARTITION_NAME IS NOT NULL AND TABLE_SCHEMA IN ("
            + in(schemas)
            + ") GROUP BY TABLE_SCHEMA, TABLE_NAME";
    try (PreparedStatement ps = prepare(c, sql, schemas);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        TableDraft b = tables.get(key(rs.getString(1), rs.getString(2)));
        if (b != null && rs.getString(3) != null) {
          b.partitionKey = rs.getString(3) + " (" + rs.getString(4) + ")";
        }
      }
    }
  }

  private List<Sequence> readColumns(
      Connection c,
      List<String> schemas,
      Map<String, TableDraft> tables,
      SchemaSnapshot.Engine engine)
      throws SQLException {
    List<Sequence> sequences = new ArrayList<>();
    String sql =
        "SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, ORDINAL_POSITION, COLUMN_DEFAULT,"
            + " IS_NULLABLE, COLUMN_TYPE, EXTRA, GENERATION_EXPRESSION, COLUMN_COMMENT"
            + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA IN ("
            + in(schemas)
            + ") ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION";
    try (PreparedStatement ps = prepare(c, sql, schemas);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        TableDraft b = tables.get(key(rs.getString(1), rs.getString(2)));
        if (b == null) {
          continue;
        }
        String name = rs.getString(3);
        String defaultValue = rs.getString(5);
        String extra = rs.getString(8) == null ? "" : rs.getString(8).toLowerCase(Locale.ROOT);
        String type = rs.getString(7);
        String generation = rs.getString(9);
        if (engine == SchemaSnapshot.Engine.MARIADB && "NULL".equals(defaultValue)) {
          // MariaDB reports "no default" on a nullable column as the text NULL.
          defaultValue = null;
        }
        if (extra.contains("generated")
            && !extra.contains("default_generated")
            && generation != null
            && !generation.isEmpty()) {
          defaultValue = "generated always as (" + generation + ")";
        }
        String comment = rs.getString(10);
        b.columns.add(
            new Column(
                name,
                type,
                "YES".equals(rs.getString(6)),
                defaultValue,
                rs.getInt(4),
                comment == null || comment.isEmpty() ? null : comment,
                null));
        if (extra.contains("auto_increment")) {
          long next = b.autoIncrement > 0 ? b.autoIncrement : 1;
          sequences.add(
              new Sequence(
                  b.schema,
                  b.name + "." + name,
                  type,
                  next - 1,
                  SqlTypes.integerMax(type).orElse(Long.MAX_VALUE),
                  b.schema + "." + b.name + "." + name));
        }
      }
    }
    return sequences;
  }

  private void readConstraints(Connection c, List<String> schemas, Map<String, TableDraft> tables)
      throws SQLException {
    String sql =
        "SELECT tc.TABLE_SCHEMA, tc.TABLE_NAME, tc.CONSTRAINT_NAME, tc.CONSTRAINT_TYPE,"
            + " k.COLUMN_NAME, k.REFERENCED_TABLE_SCHEMA, k.REFERENCED_TABLE_NAME,"
            + " k.REFERENCED_COLUMN_NAME"
            + " FROM information_schema.TABLE_CONSTRAINTS tc"
            + " JOIN information_schema.KEY_COLUMN_USAGE k"
            + " ON k.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA"
            + " AND k.CONSTRAINT_NAME = tc.CONSTRAINT_NAME"
            + " AND k.TABLE_SCHEMA = tc.TABLE_SCHEMA AND k.TABLE_NAME = tc.TABLE_NAME"
            + " WHERE tc.CONSTRAINT_TYPE IN ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY')"
            + " AND tc.TABLE_SCHEMA IN ("
            + in(schemas)
            + ") ORDER BY tc.TABLE_SCHEMA, tc.TABLE_NAME, tc.CONSTRAINT_NAME, k.ORDINAL_POSITION";
    Map<String, ConstraintBuilder> constraints = new LinkedHashMap<>();
    try (PreparedStatement ps = prepare(c, sql, schemas);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String tableKey = key(rs.getString(1), rs.getString(2));
        if (!tables.containsKey(tableKey)) {
          continue;
        }
        String name = rs.getString(3);
        ConstraintBuilder cb =
            constraints.computeIfAbsent(
                tableKey + "\u0000" + name, k -> new ConstraintBuilder(tableKey, name));
        cb.type = rs.getString(4);
        cb.columns.add(rs.getString(5));
        if (rs.getString(7) != null) {
          cb.referencedTable = rs.getString(6) + "." + rs.getString(7);
          cb.referencedColumns.add(rs.getString(8));
        }
      }
    }
    for (ConstraintBuilder cb : constraints.values()) {
      TableDraft b = tables.get(cb.tableKey);
      switch (cb.type) {
        case "PRIMARY KEY" -> b.primaryKey = List.copyOf(cb.columns);
        case "UNIQUE" -> b.uniqueConstraints.add(new UniqueConstraint(cb.name, cb.columns));
        case "FOREIGN KEY" ->
            b.foreignKeys.add(
                new ForeignKey(cb.name, cb.columns, cb.referencedTable, cb.referencedColumns));
        default -> {}
      }
    }
  }

  private void readIndexes(Connection c, List<String> schemas, Map<String, TableDraft> tables)
      throws SQLException {
    Map<String, Long> scans = indexScans(c, schemas);
    Map<String, Long> sizes = indexSizes(c, schemas);
    String sql =
        "SELECT * FROM information_schema.STATISTICS WHERE TABLE_SCHEMA IN ("
            + in(schemas)
            + ") ORDER BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX";
    Map<String, IndexBuilder> indexes = new LinkedHashMap<>();
    try (PreparedStatement ps = prepare(c, sql, schemas);
        ResultSet rs = ps.executeQuery()) {
      boolean hasExpression = hasColumn(rs.getMetaData(), "EXPRESSION");
      while (rs.next()) {
        String schema = rs.getString("TABLE_SCHEMA");
        String table = rs.getString("TABLE_NAME");
        String tableKey = key(schema, table);
        if (!tables.containsKey(tableKey)) {
          continue;
        }
        String name = rs.getString("INDEX_NAME");
        IndexBuilder ib =
            indexes.computeIfAbsent(
                tableKey + "\u0000" + name, k -> new IndexBuilder(tableKey, name));
        ib.unique = rs.getInt("NON_UNIQUE") == 0;
        ib.method = rs.getString("INDEX_TYPE").toLowerCase(Locale.ROOT);
        String column = rs.getString("COLUMN_NAME");
        if (column == null && hasExpression) {
          column = rs.getString("EXPRESSION");
        }
        ib.columns.add(column);
        String statKey = schema + "." + table + "." + name;
        ib.scans = scans.getOrDefault(statKey, -1L);
        ib.sizeBytes = sizes.getOrDefault(statKey, -1L);
      }
    }
    for (IndexBuilder ib : indexes.values()) {
      boolean primary = ib.name.equals("PRIMARY");
      tables
          .get(ib.tableKey)
          .indexes
          .add(
              new Index(
                  ib.name,
                  ib.columns,
                  List.of(),
                  ib.unique,
                  primary,
                  ib.method,
                  null,
                  true,
                  ib.scans,
                  ib.sizeBytes,
                  null));
    }
  }

  /** Index use counters from performance_schema, when it is on; empty otherwise. */
  private Map<String, Long> indexScans(Connection c, List<String> schemas) {
    try {
      if (!"1".equals(scalar(c, "SELECT @@performance_schema"))) {
        return new HashMap<>();
      }
    } catch (SQLException e) {
      LOG.debugf("Index usage not readable: %s", e.getMessage());
      return new HashMap<>();
    }
    return indexMetric(
        c,
        "SELECT OBJECT_SCHEMA, OBJECT_NAME, INDEX_NAME, COUNT_STAR"
            + " FROM performance_schema.table_io_waits_summary_by_index_usage"
            + " WHERE INDEX_NAME IS NOT NULL AND OBJECT_SCHEMA IN ("
            + in(schemas)
            + ")",
        schemas,
        "Index usage");
  }

  /** InnoDB index sizes (pages × page size), when {@code mysql.innodb_index_stats} is readable. */
  private Map<String, Long> indexSizes(Connection c, List<String> schemas) {
    return indexMetric(
        c,
        "SELECT database_name, table_name, index_name, stat_value * @@innodb_page_size"
            + " FROM mysql.innodb_index_stats WHERE stat_name = 'size' AND database_name IN ("
            + in(schemas)
            + ")",
        schemas,
        "Index sizes");
  }

  /**
   * A number per index, keyed {@code schema.table.index}, from a query returning those three and
   * the number; empty when the source is not readable (a privilege or an engine setting).
   */
  private Map<String, Long> indexMetric(
      Connection c, String sql, List<String> schemas, String what) {
    Map<String, Long> out = new HashMap<>();
    try (PreparedStatement ps = prepare(c, sql, schemas);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.put(rs.getString(1) + "." + rs.getString(2) + "." + rs.getString(3), rs.getLong(4));
      }
    } catch (SQLException e) {
      LOG.debugf("%s not readable: %s", what, e.getMessage());
      out.clear();
    }
    return out;
  }

  private static boolean hasColumn(ResultSetMetaData md, String name) throws SQLException {
    for (int i = 1; i <= md.getColumnCount(); i++) {
      if (md.getColumnLabel(i).equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  private static long longOr(ResultSet rs, int column, long fallback) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? fallback : v;
  }

  private static String scalar(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  private static final class ConstraintBuilder {
    final String tableKey;
    final String name;
    String type;
    final List<String> columns = new ArrayList<>();
    String referencedTable;
    final List<String> referencedColumns = new ArrayList<>();

    ConstraintBuilder(String tableKey, String name) {
      this.tableKey = tableKey;
      this.name = name;
    }
  }

  private static final class IndexBuilder {
    final String tableKey;
    final String name;
    boolean unique;
    String method;
    long scans = -1;
    long sizeBytes = -1;
    final List<String> columns = new ArrayList<>();

    IndexBuilder(String tableKey, String name) {
      this.tableKey = tableKey;
      this.name = name;
    }
  }
}
