package dev.dbarch.selection.rules;

import static dev.dbarch.selection.rules.Requests.assess;
import static dev.dbarch.testsupport.VerdictChecks.decision;
import static dev.dbarch.testsupport.VerdictChecks.fired;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.events.Heading;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.testsupport.VerdictChecks;
import org.junit.jupiter.api.Test;

class RequirementsSummaryTest {

  @Test
  void restatesEachGivenGroupAsGiven() {
    SectionVerdict verdict = assess(Requests.ECOMMERCE);

    assertThat(decision(verdict, "SEL-REQ-001").choice())
        .isEqualTo(
            "OLTP; 20 reads per write; peak 1,500 queries/s (average 300); ACID transactions for"
                + " order placement with inventory reservation");
    assertThat(decision(verdict, "SEL-REQ-001").heading()).isEqualTo(Heading.REQUIREMENTS_SUMMARY);
    assertThat(decision(verdict, "SEL-REQ-002").choice())
        .isEqualTo(
            "50 GB now, 400 GB in 12 months; 10,000 orders/day rising to 100,000; largest tables:"
                + " order_items 11,000,000 rows, orders 3,650,000 rows, reviews 2,000,000 rows");
    assertThat(decision(verdict, "SEL-REQ-003").choice())
        .isEqualTo(
            "strong overall; per area: catalog eventual, inventory strong, reviews eventual;"
                + " transaction scope: order placement with inventory reservation");
    assertThat(decision(verdict, "SEL-REQ-004").choice()).isEqualTo("GDPR, PCI-DSS");
    assertThat(decision(verdict, "SEL-REQ-004").facts()).containsEntry("regimes", "GDPR, PCI-DSS");
  }

  @Test
  void aMissingGroupIsAnAssumptionNotASummary() {
    SectionVerdict verdict =
        assess(
            """
            workload:
              type: OLAP
            """);

    assertThat(fired(verdict)).contains("SEL-REQ-001");
    assertThat(fired(verdict)).doesNotContain("SEL-REQ-002", "SEL-REQ-003", "SEL-REQ-004");
    assertThat(VerdictChecks.assumption(verdict, "data volume").ruleId()).isEqualTo("SEL-REQ-002");
    assertThat(VerdictChecks.assumption(verdict, "consistency model").ruleId())
        .isEqualTo("SEL-REQ-003");
    assertThat(VerdictChecks.assumption(verdict, "compliance regimes").ruleId())
        .isEqualTo("SEL-REQ-004");
  }

  @Test
  void withNoGroupToRestateTheSummarySaysWhatWasGiven() {
    SectionVerdict verdict = assess("platform: {cloud: AWS}\n");

    assertThat(decision(verdict, "SEL-REQ-005").choice())
        .startsWith("Only platform; no workload, scale, consistency or compliance figures");
    assertThat(fired(assess("workload: {type: OLTP}\n"))).doesNotContain("SEL-REQ-005");
  }

  @Test
  void latencyTargetsJoinTheWorkloadLine() {
    SectionVerdict verdict =
        assess(
            """
            workload:
              type: OLTP
            latency:
              p99WriteMs: 5
            """);

    assertThat(decision(verdict, "SEL-REQ-001").choice())
        .isEqualTo("OLTP; p99 targets: read not stated, write 5 ms");
  }
}
