package dev.dbarch.contracts.kafka;

/**
 * The event types dbarch publishes, with their CloudEvents type and schema version. Version 2 added
 * the {@code tenant} field and the {@code tenant/systemId} key; consumers still read version 1
 * records, as the default tenant's. Version 3 of verdicts and recommendations added the typed
 * {@code design} of every decision (and of every decision change); v2 records still read, their
 * decisions without typed values. Version 4 of verdicts and recommendations added the typed {@code
 * about} of every assumption; v3 records still read, their assumptions without it. Version 3 of the
 * monitor added its {@code tls} setting; v2 monitors still read, with the drivers' default TLS.
 */
public enum EventType {
  ASSESSMENT_REQUESTED("dev.dbarch.assessment.requested", 2),
  SECTION_VERDICT("dev.dbarch.section.verdict", 4),
  RECOMMENDATION("dev.dbarch.recommendation", 4),
  IDEMPOTENCY_KEY("dev.dbarch.idempotency.key", 2),
  REQUIREMENTS("dev.dbarch.requirements", 2),
  MONITOR("dev.dbarch.monitor", 3),
  SCHEMA_CHANGED("dev.dbarch.schema.changed", 2),
  WORKLOAD_SNAPSHOT("dev.dbarch.workload.snapshot", 2);

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
