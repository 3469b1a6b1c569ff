package dev.dbarch.lint.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.contracts.schema.StatementRisk.MySqlAlgorithm;
import dev.dbarch.contracts.schema.StatementRisk.MySqlLock;
import dev.dbarch.lint.Dialect;
import dev.dbarch.lint.Finding;
import dev.dbarch.lint.LintReport;
import dev.dbarch.lint.Linter;
import dev.dbarch.lint.StatementResult;
import dev.dbarch.lint.classify.Classification;
import dev.dbarch.lint.context.LintContext;
import dev.dbarch.schema.catalog.MySqlCatalogReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The MySQL/MariaDB classification against the machine's MariaDB (127.0.0.1:3306, root): for each
 * ALTER the linter names the cheapest algorithm and lock; MariaDB must accept the statement with
 * exactly that {@code ALGORITHM=} and {@code LOCK=}, and refuse anything cheaper. Skipped, with a
 * message, when the server is not reachable. Runs in its own database, dropped afterwards.
 */
class MariaDbClassificationTest {

  static final String SCHEMA =
      """
      CREATE TABLE t (id int PRIMARY KEY, a int, b varchar(20), c varchar(100) NOT NULL DEFAULT '',
                      parent int) ENGINE=InnoDB;
      CREATE TABLE p (id int PRIMARY KEY) ENGINE=InnoDB;
      INSERT INTO p VALUES (1), (2);
      INSERT INTO t VALUES (1, 1, 'x', 'y', 1), (2, 2, 'z', 'w', 2);
      CREATE INDEX t_a_idx ON t (a);
      ALTER TABLE t ADD CONSTRAINT t_parent_fk FOREIGN KEY (parent) REFERENCES p (id)
      """;

  /** A statement, the rule it must raise (null: none besides the lock-timeout reminder). */
  record Case(String sql, String rule) {}

  static final List<Case> CASES =
      List.of(
          new Case("ALTER TABLE t ADD COLUMN d int", null),
          new Case("ALTER TABLE t ADD COLUMN d int NOT NULL", "MIG-DDL-COL-002"),
          new Case("ALTER TABLE t ADD COLUMN d int FIRST", null),
          new Case("ALTER TABLE t ADD COLUMN d datetime DEFAULT CURRENT_TIMESTAMP", null),
          new Case("ALTER TABLE t ADD COLUMN d varchar(36) DEFAULT (uuid())", "MIG-DDL-MY-003"),
          new Case("ALTER TABLE t ADD COLUMN d int AS (a + 1) STORED", "MIG-DDL-COL-009"),
          new Case("ALTER TABLE t ADD COLUMN d int AS (a + 1) VIRTUAL", null),
          new Case("ALTER TABLE t ADD COLUMN d bigint AUTO_INCREMENT UNIQUE", "MIG-DDL-COL-008"),
          new Case("ALTER TABLE t DROP COLUMN c", "MIG-DDL-COL-006"),
          new Case("ALTER TABLE t RENAME COLUMN a TO a2", "MIG-DDL-COL-005"),
          new Case("ALTER TABLE t MODIFY b varchar(30)", null),
          new Case("ALTER TABLE t MODIFY b varchar(300)", null),
          new Case("ALTER TABLE t MODIFY a bigint", "MIG-DDL-MY-001"),
          new Case("ALTER TABLE t MODIFY b varchar(10)", "MIG-DDL-MY-001"),
          new Case("ALTER TABLE t MODIFY a int NOT NULL", "MIG-DDL-MY-004"),
          new Case("ALTER TABLE t MODIFY c varchar(100) NULL", "MIG-DDL-MY-004"),
          new Case("ALTER TABLE t ALTER COLUMN a SET DEFAULT 5", null),
          new Case("ALTER TABLE t ADD INDEX t_b_idx (b)", "MIG-DDL-MY-004"),
          new Case("ALTER TABLE t ADD UNIQUE INDEX t_c_key (c)", "MIG-DDL-MY-004"),
          new Case("ALTER TABLE t ADD FULLTEXT INDEX t_b_ft (b)", "MIG-DDL-MY-004"),
          new Case("ALTER TABLE t DROP INDEX t_a_idx", null),
          new Case(
              "ALTER TABLE t ADD CONSTRAINT t_parent_fk2 FOREIGN KEY (a) REFERENCES p (id)",
              "MIG-DDL-MY-001"),
          new Case("ALTER TABLE t DROP FOREIGN KEY t_parent_fk", null),
          new Case("ALTER TABLE t ADD CONSTRAINT t_a_check CHECK (a > 0)", "MIG-DDL-MY-001"),
          new Case("ALTER TABLE t RENAME TO t_renamed", "MIG-DDL-TBL-001"),
          new Case("ALTER TABLE t CONVERT TO CHARACTER SET latin1", "MIG-DDL-MY-001"),
          new Case("ALTER TABLE t FORCE", "MIG-DDL-MY-004"));

  static String url;
  static String database;

  @BeforeAll
  static void connect() {
    database = "lint_maria_" + UUID.randomUUID().toString().substring(0, 8);
    url = "jdbc:mariadb://127.0.0.1:3306/";
    try (Connection c = DriverManager.getConnection(url, "root", "")) {
      String version = c.getMetaData().getDatabaseProductVersion();
      Assumptions.assumeTrue(
          version.toLowerCase().contains("mariadb"),
          "the server on 3306 is not MariaDB: " + version);
    } catch (SQLException e) {
      Assumptions.abort(
          "MariaDB on 127.0.0.1:3306 (root, no password) is not reachable: " + e.getMessage());
    }
  }

  @AfterAll
  static void dropDatabase() throws SQLException {
    if (database != null && url != null) {
      try (Connection c = DriverManager.getConnection(url, "root", "");
          Statement st = c.createStatement()) {
        st.execute("DROP DATABASE IF EXISTS " + database);
      } catch (SQLException ignored) {
        // not reachable: nothing was created
      }
    }
  }

  static Connection fresh() throws SQLException {
    try (Connection c = DriverManager.getConnection(url, "root", "");
        Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + database);
      st.execute("CREATE DATABASE " + database);
    }
    Connection c = DriverManager.getConnection(url + database, "root", "");
    for (String sql : SCHEMA.split(";")) {
      if (!sql.isBlank()) {
        try (Statement st = c.createStatement()) {
          st.execute(sql);
        }
      }
    }
    return c;
  }

  static boolean accepts(Connection c, String sql) {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  @TestFactory
  Stream<DynamicTest> mariaDbAcceptsExactlyTheClassifiedAlgorithmAndLock() {
    return CASES.stream()
        .map(
            k ->
                DynamicTest.dynamicTest(
                    k.sql(),
                    () -> {
                      List<String> problems = new ArrayList<>();
                      StatementResult r;
                      try (Connection c = fresh()) {
                        SchemaSnapshot snapshot = new MySqlCatalogReader().read(c);
                        LintReport report =
                            new Linter()
                                .lint(
                                    k.sql(), LintContext.of(Dialect.MARIADB, null, snapshot, null));
                        assertThat(report.versionSource()).isEqualTo("catalog");
                        r = report.statements().get(0);
                        List<String> rules = r.findings().stream().map(Finding::ruleId).toList();
                        if (k.rule() != null) {
                          assertThat(rules).as("rules of " + k.sql()).contains(k.rule());
                        } else {
                          assertThat(rules).as("rules of " + k.sql()).isSubsetOf("MIG-DDL-TX-001");
                        }
                      }
                      Classification cl = r.classification();
                      MySqlAlgorithm algorithm = cl.algorithm();
                      MySqlLock lock = cl.mysqlLock();
                      for (MySqlAlgorithm cheaper : MySqlAlgorithm.values()) {
                        if (cheaper.compareTo(algorithm) < 0) {
                          try (Connection c = fresh()) {
                            if (accepts(c, k.sql() + ", ALGORITHM=" + cheaper)) {
                              problems.add(
                                  "MariaDB accepted ALGORITHM="
                                      + cheaper
                                      + ", the linter said "
                                      + algorithm);
                            }
                          }
                        }
                      }
                      try (Connection c = fresh()) {
                        if (!accepts(c, k.sql() + ", ALGORITHM=" + algorithm + ", LOCK=" + lock)) {
                          problems.add("MariaDB refused ALGORITHM=" + algorithm + ", LOCK=" + lock);
                        }
                      }
                      for (MySqlLock weaker : MySqlLock.values()) {
                        if (weaker.compareTo(lock) < 0) {
                          try (Connection c = fresh()) {
                            if (accepts(
                                c, k.sql() + ", ALGORITHM=" + algorithm + ", LOCK=" + weaker)) {
                              problems.add(
                                  "MariaDB accepted LOCK=" + weaker + ", the linter said " + lock);
                            }
                          }
                        }
                      }
                      assertThat(problems).as(k.sql()).isEmpty();
                    }));
  }
}
