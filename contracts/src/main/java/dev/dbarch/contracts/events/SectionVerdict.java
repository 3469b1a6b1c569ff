package dev.dbarch.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.dbarch.contracts.SystemKey;
import java.util.List;
import java.util.Objects;

/**
 * One specialist's verdict on one assessment. Key: {@link SystemKey} ({@code tenant/systemId}).
 * Lists are never null so that consumers and golden files see the same shape every time.
 *
 * @param tenant copied from the request; a v1 record without one belongs to {@value
 *     SystemKey#DEFAULT_TENANT}
 */
public record SectionVerdict(
    String tenant,
    String assessmentId,
    String systemId,
    String systemName,
    Trigger trigger,
    Section section,
    List<Decision> decisions,
    List<IndexSuggestion> indexes,
    List<Risk> risks,
    List<Alternative> alternatives,
    List<Assumption> assumptions,
    List<String> questions) {

  /** A verdict of the default tenant (tests and tools). */
  public SectionVerdict(
      String assessmentId,
      String systemId,
      String systemName,
      Trigger trigger,
      Section section,
      List<Decision> decisions,
      List<IndexSuggestion> indexes,
      List<Risk> risks,
      List<Alternative> alternatives,
      List<Assumption> assumptions,
      List<String> questions) {
    this(
        SystemKey.DEFAULT_TENANT,
        assessmentId,
        systemId,
        systemName,
        trigger,
        section,
        decisions,
        indexes,
        risks,
        alternatives,
        assumptions,
        questions);
  }

  public SectionVerdict {
    tenant = SystemKey.tenantOrDefault(tenant);
    Objects.requireNonNull(assessmentId, "assessmentId");
    Objects.requireNonNull(systemId, "systemId");
    Objects.requireNonNull(section, "section");
    decisions = List.copyOf(Objects.requireNonNullElse(decisions, List.of()));
    indexes = List.copyOf(Objects.requireNonNullElse(indexes, List.of()));
    risks = List.copyOf(Objects.requireNonNullElse(risks, List.of()));
    alternatives = List.copyOf(Objects.requireNonNullElse(alternatives, List.of()));
    assumptions = List.copyOf(Objects.requireNonNullElse(assumptions, List.of()));
    questions = List.copyOf(Objects.requireNonNullElse(questions, List.of()));
  }

  /** The same verdict with other risks. */
  public SectionVerdict withRisks(List<Risk> others) {
    return new SectionVerdict(
        tenant,
        assessmentId,
        systemId,
        systemName,
        trigger,
        section,
        decisions,
        indexes,
        others,
        alternatives,
        assumptions,
        questions);
  }

  /** The record's Kafka key. */
  @JsonIgnore
  public SystemKey systemKey() {
    return SystemKey.of(tenant, systemId);
  }
}
