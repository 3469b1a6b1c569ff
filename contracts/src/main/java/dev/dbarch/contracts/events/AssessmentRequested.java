package dev.dbarch.contracts.events;

import dev.dbarch.contracts.requirements.Requirements;
import dev.dbarch.contracts.schema.SchemaContext;
import java.time.Instant;
import java.util.Objects;

/** Intake asks the specialists to assess a system. Key: system id. */
public record AssessmentRequested(
    String assessmentId,
    String systemId,
    Trigger trigger,
    Instant requestedAt,
    Requirements requirements,
    SchemaContext schema) {

  /** A request with no schema attached. */
  public AssessmentRequested(
      String assessmentId,
      String systemId,
      Trigger trigger,
      Instant requestedAt,
      Requirements requirements) {
    this(assessmentId, systemId, trigger, requestedAt, requirements, null);
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
}
