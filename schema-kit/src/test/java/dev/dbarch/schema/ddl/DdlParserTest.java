package dev.dbarch.schema.ddl;

import static dev.dbarch.schema.Lookups.column;
import static dev.dbarch.schema.Lookups.index;
import static dev.dbarch.schema.Lookups.sequence;
import static dev.dbarch.schema.Lookups.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.requirements.SchemaSource.Dialect;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.contracts.schema.SchemaSnapshot.Column;
import dev.dbarch.contracts.schema.SchemaSnapshot.ForeignKey;
import dev.dbarch.contracts.schema.SchemaSnapshot.Index;
import dev.dbarch.contracts.schema.SchemaSnapshot.Sequence;
import dev.dbarch.contracts.schema.SchemaSnapshot.Table;
import dev.dbarch.contracts.schema.SchemaSnapshot.UniqueConstraint;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DdlParserTest {

  private final DdlParser parser = new DdlParser();

  @Nested
  class Postgres {

    private static final String SHOP =
        """
        SET search_path = shop, public;
        CREATE SCHEMA shop;
        CREATE TABLE customers (
            id bigint GENERATED ALWAYS AS IDENTITY (START WITH 100) PRIMARY KEY,
            email varchar(255) NOT NULL UNIQUE,
            "Display Name" TEXT,
            created_at TIMESTAMPTZ DEFAULT now() NOT NULL,
            status text DEFAULT 'active'::text CHECK (status <> ''),
            flags int[] DEFAULT '{}'::integer[]
        );
        CREATE TABLE orders (
            id serial,
            customer_id bigint NOT NULL CONSTRAINT orders_customer_fk REFERENCES customers (id) ON DELETE SET NULL DEFERRABLE,
            placed_on date,
            total numeric(10, 2) DEFAULT 0,
            CONSTRAINT orders_pk PRIMARY KEY (id),
            CONSTRAINT orders_total_positive CHECK (total >= 0)
        );
        CREATE TABLE order_lines (
            order_id int NOT NULL,
            line_no int NOT NULL,
            product_code char(8),
            quantity smallint NOT NULL,
            PRIMARY KEY (order_id, line_no),
            FOREIGN KEY (order_id) REFERENCES orders,
            UNIQUE NULLS NOT DISTINCT (order_id, product_code),
            EXCLUDE USING gist (order_id WITH =)
        );
        CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS customers_lower_email
            ON ONLY customers USING btree (lower(email)) INCLUDE (id) WHERE (status = 'active');
        CREATE INDEX ON orders (placed_on DESC NULLS LAST, customer_id);
        CREATE INDEX orders_total_idx ON orders USING brin (total);
        ALTER TABLE ONLY orders ADD COLUMN note text, ADD COLUMN legacy int, ENABLE TRIGGER ALL;
        ALTER TABLE orders DROP COLUMN legacy;
        ALTER TABLE orders ALTER COLUMN placed_on SET NOT NULL, ALTER COLUMN total TYPE numeric(12,2);
        ALTER TABLE orders ALTER COLUMN note SET DEFAULT ''::text;
        ALTER TABLE order_lines ADD CONSTRAINT order_lines_qty_check CHECK (quantity > 0) NOT VALID;
        ALTER TABLE customers OWNER TO shop_owner;
        CREATE TABLE audit (id int, payload jsonb);
        ALTER TABLE audit ADD CONSTRAINT audit_pkey PRIMARY KEY (id);
        DROP TABLE audit;
        CREATE SEQUENCE invoice_no AS integer START WITH 1000 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1;
        SELECT pg_catalog.setval('shop.invoice_no', 2000000000, true);
        COMMENT ON TABLE orders IS 'one row per order';
        GRANT SELECT ON orders TO reporting;
        INSERT INTO customers (email) VALUES ('a@example.com');
        CREATE VIEW v_orders AS SELECT * FROM orders;
        CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.x := 1; RETURN NEW; END $$;
        DO $$ BEGIN CREATE TABLE hidden (id int); END $$;
        CREATE TABLE copy_of AS SELECT * FROM orders;
        ALTER TABLE nowhere ADD COLUMN x int;
        """;

    @Test
    void tablesColumnsTypesDefaultsAndNullability() {
      ParsedSchema parsed = parser.parse(SHOP, Dialect.POSTGRESQL);
      SchemaSnapshot s = parsed.snapshot();
      assertThat(s.engine()).isEqualTo(SchemaSnapshot.Engine.POSTGRESQL);
      assertThat(s.source()).isEqualTo("ddl");
      assertThat(s.tables())
          .extracting(Table::qualifiedName)
          .containsExactly("shop.customers", "shop.order_lines", "shop.orders");

      Table customers = table(s, "shop.customers");
      assertThat(customers.columns())
          .extracting(Column::name)
          .containsExactly("id", "email", "Display Name", "created_at", "status", "flags");
      assertThat(column(customers, "id"))
          .isEqualTo(new Column("id", "bigint", false, "generated always as identity", 1));
      assertThat(column(customers, "email").type()).isEqualTo("character varying(255)");
      assertThat(column(customers, "Display Name").type()).isEqualTo("text");
      assertThat(column(customers, "created_at"))
          .isEqualTo(new Column("created_at", "timestamp with time zone", false, "now()", 4));
      assertThat(column(customers, "status").defaultValue()).isEqualTo("'active'::text");
      assertThat(column(customers, "flags").type()).isEqualTo("integer[]");
      assertThat(customers.rowEstimate()).isEqualTo(-1);
      assertThat(customers.sizeBytes()).isEqualTo(-1);

      Table orders = table(s, "shop.orders");
      assertThat(orders.columns())
          .extracting(Column::name)
          .containsExactly("id", "customer_id", "placed_on", "total", "note");
      assertThat(column(orders, "id"))
          .isEqualTo(
              new Column("id", "integer", false, "nextval('shop.orders_id_seq'::regclass)", 1));
      assertThat(column(orders, "placed_on").nullable()).isFalse();
      assertThat(column(orders, "total").type()).isEqualTo("numeric(12,2)");
      assertThat(column(orders, "note").defaultValue()).isEqualTo("''::text");
    }

    @Test
    void keysConstraintsAndIndexes() {
      SchemaSnapshot s = parser.parse(SHOP, Dialect.POSTGRESQL).snapshot();
      Table customers = table(s, "shop.customers");
      assertThat(customers.primaryKey()).containsExactly("id");
      assertThat(customers.uniqueConstraints())
          .containsExactly(new UniqueConstraint("customers_email_key", java.util.List.of("email")));
      Index lowerEmail = index(customers, "customers_lower_email");
      assertThat(lowerEmail.columns()).containsExactly("lower(email)");
      assertThat(lowerEmail.include()).containsExactly("id");
      assertThat(lowerEmail.unique()).isTrue();
      assertThat(lowerEmail.predicate()).isEqualTo("(status = 'active')");
      assertThat(lowerEmail.scans()).isEqualTo(-1);
      assertThat(index(customers, "customers_pkey").primary()).isTrue();

      Table orders = table(s, "shop.orders");
      assertThat(orders.primaryKey()).containsExactly("id");
      assertThat(index(orders, "orders_pk").primary()).isTrue();
      assertThat(orders.foreignKeys())
          .containsExactly(
              new ForeignKey(
                  "orders_customer_fk",
                  java.util.List.of("customer_id"),
                  "shop.customers",
                  java.util.List.of("id")));
      assertThat(index(orders, "orders_placed_on_customer_id_idx").columns())
          .containsExactly("placed_on", "customer_id");
      assertThat(index(orders, "orders_total_idx").method()).isEqualTo("brin");

      Table lines = table(s, "shop.order_lines");
      assertThat(lines.primaryKey()).containsExactly("order_id", "line_no");
      assertThat(lines.foreignKeys())
          .extracting(ForeignKey::name, ForeignKey::referencedTable, ForeignKey::referencedColumns)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(
                  "order_lines_order_id_fkey", "shop.orders", java.util.List.of("id")));
      assertThat(lines.uniqueConstraints())
          .extracting(UniqueConstraint::name)
          .containsExactly("order_lines_order_id_product_code_key");
    }

    @Test
    void sequencesFromSerialIdentityAndCreateSequence() {
      SchemaSnapshot s = parser.parse(SHOP, Dialect.POSTGRESQL).snapshot();
      assertThat(sequence(s, "orders_id_seq"))
          .isEqualTo(
              new Sequence("shop", "orders_id_seq", "integer", 0, 2147483647L, "shop.orders.id"));
      assertThat(sequence(s, "customers_id_seq"))
          .isEqualTo(
              new Sequence(
                  "shop", "customers_id_seq", "bigint", 99, Long.MAX_VALUE, "shop.customers.id"));
      assertThat(sequence(s, "invoice_no"))
          .isEqualTo(new Sequence("shop", "invoice_no", "integer", 2000000000L, 2147483647L, null));
    }

    @Test
    void droppedTablesAreGoneAndEverySkippedStatementIsListed() {
      ParsedSchema parsed = parser.parse(SHOP, Dialect.POSTGRESQL);
      assertThat(parsed.snapshot().tables()).extracting(Table::name).doesNotContain("audit");
      // A constraint added NOT VALID is modelled (SCH-CON-001 reads it), not skipped.
      assertThat(table(parsed.snapshot(), "shop.order_lines").notValidConstraints())
          .containsExactly("order_lines_qty_check");
      assertThat(parsed.unsupported())
          .containsExactly(
              "CREATE TABLE shop.order_lines: EXCLUDE USING gist (order_id WITH =)",
              "DO $$ BEGIN CREATE TABLE hidden (id int); END $$",
              "CREATE TABLE copy_of AS SELECT * FROM orders",
              "ALTER TABLE nowhere ADD COLUMN x int");
      assertThat(parsed.ignored())
          .containsExactly(
              "SET search_path = shop, public",
              "CREATE SCHEMA shop",
              "ALTER TABLE customers OWNER TO shop_owner",
              "COMMENT ON TABLE orders IS 'one row per order'",
              "GRANT SELECT ON orders TO reporting",
              "INSERT INTO customers (email) VALUES ('a@example.com')",
              "CREATE VIEW v_orders AS SELECT * FROM orders",
              SqlScript.summary(
                  "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.x := 1; RETURN NEW; END $$"));
    }

    @Test
    void partitionedTablesAndPartitions() {
      String ddl =
          """
          CREATE TABLE events (
              id bigint NOT NULL,
              happened_at timestamptz NOT NULL,
              kind text,
              PRIMARY KEY (id, happened_at)
          ) PARTITION BY RANGE (happened_at);
          CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
          CREATE TABLE events_old (id bigint NOT NULL, happened_at timestamptz NOT NULL, kind text);
          ALTER TABLE ONLY events ATTACH PARTITION events_old FOR VALUES FROM (MINVALUE) TO ('2024-01-01');
          CREATE INDEX events_kind_idx ON ONLY events USING btree (kind);
          CREATE INDEX events_old_kind_idx ON events_old USING btree (kind);
          CREATE INDEX events_old_own_idx ON events_old USING btree (happened_at);
          CREATE INDEX IF NOT EXISTS events_old_own_idx ON events_old USING btree (kind);
          ALTER INDEX events_kind_idx ATTACH PARTITION events_old_kind_idx;
          """;
      SchemaSnapshot s = parser.parse(ddl, Dialect.POSTGRESQL).snapshot();
      Table events = table(s, "public.events");
      assertThat(events.partitionKey()).isEqualTo("RANGE (happened_at)");
      Table y2024 = table(s, "public.events_2024");
      assertThat(y2024.partitionOf()).isEqualTo("public.events");
      assertThat(y2024.columns())
          .extracting(Column::name)
          .containsExactly("id", "happened_at", "kind");
      assertThat(y2024.primaryKey()).containsExactly("id", "happened_at");
      Table old = table(s, "public.events_old");
      assertThat(old.partitionOf()).isEqualTo("public.events");
      assertThat(old.primaryKey()).containsExactly("id", "happened_at");
      // An index attached to the partitioned index is listed on the partitioned table only.
      assertThat(events.indexes()).extracting(Index::name).contains("events_kind_idx");
      assertThat(old.indexes()).extracting(Index::name).containsExactly("events_old_own_idx");
      assertThat(old.indexes().get(0).columns()).containsExactly("happened_at");
    }

    @Test
    void identityAddedLaterAndRenames() {
      String ddl =
          """
          CREATE TABLE public.film (film_id integer NOT NULL, title text, "Rating" text);
          ALTER TABLE public.film ALTER COLUMN film_id ADD GENERATED ALWAYS AS IDENTITY (
              SEQUENCE NAME public.film_film_id_seq START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1);
          ALTER TABLE public.film ADD CONSTRAINT film_pkey PRIMARY KEY (film_id);
          CREATE UNIQUE INDEX film_title_key ON public.film (title);
          ALTER TABLE public.film RENAME COLUMN title TO name;
          ALTER TABLE public.film RENAME TO movie;
          ALTER INDEX public.film_title_key RENAME TO movie_name_key;
          DROP INDEX IF EXISTS public.nothing_here, public.movie_name_key;
          """;
      ParsedSchema parsed = parser.parse(ddl, Dialect.POSTGRESQL);
      assertThat(parsed.unsupported()).isEmpty();
      SchemaSnapshot s = parsed.snapshot();
      Table movie = table(s, "public.movie");
      assertThat(movie.columns())
          .extracting(Column::name)
          .containsExactly("film_id", "name", "Rating");
      assertThat(column(movie, "film_id").defaultValue()).isEqualTo("generated always as identity");
      assertThat(movie.indexes()).extracting(Index::name).containsExactly("film_pkey");
      assertThat(sequence(s, "film_film_id_seq").ownedBy()).isEqualTo("public.movie.film_id");
    }

    @Test
    void oneBadStatementDoesNotLoseTheRest() {
      String ddl =
          """
          CREATE TABLE a (id int PRIMARY KEY);
          CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a, ) ;
          CREATE TABLEX c (id int);
          CREATE TABLE d (id int PRIMARY KEY);
          """;
      ParsedSchema parsed = parser.parse(ddl, Dialect.POSTGRESQL);
      assertThat(parsed.snapshot().tables()).extracting(Table::name).contains("a", "d");
      assertThat(parsed.unsupported()).contains("CREATE TABLEX c (id int)");
      // The trailing comma makes b's CREATE TABLE invalid: no half table b.
      assertThat(parsed.snapshot().tables()).extracting(Table::name).containsExactly("a", "d");
      assertThat(parsed.unsupported())
          .contains(
              SqlScript.summary("CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a, )"));
    }

    @Test
    void aCreateTableWhoseElementListCannotBeReadCreatesNoTable() {
      ParsedSchema parsed = parser.parse("CREATE TABLE broken (;", Dialect.POSTGRESQL);
      assertThat(parsed.snapshot().tables()).isEmpty();
      assertThat(parsed.unsupported()).containsExactly("CREATE TABLE broken (");
      assertThat(parsed.ignored()).isEmpty();
    }

    private static final String BASE =
        """
        CREATE TABLE customers (id int PRIMARY KEY, email text NOT NULL);
        CREATE INDEX customers_email_idx ON customers (email);
        CREATE SEQUENCE invoice_no;
        """;

    @Test
    void malformedStatementsAreUnsupportedAndChangeNothing() {
      assertMalformedChangeNothing(
          parser,
          Dialect.POSTGRESQL,
          BASE,
          "CREATE TABLE broken (",
          "CREATE TABLE broken (id int",
          "CREATE TABLE broken (id int))",
          "CREATE TABLE broken (id int, )",
          "CREATE TABLE broken (, id int)",
          "CREATE TABLE broken (id int,, name text)",
          "CREATE TABLE broken (id)",
          "CREATE TABLE broken (id int, 42)",
          "CREATE TABLE broken (id int, CONSTRAINT nothing)",
          "CREATE TABLE broken (id int, PRIMARY KEY ())",
          "CREATE TABLE broken (id int, FOREIGN KEY (id))",
          "CREATE TABLE broken (id int REFERENCES customers (id,))",
          "CREATE TABLE broken (id int, name text DEFAULT 'unterminated)",
          "CREATE TABLE broken (id int, EXCLUDE USING gist (id WITH =), )",
          "CREATE TABLE broken (id int, tags text[ DEFAULT '{}')",
          "CREATE TABLE \"broken (id int)",
          "CREATE TABLE broken (id int) /* unclosed comment",
          // An invalid redefinition neither replaces nor drops the existing table.
          "CREATE TABLE customers (id int",
          "CREATE TABLE customers (id int, oops)",
          "CREATE INDEX broken_idx ON customers ()",
          "CREATE INDEX broken_idx ON customers (email,)",
          "CREATE INDEX broken_idx ON customers (email",
          "ALTER TABLE customers ADD COLUMN",
          "ALTER TABLE customers ADD COLUMN note text,",
          "ALTER TABLE customers ADD COLUMN note text,, ADD COLUMN other text",
          "ALTER TABLE customers ADD CONSTRAINT customers_pk2 PRIMARY KEY ()",
          // The first action applies, the second is invalid: the first is undone.
          "ALTER TABLE customers ADD COLUMN note text, ADD COLUMN oops",
          "ALTER TABLE customers DROP COLUMN email, ALTER COLUMN id TYPE",
          "ALTER TABLE customers RENAME COLUMN email TO mail, DROP COLUMN",
          "ALTER TABLE customers",
          "ALTER TABLE customers ALTER COLUMN email TYPE",
          "ALTER TABLE customers ALTER COLUMN email SET DEFAULT",
          "DROP TABLE",
          "DROP TABLE customers,",
          "DROP INDEX customers_email_idx,",
          "DROP SEQUENCE",
          "COMMENT ON TABLE customers IS 'unterminated");
    }

    @Test
    void wellFormedNeighboursOfTheMalformedStillApply() {
      ParsedSchema parsed =
          parser.parse(
              """
              CREATE TABLE nothing_yet ();
              CREATE TABLE ranges (id int, during tsrange, EXCLUDE USING gist (during WITH &&));
              CREATE TABLE arrays (id int, tags text[] DEFAULT ARRAY['a', 'b(c']);
              DROP TABLE IF EXISTS gone;
              """,
              Dialect.POSTGRESQL);
      SchemaSnapshot s = parsed.snapshot();
      // PostgreSQL accepts a table without columns.
      assertThat(table(s, "public.nothing_yet").columns()).isEmpty();
      assertThat(table(s, "public.ranges").columns())
          .extracting(Column::name)
          .containsExactly("id", "during");
      assertThat(column(table(s, "public.arrays"), "tags").type()).isEqualTo("text[]");
      assertThat(parsed.unsupported())
          .containsExactly("CREATE TABLE public.ranges: EXCLUDE USING gist (during WITH &&)");
    }
  }

  @Nested
  class MySql {

    private static final String SHOP =
        """
        /*!40101 SET NAMES utf8mb4 */;
        DROP TABLE IF EXISTS `order_items`;
        CREATE TABLE `customers` (
          `id` int(10) unsigned NOT NULL AUTO_INCREMENT,
          `email` varchar(255) NOT NULL,
          `name` varchar(100) DEFAULT NULL COMMENT 'display name',
          `created` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
          `bio` text,
          PRIMARY KEY (`id`),
          UNIQUE KEY `uq_email` (`email`),
          KEY `idx_name` (`name`(20)),
          FULLTEXT KEY `ft_bio` (`bio`)
        ) ENGINE=InnoDB AUTO_INCREMENT=2000 DEFAULT CHARSET=utf8mb4;
        CREATE TABLE `orders` (
          `id` bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
          `customer_id` int unsigned NOT NULL,
          `status` enum('new','paid') NOT NULL DEFAULT 'new',
          KEY (`status`),
          CONSTRAINT `fk_orders_customer` FOREIGN KEY (`customer_id`) REFERENCES `customers` (`id`) ON DELETE CASCADE
        ) ENGINE=InnoDB;
        ALTER TABLE `orders` ADD COLUMN `total` decimal(10,2) NOT NULL DEFAULT '0.00', ADD INDEX `idx_total` (`total`);
        ALTER TABLE `orders` MODIFY `status` enum('new','paid','shipped') NOT NULL DEFAULT 'new';
        CREATE INDEX idx_created USING BTREE ON customers (created);
        LOCK TABLES `customers` WRITE;
        INSERT INTO `customers` VALUES (1,'a@example.com','A',NOW(),NULL);
        UNLOCK TABLES;
        """;

    @Test
    void tablesKeysAndInlineIndexes() {
      ParsedSchema parsed = parser.parse(SHOP, Dialect.MYSQL);
      SchemaSnapshot s = parsed.snapshot();
      assertThat(s.engine()).isEqualTo(SchemaSnapshot.Engine.MYSQL);
      Table customers = table(s, "customers");
      assertThat(customers.schema()).isNull();
      assertThat(column(customers, "id"))
          .isEqualTo(new Column("id", "int(10) unsigned", false, null, 1));
      assertThat(column(customers, "name").defaultValue()).isNull();
      assertThat(column(customers, "created").defaultValue()).isEqualTo("CURRENT_TIMESTAMP");
      assertThat(customers.primaryKey()).containsExactly("id");
      assertThat(customers.indexes())
          .extracting(Index::name, Index::method, Index::unique)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("PRIMARY", "btree", true),
              org.assertj.core.groups.Tuple.tuple("ft_bio", "fulltext", false),
              org.assertj.core.groups.Tuple.tuple("idx_created", "btree", false),
              org.assertj.core.groups.Tuple.tuple("idx_name", "btree", false),
              org.assertj.core.groups.Tuple.tuple("uq_email", "btree", true));
      assertThat(index(customers, "idx_name").columns()).containsExactly("name");
      assertThat(customers.uniqueConstraints())
          .containsExactly(new UniqueConstraint("uq_email", java.util.List.of("email")));

      Table orders = table(s, "orders");
      assertThat(orders.primaryKey()).containsExactly("id");
      assertThat(orders.foreignKeys())
          .containsExactly(
              new ForeignKey(
                  "fk_orders_customer",
                  java.util.List.of("customer_id"),
                  "customers",
                  java.util.List.of("id")));
      assertThat(column(orders, "status").type()).isEqualTo("enum('new','paid','shipped')");
      assertThat(orders.columns())
          .extracting(Column::name)
          .containsExactly("id", "customer_id", "status", "total");
      // InnoDB creates an index for a foreign key that has none, named after the constraint.
      assertThat(orders.indexes())
          .extracting(Index::name)
          .containsExactly("PRIMARY", "fk_orders_customer", "idx_total", "status");
      assertThat(parsed.unsupported()).isEmpty();
      assertThat(parsed.ignored())
          .containsExactly(
              "LOCK TABLES `customers` WRITE",
              "INSERT INTO `customers` VALUES (1,'a@example.com','A',NOW(),NULL)",
              "UNLOCK TABLES");
    }

    @Test
    void autoIncrementCountersBecomeSequences() {
      SchemaSnapshot s = parser.parse(SHOP, Dialect.MYSQL).snapshot();
      assertThat(sequence(s, "customers.id"))
          .isEqualTo(
              new Sequence(
                  null, "customers.id", "int(10) unsigned", 1999, 4294967295L, "customers.id"));
      assertThat(sequence(s, "orders.id").maxValue()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aCreateTableWhoseElementListCannotBeReadCreatesNoTable() {
      ParsedSchema parsed = parser.parse("CREATE TABLE `broken` (;", Dialect.MYSQL);
      assertThat(parsed.snapshot().tables()).isEmpty();
      assertThat(parsed.unsupported()).containsExactly("CREATE TABLE `broken` (");
    }

    @Test
    void malformedStatementsAreUnsupportedAndChangeNothing() {
      assertMalformedChangeNothing(
          parser,
          Dialect.MYSQL,
          """
          CREATE TABLE `customers` (
            `id` int NOT NULL AUTO_INCREMENT,
            `email` varchar(255) NOT NULL,
            PRIMARY KEY (`id`),
            KEY `idx_email` (`email`)
          ) ENGINE=InnoDB;
          """,
          "CREATE TABLE `broken` (",
          "CREATE TABLE `broken` ()",
          "CREATE TABLE `broken` (`id` int,)",
          "CREATE TABLE `broken` (`id` int, KEY `idx` ())",
          "CREATE TABLE `broken` (`id` int, UNIQUE KEY `uq` (`id`,))",
          "CREATE TABLE `broken` (`id` int, `name` varchar(10) DEFAULT 'x) ENGINE=InnoDB",
          "CREATE TABLE `broken` (`id` int) ENGINE=InnoDB)",
          "CREATE TABLE `customers` (`id` int, `oops`)",
          "ALTER TABLE `customers` ADD (`note` text,)",
          "ALTER TABLE `customers` ADD (`note`)",
          "ALTER TABLE `customers` ADD ()",
          "ALTER TABLE `customers` MODIFY `email`",
          "ALTER TABLE `customers` ADD COLUMN `note` text,",
          "ALTER TABLE `customers` ADD COLUMN `note` text, MODIFY `email`",
          "ALTER TABLE `customers` DROP COLUMN `email`, ADD (`note`,)",
          "CREATE INDEX idx_broken ON customers (email",
          "DROP TABLE `customers`,");
    }
  }

  /**
   * Each malformed statement, after {@code base}, is listed as unsupported (once, as a whole) and
   * leaves the snapshot exactly as {@code base} alone builds it.
   */
  private static void assertMalformedChangeNothing(
      DdlParser parser, Dialect dialect, String base, String... statements) {
    SchemaSnapshot expected = parser.parse(base, dialect).snapshot();
    for (String statement : statements) {
      ParsedSchema parsed = parser.parse(base + statement + ";\n", dialect);
      // An unterminated string runs on over the delimiter, hence startsWith.
      assertThat(parsed.unsupported())
          .as(statement)
          .singleElement()
          .asString()
          .startsWith(SqlScript.summary(statement));
      assertThat(parsed.snapshot()).as(statement).isEqualTo(expected);
    }
  }
}
