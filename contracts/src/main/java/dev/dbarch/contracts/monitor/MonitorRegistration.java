package dev.dbarch.contracts.monitor;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.dbarch.contracts.SystemKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A database dbarch watches for schema changes, as stored in the compacted monitors topic (key:
 * {@link SystemKey}, {@code tenant/systemId}; a system has at most one monitored database). It
 * never holds a password: only a reference ({@code env:NAME} or {@code file:/path}) that the
 * capturing instance resolves.
 *
 * @param tenant the tenant that registered it; a v1 record without one belongs to {@value
 *     SystemKey#DEFAULT_TENANT}
 * @param registrationId new on every registration, so a re-registered database starts from fresh
 *     capture offsets
 * @param mode {@code FULL}: DDL captured by event triggers and logical decoding; {@code LIMITED}:
 *     the user lacks the privileges for that, so the catalog is polled and changes carry no DDL
 *     text
 * @param captureName the name of this registration's replication slot and publication, fixed when
 *     it is registered (see {@link #register}); a v1 record has none and keeps the name it was
 *     created with, {@code dbarch_<systemId>_<registration>}
 * @param limitations what the registration check found missing (privileges, settings), the reason
 *     for {@code LIMITED}; empty in {@code FULL} mode
 * @param tls how connections to the database are encrypted and verified; a v2 record has none and
 *     keeps the drivers' defaults it was registered with (PostgreSQL: encrypted when the server
 *     offers it, never verified; MariaDB: in clear)
 */
public record MonitorRegistration(
    String tenant,
    String systemId,
    String registrationId,
    Engine engine,
    String host,
    int port,
    String database,
    String user,
    String passwordRef,
    Mode mode,
    Status status,
    String captureName,
    List<String> limitations,
    Tls tls) {

  /** PostgreSQL's limit on identifiers (replication slots, publications), in bytes. */
  static final int MAX_OBJECT_NAME = 63;

  /** How much of the system id a derived name keeps, so people recognise it. */
  static final int READABLE_PART = 32;

  public MonitorRegistration {
    tenant = SystemKey.tenantOrDefault(tenant);
    Objects.requireNonNull(systemId, "systemId");
    Objects.requireNonNull(registrationId, "registrationId");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(status, "status");
    limitations = List.copyOf(Objects.requireNonNullElse(limitations, List.of()));
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

  /**
   * TLS to the monitored database, with libpq's names for the modes.
   *
   * @param mode (required; intake refuses a registration without it) {@code disable}: in clear;
   *     {@code require}: encrypted, the server not verified (a machine in the path can still read
   *     the password); {@code verify-full}: encrypted, the server's certificate checked against
   *     {@code caRef} and its name against the host
   * @param caRef the CA certificate (PEM) the server's certificate must chain to, as a {@code
   *     file:NAME} reference in intake's secrets directory; required for {@code verify-full}
   */
  public record Tls(TlsMode mode, String caRef) {}

  public enum TlsMode {
    @JsonProperty("disable")
    DISABLE,
    @JsonProperty("require")
    REQUIRE,
    @JsonProperty("verify-full")
    VERIFY_FULL;

    /** The name in the API and in libpq's {@code sslmode}. */
    public String label() {
      return switch (this) {
        case DISABLE -> "disable";
        case REQUIRE -> "require";
        case VERIFY_FULL -> "verify-full";
      };
    }
  }

  /**
   * A new registration, with its capture name derived from the tenant-qualified key and the
   * registration id.
   */
  public static MonitorRegistration register(
      SystemKey system,
      String registrationId,
      Engine engine,
      String host,
      int port,
      String database,
      String user,
      String passwordRef,
      Tls tls,
      Mode mode) {
    return new MonitorRegistration(
        system.tenant(),
        system.systemId(),
        registrationId,
        engine,
        host,
        port,
        database,
        user,
        passwordRef,
        mode,
        Status.ACTIVE,
        deriveCaptureName(system, registrationId),
        List.of(),
        tls);
  }

  public MonitorRegistration withStatus(Status newStatus) {
    return new MonitorRegistration(
        tenant,
        systemId,
        registrationId,
        engine,
        host,
        port,
        database,
        user,
        passwordRef,
        mode,
        newStatus,
        captureName,
        limitations,
        tls);
  }

  /** The same registration in {@code newMode}, with what its preflight found missing. */
  public MonitorRegistration withMode(Mode newMode, List<String> missing) {
    return new MonitorRegistration(
        tenant,
        systemId,
        registrationId,
        engine,
        host,
        port,
        database,
        user,
        passwordRef,
        newMode,
        status,
        captureName,
        missing,
        tls);
  }

  public MonitorRegistration withMode(Mode newMode) {
    return new MonitorRegistration(
        tenant,
        systemId,
        registrationId,
        engine,
        host,
        port,
        database,
        user,
        passwordRef,
        newMode,
        status,
        captureName,
        limitations,
        tls);
  }

  /** The record's Kafka key. */
  @JsonIgnore
  public SystemKey systemKey() {
    return SystemKey.of(tenant, systemId);
  }

  /**
   * Name used for the Debezium topic prefix and engine: the capture name without its registration
   * part ({@code dbarch_<systemId>} for a v1 registration).
   */
  public String slug() {
    return captureName == null
        ? "dbarch_" + systemId.replace('-', '_')
        : captureName.substring(0, captureName.lastIndexOf('_'));
  }

  /**
   * Name of this registration's replication slot and publication ({@code _pub} added): a
   * re-registered database gets new ones, so an engine of the old registration can never hold the
   * new slot, and two tenants watching one database never share one.
   */
  @Override
  public String captureName() {
    return captureName == null
        ? slug() + "_" + registrationId.replace("-", "").substring(0, 8)
        : captureName;
  }

  /**
   * The topic of Debezium's schema history of this registration (MariaDB/MySQL): {@code
   * dbarch.capture-history.<captureName>}; a v1 registration keeps the topic it was created with.
   */
  @JsonIgnore
  public String historyTopic() {
    return captureName == null
        ? "dbarch.capture-history." + slug() + "." + registrationId.substring(0, 8)
        : "dbarch.capture-history." + captureName;
  }

  /**
   * {@code dbarch_<system id, shortened>_<hash of tenant/systemId>_<registration>}: at most 57
   * bytes of {@code [a-z0-9_]}, so the publication's {@code _pub} still fits PostgreSQL's 63. The
   * hash keeps two tenants' systems of the same id apart; the readable part only helps people.
   */
  static String deriveCaptureName(SystemKey system, String registrationId) {
    String readable = system.systemId().replace('-', '_');
    if (readable.length() > READABLE_PART) {
      readable = readable.substring(0, READABLE_PART);
    }
    String registration = registrationId.replaceAll("[^A-Za-z0-9]", "").toLowerCase();
    String name =
        "dbarch_"
            + readable
            + "_"
            + sha256Hex(system.toString()).substring(0, 8)
            + "_"
            + registration.substring(0, Math.min(8, registration.length()));
    if (name.length() > MAX_OBJECT_NAME - "_pub".length()) {
      throw new IllegalStateException("capture name too long: " + name);
    }
    return name;
  }

  private static String sha256Hex(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
