package dev.dbarch.security.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.events.AssessmentRequested;
import dev.dbarch.contracts.events.Risk;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.contracts.events.Trigger;
import dev.dbarch.contracts.requirements.Requirements;
import dev.dbarch.contracts.schema.SchemaContext;
import dev.dbarch.contracts.schema.SchemaFinding;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SCH-PII-001 reaches this section from the schema findings of a monitored or submitted schema, not
 * from a requirements document: the section reports it as a risk, and stays silent when the
 * schema's only findings belong to other sections.
 */
class RegulatedColumnsTest {

  static final SchemaFinding FK_WITHOUT_INDEX =
      new SchemaFinding(
          "SCH-FK-001",
          SchemaFinding.Severity.HIGH,
          "public.orders",
          "customer_id",
          "Foreign key without an index.",
          "CREATE INDEX CONCURRENTLY orders_customer_id_idx ON public.orders (customer_id)",
          Map.of());

  static final SchemaFinding CARD_NUMBER =
      new SchemaFinding(
          "SCH-PII-001",
          SchemaFinding.Severity.HIGH,
          "public.customers",
          "card_number",
          "Cardholder data (PCI-DSS).",
          "Tokenize it.",
          Map.of());

  static SectionVerdict assess(SchemaFinding... findings) {
    SchemaContext schema =
        new SchemaContext(
            new SchemaSnapshot(SchemaSnapshot.Engine.POSTGRESQL, "catalog", "shop", null, null),
            List.of(findings),
            null,
            null);
    return SecurityRules.assess(
        new AssessmentRequested(
            "a", "s", Trigger.SCHEMA_CHANGED, Instant.EPOCH, Requirements.named("s", "S"), schema));
  }

  static List<String> riskIds(SectionVerdict verdict) {
    return verdict.risks().stream().map(Risk::ruleId).toList();
  }

  @Test
  void aRegulatedColumnIsReportedAsARiskNamedByItsTable() {
    SectionVerdict verdict = assess(FK_WITHOUT_INDEX, CARD_NUMBER);
    assertThat(verdict.risks())
        .filteredOn(r -> r.ruleId().equals("SCH-PII-001"))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.risk()).startsWith("public.customers.card_number: ");
              assertThat(r.mitigation()).isEqualTo("Tokenize it.");
            });
  }

  @Test
  void aSchemaWhoseFindingsBelongToOtherSectionsAddsNoSchemaRisk() {
    assertThat(riskIds(assess(FK_WITHOUT_INDEX))).noneMatch(id -> id.startsWith("SCH-"));
  }
}
