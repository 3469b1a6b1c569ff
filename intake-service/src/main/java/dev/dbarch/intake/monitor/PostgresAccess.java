package dev.dbarch.intake.monitor;

import dev.dbarch.contracts.monitor.MonitorRegistration;
import dev.dbarch.servicekit.problem.Problem;
import dev.dbarch.servicekit.problem.ProblemException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Connects to a monitored PostgreSQL database and checks what capture needs: logical decoding
 * ({@code wal_level=logical}), the REPLICATION attribute for the slot, and superuser for the event
 * triggers that record DDL (without it, dbarch runs in limited mode and polls the catalog).
 */
public final class PostgresAccess {

  private PostgresAccess() {}

  /** The preflight outcome: the mode capture can run in, and what limits it. */
  public record Preflight(MonitorRegistration.Mode mode, List<String> limitations) {}

  /** Connects to the address the host policy checked, never to the name resolved again. */
  public static Connection connect(MonitorRegistration monitor, Credentials credentials)
      throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", monitor.user());
    props.setProperty("password", credentials.password());
    props.setProperty("connectTimeout", "10");
    props.setProperty("ApplicationName", "dbarch");
    return DriverManager.getConnection(
        "jdbc:postgresql://" + credentials.host() + ":" + monitor.port() + "/" + monitor.database(),
        props);
  }

  /** Checks the database; a 422 problem lists everything missing for even limited capture. */
  public static Preflight check(MonitorRegistration monitor, Credentials credentials) {
    try (Connection connection = connect(monitor, credentials);
        Statement statement = connection.createStatement()) {
      boolean superuser;
      boolean replication;
      try (ResultSet rs =
          statement.executeQuery(
              "SELECT rolsuper, rolreplication FROM pg_roles WHERE rolname = current_user")) {
        rs.next();
        superuser = rs.getBoolean(1);
        replication = rs.getBoolean(2);
      }
      String walLevel;
      try (ResultSet rs = statement.executeQuery("SHOW wal_level")) {
        rs.next();
        walLevel = rs.getString(1);
      }
      List<String> limitations = new ArrayList<>();
      if (!"logical".equals(walLevel)) {
        limitations.add("needs wal_level=logical (it is " + walLevel + "); DDL cannot be streamed");
      }
      if (!replication && !superuser) {
        limitations.add(
            "user " + monitor.user() + " lacks REPLICATION; a replication slot cannot be created");
      }
      if (!superuser) {
        limitations.add("event triggers need superuser; DDL text cannot be recorded");
      }
      MonitorRegistration.Mode mode =
          limitations.isEmpty() ? MonitorRegistration.Mode.FULL : MonitorRegistration.Mode.LIMITED;
      return new Preflight(mode, limitations);
    } catch (SQLException e) {
      throw cannotConnect(monitor, e);
    }
  }

  /** The driver's message names host, database and user; it never echoes the password. */
  static ProblemException cannotConnect(MonitorRegistration monitor, SQLException e) {
    return new ProblemException(
        Problem.of(
            422,
            "Unprocessable Content",
            "Cannot connect to "
                + monitor.host()
                + ":"
                + monitor.port()
                + "/"
                + monitor.database()
                + " as "
                + monitor.user()
                + ": "
                + firstLine(e.getMessage()),
            null));
  }

  static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }
}
