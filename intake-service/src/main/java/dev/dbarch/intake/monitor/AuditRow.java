package dev.dbarch.intake.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbarch.contracts.Json;
import java.util.Optional;

/** One row of {@code dbarch.ddl_audit}: a DDL command and the object it touched. */
record AuditRow(
    long id, String commandTag, String objectType, String objectIdentity, String statement) {

  /** Reads the row out of a Debezium change event's JSON value; empty for anything else. */
  static Optional<AuditRow> fromChangeEvent(String value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      JsonNode root = Json.mapper().readTree(value);
      JsonNode payload = root.has("payload") ? root.get("payload") : root;
      JsonNode after = payload.path("after");
      if (!"c".equals(payload.path("op").asText()) || !after.isObject()) {
        return Optional.empty();
      }
      return Optional.of(
          new AuditRow(
              after.path("id").asLong(),
              after.path("command_tag").asText(null),
              after.path("object_type").asText(null),
              after.path("object_identity").asText(null),
              after.path("statement").asText(null)));
    } catch (Exception e) {
      return Optional.empty();
    }
  }
}
