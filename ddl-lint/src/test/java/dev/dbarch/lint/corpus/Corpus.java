package dev.dbarch.lint.corpus;

import java.util.ArrayList;
import java.util.List;

/**
 * The rule corpus: risky statements, each with a near-miss safe twin, against the schema of {@code
 * corpus/base.sql}. A case names the rule the risky statement must raise and the safe twin must
 * not.
 */
public final class Corpus {

  private Corpus() {}

  /** How a statement that cannot run in a transaction is caught holding its locks. */
  public enum Blocker {
    /** Another session holds a snapshot and reads the table: concurrent builds wait for it. */
    SNAPSHOT,
    /** Another session holds SHARE UPDATE EXCLUSIVE: the statement waits to get its lock. */
    LOCK
  }

  /**
   * One side of a case.
   *
   * @param setup statements committed before (and linted before) the observed statement
   * @param prelude statements run in the observed statement's transaction just before it (and
   *     linted before it); {@code BEGIN} here stands for that transaction
   */
  public record Side(
      List<String> setup,
      List<String> prelude,
      String statement,
      Blocker blocker,
      String blockedTable) {

    public List<String> script() {
      List<String> all = new ArrayList<>(setup);
      all.addAll(prelude);
      all.add(statement);
      return all;
    }
  }

  public record Case(String id, String rule, Side risky, Side safe) {
    @Override
    public String toString() {
      return id;
    }
  }

  static final class Builder {
    private final String id;
    private final String rule;
    private final String risky;
    private final String safe;
    private List<String> setup = List.of();
    private List<String> riskyPrelude = List.of();
    private List<String> safeSetup = List.of();
    private List<String> safePrelude = List.of();
    private Blocker blocker = Blocker.SNAPSHOT;
    private String blockedTable;

    Builder(String id, String rule, String risky, String safe) {
      this.id = id;
      this.rule = rule;
      this.risky = risky;
      this.safe = safe;
    }

    Builder setup(String... statements) {
      setup = List.of(statements);
      return this;
    }

    Builder riskyPrelude(String... statements) {
      riskyPrelude = List.of(statements);
      return this;
    }

    Builder safeSetup(String... statements) {
      safeSetup = List.of(statements);
      return this;
    }

    Builder safePrelude(String... statements) {
      safePrelude = List.of(statements);
      return this;
    }

    Builder blockedByLock() {
      blocker = Blocker.LOCK;
      return this;
    }

    /** The safe twin is caught waiting for a lock another session holds on {@code table}. */
    Builder blockedByLockOn(String table) {
      blocker = Blocker.LOCK;
      blockedTable = table;
      return this;
    }

    Case build() {
      List<String> safeAll = new ArrayList<>(setup);
      safeAll.addAll(safeSetup);
      return new Case(
          id,
          rule,
          new Side(setup, riskyPrelude, risky, Blocker.SNAPSHOT, null),
          new Side(safeAll, safePrelude, safe, blocker, blockedTable));
    }
  }

  static Builder pair(String id, String rule, String risky, String safe) {
    return new Builder(id, rule, risky, safe);
  }

  /**
   * Statements PostgreSQL 17 and 15 treat differently: on 17 {@code SET EXPRESSION} rewrites the
   * table, 15 does not know it (the statement fails).
   */
  public static List<Case> postgres17Only() {
    return List.of(
        pair(
                "set-expression-17",
                "MIG-DDL-TBL-009",
                "ALTER TABLE orders ALTER COLUMN amount_cents SET EXPRESSION AS (id * 1000)",
                "ALTER TABLE orders ALTER COLUMN amount_cents DROP EXPRESSION")
            .build());
  }

  public static List<Case> postgres15Only() {
    return List.of(
        pair(
                "set-expression-15",
                "MIG-DDL-VER-001",
                "ALTER TABLE orders ALTER COLUMN amount_cents SET EXPRESSION AS (id * 1000)",
                "ALTER TABLE orders ALTER COLUMN amount_cents DROP EXPRESSION")
            .build());
  }

  public static List<Case> postgres() {
    return List.of(
        // Indexes
        pair(
                "create-index",
                "MIG-DDL-IDX-001",
                "CREATE INDEX orders_customer_idx ON orders (customer_id)",
                "CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id)")
            .build(),
        pair(
                "create-unique-index",
                "MIG-DDL-IDX-001",
                "CREATE UNIQUE INDEX customers_email_key ON customers (email)",
                "CREATE UNIQUE INDEX CONCURRENTLY customers_email_key ON customers (email)")
            .build(),
        pair(
                "create-index-unnamed",
                "MIG-DDL-IDX-001",
                "CREATE INDEX ON order_items (order_id)",
                "CREATE INDEX CONCURRENTLY ON order_items (order_id)")
            .build(),
        pair(
                "index-partitioned-table",
                "MIG-DDL-IDX-001",
                "CREATE INDEX events_at_idx ON events (at)",
                "CREATE INDEX events_at_idx ON ONLY events (at)")
            .build(),
        pair(
                "drop-index",
                "MIG-DDL-IDX-002",
                "DROP INDEX orders_status_idx",
                "DROP INDEX CONCURRENTLY orders_status_idx")
            .build(),
        pair(
                "reindex-index",
                "MIG-DDL-IDX-003",
                "REINDEX INDEX orders_status_idx",
                "REINDEX INDEX CONCURRENTLY orders_status_idx")
            .build(),
        pair(
                "reindex-table",
                "MIG-DDL-IDX-003",
                "REINDEX TABLE orders",
                "REINDEX TABLE CONCURRENTLY orders")
            .build(),
        pair(
                "concurrently-in-transaction",
                "MIG-DDL-IDX-004",
                "CREATE INDEX CONCURRENTLY orders_placed_idx ON orders (placed_at)",
                "CREATE INDEX CONCURRENTLY orders_placed_idx ON orders (placed_at)")
            .riskyPrelude("BEGIN")
            .build(),
        pair(
                "wide-index",
                "MIG-DDL-IDX-005",
                "CREATE INDEX CONCURRENTLY orders_wide_idx ON orders (customer_id, status, placed_at, total)",
                "CREATE INDEX CONCURRENTLY orders_narrow_idx ON orders (customer_id, status)")
            .build(),
        // Constraints
        pair(
                "check-constraint",
                "MIG-DDL-CON-001",
                "ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0)",
                "ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID")
            .build(),
        pair(
                "check-constraint-unnamed",
                "MIG-DDL-CON-001",
                "ALTER TABLE customers ADD CHECK (char_length(email) > 3)",
                "ALTER TABLE customers ADD CONSTRAINT customers_email_check CHECK (char_length(email) > 3) NOT VALID")
            .build(),
        pair(
                "validate-in-same-transaction",
                "MIG-DDL-CON-006",
                "ALTER TABLE orders VALIDATE CONSTRAINT orders_total_check",
                "ALTER TABLE orders VALIDATE CONSTRAINT orders_total_check")
            .riskyPrelude(
                "BEGIN",
                "ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID")
            .safeSetup(
                "ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID")
            .build(),
        pair(
                "foreign-key",
                "MIG-DDL-CON-002",
                "ALTER TABLE orders ADD CONSTRAINT orders_customer_fkey FOREIGN KEY (customer_id) REFERENCES customers (id)",
                "ALTER TABLE orders ADD CONSTRAINT orders_customer_fkey FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID")
            .build(),
        pair(
                "foreign-key-unnamed",
                "MIG-DDL-CON-002",
                "ALTER TABLE order_items ADD FOREIGN KEY (order_id) REFERENCES orders (id)",
                "ALTER TABLE order_items ADD CONSTRAINT order_items_order_fkey FOREIGN KEY (order_id) REFERENCES orders (id) NOT VALID")
            .build(),
        pair(
                "validate-foreign-key",
                "MIG-DDL-CON-006",
                "ALTER TABLE shipments VALIDATE CONSTRAINT shipments_order_fkey",
                "ALTER TABLE shipments VALIDATE CONSTRAINT shipments_order_fkey")
            .riskyPrelude(
                "BEGIN",
                "ALTER TABLE shipments ADD CONSTRAINT shipments_order_fkey FOREIGN KEY (order_id) REFERENCES orders (id) NOT VALID")
            .safeSetup(
                "ALTER TABLE shipments ADD CONSTRAINT shipments_order_fkey FOREIGN KEY (order_id) REFERENCES orders (id) NOT VALID")
            .build(),
        pair(
                "unique-constraint",
                "MIG-DDL-CON-003",
                "ALTER TABLE customers ADD CONSTRAINT customers_email_key UNIQUE (email)",
                "ALTER TABLE customers ADD CONSTRAINT customers_email_key UNIQUE USING INDEX customers_email_idx")
            .safeSetup("CREATE UNIQUE INDEX customers_email_idx ON customers (email)")
            .build(),
        pair(
                "primary-key",
                "MIG-DDL-CON-004",
                "ALTER TABLE order_items ADD PRIMARY KEY (order_id, product)",
                "ALTER TABLE order_items ADD CONSTRAINT order_items_pkey PRIMARY KEY USING INDEX order_items_pk_idx")
            .safeSetup("CREATE UNIQUE INDEX order_items_pk_idx ON order_items (order_id, product)")
            .build(),
        pair(
                "exclusion-constraint",
                "MIG-DDL-CON-005",
                "ALTER TABLE shipments ADD CONSTRAINT shipments_order_excl EXCLUDE USING btree (order_id WITH =)",
                "ALTER TABLE shipments_new ADD CONSTRAINT shipments_new_order_excl EXCLUDE USING btree (order_id WITH =)")
            .safePrelude("CREATE TABLE shipments_new (id bigint PRIMARY KEY, order_id bigint)")
            .build(),
        pair(
                "domain-constraint",
                "MIG-DDL-CON-007",
                "ALTER DOMAIN positive_amount ADD CONSTRAINT positive_amount_check CHECK (VALUE > 0)",
                "ALTER DOMAIN positive_amount ADD CONSTRAINT positive_amount_check CHECK (VALUE > 0) NOT VALID")
            .build(),
        // Columns
        pair(
                "volatile-default",
                "MIG-DDL-COL-001",
                "ALTER TABLE orders ADD COLUMN ref uuid DEFAULT gen_random_uuid()",
                "ALTER TABLE orders ADD COLUMN ref uuid DEFAULT '00000000-0000-0000-0000-000000000000'")
            .build(),
        pair(
                "clock-default",
                "MIG-DDL-COL-001",
                "ALTER TABLE customers ADD COLUMN seen_at timestamptz DEFAULT clock_timestamp()",
                "ALTER TABLE customers ADD COLUMN seen_at timestamptz DEFAULT now()")
            .build(),
        pair(
                "required-column",
                "MIG-DDL-COL-002",
                "ALTER TABLE customers ADD COLUMN tier text NOT NULL",
                "ALTER TABLE customers ADD COLUMN tier text NOT NULL DEFAULT 'basic'")
            .build(),
        pair(
                "set-not-null",
                "MIG-DDL-COL-003",
                "ALTER TABLE customers ALTER COLUMN nickname SET NOT NULL",
                "ALTER TABLE customers ALTER COLUMN nickname SET NOT NULL")
            .safeSetup(
                "ALTER TABLE customers ADD CONSTRAINT customers_nickname_not_null CHECK (nickname IS NOT NULL)")
            .build(),
        pair(
                "numeric-scale-change",
                "MIG-DDL-COL-004",
                "ALTER TABLE orders ALTER COLUMN total TYPE numeric(14,4)",
                "ALTER TABLE orders ALTER COLUMN total TYPE numeric(14,2)")
            .build(),
        pair(
                "integer-to-bigint",
                "MIG-DDL-COL-004",
                "ALTER TABLE order_items ALTER COLUMN quantity TYPE bigint",
                "ALTER TABLE customers ALTER COLUMN name TYPE varchar(100)")
            .build(),
        pair(
                "varchar-narrowed",
                "MIG-DDL-COL-004",
                "ALTER TABLE orders ALTER COLUMN note TYPE varchar(20)",
                "ALTER TABLE orders ALTER COLUMN note TYPE text")
            .build(),
        pair(
                "rename-column",
                "MIG-DDL-COL-005",
                "ALTER TABLE customers RENAME COLUMN name TO full_name",
                "ALTER TABLE customers ADD COLUMN full_name varchar(50)")
            .build(),
        pair(
                "drop-column",
                "MIG-DDL-COL-006",
                "ALTER TABLE customers DROP COLUMN nickname",
                "ALTER TABLE import_rows DROP COLUMN nickname")
            .safePrelude("CREATE TABLE import_rows (id bigint, nickname text)")
            .build(),
        pair(
                "drop-not-null",
                "MIG-DDL-COL-007",
                "ALTER TABLE orders ALTER COLUMN status DROP NOT NULL",
                "ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'pending'")
            .build(),
        pair(
                "bigserial-column",
                "MIG-DDL-COL-008",
                "ALTER TABLE order_items ADD COLUMN id bigserial",
                "ALTER TABLE order_items ADD COLUMN id bigint")
            .build(),
        pair(
                "identity-column",
                "MIG-DDL-COL-008",
                "ALTER TABLE order_items ADD COLUMN line_no bigint GENERATED ALWAYS AS IDENTITY",
                "ALTER TABLE order_items ADD COLUMN line_no bigint")
            .build(),
        pair(
                "stored-generated-column",
                "MIG-DDL-COL-009",
                "ALTER TABLE orders ADD COLUMN total_cents bigint GENERATED ALWAYS AS ((total * 100)::bigint) STORED",
                "ALTER TABLE orders ADD COLUMN total_cents bigint")
            .build(),
        pair(
                "json-column",
                "MIG-DDL-COL-010",
                "ALTER TABLE orders ADD COLUMN meta json",
                "ALTER TABLE orders ADD COLUMN meta jsonb")
            .build(),
        // Types
        pair(
                "char-column",
                "MIG-DDL-TYP-001",
                "ALTER TABLE customers ADD COLUMN country char(2)",
                "ALTER TABLE customers ADD COLUMN country text")
            .build(),
        pair(
                "varchar-column",
                "MIG-DDL-TYP-002",
                "ALTER TABLE customers ADD COLUMN city varchar(80)",
                "ALTER TABLE customers ADD COLUMN city text")
            .build(),
        pair(
                "timestamp-column",
                "MIG-DDL-TYP-003",
                "ALTER TABLE customers ADD COLUMN last_login timestamp",
                "ALTER TABLE customers ADD COLUMN last_login timestamptz")
            .build(),
        pair(
                "integer-key",
                "MIG-DDL-TYP-004",
                "CREATE TABLE coupons (id integer PRIMARY KEY, code text)",
                "CREATE TABLE coupons (id bigint PRIMARY KEY, code text)")
            .build(),
        pair(
                "serial-key",
                "MIG-DDL-TYP-005",
                "CREATE TABLE tags (id bigserial PRIMARY KEY, name text)",
                "CREATE TABLE tags (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text)")
            .build(),
        pair(
                "enum-rename",
                "MIG-DDL-TYP-006",
                "ALTER TYPE order_state RENAME VALUE 'shipped' TO 'sent'",
                "ALTER TYPE order_state ADD VALUE 'sent' AFTER 'shipped'")
            .build(),
        pair(
                "enum-append",
                "MIG-DDL-TYP-007",
                "ALTER TYPE order_state ADD VALUE 'returned'",
                "ALTER TYPE order_state ADD VALUE 'returned' AFTER 'shipped'")
            .build(),
        pair(
                "long-identifier",
                "MIG-DDL-TYP-008",
                "CREATE TABLE customer_preferences_for_notifications_and_newsletters_by_channel (id bigint)",
                "CREATE TABLE customer_notification_preferences (id bigint)")
            .build(),
        // Tables
        pair(
                "rename-table",
                "MIG-DDL-TBL-001",
                "ALTER TABLE refunds RENAME TO credit_notes",
                "ALTER TABLE staging_refunds RENAME TO staging_credits")
            .safePrelude("CREATE TABLE staging_refunds (id bigint)")
            .build(),
        pair("drop-table", "MIG-DDL-TBL-002", "DROP TABLE refunds", "DROP TABLE scratch")
            .safePrelude("CREATE TABLE scratch (id bigint)")
            .build(),
        pair("truncate", "MIG-DDL-TBL-003", "TRUNCATE order_items", "TRUNCATE import_batch")
            .safePrelude("CREATE TABLE import_batch (id bigint)")
            .build(),
        pair(
                "drop-schema-cascade",
                "MIG-DDL-TBL-004",
                "DROP SCHEMA archive CASCADE",
                "DROP SCHEMA archive")
            .setup("CREATE SCHEMA archive", "CREATE TABLE archive.old_orders (id bigint)")
            .safeSetup("DROP TABLE archive.old_orders")
            .build(),
        pair(
                "rename-schema",
                "MIG-DDL-TBL-005",
                "ALTER SCHEMA archive RENAME TO history",
                "CREATE SCHEMA history")
            .setup("CREATE SCHEMA archive")
            .build(),
        pair("vacuum-full", "MIG-DDL-TBL-006", "VACUUM FULL orders", "VACUUM orders")
            .blockedByLock()
            .build(),
        pair(
                "cluster",
                "MIG-DDL-TBL-006",
                "CLUSTER orders USING orders_pkey",
                "ALTER TABLE orders CLUSTER ON orders_pkey")
            .build(),
        pair(
                "detach-partition",
                "MIG-DDL-TBL-007",
                "ALTER TABLE events DETACH PARTITION events_2024",
                "ALTER TABLE events DETACH PARTITION events_2024 CONCURRENTLY")
            .blockedByLockOn("events_2024")
            .build(),
        pair(
                "attach-partition",
                "MIG-DDL-TBL-008",
                "ALTER TABLE events ATTACH PARTITION events_2026 FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')",
                "ALTER TABLE events ATTACH PARTITION events_2026 FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')")
            .safeSetup(
                "ALTER TABLE events_2026 ADD CONSTRAINT events_2026_bound CHECK (at IS NOT NULL AND at >= '2026-01-01' AND at < '2027-01-01') NOT VALID",
                "ALTER TABLE events_2026 VALIDATE CONSTRAINT events_2026_bound")
            .build(),
        pair(
                "set-unlogged",
                "MIG-DDL-TBL-009",
                "ALTER TABLE order_items SET UNLOGGED",
                "ALTER TABLE order_items SET (fillfactor = 90)")
            .build(),
        // Timeouts, data changes
        pair(
                "lock-timeout",
                "MIG-DDL-TX-001",
                "ALTER TABLE customers ADD COLUMN ssn text",
                "ALTER TABLE customers ADD COLUMN ssn text")
            .safePrelude("SET LOCAL lock_timeout = '2s'")
            .build(),
        pair(
                "backfill-update",
                "MIG-DDL-DML-001",
                "UPDATE orders SET status = 'new'",
                "UPDATE orders SET status = 'new' WHERE id <= 100")
            .build(),
        pair(
                "delete-all",
                "MIG-DDL-DML-001",
                "DELETE FROM order_items",
                "DELETE FROM order_items WHERE order_id = 1")
            .build(),
        pair(
                "duplicate-assignment",
                "MIG-DDL-SYN-001",
                "UPDATE orders SET status = 'paid', status = 'new' WHERE id = 1",
                "UPDATE orders SET status = 'paid', note = 'x' WHERE id = 1")
            .build());
  }
}
