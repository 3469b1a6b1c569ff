package dev.dbarch.workload;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

/**
 * The machine's PostgreSQL 15 on 127.0.0.1:5432 (trust auth, user postgres), shared with other
 * engineers: each test works in a database of its own with a unique name and drops it afterwards.
 * Tests skip, naming what is missing, when the server, pg_stat_statements or HypoPG is absent
 * ({@code .ci/postgres-workload.sh} installs and configures both).
 */
public final class MachinePostgres implements AutoCloseable {

  public static final String HOST = "127.0.0.1";
  public static final int PORT = 5432;

  private final String database;

  private MachinePostgres(String database) {
    this.database = database;
  }

  /** A fresh database; skips the test when the server or what it needs is missing. */
  public static MachinePostgres create(boolean needsStatements, boolean needsHypoPg) {
    try (Connection c = connect("postgres");
        Statement st = c.createStatement()) {
      if (needsStatements) {
        try (ResultSet rs = st.executeQuery("SHOW shared_preload_libraries")) {
          rs.next();
          assumeTrue(
              rs.getString(1).contains("pg_stat_statements"),
              "PostgreSQL 15 on 127.0.0.1:5432 does not preload pg_stat_statements; run"
                  + " .ci/postgres-workload.sh");
        }
      }
      if (needsHypoPg) {
        try (ResultSet rs =
            st.executeQuery("SELECT count(*) FROM pg_available_extensions WHERE name = 'hypopg'")) {
          rs.next();
          assumeTrue(
              rs.getInt(1) == 1,
              "HypoPG is not installed on PostgreSQL 15 (Debian package postgresql-15-hypopg); run"
                  + " .ci/postgres-workload.sh");
        }
      }
      String name =
          "dbarch_wl_" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
      st.execute("CREATE DATABASE " + name);
      return new MachinePostgres(name);
    } catch (SQLException e) {
      assumeTrue(false, "PostgreSQL 15 is not reachable on 127.0.0.1:5432: " + e.getMessage());
      throw new IllegalStateException(e);
    }
  }

  public String database() {
    return database;
  }

  public Connection connect() throws SQLException {
    return connect(database);
  }

  public Connection connectAs(String user) throws SQLException {
    return connect(database, user);
  }

  static Connection connect(String database) throws SQLException {
    return connect(database, "postgres");
  }

  static Connection connect(String database, String user) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", user);
    props.setProperty("connectTimeout", "10");
    props.setProperty("ApplicationName", "dbarch-workload-test");
    return DriverManager.getConnection(
        "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database, props);
  }

  public void execute(String... statements) {
    try (Connection c = connect();
        Statement st = c.createStatement()) {
      for (String sql : statements) {
        st.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot run " + String.join("; ", statements), e);
    }
  }

  @Override
  public void close() {
    try (Connection c = connect("postgres");
        Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot drop " + database, e);
    }
  }
}
