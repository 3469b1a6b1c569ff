package dev.dbarch.contracts.kafka;

/** The event types dbarch publishes, with their CloudEvents type and schema version. */
public enum EventType {
  ASSESSMENT_REQUESTED("dev.dbarch.assessment.requested", 1),
  SECTION_VERDICT("dev.dbarch.section.verdict", 1),
  RECOMMENDATION("dev.dbarch.recommendation", 1),
  IDEMPOTENCY_KEY("dev.dbarch.idempotency.key", 1),
  REQUIREMENTS("dev.dbarch.requirements", 1),
  MONITOR("dev.dbarch.monitor", 1),
  SCHEMA_CHANGED("dev.dbarch.schema.changed", 1),
  WORKLOAD_SNAPSHOT("dev.dbarch.workload.snapshot", 1);

  private final String ceType;
  private final int schemaVersion;

  EventType(String ceType, int schemaVersion) {
    this.ceType = ceType;
    this.schemaVersion = schemaVersion;
  }

  public String ceType() {
    return ceType;
  }

  public int schemaVersion() {
    return schemaVersion;
  }

  /** The {@code ce_dataschema} value: a stable URN naming the type and its version. */
  public String dataSchema() {
    return "urn:dbarch:schema:" + ceType + ":v" + schemaVersion;
  }
}
