package dev.dbarch.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.dbarch.contracts.SystemKey;

/**
 * Remembers which assessment an {@code Idempotency-Key} produced, so a retried submission is
 * answered with the same id and no second event. Key: {@code tenant/systemId/idempotencyKey}; the
 * topic is compacted.
 *
 * @param tenant the tenant that submitted; a v1 record without one belongs to {@value
 *     SystemKey#DEFAULT_TENANT}
 * @param requestSha256 hash of the submitted document, to refuse the same key with another body
 */
public record IdempotencyRecord(
    String tenant,
    String systemId,
    String idempotencyKey,
    String assessmentId,
    String requestSha256) {

  public IdempotencyRecord {
    tenant = SystemKey.tenantOrDefault(tenant);
  }

  /** The Kafka key of the record of {@code idempotencyKey} for a system. */
  public static String keyOf(SystemKey system, String idempotencyKey) {
    return system + "/" + idempotencyKey;
  }

  @JsonIgnore
  public String key() {
    return keyOf(SystemKey.of(tenant, systemId), idempotencyKey);
  }
}
