package dev.dbarch.tools.demo;

import static java.lang.ProcessBuilder.Redirect.PIPE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoPostgresTest {

  @TempDir Path dir;

  @Test
  void startsForLogicalDecodingCreatesTheShopOnceAndKeepsItsData() throws Exception {
    int port = freePort();
    Path data = dir.resolve("data");
    try (DemoPostgres pg = DemoPostgres.start(port, data, PIPE)) {
      assertThat(pg.createShopSchemaIfMissing()).isTrue();
      assertThat(pg.createShopSchemaIfMissing()).isFalse();
      try (Connection c = pg.connect();
          Statement st = c.createStatement()) {
        assertThat(setting(st, "wal_level")).isEqualTo("logical");
        assertThat(setting(st, "synchronous_commit")).isEqualTo("on");
        assertThat(setting(st, "max_replication_slots")).isEqualTo("10");
        assertThat(setting(st, "server_version_num")).startsWith("17");
        // The deliberate issues: no primary key on order_items, card numbers in customers.
        try (ResultSet rs =
            st.executeQuery(
                "SELECT count(*) FROM pg_constraint"
                    + " WHERE conrelid = 'order_items'::regclass AND contype = 'p'")) {
          rs.next();
          assertThat(rs.getInt(1)).isZero();
        }
      }
      assertThat(DemoPostgres.runningServer(pg.dataDir())).contains(pg.postmasterPid());
      assertThatThrownBy(() -> DemoPostgres.start(port, data, PIPE))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("already in use");
    }
    assertThat(DemoPostgres.runningServer(data)).isEmpty();

    // A restart on the same directory finds the schema and its rows.
    try (DemoPostgres pg = DemoPostgres.start(port, data, PIPE)) {
      assertThat(pg.createShopSchemaIfMissing()).isFalse();
      Output out = new Output();
      int status =
          DemoPostgres.runSql(
              port,
              "SELECT email, card_number FROM customers ORDER BY id",
              false,
              out.out,
              out.err);
      assertThat(status).isZero();
      assertThat(out.out())
          .contains("email", "card_number", "ada@example.com", "4111111111111111", "(3 rows)");

      Output ddl = new Output();
      assertThat(
              DemoPostgres.runSql(
                  port, "CREATE TABLE audit_log (message text)", false, ddl.out, ddl.err))
          .isZero();
      assertThat(ddl.out()).isEqualTo("OK" + System.lineSeparator());

      Output tuples = new Output();
      DemoPostgres.runSql(
          port,
          "SELECT count(*), bool_and(true) FROM information_schema.tables"
              + " WHERE table_name = 'audit_log'",
          true,
          tuples.out,
          tuples.err);
      assertThat(tuples.out()).isEqualTo("1\tt" + System.lineSeparator());

      Output error = new Output();
      assertThat(DemoPostgres.runSql(port, "SELEC 1", false, error.out, error.err)).isOne();
      assertThat(error.err()).startsWith("ERROR: ").contains("syntax error");
    }
  }

  private static String setting(Statement st, String name) throws Exception {
    try (ResultSet rs = st.executeQuery("SELECT current_setting('" + name + "')")) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static final class Output {
    final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    String out() {
      return outBytes.toString(StandardCharsets.UTF_8);
    }

    String err() {
      return errBytes.toString(StandardCharsets.UTF_8);
    }
  }
}
