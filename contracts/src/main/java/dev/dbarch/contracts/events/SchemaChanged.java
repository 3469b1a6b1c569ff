package dev.dbarch.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.dbarch.contracts.SystemKey;
import dev.dbarch.contracts.schema.SchemaChange;
import dev.dbarch.contracts.schema.SchemaFinding;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A monitored database's schema changed (or was first read at registration). Key: {@link SystemKey}
 * ({@code tenant/systemId}).
 *
 * @param tenant the tenant of the monitor; a v1 record without one belongs to {@value
 *     SystemKey#DEFAULT_TENANT}
 * @param registrationId the monitor registration that captured it; sequences compare only within
 *     one
 * @param sequence the last captured audit row this event covers; a restart skips rows at or below
 *     the last published sequence, so no change is published twice
 * @param change the DDL, touched objects and diff; {@code null} for the first snapshot
 */
public record SchemaChanged(
    String tenant,
    String systemId,
    String registrationId,
    long sequence,
    Instant capturedAt,
    SchemaChange change,
    SchemaSnapshot snapshot,
    List<SchemaFinding> findings) {

  public SchemaChanged {
    tenant = SystemKey.tenantOrDefault(tenant);
    Objects.requireNonNull(systemId, "systemId");
    Objects.requireNonNull(snapshot, "snapshot");
    findings = List.copyOf(Objects.requireNonNullElse(findings, List.of()));
  }

  /** The record's Kafka key. */
  @JsonIgnore
  public SystemKey systemKey() {
    return SystemKey.of(tenant, systemId);
  }
}
