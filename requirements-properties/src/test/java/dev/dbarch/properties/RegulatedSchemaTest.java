package dev.dbarch.properties;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.events.AssessmentRequested;
import dev.dbarch.contracts.events.Assumption;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.contracts.events.Trigger;
import dev.dbarch.contracts.profile.SystemProfile;
import dev.dbarch.contracts.requirements.Requirements;
import dev.dbarch.contracts.schema.SchemaContext;
import dev.dbarch.contracts.schema.SchemaFinding;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.security.rules.SecurityRules;
import dev.dbarch.selection.rules.SelectionRules;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * When the schema rules find regulated columns and the team named no regime, no section assumes
 * that no regime applies: the document would otherwise contradict its own schema findings.
 */
class RegulatedSchemaTest {

  private static AssessmentRequested request(List<SchemaFinding> findings) {
    SchemaContext schema =
        new SchemaContext(
            new SchemaSnapshot(
                SchemaSnapshot.Engine.POSTGRESQL, "catalog", "shop", List.of(), List.of(), "15.8"),
            findings,
            null,
            null);
    return new AssessmentRequested(
        "a",
        "shop",
        Trigger.SCHEMA_CHANGED,
        Instant.EPOCH,
        Requirements.named("shop", "Shop"),
        schema);
  }

  private static SchemaFinding regulated(String column, String regime) {
    return new SchemaFinding(
        SystemProfile.REGULATED_DATA_RULE,
        SchemaFinding.Severity.HIGH,
        "public.payments",
        column,
        "Column " + column + " looks regulated.",
        "Protect it.",
        Map.of("regime", regime));
  }

  private static List<String> assumedRegimes(AssessmentRequested request) {
    return Stream.of(SelectionRules.assess(request), SecurityRules.assess(request))
        .map(SectionVerdict::assumptions)
        .flatMap(List::stream)
        .filter(a -> a.fact().equals("compliance regimes"))
        .map(Assumption::assumed)
        .toList();
  }

  @Test
  void regulatedColumnsReplaceTheNoRegimeAssumptionInEverySection() {
    AssessmentRequested request =
        request(List.of(regulated("card_number", "PCI-DSS"), regulated("email", "GDPR")));

    List<String> assumed = assumedRegimes(request);

    assertThat(assumed)
        .hasSize(2)
        .allSatisfy(
            a ->
                assertThat(a)
                    .isEqualTo(
                        "GDPR, PCI-DSS, which the schema's regulated data brings in (2 columns"
                            + " flagged by SCH-PII-001)"));
    // Security acts on what it assumed: PCI-DSS makes encryption at rest mandatory (SEC-ENC-001).
    assertThat(SecurityRules.assess(request).decisions())
        .anySatisfy(d -> assertThat(d.ruleId()).isEqualTo("SEC-ENC-001"));
  }

  @Test
  void credentialsAloneAreNoRegimeButAreNotIgnored() {
    assertThat(assumedRegimes(request(List.of(regulated("password_hash", "credentials")))))
        .hasSize(2)
        .allSatisfy(a -> assertThat(a).startsWith("no regulatory regime, but the schema holds"));
  }

  @Test
  void withoutRegulatedColumnsTheAssumptionStaysNoRegime() {
    AssessmentRequested request = request(List.of());
    assertThat(assumedRegimes(request))
        .hasSize(2)
        .allSatisfy(a -> assertThat(a).isEqualTo("no regulatory regime applies"));
    assertThat(SecurityRules.assess(request).decisions())
        .noneSatisfy(d -> assertThat(d.ruleId()).isEqualTo("SEC-ENC-001"));
  }
}
