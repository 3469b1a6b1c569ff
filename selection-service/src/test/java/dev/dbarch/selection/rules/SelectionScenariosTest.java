package dev.dbarch.selection.rules;

import static dev.dbarch.selection.rules.Requests.assess;
import static dev.dbarch.testsupport.VerdictChecks.decision;
import static dev.dbarch.testsupport.VerdictChecks.fired;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.events.Alternative;
import dev.dbarch.contracts.events.Decision;
import dev.dbarch.contracts.events.Heading;
import dev.dbarch.contracts.events.IndexSuggestion;
import dev.dbarch.contracts.events.Section;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.testsupport.VerdictChecks;
import org.junit.jupiter.api.Test;

/** The seed's situations end to end through the selection rules. */
class SelectionScenariosTest {

  @Test
  void ecommercePlatformGetsPostgresOnRdsWithItsSchemaAndIndexes() {
    SectionVerdict verdict = assess(Requests.ECOMMERCE);

    assertThat(verdict.section()).isEqualTo(Section.SELECTION);
    assertThat(decision(verdict, "SEL-REL-001").choice()).isEqualTo("PostgreSQL 17");
    assertThat(decision(verdict, "SEL-HOST-001").choice())
        .isEqualTo("Managed: Amazon RDS for PostgreSQL (Multi-AZ)");
    assertThat(decision(verdict, "SEL-SCHEMA-001").choice())
        .contains("key entities so far: order_items, orders, products, reviews");
    assertThat(decision(verdict, "SEL-SCHEMA-003").choice()).contains("(catalog, reviews)");
    assertThat(decision(verdict, "SEL-SCHEMA-005").choice()).startsWith("ltree");
    assertThat(decision(verdict, "SEL-SCHEMA-006").choice())
        .contains("order_items (about 264 GB, by created_at)")
        .doesNotContain("orders (");
    assertThat(verdict.indexes())
        .extracting(IndexSuggestion::table, IndexSuggestion::type, IndexSuggestion::selectivity)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "orders", "B-tree (customer_id, created_at)", "High"),
            org.assertj.core.groups.Tuple.tuple(
                "products", "B-tree (category_id, status, price)", "High"));
    assertThat(verdict.alternatives())
        .extracting(Alternative::approach)
        .containsExactly("MySQL 8.4 LTS", "MongoDB 8.0", "CockroachDB 25.2");
    assertThat(fired(verdict))
        .contains("SEL-POLY-001", "SEL-LOCK-001", "SEL-IDX-003", "SEL-IDX-004", "SEL-ALT-001")
        .doesNotContain("SEL-WIDE-001", "SEL-GLOBAL-001", "SEL-POLY-002", "SEL-SCHEMA-002");
  }

  @Test
  void everyDecisionCarriesItsRuleFactsRationaleAndTradeOff() {
    SectionVerdict verdict = assess(Requests.ECOMMERCE);

    for (Decision d : verdict.decisions()) {
      assertThat(d.ruleId()).as("rule id").startsWith("SEL-");
      assertThat(Section.owning(d.heading())).as(d.ruleId()).isEqualTo(Section.SELECTION);
      assertThat(d.rationale()).as(d.ruleId() + " rationale").isNotBlank();
      assertThat(d.tradeOff()).as(d.ruleId() + " trade-off").isNotBlank();
    }
    assertThat(verdict.decisions())
        .filteredOn(d -> d.heading() == Heading.RECOMMENDED_TECHNOLOGY)
        .allSatisfy(d -> assertThat(d.facts()).isNotEmpty());
  }

  @Test
  void oracleMigrationKeepsAnalyticsOffThePrimaryAndAsksForTableSizes() {
    SectionVerdict verdict = assess(Requests.ORACLE_MIGRATION);

    assertThat(decision(verdict, "SEL-REL-001").choice()).isEqualTo("PostgreSQL 17");
    assertThat(fired(verdict)).contains("SEL-POLY-002", "SEL-SCHEMA-001", "SEL-SCHEMA-002");
    assertThat(decision(verdict, "SEL-SCHEMA-006").choice()).contains("the largest table");
    assertThat(VerdictChecks.assumption(verdict, "table sizes").assumed()).contains("2300 GB");
    assertThat(VerdictChecks.assumption(verdict, "access patterns").ruleId())
        .isEqualTo("SEL-IDX-001");
  }

  @Test
  void aBareRequestIsAnsweredWithAssumptionsAndTheirQuestions() {
    SectionVerdict verdict = assess("");

    assertThat(decision(verdict, "SEL-REL-001").choice()).isEqualTo("PostgreSQL 17");
    assertThat(VerdictChecks.assumedFacts(verdict))
        .contains(
            "workload type",
            "data volume",
            "consistency model",
            "compliance regimes",
            "data shape",
            "multi-region",
            "existing databases",
            "managed service preference",
            "cloud provider",
            "read:write ratio",
            "access patterns");
    assertThat(verdict.assumptions())
        .allSatisfy(a -> assertThat(verdict.questions()).contains(a.question()));
    assertThat(fired(verdict))
        .doesNotContain("SEL-REQ-001", "SEL-REQ-002", "SEL-REQ-003", "SEL-REQ-004");
  }

  @Test
  void theSameInputGivesByteIdenticalVerdicts() {
    String first = Json.toJson(assess(Requests.ECOMMERCE));
    String second = Json.toJson(assess(Requests.ECOMMERCE));

    assertThat(second).isEqualTo(first);
  }
}
