package dev.dbarch.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.events.AssessmentRequested;
import dev.dbarch.contracts.events.Assumption;
import dev.dbarch.contracts.events.Decision;
import dev.dbarch.contracts.events.IndexSuggestion;
import dev.dbarch.contracts.events.Risk;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.contracts.events.Trigger;
import dev.dbarch.contracts.requirements.Requirements;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * For rule tests: builds requests from the YAML a team would submit (identity added) and reads
 * verdicts back, so each test shows its input in the form users write it.
 */
public final class VerdictChecks {

  private VerdictChecks() {}

  public static AssessmentRequested request(String yaml) {
    try {
      Requirements requirements =
          Json.yaml()
              .readValue("systemId: test-system\nname: Test system\n" + yaml, Requirements.class);
      return new AssessmentRequested(
          "assessment-1",
          "test-system",
          Trigger.SUBMITTED,
          Instant.parse("2026-01-01T00:00:00Z"),
          requirements);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every rule id that produced something: a decision, an index row or a risk. */
  public static List<String> fired(SectionVerdict verdict) {
    return Stream.of(
            verdict.decisions().stream().map(Decision::ruleId),
            verdict.indexes().stream().map(IndexSuggestion::ruleId),
            verdict.risks().stream().map(Risk::ruleId))
        .flatMap(s -> s)
        .distinct()
        .toList();
  }

  /** Every rule id that produced anything, assumptions included: what a firing test asks. */
  public static List<String> spoke(SectionVerdict verdict) {
    return Stream.concat(
            fired(verdict).stream(), verdict.assumptions().stream().map(Assumption::ruleId))
        .distinct()
        .toList();
  }

  public static Decision decision(SectionVerdict verdict, String ruleId) {
    List<Decision> found =
        verdict.decisions().stream().filter(d -> d.ruleId().equals(ruleId)).toList();
    assertThat(found).as("decisions by %s", ruleId).isNotEmpty();
    return found.get(0);
  }

  public static List<Decision> decisions(SectionVerdict verdict, String ruleId) {
    return verdict.decisions().stream().filter(d -> d.ruleId().equals(ruleId)).toList();
  }

  public static List<String> assumedFacts(SectionVerdict verdict) {
    return verdict.assumptions().stream().map(Assumption::fact).toList();
  }

  public static Assumption assumption(SectionVerdict verdict, String fact) {
    List<Assumption> found =
        verdict.assumptions().stream().filter(a -> a.fact().equals(fact)).toList();
    assertThat(found).as("assumption about %s", fact).isNotEmpty();
    Assumption assumption = found.get(0);
    assertThat(verdict.questions()).as("its question is asked").contains(assumption.question());
    return assumption;
  }
}
