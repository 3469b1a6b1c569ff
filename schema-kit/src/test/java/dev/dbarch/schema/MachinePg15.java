package dev.dbarch.schema;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * The machine's PostgreSQL 15 (127.0.0.1:5432, user postgres, trust; {@code -Ddbarch.pg15.url=…}
 * points elsewhere), shared with other engineers: every test works in a database of its own with a
 * unique name and drops it afterwards. Tests skip, saying so, when the server is not there.
 */
public final class MachinePg15 {

  private static final String URL =
      System.getProperty("dbarch.pg15.url", "jdbc:postgresql://127.0.0.1:5432/");
  private static final String USER = System.getProperty("dbarch.pg15.user", "postgres");

  private MachinePg15() {}

  /** Skips the test when the server cannot be reached. */
  public static void assumeReachable() {
    try (Connection c = DriverManager.getConnection(URL + "postgres", USER, "")) {
      assumeTrue(c.isValid(5), "PostgreSQL at " + URL + " is not usable; skipping");
    } catch (SQLException e) {
      assumeTrue(
          false, "PostgreSQL at " + URL + " is not reachable (" + e.getMessage() + "); skipping");
    }
  }

  /** A new database with a unique name; drop it with {@link #drop}. */
  public static String createDatabase(String prefix) throws SQLException {
    String name =
        (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10))
            .toLowerCase(Locale.ROOT);
    try (Connection c = DriverManager.getConnection(URL + "postgres", USER, "");
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    }
    return name;
  }

  public static Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(URL + database, USER, "");
  }

  public static void drop(String database) {
    try (Connection c = DriverManager.getConnection(URL + "postgres", USER, "");
        Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    } catch (SQLException e) {
      System.err.println("Could not drop " + database + ": " + e.getMessage());
    }
  }

  /** The server's major version, e.g. 15. */
  public static int majorVersion(Connection c) throws SQLException {
    return c.getMetaData().getDatabaseMajorVersion();
  }
}
