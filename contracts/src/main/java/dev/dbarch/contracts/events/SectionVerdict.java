package dev.dbarch.contracts.events;

import java.util.List;
import java.util.Objects;

/**
 * One specialist's verdict on one assessment. Key: system id. Lists are never null so that
 * consumers and golden files see the same shape every time.
 */
public record SectionVerdict(
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

  public SectionVerdict {
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
}
