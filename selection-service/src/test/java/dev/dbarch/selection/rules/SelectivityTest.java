package dev.dbarch.selection.rules;

import static dev.dbarch.selection.rules.Requests.assess;
import static dev.dbarch.testsupport.VerdictChecks.fired;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.dbarch.contracts.events.IndexSuggestion;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.testsupport.VerdictChecks;
import org.junit.jupiter.api.Test;

/** The selectivity column: distinct values / rows, estimated from row counts and column names. */
class SelectivityTest {

  static final String ROWS =
      """
      scale:
        tableRows: {orders: 5000000, customers: 250000, users: 800, countries: 40}
      accessPatterns:
      """;

  @Test
  void figuresAreEstimatedWhenTheRowCountsAreKnown() {
    SectionVerdict verdict =
        assess(
            ROWS
                + """
                  - {name: by number, table: orders, filters: [order_number]}
                  - {name: by customer, table: orders, filters: [customer_id]}
                  - {name: by user, table: orders, filters: [user_id]}
                  - {name: by country, table: orders, filters: [country_id]}
                  - {name: by status, table: orders, filters: ["status = ?"]}
                  - {name: by note, table: orders, filters: [note]}
                """);

    assertThat(verdict.indexes())
        .extracting(IndexSuggestion::index, IndexSuggestion::selectivity)
        .containsExactly(
            tuple("idx_orders_order_number", "High: ≈1 (unique, 5,000,000 rows)"),
            tuple("idx_orders_customer_id", "Medium: ≈0.05 (250,000 customers / 5,000,000 rows)"),
            tuple("idx_orders_user_id", "Medium: ≈0.00016 (800 users / 5,000,000 rows)"),
            tuple(
                "idx_orders_country_id",
                "Low: ≈0.000008 (40 countries / 5,000,000 rows): lead with a selective column"),
            tuple(
                "idx_orders_status",
                "Low: ≤ 0.00002 (under 100 distinct values / 5,000,000 rows): lead with a"
                    + " selective column"),
            tuple("idx_orders_note", "Unknown: check distinct values / rows (aim above 0.1)"));
    assertThat(VerdictChecks.assumption(verdict, "distinct values of the indexed columns").ruleId())
        .isEqualTo("SEL-IDX-001");
  }

  @Test
  void aForeignKeyNearlyAsSelectiveAsItsTableIsHigh() {
    SectionVerdict verdict =
        assess(
            """
            scale: {tableRows: {orders: 1000000, customers: 400000}}
            accessPatterns:
              - {name: by customer, table: orders, filters: [customer_id]}
            """);

    assertThat(verdict.indexes().get(0).selectivity())
        .isEqualTo("High: ≈0.4 (400,000 customers / 1,000,000 rows)");
  }

  @Test
  void withoutRowCountsTheNameDecidesAndNothingIsAssumed() {
    SectionVerdict verdict =
        assess(
            """
            accessPatterns:
              - {name: by customer, table: orders, filters: [customer_id]}
            """);

    assertThat(verdict.indexes().get(0).selectivity()).isEqualTo("High");
    assertThat(VerdictChecks.assumedFacts(verdict))
        .doesNotContain("distinct values of the indexed columns");
  }

  @Test
  void aLowCardinalityLeadingColumnIsARisk() {
    SectionVerdict verdict =
        assess(ROWS + "  - {name: by country, table: orders, filters: [country_id]}\n");

    assertThat(verdict.risks())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.ruleId()).isEqualTo("SEL-IDX-010");
              assertThat(r.risk()).startsWith("idx_orders_country_id leads with country_id");
              assertThat(r.mitigation()).contains("partial index");
            });
  }

  @Test
  void aLowCardinalityColumnBehindASelectiveOneIsNoRisk() {
    SectionVerdict verdict =
        assess(ROWS + "  - {name: mine, table: orders, filters: [customer_id, \"status = ?\"]}\n");

    assertThat(verdict.indexes().get(0).type()).isEqualTo("B-tree (customer_id, status)");
    assertThat(fired(verdict)).doesNotContain("SEL-IDX-010");
  }

  @Test
  void aPartialIndexOnItsFixedValueIsNoRisk() {
    SectionVerdict verdict =
        assess(ROWS + "  - {name: open, table: orders, filters: [\"status = 'open'\"]}\n");

    assertThat(verdict.indexes())
        .extracting(IndexSuggestion::type, IndexSuggestion::selectivity)
        .containsExactly(
            tuple(
                "B-tree (status) WHERE status = 'open'", "Low key, narrowed by the WHERE clause"));
    assertThat(fired(verdict)).doesNotContain("SEL-IDX-010");
  }

  @Test
  void significantDigitsNeverUseScientificNotation() {
    assertThat(IndexingStrategy.significant(0.0000123)).isEqualTo("0.000012");
    assertThat(IndexingStrategy.significant(1.0)).isEqualTo("1");
    assertThat(IndexingStrategy.significant(0.4)).isEqualTo("0.4");
  }
}
