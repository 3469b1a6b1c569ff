package dev.dbarch.intake.monitor;

import dev.dbarch.contracts.monitor.MonitorRegistration;
import dev.dbarch.servicekit.problem.Problem;
import dev.dbarch.servicekit.problem.ProblemException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.net.ssl.SSLHandshakeException;

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
    tls(credentials).forEach(props::setProperty);
    return DriverManager.getConnection(
        "jdbc:postgresql://"
            + urlHost(credentials)
            + ":"
            + monitor.port()
            + "/"
            + monitor.database(),
        props);
  }

  /**
   * pgjdbc's TLS settings for the monitor (the same names Debezium takes with {@code database.}):
   * none for a monitor registered before the setting (the driver's {@code prefer}); under {@code
   * verify-full} the CA file in the secrets directory, read there rather than copied.
   */
  static Map<String, String> tls(Credentials credentials) {
    Map<String, String> props = new LinkedHashMap<>();
    if (credentials.tlsMode() == null) {
      return props;
    }
    props.put("sslmode", credentials.tlsMode().label());
    if (credentials.verifyFull()) {
      props.put("sslrootcert", credentials.caFile().toString());
    }
    return props;
  }

  /**
   * Under verify-full the registered name, which the certificate must name: the driver resolves it
   * again after the host policy checked it, but sends nothing beyond the TLS request to a server
   * whose certificate the CA does not vouch for under that name. Otherwise the checked address.
   */
  static String urlHost(Credentials credentials) {
    if (!credentials.verifyFull()) {
      return credentials.host();
    }
    String name = credentials.hostName();
    return name.indexOf(':') >= 0 ? "[" + name + "]" : name;
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
                + reason(e),
            null));
  }

  /**
   * What went wrong, without the JDK's internal exception names a TLS failure carries: a
   * certificate the CA does not vouch for, or one that does not name the host, is said in words.
   */
  static String reason(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SSLHandshakeException
          || t instanceof CertificateException
          || t instanceof CertPathValidatorException) {
        return "TLS certificate verification failed: the server's certificate does not chain to"
            + " the CA of tls.caRef";
      }
    }
    String message = firstLine(e.getMessage());
    if (message.contains("could not be verified")) {
      return "TLS certificate verification failed: the server's certificate does not name the"
          + " host";
    }
    return message;
  }

  static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }
}
