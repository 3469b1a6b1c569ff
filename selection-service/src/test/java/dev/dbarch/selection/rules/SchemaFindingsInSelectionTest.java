package dev.dbarch.selection.rules;

import static dev.dbarch.testsupport.VerdictChecks.fired;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.SystemKey;
import dev.dbarch.contracts.events.AssessmentRequested;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.contracts.events.Trigger;
import dev.dbarch.contracts.requirements.Requirements;
import dev.dbarch.contracts.schema.SchemaContext;
import dev.dbarch.contracts.schema.SchemaFinding;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.schema.findings.SchemaRule;
import dev.dbarch.schema.findings.SchemaRules;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The schema findings a request carries reach the selection section as risks: a finding of every
 * schema rule this section reports comes out under its own id, and regulated data (the security
 * section's) does not. When and why each schema rule finds something is schema-kit's to prove.
 */
class SchemaFindingsInSelectionTest {

  private static SectionVerdict assessWithFinding(String ruleId) {
    SchemaFinding finding =
        new SchemaFinding(
            ruleId,
            SchemaFinding.Severity.MEDIUM,
            "public.orders",
            "customer_id",
            "A finding of " + ruleId + ".",
            "Fix it.",
            Map.of());
    SchemaContext schema =
        new SchemaContext(
            new SchemaSnapshot(SchemaSnapshot.Engine.POSTGRESQL, "catalog", "shop", null, null),
            List.of(finding),
            null,
            null);
    return SelectionRules.assess(
        new AssessmentRequested(
            SystemKey.DEFAULT_TENANT,
            "a-1",
            "shop",
            Trigger.SCHEMA_CHANGED,
            Instant.parse("2026-01-01T00:00:00Z"),
            Requirements.named("shop", "Shop"),
            schema,
            null));
  }

  @TestFactory
  Stream<DynamicTest> eachFindingOfASchemaRuleThisSectionReportsBecomesARisk() {
    return SchemaRules.ALL.stream()
        .map(SchemaRule::id)
        .filter(id -> !id.equals("SCH-PII-001"))
        .map(
            id ->
                DynamicTest.dynamicTest(
                    id,
                    () -> {
                      assertThat(SelectionRuleBook.BOOK.contains(id)).isTrue();
                      assertThat(fired(assessWithFinding(id))).contains(id);
                    }));
  }

  @TestFactory
  Stream<DynamicTest> regulatedDataIsLeftToTheSecuritySection() {
    return Stream.of(
        DynamicTest.dynamicTest(
            "SCH-PII-001",
            () -> {
              assertThat(SelectionRuleBook.BOOK.contains("SCH-PII-001")).isFalse();
              assertThat(fired(assessWithFinding("SCH-PII-001"))).doesNotContain("SCH-PII-001");
            }));
  }
}
