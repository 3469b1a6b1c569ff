package dev.dbarch.schema.catalog;

import static dev.dbarch.schema.Lookups.column;
import static dev.dbarch.schema.Lookups.index;
import static dev.dbarch.schema.Lookups.sequence;
import static dev.dbarch.schema.Lookups.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.contracts.schema.SchemaSnapshot.ForeignKey;
import dev.dbarch.contracts.schema.SchemaSnapshot.Index;
import dev.dbarch.contracts.schema.SchemaSnapshot.Sequence;
import dev.dbarch.contracts.schema.SchemaSnapshot.Table;
import dev.dbarch.schema.EmbeddedPg;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresCatalogReaderTest {

  private static DataSource db;
  private final PostgresCatalogReader reader = new PostgresCatalogReader();

  @BeforeAll
  static void loadFixture() throws Exception {
    db = EmbeddedPg.freshDatabase("catalog_fixture");
    try (Connection c = db.getConnection()) {
      EmbeddedPg.load(c, EmbeddedPg.fixture("findings.sql"));
    }
    EmbeddedPg.execute(
        db,
        "CREATE SCHEMA dbarch",
        "CREATE TABLE dbarch.outbox (id bigint PRIMARY KEY)",
        "INSERT INTO app.tags SELECT g, 'tag ' || g FROM generate_series(1, 500) g",
        "ANALYZE app.tags");
  }

  private SchemaSnapshot read() throws SQLException {
    try (Connection c = db.getConnection()) {
      return reader.read(c);
    }
  }

  @Test
  void readsEveryUserTableButNotTheDbarchSchema() throws SQLException {
    SchemaSnapshot s = read();
    assertThat(s.engine()).isEqualTo(SchemaSnapshot.Engine.POSTGRESQL);
    assertThat(s.source()).isEqualTo("catalog");
    assertThat(s.database()).isEqualTo("catalog_fixture");
    assertThat(s.tables())
        .extracting(Table::qualifiedName)
        .containsExactly(
            "app.addresses",
            "app.customers",
            "app.documents",
            "app.event_log",
            "app.event_log_2024",
            "app.jobs",
            "app.legacy",
            "app.legacy_events",
            "app.legacy_events_old",
            "app.measurements",
            "app.measurements_2024",
            "app.measurements_2025",
            "app.notes",
            "app.orders",
            "app.payments",
            "app.replies",
            "app.shipment_events",
            "app.shipments",
            "app.tags",
            "app.visits",
            "app.visits_2024",
            "app.wide");
  }

  @Test
  void inheritanceReplicaIdentityUnvalidatedConstraintsStatisticsAndBloat() throws SQLException {
    SchemaSnapshot s = read();
    assertThat(table(s, "app.event_log_2024").inherits()).containsExactly("app.event_log");
    assertThat(table(s, "app.event_log").inherits()).isEmpty();
    // Partitions are partitions, not inheritance children.
    assertThat(table(s, "app.measurements_2024").inherits()).isEmpty();
    assertThat(table(s, "app.event_log").replicaIdentity()).isEqualTo("default");
    assertThat(table(s, "app.payments").notValidConstraints())
        .containsExactly("payments_customer_fkey");
    assertThat(s.statistics()).isNotNull();
    assertThat(s.statistics().ageSeconds()).isGreaterThanOrEqualTo(0);
    assertThat(s.statistics().since()).isIn("stats_reset", "server_start");
    assertThat(s.statistics().standby()).isFalse();
    assertThat(s.statistics().replicas()).isZero();
    Table jobs = table(s, "app.jobs");
    assertThat(jobs.bloatBytes()).isPositive();
    assertThat(jobs.indexes()).allSatisfy(i -> assertThat(i.bloatBytes()).isNotNull());
  }

  @Test
  void columnsInOrderWithCatalogTypesDefaultsAndIdentity() throws SQLException {
    SchemaSnapshot s = read();
    Table customers = table(s, "app.customers");
    assertThat(customers.columns()).hasSize(12);
    assertThat(customers.columns().get(0).name()).isEqualTo("id");
    assertThat(customers.columns().get(11).position()).isEqualTo(12);
    assertThat(column(customers, "id").defaultValue()).isEqualTo("generated always as identity");
    assertThat(column(customers, "Nick Name").type()).isEqualTo("character varying(40)");
    assertThat(column(customers, "email_verified").defaultValue()).isEqualTo("false");
    Table orders = table(s, "app.orders");
    // search_path is pg_catalog while reading: defaults come out schema-qualified.
    assertThat(column(orders, "id").defaultValue())
        .isEqualTo("nextval('app.orders_id_seq'::regclass)");
    assertThat(column(orders, "total").type()).isEqualTo("numeric(12,2)");
    assertThat(column(orders, "total").nullable()).isFalse();
    assertThat(column(orders, "coupon").nullable()).isTrue();
  }

  @Test
  void keysAndForeignKeys() throws SQLException {
    SchemaSnapshot s = read();
    assertThat(table(s, "app.event_log").primaryKey()).isEmpty();
    assertThat(table(s, "app.shipments").primaryKey()).containsExactly("order_id", "warehouse_id");
    assertThat(table(s, "app.orders").uniqueConstraints())
        .singleElement()
        .satisfies(u -> assertThat(u.columns()).containsExactly("coupon", "shipping_ref"));
    assertThat(table(s, "app.shipment_events").foreignKeys())
        .containsExactly(
            new ForeignKey(
                "shipment_events_order_id_warehouse_id_fkey",
                List.of("order_id", "warehouse_id"),
                "app.shipments",
                List.of("order_id", "warehouse_id")));
  }

  @Test
  void indexesWithIncludePredicateExpressionMethodValidityAndStatistics() throws SQLException {
    Table orders = table(read(), "app.orders");
    assertThat(orders.indexes())
        .extracting(Index::name)
        .containsExactly(
            "orders_coupon_shipping_key",
            "orders_id_status",
            "orders_lower_coupon",
            "orders_open",
            "orders_pkey",
            "orders_placed_incl",
            "orders_status_dup",
            "orders_status_idx",
            "orders_status_pattern",
            "orders_status_placed_idx");
    Index incl = index(orders, "orders_placed_incl");
    assertThat(incl.columns()).containsExactly("placed_at");
    assertThat(incl.include()).containsExactly("total");
    assertThat(index(orders, "orders_open").predicate()).isEqualTo("status = 'open'::text");
    assertThat(index(orders, "orders_lower_coupon").columns()).containsExactly("lower(coupon)");
    assertThat(index(orders, "orders_status_placed_idx").columns())
        .containsExactly("status", "placed_at");
    Index pkey = index(orders, "orders_pkey");
    assertThat(pkey.primary()).isTrue();
    assertThat(pkey.unique()).isTrue();
    assertThat(pkey.method()).isEqualTo("btree");
    assertThat(pkey.scans()).isGreaterThanOrEqualTo(0);
    assertThat(pkey.sizeBytes()).isPositive();
    assertThat(pkey.definition())
        .isEqualTo("CREATE UNIQUE INDEX orders_pkey ON app.orders USING btree (id)");
    assertThat(index(table(read(), "app.tags"), "tags_label_idx").valid()).isFalse();
  }

  @Test
  void partitionsListWhatWasDeclaredOnThemAndTheParentSumsItsPartitions() throws SQLException {
    SchemaSnapshot s = read();
    Table parent = table(s, "app.measurements");
    assertThat(parent.partitionKey()).isEqualTo("RANGE (taken_at)");
    assertThat(parent.foreignKeys())
        .extracting(ForeignKey::name)
        .containsExactly("measurements_customer_id_fkey");
    assertThat(parent.indexes())
        .extracting(Index::name)
        .containsExactly("measurements_pkey", "measurements_taken_idx");
    assertThat(index(parent, "measurements_taken_idx").scans()).isZero();
    Table partition = table(s, "app.measurements_2024");
    assertThat(partition.partitionOf()).isEqualTo("app.measurements");
    assertThat(partition.primaryKey()).containsExactly("id", "taken_at");
    assertThat(partition.foreignKeys()).isEmpty();
    assertThat(partition.indexes()).isEmpty();
  }

  @Test
  void sequencesWithOwnersAndPositions() throws SQLException {
    SchemaSnapshot s = read();
    assertThat(sequence(s, "ticket_seq"))
        .isEqualTo(new Sequence("app", "ticket_seq", "integer", 1900000000L, 2147483647L, null));
    assertThat(sequence(s, "orders_id_seq"))
        .isEqualTo(
            new Sequence("app", "orders_id_seq", "integer", 0, 2147483647L, "app.orders.id"));
    assertThat(sequence(s, "customers_id_seq").ownedBy()).isEqualTo("app.customers.id");
    assertThat(sequence(s, "legacy_id_seq").dataType()).isEqualTo("bigint");
  }

  @Test
  void rowEstimatesAndSizes() throws SQLException {
    SchemaSnapshot s = read();
    Table tags = table(s, "app.tags");
    assertThat(tags.rowEstimate()).isEqualTo(500);
    assertThat(tags.sizeBytes()).isPositive();
    // Never analysed: unknown.
    assertThat(table(s, "app.wide").rowEstimate()).isEqualTo(-1);
  }

  @Test
  void deterministicAndLeavesTheSessionAsItWas() throws SQLException {
    try (Connection c = db.getConnection()) {
      try (Statement st = c.createStatement()) {
        st.execute("SET search_path = app, public");
      }
      SchemaSnapshot first = reader.read(c);
      SchemaSnapshot second = reader.read(c);
      // Everything but the age of the usage counters, which grows between the two reads.
      assertThat(second).usingRecursiveComparison().ignoringFields("statistics").isEqualTo(first);
      assertThat(second.statistics().ageSeconds())
          .isGreaterThanOrEqualTo(first.statistics().ageSeconds());
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SHOW search_path")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("app, public");
      }
    }
  }

  private static long scalar(DataSource ds, String sql) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Waits until the inserting sessions' counters reach the shared statistics (PostgreSQL 15+). */
  private static void awaitModifications(DataSource ds, String table, long atLeast)
      throws Exception {
    for (int i = 0; i < 100; i++) {
      if (scalar(ds, "SELECT pg_stat_get_mod_since_analyze('" + table + "'::regclass)")
          >= atLeast) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(table + ": modifications never reached the statistics");
  }

  @Test
  void sizesAreCountedFromPagesWhileTheStatisticsAreCurrentAndMeasuredOnceTheyAreNot()
      throws Exception {
    DataSource ds = EmbeddedPg.freshDatabase("catalog_sizes");
    EmbeddedPg.execute(
        ds,
        "CREATE TABLE loaded (id bigint PRIMARY KEY, note text)",
        "INSERT INTO loaded SELECT g, repeat('x', 100) FROM generate_series(1, 5000) g",
        "ANALYZE loaded",
        "CREATE TABLE quiet (id integer PRIMARY KEY)",
        "ANALYZE quiet",
        "CREATE TABLE grown (id integer PRIMARY KEY)",
        "ANALYZE grown",
        "INSERT INTO quiet SELECT generate_series(1, 40)",
        "INSERT INTO grown SELECT generate_series(1, 1000)");
    awaitModifications(ds, "grown", 1000);
    awaitModifications(ds, "quiet", 40);
    SchemaSnapshot s;
    try (Connection c = ds.getConnection()) {
      s = reader.read(c);
    }

    // Rows since ANALYZE: a table with pages has its files measured (by the bloat estimate), its
    // indexes counted from the pages ANALYZE just recorded, which is the same bytes.
    assertThat(table(s, "public.loaded").sizeBytes())
        .isEqualTo(scalar(ds, "SELECT pg_total_relation_size('loaded')"));
    // 1,000 rows into an empty table is past autovacuum's analyze threshold: measured.
    assertThat(table(s, "public.grown").sizeBytes())
        .isEqualTo(scalar(ds, "SELECT pg_total_relation_size('grown')"));
    // 40 rows are below it (50 + 10 %): the pages the last ANALYZE counted, one empty index page.
    assertThat(table(s, "public.quiet").sizeBytes())
        .isEqualTo(scalar(ds, "SELECT current_setting('block_size')::bigint"))
        .isLessThan(scalar(ds, "SELECT pg_total_relation_size('quiet')"));
    assertThat(index(table(s, "public.grown"), "grown_pkey").sizeBytes())
        .isEqualTo(scalar(ds, "SELECT pg_relation_size('grown_pkey')"));
  }

  @Test
  void aSequencePositionIsReadWhereItCanRunOut() throws Exception {
    DataSource ds = EmbeddedPg.freshDatabase("catalog_sequences");
    EmbeddedPg.execute(
        ds,
        "CREATE TABLE wide_key (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY)",
        "CREATE TABLE narrow_key (id serial PRIMARY KEY)",
        "CREATE SEQUENCE wide_for_narrow",
        "CREATE TABLE narrow_default (id integer PRIMARY KEY DEFAULT nextval('wide_for_narrow'))",
        "CREATE SEQUENCE wide_free",
        "INSERT INTO wide_key DEFAULT VALUES",
        "INSERT INTO wide_key DEFAULT VALUES",
        "INSERT INTO narrow_key DEFAULT VALUES",
        "INSERT INTO narrow_key DEFAULT VALUES",
        "INSERT INTO narrow_default DEFAULT VALUES",
        "INSERT INTO narrow_default DEFAULT VALUES",
        "SELECT nextval('wide_free')");
    SchemaSnapshot s;
    try (Connection c = ds.getConnection()) {
      s = reader.read(c);
    }

    // An integer sequence, and a bigint one feeding an integer column: read.
    assertThat(sequence(s, "narrow_key_id_seq").lastValue()).isEqualTo(2);
    assertThat(sequence(s, "wide_for_narrow").lastValue()).isEqualTo(2);
    // bigint into bigint: nothing can run out in practice, so the page is not read.
    assertThat(sequence(s, "wide_key_id_seq").lastValue()).isZero();
    assertThat(sequence(s, "wide_free").lastValue()).isZero();
  }

  /** Every index's definition as the snapshot has it, against the server's own text. */
  private void assertDefinitionsAreTheServers(DataSource ds) throws SQLException {
    SchemaSnapshot s;
    java.util.Map<String, String> server = new java.util.TreeMap<>();
    try (Connection c = ds.getConnection()) {
      s = reader.read(c);
      try (Statement st = c.createStatement()) {
        // The reader's own search path, so the server qualifies names as the reader sees them.
        st.execute("SET search_path = pg_catalog");
        try (ResultSet rs =
            st.executeQuery(
                "SELECT n.nspname || '.' || t.relname || ' ' || ic.relname,"
                    + " pg_get_indexdef(i.indexrelid)"
                    + " FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid"
                    + " JOIN pg_class t ON t.oid = i.indrelid"
                    + " JOIN pg_namespace n ON n.oid = t.relnamespace"
                    + " WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'dbarch')"
                    + " AND n.nspname NOT LIKE 'pg_toast%' AND NOT ic.relispartition")) {
          while (rs.next()) {
            server.put(rs.getString(1), rs.getString(2));
          }
        }
        st.execute("RESET search_path");
      }
    }
    java.util.Map<String, String> ours = new java.util.TreeMap<>();
    for (Table t : s.tables()) {
      for (Index i : t.indexes()) {
        ours.put(t.qualifiedName() + " " + i.name(), i.definition());
      }
    }
    assertThat(ours).isNotEmpty().isEqualTo(server);
  }

  @Test
  void indexDefinitionsReadAsTheServerWritesThem() throws SQLException {
    assertDefinitionsAreTheServers(db);
    DataSource ds = EmbeddedPg.freshDatabase("catalog_index_text");
    EmbeddedPg.execute(
        ds,
        "CREATE SCHEMA \"Sales Data\"",
        "CREATE TABLE \"Sales Data\".\"Order\" (\"Id\" integer PRIMARY KEY, \"select\" text,"
            + " code varchar(20), c char(3), n numeric, ts timestamptz, doc jsonb, tags text[],"
            + " place point, amount bigint)",
        "CREATE UNIQUE INDEX \"Order_code\" ON \"Sales Data\".\"Order\" (code)",
        "CREATE INDEX order_select ON \"Sales Data\".\"Order\" (\"select\", c, n)",
        "CREATE INDEX order_desc ON \"Sales Data\".\"Order\" (ts DESC)",
        "CREATE INDEX order_nulls ON \"Sales Data\".\"Order\" (amount NULLS FIRST)",
        "CREATE INDEX order_pattern ON \"Sales Data\".\"Order\" (\"select\" text_pattern_ops)",
        "CREATE INDEX order_collate ON \"Sales Data\".\"Order\" (code COLLATE \"C\")",
        "CREATE INDEX order_include ON \"Sales Data\".\"Order\" (amount) INCLUDE (code)",
        "CREATE INDEX order_partial ON \"Sales Data\".\"Order\" (amount) WHERE amount > 0",
        "CREATE INDEX order_expr ON \"Sales Data\".\"Order\" (lower(\"select\"))",
        "CREATE INDEX order_fill ON \"Sales Data\".\"Order\" (n) WITH (fillfactor = 70)",
        "CREATE INDEX order_hash ON \"Sales Data\".\"Order\" USING hash (code)",
        "CREATE INDEX order_gin ON \"Sales Data\".\"Order\" USING gin (doc)",
        "CREATE INDEX order_gin_path ON \"Sales Data\".\"Order\" USING gin (doc jsonb_path_ops)",
        "CREATE INDEX order_tags ON \"Sales Data\".\"Order\" USING gin (tags)",
        "CREATE INDEX order_brin ON \"Sales Data\".\"Order\" USING brin (ts)",
        "CREATE INDEX order_gist ON \"Sales Data\".\"Order\" USING gist (place)",
        "CREATE UNIQUE INDEX order_nnd ON \"Sales Data\".\"Order\" (c) NULLS NOT DISTINCT",
        "CREATE TABLE public.plain (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
            + " a integer, b integer, UNIQUE (a, b))",
        "CREATE INDEX ON public.plain (b, a)");
    assertDefinitionsAreTheServers(ds);
  }

  @Test
  void majorVersionOfTheServerVersionSetting() {
    assertThat(PostgresCatalogReader.majorVersion("17.6")).isEqualTo(17);
    assertThat(PostgresCatalogReader.majorVersion("15.20 (Debian 15.20-0+deb12u1)")).isEqualTo(15);
    assertThat(PostgresCatalogReader.majorVersion("18beta1")).isEqualTo(18);
  }
}
