package dev.dbarch.selection.rules;

import static dev.dbarch.selection.rules.Requests.assess;
import static dev.dbarch.testsupport.VerdictChecks.decision;
import static dev.dbarch.testsupport.VerdictChecks.fired;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.dbarch.contracts.events.IndexSuggestion;
import dev.dbarch.contracts.events.Risk;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.testsupport.VerdictChecks;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The seed's document model: embed vs reference, unbounded arrays, DynamoDB single-table design.
 */
class DocumentModelTest {

  @Nested
  class EmbedOrReference {

    @Test
    void fewChildrenReadTogetherAreEmbeddedAndManyAreReferencedWithAWarning() {
      SectionVerdict verdict = assess(Situations.CONTENT_MONGODB);

      assertThat(decision(verdict, "SEL-DOCM-001").choice())
          .isEqualTo("Embed tags inside articles (about 4 per article, read together)");
      assertThat(decision(verdict, "SEL-DOCM-002").choice())
          .isEqualTo(
              "Reference comments in its own collection, pointing at articles by article_id"
                  + " (about 150 per article)");
      assertThat(verdict.risks()).extracting(Risk::ruleId).containsExactly("SEL-DOCM-003");
      assertThat(verdict.risks().get(0).risk())
          .contains("unbounded array")
          .contains("16 MB per document");
      assertThat(verdict.risks().get(0).mitigation()).contains("$push with $slice");
    }

    @Test
    void childrenReadOnTheirOwnAreReferencedEvenWhenFew() {
      SectionVerdict verdict =
          assess(
              """
              dataShape: {flexibleDocuments: true}
              scale: {tableRows: {orders: 1000, order_items: 3000}}
              accessPatterns:
                - {name: order page, table: orders, filters: [order_number], joins: ["order_items.order_id = orders.id"]}
                - {name: items of a sku, table: order_items, filters: [sku]}
              """);

      assertThat(decision(verdict, "SEL-DOCM-002").choice())
          .contains("order_items in its own collection")
          .contains("read on its own by 'items of a sku'");
      assertThat(fired(verdict)).doesNotContain("SEL-DOCM-001", "SEL-DOCM-003");
    }

    @Test
    void unknownCountsAreReferencedAndAsked() {
      SectionVerdict verdict =
          assess(
              """
              dataShape: {flexibleDocuments: true}
              accessPatterns:
                - {name: order page, table: orders, filters: [order_number], joins: [customer_id]}
              """);

      assertThat(decision(verdict, "SEL-DOCM-002").choice())
          .contains("orders in its own collection, pointing at customers by customer_id");
      assertThat(VerdictChecks.assumption(verdict, "orders per customer").question())
          .isEqualTo(
              "How many orders can one customer have at most, and are they always read with it?");
    }

    @Test
    void noRelationshipsAreAnAssumptionAndAQuestion() {
      SectionVerdict verdict = assess("dataShape: {flexibleDocuments: true}\n");

      assertThat(fired(verdict)).doesNotContain("SEL-DOCM-001", "SEL-DOCM-002");
      assertThat(VerdictChecks.assumption(verdict, "relationships between collections").ruleId())
          .isEqualTo("SEL-DOCM-002");
    }

    @Test
    void relationalPrimariesGetNoDocumentModel() {
      SectionVerdict verdict =
          assess(
              """
              dataShape: {relational: true}
              scale: {tableRows: {articles: 1000, tags: 4000}}
              accessPatterns:
                - {name: page, table: articles, filters: [slug], joins: ["tags.article_id = articles.id"]}
              """);

      assertThat(fired(verdict)).noneMatch(id -> id.startsWith("SEL-DOCM-"));
    }
  }

  @Nested
  class DynamoDbSingleTable {

    @Test
    void keysAndGsisComeFromTheAccessPatterns() {
      SectionVerdict verdict = assess(Situations.SERVERLESS_DYNAMODB);

      assertThat(verdict.indexes())
          .extracting(IndexSuggestion::ruleId, IndexSuggestion::index, IndexSuggestion::type)
          .containsExactly(
              tuple(
                  "SEL-DDB-001",
                  "base table (PK, SK)",
                  "PK = ORDER#<order_id>, SK = ORDER (the item itself; related items add their own"
                      + " SK)"),
              tuple(
                  "SEL-DDB-001",
                  "GSI1",
                  "GSI1PK = CUSTOMER#<customer_id>, GSI1SK = ORDER#<created_at>"),
              tuple(
                  "SEL-DDB-001", "GSI2", "GSI2PK = STATUS#<status>, GSI2SK = ORDER#<created_at>"));
      assertThat(decision(verdict, "SEL-DDB-001").choice())
          .startsWith(
              "One table for all item types: base key PK/SK serves 'order with its lines', and 2"
                  + " global secondary index(es) serve the others");
      assertThat(decision(verdict, "SEL-DOCM-001").choice())
          .isEqualTo(
              "Embed order_lines as a list attribute of the order item (about 3 per order, read"
                  + " together)");
    }

    @Test
    void scansAndHotPartitionsAreRisks() {
      SectionVerdict verdict = assess(Situations.SERVERLESS_DYNAMODB);

      assertThat(verdict.risks())
          .extracting(Risk::ruleId)
          .containsExactly("SEL-DDB-002", "SEL-IDX-010", "SEL-RISK-002");
      assertThat(verdict.risks().get(0).risk()).startsWith("'all orders of the day' names no key");
      assertThat(verdict.risks().get(1).risk()).startsWith("GSI2 is partitioned by status");
    }

    @Test
    void patternsOnALeftmostPrefixShareAKey() {
      SectionVerdict verdict =
          assess(
              """
              dataShape: {keyValue: true}
              platform: {cloud: AWS, vendorLockInConcern: false}
              accessPatterns:
                - {name: latest, table: orders, filters: [customer_id], orderBy: [created_at]}
                - {name: all, table: orders, filters: [customer_id]}
              """);

      assertThat(verdict.indexes())
          .extracting(IndexSuggestion::purpose)
          .containsExactly("latest; all");
    }

    @Test
    void manyChildrenBecomeItemsInTheParentCollection() {
      SectionVerdict verdict =
          assess(
              """
              dataShape: {keyValue: true}
              platform: {cloud: AWS, vendorLockInConcern: false}
              scale: {tableRows: {customers: 100, orders: 5000}}
              accessPatterns:
                - {name: customer with orders, table: customers, filters: [customer_id], joins: ["orders.customer_id = customers.id"]}
              """);

      assertThat(decision(verdict, "SEL-DOCM-002").choice())
          .isEqualTo(
              "Reference orders as separate items in the customer's item collection (PK"
                  + " CUSTOMER#<id>, SK ORDER#<id>) (about 50 per customer)");
      assertThat(verdict.risks().get(0).risk()).contains("400 KB per item");
    }
  }
}
