package dev.dbarch.selection.rules;

import static dev.dbarch.selection.rules.Requests.assess;
import static dev.dbarch.testsupport.VerdictChecks.decision;
import static dev.dbarch.testsupport.VerdictChecks.fired;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.dbarch.contracts.events.IndexSuggestion;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.selection.rules.IndexingStrategy.Filter;
import dev.dbarch.selection.rules.IndexingStrategy.Kind;
import dev.dbarch.testsupport.VerdictChecks;
import org.junit.jupiter.api.Test;

class IndexingStrategyTest {

  @Test
  void filtersAreReadAsEqualityRangeFixedValueOrIndexDefeating() {
    assertThat(Filter.parse("customer_id").kind()).isEqualTo(Kind.EQUALITY);
    assertThat(Filter.parse("o.customer_id = ?").column()).isEqualTo("customer_id");
    assertThat(Filter.parse("customer_id IN (?)").kind()).isEqualTo(Kind.EQUALITY);
    assertThat(Filter.parse("created_at >= ?").kind()).isEqualTo(Kind.RANGE);
    assertThat(Filter.parse("name LIKE 'abc%'").kind()).isEqualTo(Kind.RANGE);
    assertThat(Filter.parse("status = 'active'").predicate()).isEqualTo("status = 'active'");
    assertThat(Filter.parse("deleted_at IS NULL").kind()).isEqualTo(Kind.FIXED_VALUE);
    assertThat(Filter.parse("customer_id = 42").kind()).isEqualTo(Kind.EQUALITY);
    assertThat(Filter.parse("YEAR(created_at) = 2024").column()).isEqualTo("created_at");
    assertThat(Filter.parse("YEAR(created_at) = 2024").kind()).isEqualTo(Kind.FUNCTION);
    assertThat(Filter.parse("name LIKE '%abc'").kind()).isEqualTo(Kind.UNINDEXABLE);
    assertThat(Filter.parse("status <> 'x'").kind()).isEqualTo(Kind.UNINDEXABLE);
  }

  @Test
  void equalityColumnsLeadMostSelectiveFirstThenSortThenRange() {
    SectionVerdict verdict =
        assess(
            """
            accessPatterns:
              - name: open orders of a customer
                table: orders
                filters: [status, "created_at > ?", customer_id]
                orderBy: [total DESC]
            """);

    assertThat(verdict.indexes())
        .extracting(IndexSuggestion::ruleId, IndexSuggestion::index, IndexSuggestion::type)
        .containsExactly(
            tuple(
                "SEL-IDX-001",
                "idx_orders_customer_id_status_total_created_at",
                "B-tree (customer_id, status, total, created_at)"));
  }

  @Test
  void anIndexServesTheQueriesOnItsLeftmostPrefix() {
    SectionVerdict verdict =
        assess(
            """
            accessPatterns:
              - {name: by customer, table: orders, filters: [customer_id]}
              - {name: history, table: orders, filters: [customer_id], orderBy: [created_at]}
              - {name: by sku, table: order_items, filters: [sku]}
            """);

    assertThat(verdict.indexes())
        .extracting(IndexSuggestion::table, IndexSuggestion::type, IndexSuggestion::purpose)
        .containsExactly(
            tuple("orders", "B-tree (customer_id, created_at)", "by customer; history"),
            tuple("order_items", "B-tree (sku)", "by sku"));
    assertThat(decision(verdict, "SEL-IDX-001").choice()).startsWith("2 composite index(es) for 3");
  }

  @Test
  void aFixedLowCardinalityValueBecomesAPartialIndex() {
    SectionVerdict verdict =
        assess(
            """
            accessPatterns:
              - {name: active users by email, table: users, filters: [email, "status = 'active'"]}
            """);

    assertThat(verdict.indexes())
        .extracting(IndexSuggestion::ruleId, IndexSuggestion::type)
        .containsExactly(tuple("SEL-IDX-002", "B-tree (email) WHERE status = 'active'"));
    assertThat(fired(verdict)).contains("SEL-IDX-002");
  }

  @Test
  void aParameterOnTheSameColumnIsNotAPartialIndex() {
    SectionVerdict verdict =
        assess(
            """
            accessPatterns:
              - {name: users by email and status, table: users, filters: [email, "status = ?"]}
            """);

    assertThat(fired(verdict)).doesNotContain("SEL-IDX-002");
    assertThat(verdict.indexes().get(0).type()).isEqualTo("B-tree (email, status)");
  }

  @Test
  void missingAccessPatternsAreAssumedAndAsked() {
    SectionVerdict verdict = assess("dataShape: {relational: true}\n");

    assertThat(fired(verdict)).doesNotContain("SEL-IDX-001");
    assertThat(VerdictChecks.assumption(verdict, "access patterns").question())
        .contains("most frequent queries");
  }

  @Test
  void sqlWithoutAFilterNeedsNoIndexAndRaisesNoQuestion() {
    SectionVerdict verdict =
        assess(
            """
            accessPatterns:
              - {name: monthly report, sql: "SELECT sum(total) FROM orders"}
            """);

    assertThat(verdict.indexes()).isEmpty();
    assertThat(VerdictChecks.assumedFacts(verdict))
        .noneMatch(f -> f.contains("access pattern 'monthly report'"));
  }

  @Test
  void structurelessPatternsAreAskedAboutRatherThanGuessed() {
    SectionVerdict verdict =
        assess(
            """
            accessPatterns:
              - {name: monthly report}
            """);

    assertThat(verdict.indexes()).isEmpty();
    assertThat(VerdictChecks.assumption(verdict, "structure of access pattern 'monthly report'"))
        .isNotNull();
  }

  @Test
  void foreignKeysAreAlwaysIndexedAndJoinColumnsListed() {
    SectionVerdict verdict =
        assess(
            """
            accessPatterns:
              - name: order lines with products
                table: order_items
                filters: [order_id]
                joins: ["order_items.product_id = products.id", "order_items.order_id = orders.id"]
            """);

    assertThat(decision(verdict, "SEL-IDX-003").choice())
        .isEqualTo(
            "Index every foreign key column on the referencing side; 1 join column(s) from the"
                + " access patterns listed");
    assertThat(verdict.indexes())
        .extracting(IndexSuggestion::ruleId, IndexSuggestion::index)
        .containsExactly(
            tuple("SEL-IDX-001", "idx_order_items_order_id"),
            tuple("SEL-IDX-003", "idx_order_items_product_id"));
  }

  @Test
  void aStoreWithoutForeignKeysGetsNoForeignKeyRule() {
    assertThat(fired(assess("dataShape: {flexibleDocuments: true}\n")))
        .doesNotContain("SEL-IDX-003");
  }

  @Test
  void documentStoresGetCompoundIndexesInTheSameOrder() {
    SectionVerdict verdict =
        assess(
            """
            dataShape: {flexibleDocuments: true}
            accessPatterns:
              - {name: history, table: orders, filters: [customer_id], orderBy: [created_at]}
            """);

    assertThat(verdict.indexes().get(0).type())
        .isEqualTo("Compound index {customer_id: 1, created_at: 1}");
  }

  @Test
  void ginIndexesOnlyForJsonbOrSearchOnPostgres() {
    assertThat(
            decision(assess("dataShape: {relational: true, fullTextSearch: true}\n"), "SEL-IDX-004")
                .choice())
        .isEqualTo("GIN indexes on the tsvector columns (full-text search)");
    assertThat(fired(assess("dataShape: {relational: true}\n"))).doesNotContain("SEL-IDX-004");
  }

  @Test
  void writeHeavyWorkloadsKeepAnIndexBudget() {
    assertThat(fired(assess("workload: {readWriteRatio: 0.5}\n"))).contains("SEL-IDX-006");
    assertThat(fired(assess("workload: {readWriteRatio: 1}\n"))).doesNotContain("SEL-IDX-006");
  }

  @Test
  void aFunctionAroundAFilteredColumnIsARisk() {
    SectionVerdict verdict =
        assess(
            """
            accessPatterns:
              - {name: orders of a year, table: orders, filters: ["YEAR(created_at) = 2024"]}
            """);

    assertThat(verdict.risks())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.ruleId()).isEqualTo("SEL-IDX-007");
              assertThat(r.mitigation()).contains("Compare the bare column");
            });
    assertThat(verdict.indexes()).isEmpty();
  }

  @Test
  void aPlainRangeFilterIsNoRisk() {
    SectionVerdict verdict =
        assess(
            """
            accessPatterns:
              - {name: orders of a year, table: orders, filters: ["created_at >= ?"]}
            """);

    assertThat(fired(verdict)).doesNotContain("SEL-IDX-007");
  }
}
