package dev.dbarch.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * Schemas written to exercise what real dumps and migrations contain: partitions, old-style
 * inheritance, nested {@code CREATE SCHEMA}, quoted identifiers, names past PostgreSQL's 63-byte
 * limit, comments, constraints left {@code NOT VALID}, replica identities, and a schema split into
 * files the way projects keep them (tables, then primary keys, then foreign keys, then indexes).
 */
public final class GeneratedSchemas {

  private GeneratedSchemas() {}

  /** Each case: a name and its script. */
  public record Case(String name, String script) {}

  public static List<Case> cases() {
    return List.of(
        new Case(
            "partitions",
            """
            CREATE SCHEMA metrics;
            CREATE TABLE metrics.devices (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, label text NOT NULL);
            CREATE TABLE metrics.readings (
              device_id bigint NOT NULL REFERENCES metrics.devices (id),
              taken_at timestamptz NOT NULL,
              value numeric,
              PRIMARY KEY (device_id, taken_at)
            ) PARTITION BY RANGE (taken_at);
            CREATE TABLE metrics.readings_2024 PARTITION OF metrics.readings FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
            CREATE TABLE metrics.readings_2025 PARTITION OF metrics.readings FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')
              PARTITION BY LIST (device_id);
            CREATE TABLE metrics.readings_2025_a PARTITION OF metrics.readings_2025 FOR VALUES IN (1, 2, 3);
            CREATE TABLE metrics.readings_old (device_id bigint NOT NULL, taken_at timestamptz NOT NULL, value numeric);
            ALTER TABLE metrics.readings ATTACH PARTITION metrics.readings_old FOR VALUES FROM (MINVALUE) TO ('2024-01-01');
            CREATE INDEX readings_taken_idx ON metrics.readings (taken_at);
            CREATE TABLE metrics.events (at timestamptz NOT NULL, kind text, payload json) PARTITION BY RANGE (at);
            CREATE TABLE metrics.events_2025 PARTITION OF metrics.events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
            ALTER TABLE metrics.events ADD COLUMN device_id bigint;
            ALTER TABLE metrics.events ADD CONSTRAINT events_device_fkey FOREIGN KEY (device_id) REFERENCES metrics.devices (id);
            """),
        new Case(
            "inheritance",
            """
            CREATE TABLE audit (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(), customer_id integer, what text);
            CREATE TABLE audit_2024 (CHECK (at < '2025-01-01')) INHERITS (audit);
            CREATE TABLE audit_2025 (note text, what text NOT NULL, CHECK (at >= '2025-01-01')) INHERITS (audit);
            ALTER TABLE audit ADD COLUMN emailaddress text;
            ALTER TABLE ONLY audit_2025 ALTER COLUMN at SET DEFAULT '2025-01-01';
            CREATE TABLE log_base (happened_at timestamptz NOT NULL, message text);
            CREATE TABLE log_child () INHERITS (log_base);
            CREATE TABLE loose (id integer NOT NULL, happened_at timestamptz NOT NULL, message text, phonenumber text);
            ALTER TABLE loose INHERIT log_base;
            """),
        new Case(
            "nested CREATE SCHEMA",
            """
            CREATE SCHEMA shop
              CREATE TABLE customers (id integer PRIMARY KEY, passwordhash text, email text NOT NULL)
              CREATE TABLE orders (id integer PRIMARY KEY, customer_id integer REFERENCES customers (id), total money)
              CREATE INDEX orders_total_idx ON orders (total)
              CREATE VIEW big_orders AS SELECT * FROM orders WHERE total > 100::money
              CREATE SEQUENCE invoice_no AS integer
              GRANT SELECT ON orders TO PUBLIC;
            CREATE SCHEMA AUTHORIZATION CURRENT_ROLE;
            """),
        new Case(
            "quoted identifiers and long names",
            """
            CREATE SCHEMA "Sales Dept";
            CREATE TABLE "Sales Dept"."Customer Accounts" ("Account Id" bigint PRIMARY KEY, "E-Mail" text, "select" text);
            CREATE TABLE "Sales Dept".orders_with_a_name_that_goes_on_and_on_well_past_the_sixty_three_byte_limit (
              id bigserial PRIMARY KEY,
              "Account Id" bigint REFERENCES "Sales Dept"."Customer Accounts" ("Account Id"),
              a_column_whose_name_is_also_much_longer_than_postgres_allows_for_names integer UNIQUE,
              "größe_größe_größe_größe_größe_größe_größe_größe_größe_größe_x" integer
            );
            CREATE INDEX ON "Sales Dept".orders_with_a_name_that_goes_on_and_on_well_past_the_sixty_three_byte_limit ("Account Id");
            CREATE INDEX ON "Sales Dept".orders_with_a_name_that_goes_on_and_on_well_past_the_sixty_three_byte_limit (lower("Account Id"::text));
            COMMENT ON COLUMN "Sales Dept"."Customer Accounts"."select" IS 'Home phone of the account holder';
            """),
        new Case(
            "constraints, identities and partial indexes",
            """
            CREATE TABLE teams (id bigint PRIMARY KEY, name text NOT NULL UNIQUE);
            CREATE TABLE players (id bigint PRIMARY KEY, team_id integer NOT NULL, age integer, born timestamp, coach_id bigint);
            ALTER TABLE players ADD CONSTRAINT players_team_fkey FOREIGN KEY (team_id) REFERENCES teams (id) NOT VALID;
            ALTER TABLE players ADD CONSTRAINT players_age_check CHECK (age > 0) NOT VALID;
            ALTER TABLE players ADD FOREIGN KEY (coach_id) REFERENCES teams (id);
            CREATE INDEX players_team_partial ON players (team_id, born) WHERE team_id IS NOT NULL;
            CREATE INDEX players_coach_visible ON players (coach_id) WHERE age > 18;
            CREATE TABLE clicks (at timestamptz NOT NULL, url text);
            CREATE TABLE sessions (id integer PRIMARY KEY);
            ALTER TABLE sessions REPLICA IDENTITY NOTHING;
            CREATE TABLE keyed (code text NOT NULL, at timestamptz);
            CREATE UNIQUE INDEX keyed_code ON keyed (code);
            ALTER TABLE keyed REPLICA IDENTITY USING INDEX keyed_code;
            COMMENT ON COLUMN clicks.url IS 'Visitor IP address';
            """));
  }

  /** One schema split into the four files projects keep (MusicBrainz's layout, among others). */
  public static List<String[]> splitFiles() {
    List<String> tables = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    List<String> foreign = new ArrayList<>();
    List<String> indexes = new ArrayList<>();
    tables.add("\\set ON_ERROR_STOP 1\nBEGIN;\n");
    for (int i = 1; i <= 40; i++) {
      tables.add(
          ("CREATE TABLE item_%d ( -- replicate\n    id SERIAL, -- PK\n    gid UUID NOT NULL,\n"
                  + "    parent INTEGER, -- references item_%d.id\n    name VARCHAR NOT NULL,\n"
                  + "    edits_pending INTEGER NOT NULL DEFAULT 0 CHECK (edits_pending >= 0),\n"
                  + "    last_updated TIMESTAMP WITH TIME ZONE DEFAULT NOW()\n);\n")
              .formatted(i, Math.max(1, i - 1)));
      keys.add("ALTER TABLE item_%d ADD CONSTRAINT item_%d_pkey PRIMARY KEY (id);".formatted(i, i));
      if (i > 1) {
        foreign.add(
            "ALTER TABLE item_%d\n   ADD CONSTRAINT item_%d_fk_parent\n   FOREIGN KEY (parent)\n   REFERENCES item_%d(id);\n"
                .formatted(i, i, i - 1));
      }
      if (i % 2 == 0) {
        indexes.add("CREATE UNIQUE INDEX item_%d_idx_gid ON item_%d (gid);".formatted(i, i));
        indexes.add("CREATE INDEX item_%d_idx_parent ON item_%d (parent);".formatted(i, i));
      }
    }
    tables.add("COMMIT;\n-- vi: set ts=4 sw=4 et:");
    return List.of(
        new String[] {"CreateTables.sql", String.join("\n", tables)},
        new String[] {
          "CreatePrimaryKeys.sql",
          "-- Automatically generated, do not edit.\n\\set ON_ERROR_STOP 1\n\n"
              + String.join("\n", keys)
              + "\n"
        },
        new String[] {
          "CreateFKConstraints.sql",
          "-- Automatically generated, do not edit.\n\\set ON_ERROR_STOP 1\n\n"
              + String.join("\n", foreign)
        },
        new String[] {
          "CreateIndexes.sql",
          "\\set ON_ERROR_STOP 1\nBEGIN;\n\n" + String.join("\n", indexes) + "\n\nCOMMIT;\n"
        });
  }

  /**
   * A large schema: {@code tables} tables of {@code columns} columns each (an identity key, a
   * reference to the previous table, text, numbers, a timestamp and a json column among them),
   * every third foreign key indexed, every table with one more index and a comment.
   */
  public static String large(int tables, int columns) {
    StringBuilder b = new StringBuilder(tables * columns * 32);
    for (int s = 0; s < 4; s++) {
      b.append("CREATE SCHEMA s").append(s).append(";\n");
    }
    for (int i = 1; i <= tables; i++) {
      String t = "s" + (i % 4) + ".t" + i;
      b.append("CREATE TABLE ")
          .append(t)
          .append(" (\n  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY");
      b.append(",\n  parent_id integer");
      b.append(",\n  code varchar(40) NOT NULL");
      b.append(",\n  created_at timestamp NOT NULL DEFAULT now()");
      b.append(",\n  doc json");
      for (int c = 5; c < columns; c++) {
        b.append(",\n  c")
            .append(c)
            .append(c % 3 == 0 ? " text" : c % 3 == 1 ? " integer" : " numeric(12,2)");
      }
      b.append(");\n");
      if (i > 1) {
        String prev = "s" + ((i - 1) % 4) + ".t" + (i - 1);
        b.append("ALTER TABLE ONLY ")
            .append(t)
            .append(" ADD CONSTRAINT t")
            .append(i)
            .append("_parent_fkey FOREIGN KEY (parent_id) REFERENCES ")
            .append(prev)
            .append(" (id);\n");
      }
      if (i % 3 == 0) {
        b.append("CREATE INDEX t")
            .append(i)
            .append("_parent_idx ON ")
            .append(t)
            .append(" (parent_id);\n");
      }
      b.append("CREATE UNIQUE INDEX t")
          .append(i)
          .append("_code_key ON ")
          .append(t)
          .append(" (code);\n");
      b.append("COMMENT ON COLUMN ").append(t).append(".c5 IS 'customer email';\n");
    }
    return b.toString();
  }
}
