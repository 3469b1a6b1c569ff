package dev.dbarch.contracts;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The identity of a system across tenants: two tenants may both have a system {@code shop} without
 * colliding. Its text form {@code <tenant>/<systemId>} is the Kafka key of every system-scoped
 * record, the key of every state store and view, and the seed of every name derived per system.
 */
public record SystemKey(String tenant, String systemId) {

  /** The tenant of records written before tenants existed (schema v1, keyed by system id). */
  public static final String DEFAULT_TENANT = "default";

  /** What a tenant name looks like: the token's {@code tenant} claim must match it. */
  public static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  /** What a system id looks like (as {@code Requirements.systemId} is validated). */
  public static final Pattern SYSTEM_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

  public SystemKey {
    requireTenant(tenant);
    Objects.requireNonNull(systemId, "systemId");
    if (!SYSTEM_ID.matcher(systemId).matches()) {
      throw new IllegalArgumentException(
          "systemId '" + systemId + "' is not 1 to 64 lower-case letters, digits and dashes");
    }
  }

  public static SystemKey of(String tenant, String systemId) {
    return new SystemKey(tenant, systemId);
  }

  /** Reads {@code <tenant>/<systemId>}; anything else is refused. */
  public static SystemKey parse(String key) {
    Objects.requireNonNull(key, "key");
    int slash = key.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("key '" + key + "' is not <tenant>/<systemId>");
    }
    return new SystemKey(key.substring(0, slash), key.substring(slash + 1));
  }

  /** Whether a tenant name is well formed. */
  public static boolean isTenant(String tenant) {
    return tenant != null && TENANT.matcher(tenant).matches();
  }

  /** The tenant of a record: absent (a v1 record) reads as {@link #DEFAULT_TENANT}. */
  public static String tenantOrDefault(String tenant) {
    return tenant == null ? DEFAULT_TENANT : requireTenant(tenant);
  }

  private static String requireTenant(String tenant) {
    Objects.requireNonNull(tenant, "tenant");
    if (!isTenant(tenant)) {
      throw new IllegalArgumentException(
          "tenant '" + tenant + "' is not 1 to 63 lower-case letters, digits and dashes");
    }
    return tenant;
  }

  /**
   * Whether a record's Kafka key names this system. Records written before tenants existed are
   * keyed by the bare system id and belong to the default tenant, so that key is accepted for it.
   */
  public boolean isKeyOf(String recordKey) {
    return toString().equals(recordKey)
        || (DEFAULT_TENANT.equals(tenant) && systemId.equals(recordKey));
  }

  @Override
  public String toString() {
    return tenant + "/" + systemId;
  }
}
