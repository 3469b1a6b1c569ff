package dev.dbarch.contracts.events;

import dev.dbarch.contracts.requirements.Requirements;
import dev.dbarch.contracts.schema.SchemaContext;
import dev.dbarch.contracts.workload.WorkloadContext;
import java.time.Instant;
import java.util.Objects;

/**
 * Intake asks the specialists to assess a system. Key: system id.
 *
 * @param schema the schema the assessment is about, when one is known
 * @param workload the live workload of the system's monitored database, when one is read
 */
public record AssessmentRequested(
    String assessmentId,
    String systemId,
    Trigger trigger,
    Instant requestedAt,
    Requirements requirements,
    SchemaContext schema,
    WorkloadContext workload) {

  /** A request with no schema or workload attached. */
  public AssessmentRequested(
      String assessmentId,
      String systemId,
      Trigger trigger,
      Instant requestedAt,
      Requirements requirements) {
    this(assessmentId, systemId, trigger, requestedAt, requirements, null, null);
  }

  /** A request with no workload attached. */
  public AssessmentRequested(
      String assessmentId,
      String systemId,
      Trigger trigger,
      Instant requestedAt,
      Requirements requirements,
      SchemaContext schema) {
    this(assessmentId, systemId, trigger, requestedAt, requirements, schema, null);
  }

  public AssessmentRequested {
    Objects.requireNonNull(assessmentId, "assessmentId");
    Objects.requireNonNull(systemId, "systemId");
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(requirements, "requirements");
    if (!systemId.equals(requirements.systemId())) {
      throw new IllegalArgumentException("systemId differs from requirements.systemId");
    }
  }

  /** The same request with the live workload attached. */
  public AssessmentRequested withWorkload(WorkloadContext context) {
    return new AssessmentRequested(
        assessmentId, systemId, trigger, requestedAt, requirements, schema, context);
  }
}
