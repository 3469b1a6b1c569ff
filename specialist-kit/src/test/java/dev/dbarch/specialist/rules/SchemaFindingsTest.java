package dev.dbarch.specialist.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.events.AssessmentRequested;
import dev.dbarch.contracts.events.Risk;
import dev.dbarch.contracts.events.Section;
import dev.dbarch.contracts.events.Trigger;
import dev.dbarch.contracts.requirements.Requirements;
import dev.dbarch.contracts.schema.SchemaContext;
import dev.dbarch.contracts.schema.SchemaFinding;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaFindingsTest {

  private static AssessmentRequested request(SchemaContext schema) {
    return new AssessmentRequested(
        "a", "s", Trigger.SCHEMA_CHANGED, Instant.EPOCH, Requirements.named("s", "S"), schema);
  }

  @Test
  void aSectionTakesTheFindingsItOwnsAsRisksNamedByTable() {
    SchemaContext schema =
        new SchemaContext(
            new SchemaSnapshot(SchemaSnapshot.Engine.POSTGRESQL, "catalog", "shop", null, null),
            List.of(
                new SchemaFinding(
                    "SCH-FK-001",
                    SchemaFinding.Severity.HIGH,
                    "public.orders",
                    "customer_id",
                    "Foreign key without an index.",
                    "CREATE INDEX ...",
                    Map.of()),
                new SchemaFinding(
                    "SCH-PII-001",
                    SchemaFinding.Severity.MEDIUM,
                    "public.customers",
                    "card_number",
                    "Card data.",
                    "Tokenize it.",
                    Map.of())),
            null,
            null);
    VerdictBuilder verdict = new VerdictBuilder(request(schema), Section.SELECTION);

    assertThat(
            SchemaFindings.report(
                request(schema), verdict, SchemaFindings.prefixed("SCH-FK-", "SCH-PK-")))
        .isEqualTo(1);
    List<Risk> risks = verdict.build().risks();
    assertThat(risks)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.ruleId()).isEqualTo("SCH-FK-001");
              assertThat(r.risk())
                  .isEqualTo("public.orders.customer_id: Foreign key without an index.");
              assertThat(r.impact()).isEqualTo(Risk.Level.HIGH);
              assertThat(r.mitigation()).isEqualTo("CREATE INDEX ...");
            });
  }

  @Test
  void noSchemaNoRisks() {
    VerdictBuilder verdict = new VerdictBuilder(request(null), Section.SECURITY);
    assertThat(SchemaFindings.report(request(null), verdict, id -> true)).isZero();
    assertThat(verdict.build().risks()).isEmpty();
  }
}
