package dev.dbarch.intake.monitor;

import dev.dbarch.contracts.monitor.MonitorRegistration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What dbarch installs in a monitored PostgreSQL database for full capture, and removes on delete:
 * a {@code dbarch} schema with an audit table, event triggers that write every DDL statement and
 * the objects it touched into it, and a publication for that table alone, so logical decoding
 * streams the audit rows and never the production tables' rows.
 */
public final class PostgresCaptureObjects {

  static final String AUDIT_TABLE = "dbarch.ddl_audit";

  private static final String INSTALL =
      """
      CREATE SCHEMA IF NOT EXISTS dbarch;
      CREATE TABLE IF NOT EXISTS dbarch.ddl_audit (
        id bigserial PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        command_tag text NOT NULL,
        object_type text,
        object_identity text,
        schema_name text,
        statement text
      );
      CREATE OR REPLACE FUNCTION dbarch.record_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $fn$
      DECLARE r record;
      BEGIN
        FOR r IN SELECT * FROM pg_event_trigger_ddl_commands() LOOP
          IF r.schema_name IS DISTINCT FROM 'dbarch' THEN
            INSERT INTO dbarch.ddl_audit (command_tag, object_type, object_identity, schema_name, statement)
            VALUES (r.command_tag, r.object_type, r.object_identity, r.schema_name, current_query());
          END IF;
        END LOOP;
      END
      $fn$;
      CREATE OR REPLACE FUNCTION dbarch.record_drop() RETURNS event_trigger LANGUAGE plpgsql AS $fn$
      DECLARE r record;
      BEGIN
        FOR r IN SELECT * FROM pg_event_trigger_dropped_objects() WHERE original LOOP
          IF r.schema_name IS DISTINCT FROM 'dbarch' THEN
            INSERT INTO dbarch.ddl_audit (command_tag, object_type, object_identity, schema_name, statement)
            VALUES (tg_tag, r.object_type, r.object_identity, r.schema_name, current_query());
          END IF;
        END LOOP;
      END
      $fn$;
      DROP EVENT TRIGGER IF EXISTS dbarch_ddl_command_end;
      CREATE EVENT TRIGGER dbarch_ddl_command_end ON ddl_command_end EXECUTE FUNCTION dbarch.record_ddl();
      DROP EVENT TRIGGER IF EXISTS dbarch_sql_drop;
      CREATE EVENT TRIGGER dbarch_sql_drop ON sql_drop EXECUTE FUNCTION dbarch.record_drop();
      """;

  private PostgresCaptureObjects() {}

  public static String publication(MonitorRegistration monitor) {
    return monitor.captureName() + "_pub";
  }

  public static String slot(MonitorRegistration monitor) {
    return monitor.captureName();
  }

  public static void install(Connection connection, MonitorRegistration monitor)
      throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(INSTALL);
      if (!exists(
          connection, "SELECT 1 FROM pg_publication WHERE pubname = ?", publication(monitor))) {
        statement.execute(
            "CREATE PUBLICATION " + publication(monitor) + " FOR TABLE " + AUDIT_TABLE);
      }
    }
  }

  /** Creates the logical replication slot Debezium will stream from, if it does not exist. */
  public static void createSlot(Connection connection, MonitorRegistration monitor)
      throws SQLException {
    if (!exists(
        connection, "SELECT 1 FROM pg_replication_slots WHERE slot_name = ?", slot(monitor))) {
      try (PreparedStatement create =
          connection.prepareStatement("SELECT pg_create_logical_replication_slot(?, 'pgoutput')")) {
        create.setString(1, slot(monitor));
        create.execute();
      }
    }
  }

  /**
   * Removes the slot and publication of this registration, and the triggers and audit table when no
   * other registration (another tenant's, say) still captures this database through them. Safe to
   * run twice.
   */
  public static void uninstall(Connection connection, MonitorRegistration monitor)
      throws SQLException {
    try (Statement statement = connection.createStatement()) {
      if (exists(
          connection, "SELECT 1 FROM pg_replication_slots WHERE slot_name = ?", slot(monitor))) {
        try (PreparedStatement drop =
            connection.prepareStatement("SELECT pg_drop_replication_slot(?)")) {
          drop.setString(1, slot(monitor));
          drop.execute();
        }
      }
      statement.execute("DROP PUBLICATION IF EXISTS " + publication(monitor));
      if (exists(
          connection,
          "SELECT 1 FROM pg_publication WHERE pubname LIKE 'dbarch\\_%' AND pubname <> ?",
          publication(monitor))) {
        return;
      }
      statement.execute("DROP EVENT TRIGGER IF EXISTS dbarch_ddl_command_end");
      statement.execute("DROP EVENT TRIGGER IF EXISTS dbarch_sql_drop");
      statement.execute("DROP SCHEMA IF EXISTS dbarch CASCADE");
    }
  }

  private static boolean exists(Connection connection, String sql, String name)
      throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, name);
      try (ResultSet rs = query.executeQuery()) {
        return rs.next();
      }
    }
  }
}
