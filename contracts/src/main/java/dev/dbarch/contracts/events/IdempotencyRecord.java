package dev.dbarch.contracts.events;

/**
 * Remembers which assessment an {@code Idempotency-Key} produced, so a retried submission is
 * answered with the same id and no second event. Key: {@code systemId/idempotencyKey}; the topic is
 * compacted.
 *
 * @param requestSha256 hash of the submitted document, to refuse the same key with another body
 */
public record IdempotencyRecord(
    String systemId, String idempotencyKey, String assessmentId, String requestSha256) {

  public static String keyOf(String systemId, String idempotencyKey) {
    return systemId + "/" + idempotencyKey;
  }
}
