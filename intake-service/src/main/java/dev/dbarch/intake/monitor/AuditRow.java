package dev.dbarch.intake.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbarch.contracts.Json;
import java.util.Optional;

/** One row of {@code dbarch.ddl_audit}: a DDL command and the object it touched. */
record AuditRow(
    long id, String commandTag, String objectType, String objectIdentity, String statement) {

  /**
   * Reads a DDL statement out of a binlog connector's schema change event (MariaDB, MySQL). The
   * sequence is the binlog position (file number and offset), which only grows. Events of the
   * connector's initial schema snapshot are not changes and are skipped.
   */
  static Optional<AuditRow> fromSchemaChangeEvent(String value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      JsonNode root = Json.mapper().readTree(value);
      JsonNode payload = root.has("payload") ? root.get("payload") : root;
      JsonNode source = payload.path("source");
      String ddl = payload.path("ddl").asText(null);
      String snapshot = source.path("snapshot").asText("false");
      if (ddl == null || ddl.isBlank() || !("false".equals(snapshot) || snapshot.isEmpty())) {
        return Optional.empty();
      }
      String file = source.path("file").asText("");
      long fileNumber = Long.parseLong("0" + file.replaceAll(".*\\.", "").replaceAll("[^0-9]", ""));
      long sequence = fileNumber * 1_000_000_000_000L + source.path("pos").asLong();
      String table = source.path("table").asText(null);
      String database = payload.path("databaseName").asText(source.path("db").asText(null));
      String identity = table == null ? database : database + "." + table;
      return Optional.of(
          new AuditRow(
              sequence, firstWord(ddl), table == null ? "database" : "table", identity, ddl));
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  private static String firstWord(String ddl) {
    String[] words = ddl.strip().split("\\s+", 3);
    return words.length >= 2 ? (words[0] + " " + words[1]).toUpperCase(java.util.Locale.ROOT) : ddl;
  }

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
