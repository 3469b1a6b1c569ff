package dev.dbarch.schema.catalog;

import static dev.dbarch.schema.Lookups.column;
import static dev.dbarch.schema.Lookups.index;
import static dev.dbarch.schema.Lookups.sequence;
import static dev.dbarch.schema.Lookups.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.contracts.schema.SchemaSnapshot.ForeignKey;
import dev.dbarch.contracts.schema.SchemaSnapshot.Index;
import dev.dbarch.contracts.schema.SchemaSnapshot.Table;
import dev.dbarch.contracts.schema.SchemaSnapshot.UniqueConstraint;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reads a database created on the machine's MariaDB (or MySQL) at 127.0.0.1:3306 as root with an
 * empty password. Skipped when no server answers there.
 */
class MySqlCatalogReaderTest {

  /** {@code -Ddbarch.mysql.url=jdbc:mariadb://host:port/} to use another server. */
  private static final String SERVER =
      System.getProperty("dbarch.mysql.url", "jdbc:mariadb://127.0.0.1:3306/");

  private static final String DB = "dbarch_schema_test";

  private static Connection connect(String database) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "root");
    p.setProperty("password", "");
    p.setProperty("connectTimeout", "2000");
    return DriverManager.getConnection(SERVER + database, p);
  }

  private static boolean reachable;

  @BeforeAll
  static void createDatabase() throws SQLException {
    try (Connection c = connect("test")) {
      reachable = c.isValid(2);
    } catch (SQLException e) {
      reachable = false;
    }
    if (!reachable) {
      return;
    }
    try (Connection c = connect("test");
        Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + DB);
      st.execute("CREATE DATABASE " + DB);
      st.execute("USE " + DB);
      for (String sql :
          List.of(
              """
              CREATE TABLE customers (
                id int unsigned NOT NULL AUTO_INCREMENT,
                email varchar(255) NOT NULL,
                display_name varchar(100) DEFAULT NULL,
                created_at datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
                bio text,
                PRIMARY KEY (id),
                UNIQUE KEY uq_email (email),
                KEY idx_name (display_name(20)),
                FULLTEXT KEY ft_bio (bio)
              ) ENGINE=InnoDB AUTO_INCREMENT=3000000000
              """,
              """
              CREATE TABLE orders (
                id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
                customer_id int unsigned NOT NULL,
                status varchar(20) NOT NULL DEFAULT 'new',
                total decimal(10,2) NOT NULL DEFAULT 0,
                doubled decimal(11,2) AS (total * 2) VIRTUAL,
                KEY idx_status_total (status, total),
                CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id)
              ) ENGINE=InnoDB
              """,
              "CREATE TABLE audit_log (happened_at datetime NOT NULL, message text) ENGINE=InnoDB",
              """
              CREATE TABLE metrics (
                id int NOT NULL, taken date NOT NULL, value double,
                PRIMARY KEY (id, taken)
              ) PARTITION BY RANGE (year(taken)) (
                PARTITION p2024 VALUES LESS THAN (2025), PARTITION pmax VALUES LESS THAN MAXVALUE)
              """,
              "CREATE VIEW v_orders AS SELECT id, status FROM orders",
              "INSERT INTO customers (email) VALUES ('a@example.com'), ('b@example.com')")) {
        st.execute(sql);
      }
    }
  }

  @BeforeEach
  void needsServer() {
    assumeTrue(reachable, "MariaDB not reachable at 127.0.0.1:3306; start it to run this test");
  }

  @AfterAll
  static void dropDatabase() throws SQLException {
    if (!reachable) {
      return;
    }
    try (Connection c = connect("test");
        Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + DB);
    } catch (SQLException e) {
      // not reachable: nothing was created
    }
  }

  private SchemaSnapshot read() throws SQLException {
    try (Connection c = connect(DB)) {
      return new MySqlCatalogReader().read(c);
    }
  }

  @Test
  void readsTheCurrentDatabase() throws SQLException {
    SchemaSnapshot s = read();
    assertThat(s.engine()).isIn(SchemaSnapshot.Engine.MARIADB, SchemaSnapshot.Engine.MYSQL);
    assertThat(s.source()).isEqualTo("catalog");
    assertThat(s.database()).isEqualTo(DB);
    // Views are not tables.
    assertThat(s.tables())
        .extracting(Table::qualifiedName)
        .containsExactly(DB + ".audit_log", DB + ".customers", DB + ".metrics", DB + ".orders");
  }

  @Test
  void columnsKeysAndIndexes() throws SQLException {
    SchemaSnapshot s = read();
    Table customers = table(s, DB + ".customers");
    assertThat(column(customers, "id").type()).startsWith("int").endsWith("unsigned");
    assertThat(column(customers, "id").nullable()).isFalse();
    assertThat(column(customers, "display_name").nullable()).isTrue();
    assertThat(column(customers, "display_name").defaultValue()).isNull();
    assertThat(column(customers, "email").position()).isEqualTo(2);
    assertThat(customers.primaryKey()).containsExactly("id");
    assertThat(customers.uniqueConstraints())
        .containsExactly(new UniqueConstraint("uq_email", List.of("email")));
    assertThat(customers.indexes())
        .extracting(Index::name, Index::method, Index::unique, Index::primary)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("PRIMARY", "btree", true, true),
            org.assertj.core.groups.Tuple.tuple("ft_bio", "fulltext", false, false),
            org.assertj.core.groups.Tuple.tuple("idx_name", "btree", false, false),
            org.assertj.core.groups.Tuple.tuple("uq_email", "btree", true, false));
    assertThat(index(customers, "idx_name").columns()).containsExactly("display_name");
    assertThat(customers.rowEstimate()).isGreaterThanOrEqualTo(0);
    assertThat(customers.sizeBytes()).isPositive();

    Table orders = table(s, DB + ".orders");
    assertThat(orders.foreignKeys())
        .containsExactly(
            new ForeignKey(
                "fk_orders_customer", List.of("customer_id"), DB + ".customers", List.of("id")));
    // InnoDB made an index for the foreign key.
    assertThat(orders.indexes()).extracting(Index::name).contains("fk_orders_customer");
    assertThat(index(orders, "idx_status_total").columns()).containsExactly("status", "total");
    assertThat(column(orders, "doubled").defaultValue()).startsWith("generated always as (");
    assertThat(table(s, DB + ".audit_log").primaryKey()).isEmpty();
    assertThat(table(s, DB + ".metrics").partitionKey()).isEqualTo("RANGE (year(`taken`))");
  }

  @Test
  void autoIncrementCountersAreSequences() throws SQLException {
    SchemaSnapshot s = read();
    var counter = sequence(s, "customers.id");
    assertThat(counter.schema()).isEqualTo(DB);
    assertThat(counter.lastValue()).isGreaterThanOrEqualTo(3000000001L);
    assertThat(counter.maxValue()).isEqualTo(4294967295L);
    assertThat(counter.ownedBy()).isEqualTo(DB + ".customers.id");
    assertThat(sequence(s, "orders.id").maxValue()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void withoutACurrentDatabaseReadsTheNamedSchemas() throws SQLException {
    try (Connection c = connect("")) {
      SchemaSnapshot s = new MySqlCatalogReader().read(c, List.of(DB));
      assertThat(s.tables()).hasSize(4);
      assertThat(s.tables()).allMatch(t -> t.schema().equals(DB));
    }
  }
}
