package dev.dbarch.contracts.monitor;

import java.util.Objects;

/**
 * A database dbarch watches for schema changes, as stored in the compacted monitors topic (key:
 * system id; a system has at most one monitored database). It never holds a password: only a
 * reference ({@code env:NAME} or {@code file:/path}) that the capturing instance resolves.
 *
 * @param registrationId new on every registration, so a re-registered database starts from fresh
 *     capture offsets
 * @param mode {@code FULL}: DDL captured by event triggers and logical decoding; {@code LIMITED}:
 *     the user lacks the privileges for that, so the catalog is polled and changes carry no DDL
 *     text
 */
public record MonitorRegistration(
    String systemId,
    String registrationId,
    Engine engine,
    String host,
    int port,
    String database,
    String user,
    String passwordRef,
    Mode mode,
    Status status) {

  public MonitorRegistration {
    Objects.requireNonNull(systemId, "systemId");
    Objects.requireNonNull(registrationId, "registrationId");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(status, "status");
  }

  public enum Engine {
    POSTGRESQL,
    MARIADB,
    MYSQL
  }

  public enum Mode {
    FULL,
    LIMITED
  }

  public enum Status {
    ACTIVE,
    PAUSED
  }

  public MonitorRegistration withStatus(Status newStatus) {
    return new MonitorRegistration(
        systemId, registrationId, engine, host, port, database, user, passwordRef, mode, newStatus);
  }

  /** Name used for the Debezium topic prefix and engine. */
  public String slug() {
    return "dbarch_" + systemId.replace('-', '_');
  }

  /**
   * Name of this registration's replication slot and publication: a re-registered database gets new
   * ones, so an engine of the old registration can never hold the new slot.
   */
  public String captureName() {
    return slug() + "_" + registrationId.replace("-", "").substring(0, 8);
  }
}
