package dev.dbarch.schema.catalog;

import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.contracts.schema.SchemaSnapshot.Column;
import dev.dbarch.contracts.schema.SchemaSnapshot.ForeignKey;
import dev.dbarch.contracts.schema.SchemaSnapshot.Index;
import dev.dbarch.contracts.schema.SchemaSnapshot.Sequence;
import dev.dbarch.contracts.schema.SchemaSnapshot.Table;
import dev.dbarch.contracts.schema.SchemaSnapshot.UniqueConstraint;
import dev.dbarch.schema.Snapshots;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Reads the structure of a PostgreSQL database (12 or later) from its catalog into a {@link
 * SchemaSnapshot}: every table and partitioned table of every schema except the system ones ({@code
 * pg_catalog}, {@code information_schema}, {@code pg_toast*}, temporary schemas) and {@code dbarch}
 * (which dbarch installs itself).
 *
 * <p>Five set-based catalog queries read the whole database (tables, columns, constraints, indexes,
 * sequences), whatever the number of tables; nothing is queried per table. On a shared two-core
 * machine 10,000 tables with 25,000 indexes snapshot in about 4 seconds. The queries run with
 * {@code search_path} set to {@code pg_catalog} so that types, defaults and index definitions come
 * out schema-qualified and the snapshot does not depend on the connection's settings; the
 * connection's {@code search_path} is restored afterwards.
 *
 * <p>Partitions: a partition lists only what was declared on it. Foreign keys and unique
 * constraints cloned from the partitioned parent, and indexes attached to a parent's partitioned
 * index, appear on the parent only; the primary key is a property of the table and is listed on
 * every partition that has one. A partitioned table's row estimate, size, and each partitioned
 * index's scans and size, are the sums over its leaf partitions.
 */
public final class PostgresCatalogReader {

  private static final Logger LOG = Logger.getLogger(PostgresCatalogReader.class);

  /** The schemas the reader skips, besides {@code pg_toast*} and {@code pg_temp_*}. */
  public static final List<String> EXCLUDED_SCHEMAS =
      List.of("pg_catalog", "information_schema", "dbarch");

  private static final String SCHEMA_FILTER =
      "n.nspname <> ALL (?) AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'";

  /**
   * When the page counts the last {@code VACUUM} or {@code ANALYZE} stored in {@code pg_class} are
   * still a table's size: it has been analyzed, fewer rows changed since than would make autovacuum
   * analyze it again with the default settings (50 + 10 % of its rows), and its TOAST table took
   * fewer new rows since its last vacuum than would make autovacuum vacuum it (1,000 + 20 %).
   * Otherwise the files are measured ({@code pg_total_relation_size}, {@code pg_relation_size}),
   * which opens every relation: at 10,000 tables that was 2.8 of a 3.5 s snapshot on a new
   * connection. {@code c} is the table; {@code tc} its TOAST table, if any.
   */
  private static final String PAGE_COUNTS_CURRENT =
      """
      (c.reltuples >= 0
       AND coalesce(pg_stat_get_mod_since_analyze(c.oid), 0) <= 50 + 0.1 * c.reltuples
       AND (tc.oid IS NULL
            OR coalesce(pg_stat_get_ins_since_vacuum(tc.oid), 0)
                 <= 1000 + 0.2 * greatest(tc.reltuples, 0)))""";

  private static final String TABLES =
      """
      SELECT c.oid, n.nspname, c.relname, c.relkind,
             CASE WHEN c.relkind = 'p' THEN
                    (SELECT CASE WHEN bool_and(l.reltuples >= 0) THEN sum(l.reltuples)::bigint ELSE -1 END
                       FROM pg_partition_tree(c.oid) t JOIN pg_class l ON l.oid = t.relid
                      WHERE t.isleaf)
                  WHEN c.reltuples < 0 THEN -1
                  ELSE c.reltuples::bigint END AS row_estimate,
             CASE WHEN c.relkind = 'p' THEN
                    (SELECT coalesce(sum(pg_total_relation_size(t.relid)), 0)::bigint
                       FROM pg_partition_tree(c.oid) t WHERE t.isleaf)
                  WHEN %1$s THEN
                    (c.relpages::bigint + coalesce(tc.relpages, 0)
                       + (SELECT coalesce(sum(ir.relpages), 0)::bigint
                            FROM pg_index x JOIN pg_class ir ON ir.oid = x.indexrelid
                           WHERE x.indrelid = c.oid))
                      * current_setting('block_size')::bigint
                  ELSE pg_total_relation_size(c.oid) END AS size_bytes,
             CASE WHEN c.relkind <> 'p' AND %1$s
                  THEN (c.relpages::bigint + coalesce(tc.relpages, 0))
                         * current_setting('block_size')::bigint END AS counted_table_bytes,
             pn.nspname || '.' || p.relname AS partition_of,
             CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partition_key,
             ARRAY(SELECT hn.nspname || '.' || h.relname
                     FROM pg_inherits ih JOIN pg_class h ON h.oid = ih.inhparent
                     JOIN pg_namespace hn ON hn.oid = h.relnamespace
                    WHERE ih.inhrelid = c.oid AND NOT c.relispartition
                    ORDER BY ih.inhseqno)::text[] AS inherits,
             CASE c.relreplident WHEN 'd' THEN 'default' WHEN 'n' THEN 'nothing'
                                 WHEN 'f' THEN 'full'
                                 ELSE 'index:' || coalesce((SELECT ri.relname FROM pg_index x
                                        JOIN pg_class ri ON ri.oid = x.indexrelid
                                       WHERE x.indrelid = c.oid AND x.indisreplident), '') END
               AS replica_identity
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_inherits i ON c.relispartition AND i.inhrelid = c.oid
        LEFT JOIN pg_class p ON p.oid = i.inhparent
        LEFT JOIN pg_namespace pn ON pn.oid = p.relnamespace
        LEFT JOIN pg_class tc ON tc.oid = c.reltoastrelid
       WHERE c.relkind IN ('r', 'p') AND %2$s
      """
          .formatted(PAGE_COUNTS_CURRENT, SCHEMA_FILTER);

  /**
   * Columns. A default is deparsed without its table ({@code pg_get_expr(…, 0)}: a default cannot
   * name a column, and with a table PostgreSQL opens it, one relation open per table); a generated
   * column's expression, which names columns, is deparsed with it.
   */
  private static final String COLUMNS =
      """
      SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod) AS data_type,
             a.attnotnull, a.attidentity, a.attgenerated,
             pg_get_expr(d.adbin, CASE WHEN a.attgenerated <> '' THEN d.adrelid ELSE 0 END)
               AS default_value,
             row_number() OVER (PARTITION BY a.attrelid ORDER BY a.attnum) AS position,
             ds.description AS comment
        FROM pg_attribute a
        JOIN pg_class c ON c.oid = a.attrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        LEFT JOIN pg_description ds ON ds.objoid = a.attrelid
                                   AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = a.attnum
       WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped AND %s
      """
          .formatted(SCHEMA_FILTER);

  /**
   * Key columns are named one attribute look-up per key ({@code (attrelid, attnum)} on the index of
   * {@code pg_attribute}): joined instead, the planner reads every column of the table for each
   * constraint and index and hashes them, a third of these queries' time at 10,000 tables.
   */
  private static final String CONSTRAINTS =
      """
      SELECT con.conrelid, con.conname, con.contype,
             con.conparentid <> 0 OR con.coninhcount > 0 AS inherited, con.convalidated,
             ARRAY(SELECT (SELECT a.attname FROM pg_attribute a
                            WHERE a.attrelid = con.conrelid AND a.attnum = k.attnum)
                     FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                    ORDER BY k.ord)::text[] AS columns,
             fn.nspname || '.' || fc.relname AS referenced_table,
             ARRAY(SELECT (SELECT a.attname FROM pg_attribute a
                            WHERE a.attrelid = con.confrelid AND a.attnum = k.attnum)
                     FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                    ORDER BY k.ord)::text[] AS referenced_columns
        FROM pg_constraint con
        JOIN pg_class c ON c.oid = con.conrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_class fc ON fc.oid = con.confrelid
        LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
       WHERE con.contype IN ('p', 'u', 'f', 'c') AND c.relkind IN ('r', 'p') AND %s
      """
          .formatted(SCHEMA_FILTER);

  /**
   * Whether {@code pg_get_indexdef} would print index {@code i} (of table {@code c}) as nothing but
   * its name, table, method and plain key columns: no expression, predicate, {@code INCLUDE},
   * storage parameters, sort options, or operator class or collation other than the column's
   * default. Such a definition is composed in SQL the way {@code pg_get_indexdef} writes it (the
   * reader's search path is {@code pg_catalog}, so the table is always schema-qualified), which
   * saves the call's catalog look-ups: about 1 s of a new connection's snapshot at 23,000 indexes.
   * Default operator classes are one hashed set built once per query, not a {@code pg_opclass}
   * look-up per key (the planner scans that small table each time). The {@code nulls_distinct}
   * placeholder is the server's test for {@code NULLS NOT DISTINCT} (PostgreSQL 15+). {@code
   * PostgresCatalogReaderTest} checks the composed text against {@code pg_get_indexdef}.
   */
  private static final String PLAIN_INDEX =
      """
      (i.indexprs IS NULL AND i.indpred IS NULL AND i.indnatts = i.indnkeyatts
       AND ic.relkind = 'i' AND c.relkind = 'r' AND ic.reloptions IS NULL AND {nulls_distinct}
       AND 0 = ALL (i.indoption::int2[])
       AND NOT EXISTS (
             SELECT 1
               FROM unnest(i.indkey::int2[], i.indclass::oid[], i.indcollation::oid[])
                      k(attnum, opclass, coll)
              WHERE NOT coalesce((
                      SELECT k.coll = a.attcollation
                             AND (k.opclass, a.atttypid) IN (
                                   SELECT o.oid, o.opcintype FROM pg_opclass o WHERE o.opcdefault
                                   UNION ALL
                                   SELECT o.oid, 'varchar'::regtype FROM pg_opclass o
                                    WHERE o.opcdefault AND o.opcintype = 'text'::regtype)
                        FROM pg_attribute a
                       WHERE a.attrelid = i.indrelid AND a.attnum = k.attnum), false)))""";

  private static final String PLAIN_INDEX_DEFINITION =
      """
      'CREATE ' || CASE WHEN i.indisunique THEN 'UNIQUE ' ELSE '' END || 'INDEX '
        || quote_ident(ic.relname) || ' ON ' || quote_ident(n.nspname) || '.'
        || quote_ident(c.relname) || ' USING ' || quote_ident(am.amname) || ' ('
        || (SELECT string_agg(quote_ident((SELECT a.attname FROM pg_attribute a
                                            WHERE a.attrelid = i.indrelid AND a.attnum = k.attnum)),
                              ', ' ORDER BY k.ord)
              FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, ord))
        || ')'""";

  private static final String INDEXES =
      """
      SELECT i.indrelid, i.indexrelid, ic.relname, am.amname, i.indisunique, i.indisprimary, i.indisvalid,
             i.indnkeyatts,
             ARRAY(SELECT CASE WHEN k.attnum <> 0
                               THEN (SELECT a.attname FROM pg_attribute a
                                      WHERE a.attrelid = i.indrelid AND a.attnum = k.attnum)::text
                               ELSE pg_get_indexdef(i.indexrelid, k.ord::int, true) END
                     FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
                    ORDER BY k.ord)::text[] AS columns,
             pg_get_expr(i.indpred, i.indrelid, true) AS predicate,
             CASE WHEN %3$s THEN %4$s ELSE pg_get_indexdef(i.indexrelid) END AS definition,
             CASE WHEN ic.relkind = 'I' THEN
                    (SELECT coalesce(sum(pg_stat_get_numscans(t.relid)), 0)::bigint
                       FROM pg_partition_tree(i.indexrelid) t WHERE t.isleaf)
                  ELSE pg_stat_get_numscans(i.indexrelid) END AS scans,
             CASE WHEN ic.relkind = 'I' THEN
                    (SELECT coalesce(sum(pg_relation_size(t.relid)), 0)::bigint
                       FROM pg_partition_tree(i.indexrelid) t WHERE t.isleaf)
                  WHEN %1$s THEN ic.relpages::bigint * current_setting('block_size')::bigint
                  ELSE pg_relation_size(i.indexrelid) END AS size_bytes
        FROM pg_index i
        JOIN pg_class ic ON ic.oid = i.indexrelid
        JOIN pg_class c ON c.oid = i.indrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_am am ON am.oid = ic.relam
        LEFT JOIN pg_class tc ON tc.oid = c.reltoastrelid
       WHERE c.relkind IN ('r', 'p') AND NOT ic.relispartition AND %2$s
      """
          .formatted(PAGE_COUNTS_CURRENT, SCHEMA_FILTER, PLAIN_INDEX, PLAIN_INDEX_DEFINITION);

  /**
   * Sequences with their owner. The last value is read ({@code pg_sequence_last_value} reads the
   * sequence's page, a relation open each) only where {@code SequenceNearExhaustion} can use it: a
   * range that ends at or below 2^32, or a {@code smallint}/{@code integer} column it feeds (owned
   * or through a {@code nextval} default). Elsewhere it stays unknown, the position before the
   * start. Owners and defaults are joined as whole sets, not looked up per sequence: right after a
   * bulk load {@code pg_depend}'s statistics are stale, and the planner then scanned every
   * default's dependency once per sequence (22 s for 5,000 sequences; the sets take 0.2 s either
   * way).
   */
  private static final String SEQUENCES =
      """
      SELECT n.nspname, c.relname, format_type(s.seqtypid, NULL) AS data_type,
             CASE WHEN has_sequence_privilege(c.oid, 'SELECT,USAGE')
                       AND (s.seqmax <= 4294967295 OR coalesce(o.narrow, false)
                            OR f.refobjid IS NOT NULL)
                  THEN pg_sequence_last_value(c.oid) END AS last_value,
             s.seqstart, s.seqincrement, s.seqmax, o.owned_by
        FROM pg_sequence s
        JOIN pg_class c ON c.oid = s.seqrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN (
              SELECT DISTINCT ON (d.objid) d.objid,
                     tn.nspname || '.' || t.relname || '.' || a.attname AS owned_by,
                     a.atttypid IN ('int2'::regtype, 'int4'::regtype) AS narrow
                FROM pg_depend d
                JOIN pg_sequence ds ON ds.seqrelid = d.objid
                JOIN pg_class t ON t.oid = d.refobjid
                JOIN pg_namespace tn ON tn.oid = t.relnamespace
                JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
               WHERE d.classid = 'pg_class'::regclass
                 AND d.refclassid = 'pg_class'::regclass AND d.refobjsubid > 0
                 AND d.deptype IN ('a', 'i')
               ORDER BY d.objid, 2) o ON o.objid = c.oid
        LEFT JOIN (
              SELECT DISTINCT d.refobjid
                FROM pg_depend d
                JOIN pg_attrdef ad ON ad.oid = d.objid
                JOIN pg_attribute a ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum
               WHERE d.classid = 'pg_attrdef'::regclass
                 AND d.refclassid = 'pg_class'::regclass
                 AND a.atttypid IN ('int2'::regtype, 'int4'::regtype)) f ON f.refobjid = c.oid
       WHERE %s
      """
          .formatted(SCHEMA_FILTER);

  /**
   * How long the usage counters have been accumulating (from the database's last statistics reset,
   * or the server start when never reset), whether this is a standby, and how many standbys stream
   * from it ({@code pg_stat_replication} lists them to any user; -1 if it cannot be read).
   */
  private static final String STATISTICS =
      """
      SELECT extract(epoch FROM now() - coalesce(d.stats_reset, pg_postmaster_start_time()))::bigint,
             CASE WHEN d.stats_reset IS NULL THEN 'server_start' ELSE 'stats_reset' END,
             pg_is_in_recovery(),
             (SELECT count(*) FROM pg_stat_replication)::int
        FROM pg_stat_database d
       WHERE d.datname = current_database()
      """;

  /**
   * The highest value the planner statistics saw in each integer ({@code smallint}, {@code
   * integer}) column that alone is a primary or unique key: the top of the histogram and of the
   * most common values, from the last {@code ANALYZE}. Partitioned tables have theirs as {@code
   * inherited} statistics.
   */
  private static final String KEY_HIGH_VALUES =
      """
      SELECT con.conrelid, a.attname,
             (SELECT max(v) FROM pg_stats s,
                     unnest(coalesce(s.histogram_bounds::text::bigint[], '{}')
                            || coalesce(s.most_common_vals::text::bigint[], '{}')) v
               WHERE s.schemaname = n.nspname AND s.tablename = c.relname
                 AND s.attname = a.attname) AS highest
        FROM pg_constraint con
        JOIN pg_class c ON c.oid = con.conrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = con.conkey[1]
       WHERE con.contype IN ('p', 'u') AND cardinality(con.conkey) = 1 AND con.conparentid = 0
         AND a.atttypid IN ('int2'::regtype, 'int4'::regtype)
         AND c.relkind IN ('r', 'p') AND %s
      """
          .formatted(SCHEMA_FILTER);

  private static final String TABLE_BLOAT = resource("postgres-table-bloat.sql");
  private static final String INDEX_BLOAT = resource("postgres-index-bloat.sql");

  private static String resource(String name) {
    try (java.io.InputStream in = PostgresCatalogReader.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException | NullPointerException e) {
      throw new IllegalStateException("Missing catalog query " + name, e);
    }
  }

  /** Reads the snapshot; the connection is left open and its settings as they were. */
  public SchemaSnapshot read(Connection connection) throws SQLException {
    long started = System.nanoTime();
    String database;
    String searchPath;
    String serverVersion;
    try (Statement st = connection.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT current_database(), current_setting('search_path'),"
                    + " current_setting('server_version')")) {
      rs.next();
      database = rs.getString(1);
      searchPath = rs.getString(2);
      serverVersion = rs.getString(3);
    }
    setSearchPath(connection, "pg_catalog");
    try {
      Array excluded = connection.createArrayOf("text", EXCLUDED_SCHEMAS.toArray());
      Map<Long, TableDraft> tables = readTables(connection, excluded);
      tableBloat(connection, excluded, tables);
      readColumns(connection, excluded, tables);
      readKeyHighValues(connection, excluded, tables);
      readConstraints(connection, excluded, tables);
      readIndexes(
          connection,
          serverVersion,
          excluded,
          tables,
          withPartitionedIndexes(connection, bloat(connection, INDEX_BLOAT, excluded)));
      List<Sequence> sequences = readSequences(connection, excluded);
      List<Table> out = new ArrayList<>(tables.size());
      for (TableDraft b : tables.values()) {
        out.add(b.build());
      }
      SchemaSnapshot snapshot =
          Snapshots.normalize(
              new SchemaSnapshot(
                  SchemaSnapshot.Engine.POSTGRESQL,
                  "catalog",
                  database,
                  out,
                  sequences,
                  serverVersion,
                  statistics(connection)));
      LOG.debugf(
          "Read %d tables and %d sequences of %s in %d ms",
          out.size(), sequences.size(), database, (System.nanoTime() - started) / 1_000_000);
      return snapshot;
    } finally {
      setSearchPath(connection, searchPath);
    }
  }

  private static void setSearchPath(Connection connection, String value) throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement("SELECT set_config('search_path', ?, false)")) {
      ps.setString(1, value);
      ps.execute();
    }
  }

  private Map<Long, TableDraft> readTables(Connection c, Array excluded) throws SQLException {
    Map<Long, TableDraft> tables = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(TABLES)) {
      ps.setArray(1, excluded);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          TableDraft b = new TableDraft();
          b.schema = rs.getString("nspname");
          b.name = rs.getString("relname");
          b.rowEstimate = rs.getLong("row_estimate");
          if (rs.wasNull()) {
            b.rowEstimate = -1;
          }
          b.sizeBytes = rs.getLong("size_bytes");
          long counted = rs.getLong("counted_table_bytes");
          b.countedTableBytes = rs.wasNull() ? null : counted;
          b.partitionOf = rs.getString("partition_of");
          b.partitionKey = rs.getString("partition_key");
          b.inherits = strings(rs.getArray("inherits"));
          b.replicaIdentity = rs.getString("replica_identity");
          tables.put(rs.getLong("oid"), b);
        }
      }
    }
    return tables;
  }

  private void readColumns(Connection c, Array excluded, Map<Long, TableDraft> tables)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(COLUMNS)) {
      ps.setArray(1, excluded);
      ps.setFetchSize(10_000);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          TableDraft b = tables.get(rs.getLong("attrelid"));
          if (b == null) {
            continue;
          }
          String identity = rs.getString("attidentity");
          String generated = rs.getString("attgenerated");
          String defaultValue = rs.getString("default_value");
          if ("a".equals(identity)) {
            defaultValue = "generated always as identity";
          } else if ("d".equals(identity)) {
            defaultValue = "generated by default as identity";
          } else if ("s".equals(generated)) {
            defaultValue = "generated always as (" + defaultValue + ") stored";
          }
          b.columns.add(
              new Column(
                  rs.getString("attname"),
                  rs.getString("data_type"),
                  !rs.getBoolean("attnotnull"),
                  defaultValue,
                  rs.getInt("position"),
                  rs.getString("comment"),
                  null));
        }
      }
    }
  }

  private void readConstraints(Connection c, Array excluded, Map<Long, TableDraft> tables)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(CONSTRAINTS)) {
      ps.setArray(1, excluded);
      ps.setFetchSize(10_000);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          TableDraft b = tables.get(rs.getLong("conrelid"));
          if (b == null) {
            continue;
          }
          String type = rs.getString("contype");
          boolean inherited = rs.getBoolean("inherited");
          List<String> columns = strings(rs.getArray("columns"));
          String name = rs.getString("conname");
          if (!rs.getBoolean("convalidated") && !inherited) {
            b.notValidConstraints.add(name);
          }
          switch (type) {
            case "p" -> b.primaryKey = columns;
            case "u" -> {
              if (!inherited) {
                b.uniqueConstraints.add(new UniqueConstraint(name, columns));
              }
            }
            case "f" -> {
              if (!inherited) {
                b.foreignKeys.add(
                    new ForeignKey(
                        name,
                        columns,
                        rs.getString("referenced_table"),
                        strings(rs.getArray("referenced_columns"))));
              }
            }
            default -> {}
          }
        }
      }
    }
  }

  private void readIndexes(
      Connection c,
      String serverVersion,
      Array excluded,
      Map<Long, TableDraft> tables,
      Map<Long, Long> bloat)
      throws SQLException {
    String sql =
        INDEXES.replace(
            "{nulls_distinct}",
            majorVersion(serverVersion) >= 15 ? "NOT i.indnullsnotdistinct" : "true");
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setArray(1, excluded);
      ps.setFetchSize(10_000);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          TableDraft b = tables.get(rs.getLong("indrelid"));
          if (b == null) {
            continue;
          }
          List<String> all = strings(rs.getArray("columns"));
          int keyCount = Math.min(rs.getInt("indnkeyatts"), all.size());
          b.indexes.add(
              new Index(
                  rs.getString("relname"),
                  all.subList(0, keyCount),
                  all.subList(keyCount, all.size()),
                  rs.getBoolean("indisunique"),
                  rs.getBoolean("indisprimary"),
                  rs.getString("amname"),
                  rs.getString("predicate"),
                  rs.getBoolean("indisvalid"),
                  rs.getLong("scans"),
                  rs.getLong("size_bytes"),
                  rs.getString("definition"),
                  bloat.get(rs.getLong("indexrelid"))));
        }
      }
    }
  }

  private void readKeyHighValues(Connection c, Array excluded, Map<Long, TableDraft> tables)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(KEY_HIGH_VALUES)) {
      ps.setArray(1, excluded);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          TableDraft b = tables.get(rs.getLong("conrelid"));
          long highest = rs.getLong("highest");
          if (b == null || rs.wasNull()) {
            continue;
          }
          String column = rs.getString("attname");
          b.columns.replaceAll(
              col ->
                  col.name().equals(column)
                      ? new Column(
                          col.name(),
                          col.type(),
                          col.nullable(),
                          col.defaultValue(),
                          col.position(),
                          col.comment(),
                          highest)
                      : col);
        }
      }
    }
  }

  /**
   * Each table's bloat estimate (none when it cannot be read: it needs {@code pg_stats}, which
   * shows only the columns the user may select). The estimate measures every table with pages
   * ({@code pg_table_size}, as pg-index-health does): where the size came from page counts, that
   * measure replaces the table's own part of it, so the bloat share is taken of the same bytes
   * either way.
   */
  private static void tableBloat(Connection c, Array excluded, Map<Long, TableDraft> tables) {
    try (PreparedStatement ps = c.prepareStatement(TABLE_BLOAT)) {
      ps.setArray(1, excluded);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          TableDraft table = tables.get(rs.getLong("table_oid"));
          if (table == null) {
            continue;
          }
          long bloat = rs.getLong("bloat_size");
          if (!rs.wasNull()) {
            table.bloatBytes = bloat;
          }
          if (table.countedTableBytes != null) {
            table.sizeBytes += rs.getLong("table_size") - table.countedTableBytes;
            table.countedTableBytes = null;
          }
        }
      }
    } catch (SQLException e) {
      LOG.debugf("Bloat estimate not readable: %s", e.getMessage());
      tables.values().forEach(t -> t.bloatBytes = null);
    }
  }

  /**
   * Estimated wasted bytes per relation oid; empty when the estimate cannot be read (it needs
   * {@code pg_stats}, which shows only the columns the user may select).
   */
  private static Map<Long, Long> bloat(Connection c, String sql, Array excluded) {
    Map<Long, Long> out = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setArray(1, excluded);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getLong(1), rs.getLong(2));
        }
      }
    } catch (SQLException e) {
      LOG.debugf("Bloat estimate not readable: %s", e.getMessage());
      out.clear();
    }
    return out;
  }

  /**
   * A partitioned index has no pages of its own: its bloat is the sum of its leaf partitions'
   * estimates (its size is already their sum), so the rule sees it once, on the partitioned table.
   */
  private static Map<Long, Long> withPartitionedIndexes(Connection c, Map<Long, Long> bloat) {
    if (bloat.isEmpty()) {
      return bloat;
    }
    Map<Long, Long> out = new HashMap<>(bloat);
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                """
                SELECT i.indexrelid, t.relid
                  FROM pg_index i
                  JOIN pg_class ic ON ic.oid = i.indexrelid
                 CROSS JOIN LATERAL pg_partition_tree(i.indexrelid) t
                 WHERE ic.relkind = 'I' AND NOT ic.relispartition AND t.isleaf
                """)) {
      while (rs.next()) {
        Long leaf = bloat.get(rs.getLong(2));
        if (leaf != null) {
          out.merge(rs.getLong(1), leaf, Long::sum);
        }
      }
    } catch (SQLException e) {
      LOG.debugf("Partitioned index bloat not readable: %s", e.getMessage());
    }
    return out;
  }

  private static SchemaSnapshot.Statistics statistics(Connection c) {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(STATISTICS)) {
      if (rs.next()) {
        return new SchemaSnapshot.Statistics(
            rs.getLong(1), rs.getString(2), rs.getBoolean(3), rs.getInt(4));
      }
    } catch (SQLException e) {
      LOG.debugf("Statistics age not readable: %s", e.getMessage());
    }
    return null;
  }

  private List<Sequence> readSequences(Connection c, Array excluded) throws SQLException {
    List<Sequence> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(SEQUENCES)) {
      ps.setArray(1, excluded);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long lastValue = rs.getLong("last_value");
          if (rs.wasNull()) {
            // Never called (or not readable): the position just before the start value.
            lastValue = rs.getLong("seqstart") - rs.getLong("seqincrement");
          }
          out.add(
              new Sequence(
                  rs.getString("nspname"),
                  rs.getString("relname"),
                  rs.getString("data_type"),
                  lastValue,
                  rs.getLong("seqmax"),
                  rs.getString("owned_by")));
        }
      }
    }
    return out;
  }

  /**
   * The major version of a {@code server_version} setting ({@code 17.6}, {@code 15.20 (Debian …)}).
   */
  static int majorVersion(String serverVersion) {
    String digits = serverVersion.strip().split("[^0-9]", 2)[0];
    return digits.isEmpty() ? 0 : Integer.parseInt(digits);
  }

  private static List<String> strings(Array array) throws SQLException {
    if (array == null) {
      return List.of();
    }
    Object[] values = (Object[]) array.getArray();
    return Arrays.stream(values).map(String::valueOf).toList();
  }
}
