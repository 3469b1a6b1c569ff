package dev.dbarch.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.dbarch.contracts.SystemKey;
import dev.dbarch.contracts.requirements.Requirements;
import dev.dbarch.contracts.schema.SchemaContext;
import dev.dbarch.contracts.workload.WorkloadContext;
import java.time.Instant;
import java.util.Objects;

/**
 * Intake asks the specialists to assess a system. Key: {@link SystemKey} ({@code tenant/systemId}).
 *
 * @param tenant the tenant that owns the system; a v1 record without one belongs to {@value
 *     SystemKey#DEFAULT_TENANT}
 * @param schema the schema the assessment is about, when one is known
 * @param workload the live workload of the system's monitored database, when one is read
 */
public record AssessmentRequested(
    String tenant,
    String assessmentId,
    String systemId,
    Trigger trigger,
    Instant requestedAt,
    Requirements requirements,
    SchemaContext schema,
    WorkloadContext workload) {

  /** A request of the default tenant with no schema or workload attached (tests and tools). */
  public AssessmentRequested(
      String assessmentId,
      String systemId,
      Trigger trigger,
      Instant requestedAt,
      Requirements requirements) {
    this(assessmentId, systemId, trigger, requestedAt, requirements, null, null);
  }

  /** A request of the default tenant with no workload attached (tests and tools). */
  public AssessmentRequested(
      String assessmentId,
      String systemId,
      Trigger trigger,
      Instant requestedAt,
      Requirements requirements,
      SchemaContext schema) {
    this(assessmentId, systemId, trigger, requestedAt, requirements, schema, null);
  }

  /** A request of the default tenant (tests and tools). */
  public AssessmentRequested(
      String assessmentId,
      String systemId,
      Trigger trigger,
      Instant requestedAt,
      Requirements requirements,
      SchemaContext schema,
      WorkloadContext workload) {
    this(
        SystemKey.DEFAULT_TENANT,
        assessmentId,
        systemId,
        trigger,
        requestedAt,
        requirements,
        schema,
        workload);
  }

  /** A request of {@code tenant} with no workload attached. */
  public AssessmentRequested(
      String tenant,
      String assessmentId,
      String systemId,
      Trigger trigger,
      Instant requestedAt,
      Requirements requirements,
      SchemaContext schema) {
    this(tenant, assessmentId, systemId, trigger, requestedAt, requirements, schema, null);
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

  /** The same request with the live workload attached. */
  public AssessmentRequested withWorkload(WorkloadContext context) {
    return new AssessmentRequested(
        tenant, assessmentId, systemId, trigger, requestedAt, requirements, schema, context);
  }
}
