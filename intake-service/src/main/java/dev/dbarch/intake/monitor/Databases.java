package dev.dbarch.intake.monitor;

import dev.dbarch.contracts.monitor.MonitorRegistration;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.schema.catalog.MySqlCatalogReader;
import dev.dbarch.schema.catalog.PostgresCatalogReader;
import java.sql.Connection;
import java.sql.SQLException;

/** What differs by engine when dbarch talks to a monitored database. */
final class Databases {

  private Databases() {}

  static Connection connect(MonitorRegistration monitor, Credentials credentials)
      throws SQLException {
    return isPostgres(monitor)
        ? PostgresAccess.connect(monitor, credentials)
        : MariaDbAccess.connect(monitor, credentials);
  }

  static PostgresAccess.Preflight check(MonitorRegistration monitor, Credentials credentials) {
    return isPostgres(monitor)
        ? PostgresAccess.check(monitor, credentials)
        : MariaDbAccess.check(monitor, credentials);
  }

  static SchemaSnapshot readCatalog(MonitorRegistration monitor, Credentials credentials)
      throws SQLException {
    try (Connection connection = connect(monitor, credentials)) {
      return isPostgres(monitor)
          ? new PostgresCatalogReader().read(connection)
          : new MySqlCatalogReader().read(connection);
    }
  }

  static boolean isPostgres(MonitorRegistration monitor) {
    return monitor.engine() == MonitorRegistration.Engine.POSTGRESQL;
  }
}
