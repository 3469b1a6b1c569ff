package dev.dbarch.intake.monitor;

import dev.dbarch.contracts.monitor.MonitorRegistration;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Connects to a monitored MariaDB or MySQL database and checks what binlog capture needs: the
 * binary log on, in ROW format, and a user allowed to read it (REPLICATION SLAVE and REPLICATION
 * CLIENT, or an all-privileges account). Without them, dbarch polls the catalog in limited mode.
 */
public final class MariaDbAccess {

  private MariaDbAccess() {}

  /** Connects to the address the host policy checked, never to the name resolved again. */
  public static Connection connect(MonitorRegistration monitor, Credentials credentials)
      throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", monitor.user());
    props.setProperty("password", credentials.password());
    props.setProperty("connectTimeout", "10000");
    if (credentials.tlsMode() != null) {
      // Connector/J: trust = encrypted, unverified; verify-full checks the CA and the address
      // dialled (the checked one: Connector/J cannot pin a socket, so the name is not used).
      props.setProperty("sslMode", sslMode(credentials));
      if (credentials.verifyFull()) {
        props.setProperty("serverSslCert", credentials.caFile().toString());
      }
    }
    return DriverManager.getConnection(
        "jdbc:mariadb://" + credentials.host() + ":" + monitor.port() + "/" + monitor.database(),
        props);
  }

  /** The MariaDB name of the monitor's TLS mode (Connector/J and Debezium's database.ssl.mode). */
  static String sslMode(Credentials credentials) {
    return switch (credentials.tlsMode()) {
      case DISABLE -> "disable";
      case REQUIRE -> "trust";
      case VERIFY_FULL -> "verify-full";
    };
  }

  public static PostgresAccess.Preflight check(
      MonitorRegistration monitor, Credentials credentials) {
    try (Connection connection = connect(monitor, credentials);
        Statement statement = connection.createStatement()) {
      String logBin;
      String format;
      try (ResultSet rs = statement.executeQuery("SELECT @@log_bin, @@binlog_format")) {
        rs.next();
        logBin = rs.getString(1);
        format = rs.getString(2);
      }
      StringBuilder grants = new StringBuilder();
      try (ResultSet rs = statement.executeQuery("SHOW GRANTS")) {
        while (rs.next()) {
          grants.append(rs.getString(1).toUpperCase(Locale.ROOT)).append('\n');
        }
      }
      List<String> limitations = new ArrayList<>();
      if (!"1".equals(logBin) && !"ON".equalsIgnoreCase(logBin)) {
        limitations.add("needs the binary log (log_bin); DDL cannot be streamed");
      }
      if (!"ROW".equalsIgnoreCase(format)) {
        limitations.add("needs binlog_format=ROW (it is " + format + ")");
      }
      boolean all = grants.indexOf("ALL PRIVILEGES ON *.*") >= 0;
      if (!all
          && (grants.indexOf("REPLICATION SLAVE") < 0
              && grants.indexOf("REPLICATION REPLICA") < 0)) {
        limitations.add(
            "user " + monitor.user() + " lacks REPLICATION SLAVE; the binlog cannot be read");
      }
      if (!all
          && grants.indexOf("REPLICATION CLIENT") < 0
          && grants.indexOf("BINLOG MONITOR") < 0) {
        limitations.add("user " + monitor.user() + " lacks REPLICATION CLIENT (BINLOG MONITOR)");
      }
      return new PostgresAccess.Preflight(
          limitations.isEmpty() ? MonitorRegistration.Mode.FULL : MonitorRegistration.Mode.LIMITED,
          limitations);
    } catch (SQLException e) {
      throw PostgresAccess.cannotConnect(monitor, e);
    }
  }
}
