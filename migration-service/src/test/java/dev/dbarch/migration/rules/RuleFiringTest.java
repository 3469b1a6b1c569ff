package dev.dbarch.migration.rules;

import static dev.dbarch.migration.rules.Requests.assess;
import static dev.dbarch.testsupport.VerdictChecks.spoke;

import dev.dbarch.testsupport.RuleBookChecks;
import dev.dbarch.testsupport.RuleBookChecks.FiringCase;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every rule of the migration book fires for one requirements document and stays silent for a near
 * miss: the same kind of document just on the other side of the rule's condition. The cases must
 * name every rule in the book, so a new rule cannot ship without both.
 */
class RuleFiringTest {

  static final String CURRENT =
      "currentState: {sourcePlatform: %s, targetPlatform: PostgreSQL 17%s}\n";

  /** An existing system moving from {@code source} to PostgreSQL 17, with more current state. */
  static String moving(String source, String more) {
    return CURRENT.formatted(source, more.isEmpty() ? "" : ", " + more);
  }

  static final String TWO_TABLES =
      "scale: {dataVolumeGb: 200, tableRows: {orders: %d, notes: %d}}\n";

  /** The stated server version a script is linted for. */
  static final String POSTGRES_VERSION =
      "currentState: {sourcePlatform: PostgreSQL, sourceVersion: \"%d\"}\n";

  /** A requirements document submitting {@code sql} as a schema script, after {@code more}. */
  static String script(String dialect, String sql, String more) {
    StringBuilder yaml =
        new StringBuilder(more)
            .append("schema:\n  dialect: ")
            .append(dialect)
            .append("\n  ddl: |\n");
    sql.lines().forEach(line -> yaml.append("    ").append(line).append('\n'));
    return yaml.toString();
  }

  static FiringCase postgres(String risky, String safe) {
    return FiringCase.of(script("POSTGRESQL", risky, ""), script("POSTGRESQL", safe, ""));
  }

  static FiringCase mysql(String risky, String safe) {
    return FiringCase.of(script("MYSQL", risky, ""), script("MYSQL", safe, ""));
  }

  static final Map<String, FiringCase> CASES = new LinkedHashMap<>();

  static {
    CASES.put(
        "MIG-VER-001",
        FiringCase.always("", "every system's schema changes go through versioned migrations"));
    CASES.put(
        "MIG-EXP-001",
        FiringCase.always("", "every system needs breaking changes made without downtime"));
    // 101 GB with no row counts: the largest table is assumed to hold most of it.
    CASES.put(
        "MIG-ONLINE-001",
        FiringCase.of("scale: {dataVolumeGb: 101}\n", "scale: {dataVolumeGb: 100}\n"));
    // 200 GB shared by rows: orders holds 100.2 GB in the first, exactly 100 GB in the second.
    CASES.put(
        "MIG-RISK-001",
        FiringCase.of(TWO_TABLES.formatted(501, 499), TWO_TABLES.formatted(500, 500)));
    CASES.put("MIG-PLAT-001", FiringCase.of(moving("Oracle 19c", ""), moving("PostgreSQL 14", "")));
    CASES.put(
        "MIG-ZDT-001",
        FiringCase.of(
            moving("PostgreSQL 14", "downtimeToleranceMinutes: 0"),
            moving("PostgreSQL 14", "downtimeToleranceMinutes: 1")));
    CASES.put(
        "MIG-ZDT-002",
        FiringCase.of(
            moving("PostgreSQL 14", "downtimeToleranceMinutes: 1"),
            moving("PostgreSQL 14", "downtimeToleranceMinutes: 0")));
    CASES.put(
        "MIG-SP-001",
        FiringCase.of(
            moving("Oracle 19c", "heavyStoredProcedures: true"),
            moving("Oracle 19c", "heavyStoredProcedures: false")));
    CASES.put("MIG-ORA-001", FiringCase.of(moving("Oracle 19c", ""), moving("MySQL 8.0", "")));
    CASES.put("MIG-PHASE-001", FiringCase.of(moving("MySQL 8.0", ""), moving("PostgreSQL 14", "")));
    CASES.put("MIG-PHASE-002", FiringCase.of("", moving("PostgreSQL 14", "")));
    CASES.put("MIG-PHASE-003", FiringCase.of(moving("PostgreSQL 14", ""), moving("MySQL 8.0", "")));
    // The linter's rules, each with a statement pair after ddl-lint's rule corpus (the risky
    // statement and its safe twin) submitted as a script. Without a catalog a table's size is
    // unknown, which still flags it; a table the script creates itself is new and empty, which is
    // the near miss of several.
    CASES.put(
        "MIG-DDL-COL-001",
        postgres(
            "ALTER TABLE customers ADD COLUMN seen_at timestamptz DEFAULT clock_timestamp();",
            "ALTER TABLE customers ADD COLUMN seen_at timestamptz DEFAULT now();"));
    CASES.put(
        "MIG-DDL-COL-002",
        postgres(
            "ALTER TABLE customers ADD COLUMN tier text NOT NULL;",
            "ALTER TABLE customers ADD COLUMN tier text NOT NULL DEFAULT 'basic';"));
    CASES.put(
        "MIG-DDL-COL-003",
        postgres(
            "ALTER TABLE customers ALTER COLUMN nickname SET NOT NULL;",
            "ALTER TABLE customers ADD CONSTRAINT customers_nickname_not_null CHECK (nickname IS NOT NULL);\nALTER TABLE customers ALTER COLUMN nickname SET NOT NULL;"));
    CASES.put(
        "MIG-DDL-COL-004",
        postgres(
            "ALTER TABLE orders ALTER COLUMN total TYPE numeric(14,4);",
            "CREATE TABLE orders (id bigint, total numeric(12,2));\nALTER TABLE orders ALTER COLUMN total TYPE numeric(14,4);"));
    CASES.put(
        "MIG-DDL-COL-005",
        postgres(
            "ALTER TABLE customers RENAME COLUMN name TO full_name;",
            "ALTER TABLE customers ADD COLUMN full_name varchar(50);"));
    CASES.put(
        "MIG-DDL-COL-006",
        postgres(
            "ALTER TABLE customers DROP COLUMN nickname;",
            "CREATE TABLE import_rows (id bigint, nickname text);\nALTER TABLE import_rows DROP COLUMN nickname;"));
    CASES.put(
        "MIG-DDL-COL-007",
        postgres(
            "ALTER TABLE orders ALTER COLUMN status DROP NOT NULL;",
            "ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'pending';"));
    CASES.put(
        "MIG-DDL-COL-008",
        postgres(
            "ALTER TABLE order_items ADD COLUMN id bigserial;",
            "ALTER TABLE order_items ADD COLUMN id bigint;"));
    CASES.put(
        "MIG-DDL-COL-009",
        postgres(
            "ALTER TABLE orders ADD COLUMN total_cents bigint GENERATED ALWAYS AS ((total * 100)::bigint) STORED;",
            "ALTER TABLE orders ADD COLUMN total_cents bigint;"));
    CASES.put(
        "MIG-DDL-COL-010",
        postgres(
            "ALTER TABLE orders ADD COLUMN meta json;",
            "ALTER TABLE orders ADD COLUMN meta jsonb;"));
    CASES.put(
        "MIG-DDL-CON-001",
        postgres(
            "ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0);",
            "ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;"));
    CASES.put(
        "MIG-DDL-CON-002",
        postgres(
            "ALTER TABLE order_items ADD FOREIGN KEY (order_id) REFERENCES orders (id);",
            "ALTER TABLE order_items ADD CONSTRAINT order_items_order_fkey FOREIGN KEY (order_id) REFERENCES orders (id) NOT VALID;"));
    CASES.put(
        "MIG-DDL-CON-003",
        postgres(
            "ALTER TABLE customers ADD CONSTRAINT customers_email_key UNIQUE (email);",
            "CREATE UNIQUE INDEX customers_email_idx ON customers (email);\nALTER TABLE customers ADD CONSTRAINT customers_email_key UNIQUE USING INDEX customers_email_idx;"));
    CASES.put(
        "MIG-DDL-CON-004",
        postgres(
            "ALTER TABLE order_items ADD PRIMARY KEY (order_id, product);",
            "CREATE UNIQUE INDEX order_items_pk_idx ON order_items (order_id, product);\nALTER TABLE order_items ADD CONSTRAINT order_items_pkey PRIMARY KEY USING INDEX order_items_pk_idx;"));
    CASES.put(
        "MIG-DDL-CON-005",
        postgres(
            "ALTER TABLE shipments ADD CONSTRAINT shipments_order_excl EXCLUDE USING btree (order_id WITH =);",
            "CREATE TABLE shipments_new (id bigint PRIMARY KEY, order_id bigint);\nALTER TABLE shipments_new ADD CONSTRAINT shipments_new_order_excl EXCLUDE USING btree (order_id WITH =);"));
    CASES.put(
        "MIG-DDL-CON-006",
        postgres(
            "BEGIN;\nALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT orders_total_check;",
            "ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT orders_total_check;"));
    CASES.put(
        "MIG-DDL-CON-007",
        postgres(
            "ALTER DOMAIN positive_amount ADD CONSTRAINT positive_amount_check CHECK (VALUE > 0);",
            "ALTER DOMAIN positive_amount ADD CONSTRAINT positive_amount_check CHECK (VALUE > 0) NOT VALID;"));
    CASES.put(
        "MIG-DDL-DML-001",
        postgres("DELETE FROM order_items;", "DELETE FROM order_items WHERE order_id = 1;"));
    CASES.put(
        "MIG-DDL-IDX-001",
        postgres(
            "CREATE INDEX events_at_idx ON events (at);",
            "CREATE INDEX events_at_idx ON ONLY events (at);"));
    CASES.put(
        "MIG-DDL-IDX-003", postgres("REINDEX TABLE orders;", "REINDEX TABLE CONCURRENTLY orders;"));
    CASES.put(
        "MIG-DDL-IDX-004",
        postgres(
            "BEGIN;\nCREATE INDEX CONCURRENTLY orders_placed_idx ON orders (placed_at);",
            "CREATE INDEX CONCURRENTLY orders_placed_idx ON orders (placed_at);"));
    CASES.put(
        "MIG-DDL-IDX-005",
        postgres(
            "CREATE INDEX CONCURRENTLY orders_wide_idx ON orders (customer_id, status, placed_at, total);",
            "CREATE INDEX CONCURRENTLY orders_narrow_idx ON orders (customer_id, status);"));
    CASES.put(
        "MIG-DDL-MY-001",
        mysql("ALTER TABLE t MODIFY a bigint;", "ALTER TABLE t ADD COLUMN d int;"));
    CASES.put(
        "MIG-DDL-MY-002",
        mysql(
            "ALTER TABLE t ADD COLUMN d int, ALGORITHM=COPY;",
            "ALTER TABLE t ADD COLUMN d int, ALGORITHM=INSTANT;"));
    CASES.put(
        "MIG-DDL-MY-003",
        mysql(
            "ALTER TABLE t ADD COLUMN d varchar(36) DEFAULT (uuid());",
            "ALTER TABLE t ADD COLUMN d varchar(36);"));
    CASES.put(
        "MIG-DDL-MY-004",
        mysql("ALTER TABLE t ADD INDEX t_b_idx (b);", "ALTER TABLE t ADD COLUMN d int;"));
    CASES.put(
        "MIG-DDL-SYN-001",
        postgres(
            "UPDATE orders SET status = 'paid', status = 'new' WHERE id = 1;",
            "UPDATE orders SET status = 'paid', note = 'x' WHERE id = 1;"));
    CASES.put(
        "MIG-DDL-TBL-001",
        postgres(
            "ALTER TABLE refunds RENAME TO credit_notes;",
            "CREATE TABLE staging_refunds (id bigint);\nALTER TABLE staging_refunds RENAME TO staging_credits;"));
    CASES.put(
        "MIG-DDL-TBL-002",
        postgres("DROP TABLE refunds;", "CREATE TABLE scratch (id bigint);\nDROP TABLE scratch;"));
    CASES.put(
        "MIG-DDL-TBL-003",
        postgres(
            "TRUNCATE order_items;",
            "CREATE TABLE import_batch (id bigint);\nTRUNCATE import_batch;"));
    CASES.put(
        "MIG-DDL-TBL-004",
        postgres(
            "CREATE SCHEMA archive;\nCREATE TABLE archive.old_orders (id bigint);\nDROP SCHEMA archive CASCADE;",
            "CREATE SCHEMA archive;\nCREATE TABLE archive.old_orders (id bigint);\nDROP TABLE archive.old_orders;\nDROP SCHEMA archive;"));
    CASES.put(
        "MIG-DDL-TBL-005",
        postgres(
            "CREATE SCHEMA archive;\nALTER SCHEMA archive RENAME TO history;",
            "CREATE SCHEMA archive;\nCREATE SCHEMA history;"));
    CASES.put("MIG-DDL-TBL-006", postgres("VACUUM FULL orders;", "VACUUM orders;"));
    CASES.put(
        "MIG-DDL-TBL-007",
        postgres(
            "ALTER TABLE events DETACH PARTITION events_2024;",
            "ALTER TABLE events DETACH PARTITION events_2024 CONCURRENTLY;"));
    CASES.put(
        "MIG-DDL-TBL-008",
        postgres(
            "ALTER TABLE events ATTACH PARTITION events_2026 FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');",
            "ALTER TABLE events_2026 ADD CONSTRAINT events_2026_bound CHECK (at IS NOT NULL AND at >= '2026-01-01' AND at < '2027-01-01') NOT VALID;\nALTER TABLE events_2026 VALIDATE CONSTRAINT events_2026_bound;\nALTER TABLE events ATTACH PARTITION events_2026 FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');"));
    CASES.put(
        "MIG-DDL-TBL-009",
        postgres(
            "ALTER TABLE order_items SET UNLOGGED;",
            "ALTER TABLE order_items SET (fillfactor = 90);"));
    CASES.put(
        "MIG-DDL-TX-001",
        postgres(
            "ALTER TABLE customers ADD COLUMN ssn text;",
            "SET LOCAL lock_timeout = '2s';\nALTER TABLE customers ADD COLUMN ssn text;"));
    CASES.put(
        "MIG-DDL-TX-002",
        postgres(
            "SET lock_timeout = '2s';\nALTER TABLE orders ADD CONSTRAINT orders_pkey PRIMARY KEY USING INDEX orders_pk_idx;",
            "SET lock_timeout = '2s';\nSET statement_timeout = '15min';\nALTER TABLE orders ADD CONSTRAINT orders_pkey PRIMARY KEY USING INDEX orders_pk_idx;"));
    CASES.put(
        "MIG-DDL-TX-003",
        postgres(
            "BEGIN;\nBEGIN;\nALTER TABLE orders ADD COLUMN x text;\nCOMMIT;",
            "BEGIN;\nALTER TABLE orders ADD COLUMN x text;\nCOMMIT;"));
    CASES.put(
        "MIG-DDL-TX-004",
        postgres(
            "BEGIN;\nCREATE TABLE notes (id bigint);",
            "BEGIN;\nCREATE TABLE notes (id bigint);\nCOMMIT;"));
    CASES.put(
        "MIG-DDL-TYP-001",
        postgres(
            "ALTER TABLE customers ADD COLUMN country char(2);",
            "ALTER TABLE customers ADD COLUMN country text;"));
    CASES.put(
        "MIG-DDL-TYP-002",
        postgres(
            "ALTER TABLE customers ADD COLUMN city varchar(80);",
            "ALTER TABLE customers ADD COLUMN city text;"));
    CASES.put(
        "MIG-DDL-TYP-003",
        postgres(
            "ALTER TABLE customers ADD COLUMN last_login timestamp;",
            "ALTER TABLE customers ADD COLUMN last_login timestamptz;"));
    CASES.put(
        "MIG-DDL-TYP-004",
        postgres(
            "CREATE TABLE coupons (id integer PRIMARY KEY, code text);",
            "CREATE TABLE coupons (id bigint PRIMARY KEY, code text);"));
    CASES.put(
        "MIG-DDL-TYP-005",
        postgres(
            "CREATE TABLE tags (id bigserial PRIMARY KEY, name text);",
            "CREATE TABLE tags (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text);"));
    CASES.put(
        "MIG-DDL-TYP-006",
        postgres(
            "ALTER TYPE order_state RENAME VALUE 'shipped' TO 'sent';",
            "ALTER TYPE order_state ADD VALUE 'sent' AFTER 'shipped';"));
    CASES.put(
        "MIG-DDL-TYP-007",
        postgres(
            "ALTER TYPE order_state ADD VALUE 'returned';",
            "ALTER TYPE order_state ADD VALUE 'returned' AFTER 'shipped';"));
    CASES.put(
        "MIG-DDL-TYP-008",
        postgres(
            "CREATE TABLE customer_preferences_for_notifications_and_newsletters_by_channel (id bigint);",
            "CREATE TABLE customer_notification_preferences (id bigint);"));
    CASES.put(
        "MIG-DDL-VER-001",
        FiringCase.of(
            script(
                "POSTGRESQL", "REINDEX TABLE CONCURRENTLY orders;", POSTGRES_VERSION.formatted(11)),
            script(
                "POSTGRESQL",
                "REINDEX TABLE CONCURRENTLY orders;",
                POSTGRES_VERSION.formatted(12))));
    // Which table a DROP INDEX locks only a catalog knows: a captured change, not a document.
    CASES.put("MIG-DDL-IDX-002", FiringCase.provenBy(DdlRisksTest.class));
  }

  @TestFactory
  Stream<DynamicTest> everyRuleFiresAndMissesNarrowly() {
    return RuleBookChecks.everyRuleFiresAndMissesNarrowly(
        MigrationRuleBook.BOOK, CASES, yaml -> spoke(assess(yaml)));
  }
}
