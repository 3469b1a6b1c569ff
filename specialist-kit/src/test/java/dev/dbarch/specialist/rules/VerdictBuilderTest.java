package dev.dbarch.specialist.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbarch.contracts.events.AssessmentRequested;
import dev.dbarch.contracts.events.Assumption;
import dev.dbarch.contracts.events.Heading;
import dev.dbarch.contracts.events.Risk;
import dev.dbarch.contracts.events.Section;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.contracts.events.Trigger;
import dev.dbarch.contracts.requirements.Requirements;
import dev.dbarch.contracts.rules.Rule;
import dev.dbarch.contracts.rules.RuleBook;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerdictBuilderTest {

  private final AssessmentRequested request =
      new AssessmentRequested(
          "a-1", "sys", Trigger.SCHEMA_CHANGED, Instant.EPOCH, Requirements.named("sys", "System"));

  @Test
  void anAssumptionAlwaysBringsItsQuestionAndIsRecordedOnce() {
    SectionVerdict verdict =
        new VerdictBuilder(request, Section.RESILIENCE)
            .assume("R-1", "RPO", "one hour", "How much data may you lose?")
            .assume("R-2", "RPO", "one hour", "How much data may you lose?")
            .ask("Is failover automatic?")
            .build();
    assertThat(verdict.assumptions()).hasSize(1);
    assertThat(verdict.questions())
        .containsExactly("How much data may you lose?", "Is failover automatic?");
    assertThat(verdict.systemName()).isEqualTo("System");
    assertThat(verdict.trigger()).isEqualTo(Trigger.SCHEMA_CHANGED);
    assertThat(verdict.section()).isEqualTo(Section.RESILIENCE);
  }

  @Test
  void aTypedFactIsAssumedOnceHoweverItIsWordedButEachSubjectOfAPerSubjectFactCounts() {
    SectionVerdict verdict =
        new VerdictBuilder(request, Section.SELECTION)
            .assume("S-1", Assumption.About.CLOUD, "cloud provider", "none", "Which cloud?")
            .assume("S-2", Assumption.About.CLOUD, "hosting cloud", "any", "Which provider?")
            .assume("S-3", Assumption.About.ACCESS_PATTERN_DETAIL, "SQL of 'a'", "none", "a?")
            .assume("S-3", Assumption.About.ACCESS_PATTERN_DETAIL, "SQL of 'b'", "none", "b?")
            .build();
    assertThat(verdict.assumptions())
        .extracting(Assumption::fact)
        .containsExactly("cloud provider", "SQL of 'a'", "SQL of 'b'");
    assertThat(verdict.questions()).containsExactly("Which cloud?", "a?", "b?");
  }

  @Test
  void aBookRefusesARuleItDoesNotRegisterAndNamesIt() {
    RuleBook book =
        RuleBook.of(
            "resilience",
            new Rule("HA-TIER-001", Heading.HIGH_AVAILABILITY_AND_DR, "A tier", "always"));
    VerdictBuilder builder = new VerdictBuilder(request, Section.RESILIENCE, book);
    builder.risk("HA-TIER-001", "r", Risk.Level.LOW, Risk.Level.LOW, "m");
    assertThatThrownBy(() -> builder.assume("HA-TIER-002", "RPO", "1 h", "RPO?"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("HA-TIER-002")
        .hasMessageContaining("resilience");
    assertThatThrownBy(
            () ->
                builder.decide(
                    "HA-OTHER-001", Heading.HIGH_AVAILABILITY_AND_DR, "t", "c", Map.of(), "r", "t"))
        .hasMessageContaining("HA-OTHER-001");
    assertThat(builder.build().risks()).hasSize(1);
  }

  @Test
  void aBookRefusesTheSameIdTwice() {
    Rule rule = new Rule("HA-TIER-001", Heading.HIGH_AVAILABILITY_AND_DR, "A tier", "always");
    assertThatThrownBy(() -> RuleBook.of("resilience", rule, rule))
        .hasMessageContaining("HA-TIER-001 twice");
  }

  @Test
  void factsSkipUnknownValuesAndPrintWholeNumbersPlainly() {
    assertThat(Facts.of().put("a", 12.0).put("b", null).put("c", 0.5).map())
        .containsExactly(java.util.Map.entry("a", "12"), java.util.Map.entry("c", "0.5"));
  }
}
