package dev.dbarch.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.dbarch.contracts.SystemKey;
import dev.dbarch.contracts.requirements.Requirements;
import dev.dbarch.contracts.schema.SchemaContext;
import java.time.Instant;
import java.util.Objects;

/**
 * Intake asks the specialists to assess a system. Key: {@link SystemKey} ({@code tenant/systemId}).
 *
 * @param tenant the tenant that owns the system; a v1 record without one belongs to {@value
 *     SystemKey#DEFAULT_TENANT}
 */
public record AssessmentRequested(
    String tenant,
    String assessmentId,
    String systemId,
    Trigger trigger,
    Instant requestedAt,
    Requirements requirements,
    SchemaContext schema) {

  /** A request of the default tenant with no schema attached (tests and tools). */
  public AssessmentRequested(
      String assessmentId,
      String systemId,
      Trigger trigger,
      Instant requestedAt,
      Requirements requirements) {
    this(
        SystemKey.DEFAULT_TENANT, assessmentId, systemId, trigger, requestedAt, requirements, null);
  }

  /** A request of the default tenant (tests and tools). */
  public AssessmentRequested(
      String assessmentId,
      String systemId,
      Trigger trigger,
      Instant requestedAt,
      Requirements requirements,
      SchemaContext schema) {
    this(
        SystemKey.DEFAULT_TENANT,
        assessmentId,
        systemId,
        trigger,
        requestedAt,
        requirements,
        schema);
  }

  public AssessmentRequested {
    tenant = SystemKey.tenantOrDefault(tenant);
    Objects.requireNonNull(assessmentId, "assessmentId");
    Objects.requireNonNull(systemId, "systemId");
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(requirements, "requirements");
    if (!systemId.equals(requirements.systemId())) {
      throw new IllegalArgumentException("systemId differs from requirements.systemId");
    }
  }

  /** The record's Kafka key. */
  @JsonIgnore
  public SystemKey systemKey() {
    return SystemKey.of(tenant, systemId);
  }
}
