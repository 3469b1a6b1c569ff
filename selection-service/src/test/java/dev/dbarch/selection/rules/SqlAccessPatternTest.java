package dev.dbarch.selection.rules;

import static dev.dbarch.selection.rules.Requests.assess;
import static dev.dbarch.testsupport.VerdictChecks.decision;
import static dev.dbarch.testsupport.VerdictChecks.fired;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.groups.Tuple.tuple;

import dev.dbarch.contracts.events.IndexSuggestion;
import dev.dbarch.contracts.events.Risk;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.contracts.requirements.AccessPattern;
import dev.dbarch.selection.rules.IndexingStrategy.Filter;
import dev.dbarch.selection.rules.IndexingStrategy.Kind;
import dev.dbarch.testsupport.VerdictChecks;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Access patterns given as SQL text, read with JSqlParser into indexes and warnings. */
class SqlAccessPatternTest {

  static QueryReader.Read read(String sql) {
    return QueryReader.read(new AccessPattern("q", sql, null, null, null, null, null));
  }

  static SectionVerdict sql(String sql) {
    return assess("accessPatterns:\n  - name: q\n    sql: \"" + sql.replace("\"", "\\\"") + "\"\n");
  }

  static SectionVerdict sql(String prefix, String sql) {
    return assess(prefix + "accessPatterns:\n  - name: q\n    sql: \"" + sql + "\"\n");
  }

  @Test
  void filtersAreClassedFromTheParseTree() {
    Query query =
        read("SELECT o.id, o.total FROM orders o WHERE o.customer_id = ? AND o.created_at >= :since"
                + " AND o.status = 'paid' AND o.deleted_at IS NULL AND YEAR(o.shipped_at) = 2024"
                + " AND o.note NOT LIKE 'x%' AND o.kind IN ('a', 'b') AND o.total BETWEEN 1 AND 9"
                + " ORDER BY o.created_at DESC")
            .queries()
            .get(0);

    assertThat(query.table()).isEqualTo("orders");
    assertThat(query.filters())
        .extracting(Filter::column, Filter::kind, Filter::predicate)
        .containsExactly(
            tuple("customer_id", Kind.EQUALITY, null),
            tuple("created_at", Kind.RANGE, null),
            tuple("status", Kind.FIXED_VALUE, "status = 'paid'"),
            tuple("deleted_at", Kind.FIXED_VALUE, "deleted_at IS NULL"),
            tuple("shipped_at", Kind.FUNCTION, null),
            tuple("note", Kind.UNINDEXABLE, null),
            tuple("kind", Kind.FIXED_VALUE, "kind IN ('a', 'b')"),
            tuple("total", Kind.RANGE, null));
    assertThat(query.orderBy()).containsExactly("created_at");
    assertThat(query.projection()).containsExactly("id", "total");
    assertThat(query.fromSql()).isTrue();
  }

  @Test
  void aLiteralOnASelectiveColumnIsAnEqualityNotAPartialIndex() {
    Query query = read("SELECT id FROM orders WHERE customer_id = 42").queries().get(0);

    assertThat(query.filters()).extracting(Filter::kind).containsExactly(Kind.EQUALITY);
  }

  @Test
  void equalityColumnsLeadThenTheSortThenTheRangeByLeftmostPrefix() {
    SectionVerdict verdict =
        sql(
            "SELECT id FROM orders WHERE created_at > ? AND customer_id = ? AND region = ?"
                + " ORDER BY total");

    assertThat(verdict.indexes())
        .extracting(IndexSuggestion::type)
        .containsExactly("B-tree (customer_id, region, total, created_at) INCLUDE (id)");
  }

  @Test
  void twoQueriesOnTheSamePrefixShareOneIndex() {
    SectionVerdict verdict =
        assess(
            """
            accessPatterns:
              - {name: by customer, sql: "SELECT id FROM orders WHERE customer_id = ?"}
              - {name: latest, sql: "SELECT id FROM orders WHERE customer_id = ? ORDER BY created_at DESC"}
            """);

    assertThat(verdict.indexes())
        .extracting(IndexSuggestion::index, IndexSuggestion::purpose)
        .containsExactly(tuple("idx_orders_customer_id_created_at", "by customer; latest"));
  }

  @Test
  void aFixedSmallProjectionBecomesACoveringIndex() {
    SectionVerdict verdict = sql("SELECT id, total FROM orders WHERE customer_id = ?");

    assertThat(verdict.indexes().get(0).type())
        .isEqualTo("B-tree (customer_id) INCLUDE (id, total)");
    assertThat(decision(verdict, "SEL-IDX-008").choice()).startsWith("INCLUDE the few columns");
  }

  @Test
  void aWideProjectionIsNotCovered() {
    SectionVerdict verdict =
        sql("SELECT id, total, tax, note, currency FROM orders WHERE customer_id = ?");

    assertThat(verdict.indexes().get(0).type()).isEqualTo("B-tree (customer_id)");
    assertThat(fired(verdict)).doesNotContain("SEL-IDX-008");
  }

  @Test
  void aProjectionTheKeyAlreadyHoldsNeedsNoInclude() {
    SectionVerdict verdict = sql("SELECT customer_id FROM orders WHERE customer_id = ?");

    assertThat(verdict.indexes().get(0).type()).isEqualTo("B-tree (customer_id)");
    assertThat(fired(verdict)).doesNotContain("SEL-IDX-008");
  }

  @Test
  void mysqlHasNoIncludeOrPartialIndexes() {
    SectionVerdict verdict =
        sql(
            "dataShape: {relational: true}\nplatform: {existingDatabases: [MySQL]}\n",
            "SELECT id, total FROM orders WHERE customer_id = ? AND status = 'paid'");

    assertThat(decision(verdict, "SEL-REL-001").choice()).isEqualTo("MySQL 8.4 LTS");
    assertThat(verdict.indexes())
        .extracting(IndexSuggestion::ruleId, IndexSuggestion::type)
        .containsExactly(tuple("SEL-IDX-001", "B-tree (customer_id, status, total)"));
    assertThat(decision(verdict, "SEL-IDX-008").choice())
        .startsWith("Append as trailing key columns");
  }

  @Test
  void cockroachStoresCoveringColumns() {
    SectionVerdict verdict =
        sql(
            "workload: {peakQps: 30000, readWriteRatio: 1, acidTransactions: true}\n",
            "SELECT id, total FROM orders WHERE customer_id = ?");

    assertThat(verdict.indexes().get(0).type())
        .isEqualTo("B-tree (customer_id) STORING (id, total)");
  }

  @Test
  void aConstantOnALowCardinalityColumnBecomesAPartialIndex() {
    SectionVerdict verdict = sql("SELECT email FROM users WHERE status = 'active' AND email = ?");

    assertThat(verdict.indexes())
        .extracting(IndexSuggestion::ruleId, IndexSuggestion::type)
        .containsExactly(tuple("SEL-IDX-002", "B-tree (email) WHERE status = 'active'"));
  }

  @Test
  void functionsAroundColumnsAndSelectStarAreWarnings() {
    SectionVerdict verdict = sql("SELECT * FROM users WHERE lower(email) = ?");

    assertThat(verdict.risks())
        .extracting(Risk::ruleId)
        .containsExactly("SEL-IDX-007", "SEL-IDX-009");
    assertThat(verdict.risks().get(0).risk()).contains("lower(email) = ?");
    assertThat(verdict.risks().get(0).mitigation()).contains("expression index");
    assertThat(verdict.indexes()).isEmpty();
  }

  @Test
  void selectingAnAggregateIsNotSelectStar() {
    assertThat(fired(sql("SELECT count(*) FROM orders WHERE customer_id = ?")))
        .doesNotContain("SEL-IDX-009");
  }

  @Test
  void joinsGiveForeignKeyIndexesOnTheReferencingSide() {
    SectionVerdict verdict =
        sql(
            "SELECT o.id FROM orders o JOIN customers c ON o.customer_id = c.id"
                + " JOIN order_items i ON i.order_id = o.id WHERE c.email = ?");

    assertThat(verdict.indexes())
        .extracting(IndexSuggestion::ruleId, IndexSuggestion::table, IndexSuggestion::type)
        .containsExactly(
            tuple("SEL-IDX-001", "customers", "B-tree (email)"),
            tuple("SEL-IDX-003", "orders", "B-tree (customer_id)"),
            tuple("SEL-IDX-003", "order_items", "B-tree (order_id)"));
    assertThat(verdict.indexes().get(1).purpose())
        .isEqualTo("Foreign key to customers joined by q");
  }

  @Test
  void aChildOfAParentFixedByIdIsFilteredByItsForeignKey() {
    SectionVerdict verdict =
        sql(
            "SELECT p.title FROM posts p JOIN users u ON p.user_id = u.id WHERE u.id = ?"
                + " ORDER BY p.created_at DESC");

    assertThat(verdict.indexes())
        .extracting(IndexSuggestion::table, IndexSuggestion::type)
        .containsExactly(tuple("posts", "B-tree (user_id, created_at) INCLUDE (title)"));
  }

  @Test
  void jsonbTextSearchAndArrayOperatorsGetGinRows() {
    SectionVerdict verdict =
        assess(
            """
            accessPatterns:
              - {name: attrs, sql: "SELECT id FROM products WHERE attrs @> '{\\"color\\": \\"red\\"}'"}
              - {name: words, sql: "SELECT id FROM docs WHERE to_tsvector('english', body) @@ plainto_tsquery(?)"}
              - {name: tags, sql: "SELECT id FROM posts WHERE tags && ARRAY['a']"}
            """);

    assertThat(verdict.indexes())
        .extracting(IndexSuggestion::ruleId, IndexSuggestion::table, IndexSuggestion::type)
        .containsExactly(
            tuple("SEL-IDX-004", "products", "GIN (attrs)"),
            tuple("SEL-IDX-004", "docs", "GIN (to_tsvector('english', body))"),
            tuple("SEL-IDX-004", "posts", "GIN (tags)"));
  }

  @Test
  void pgvectorDistancesGetHnswRowsWithTheirOperatorClass() {
    SectionVerdict verdict =
        assess(
            """
            accessPatterns:
              - {name: cosine, sql: "SELECT id FROM items ORDER BY embedding <=> ? LIMIT 5"}
              - {name: l2, sql: "SELECT id FROM images ORDER BY features <-> ? LIMIT 5"}
            """);

    assertThat(verdict.indexes())
        .extracting(IndexSuggestion::ruleId, IndexSuggestion::type)
        .containsExactly(
            tuple("SEL-IDX-005", "HNSW (embedding vector_cosine_ops)"),
            tuple("SEL-IDX-005", "HNSW (features vector_l2_ops)"));
  }

  @Test
  void updatesDeletesAndSubqueriesAreReadToo() {
    SectionVerdict verdict =
        assess(
            """
            accessPatterns:
              - {name: ship, sql: "UPDATE orders SET status = 'shipped' WHERE tracking_number = ?"}
              - {name: purge, sql: "DELETE FROM sessions WHERE expires_at < now()"}
              - {name: by country, sql: "SELECT id FROM orders WHERE customer_id IN (SELECT id FROM customers WHERE country_code = ?)"}
              - {name: insert, sql: "INSERT INTO audit (at) VALUES (now())"}
            """);

    assertThat(verdict.indexes())
        .extracting(IndexSuggestion::table, IndexSuggestion::type)
        .containsExactly(
            tuple("orders", "B-tree (tracking_number)"),
            tuple("sessions", "B-tree (expires_at)"),
            tuple("orders", "B-tree (customer_id) INCLUDE (id)"),
            tuple("customers", "B-tree (country_code) INCLUDE (id)"));
    assertThat(decision(verdict, "SEL-IDX-001").facts()).containsEntry("sqlPatterns", "4");
  }

  @Test
  void unparseableSqlIsAQuestionNeverAnException() {
    assertThatCode(() -> read("SELEKT nothing FROM")).doesNotThrowAnyException();
    assertThat(read("SELEKT nothing FROM").sqlProblem()).isEqualTo("its SQL could not be parsed");

    SectionVerdict verdict = sql("SELEKT nothing FROM");

    assertThat(VerdictChecks.assumption(verdict, "SQL of access pattern 'q'").assumed())
        .isEqualTo("its SQL could not be parsed; no index derived from it");
    assertThat(verdict.indexes()).isEmpty();
  }

  @Test
  void ddlIsNotAQuery() {
    assertThat(read("CREATE TABLE t (id int)").sqlProblem())
        .isEqualTo("its SQL is a CreateTable statement, not a query");
  }

  @Test
  void structuredFieldsAreTheFallbackWhenTheSqlDoesNotParse() {
    QueryReader.Read read =
        QueryReader.read(
            new AccessPattern("q", "SELEKT", "orders", List.of("customer_id"), null, null, null));

    assertThat(read.sqlProblem()).isNotNull();
    assertThat(read.queries()).singleElement().satisfies(q -> assertThat(q.fromSql()).isFalse());
    SectionVerdict verdict =
        assess(
            """
            accessPatterns:
              - {name: q, sql: SELEKT, table: orders, filters: [customer_id]}
            """);
    assertThat(VerdictChecks.assumption(verdict, "SQL of access pattern 'q'").assumed())
        .endsWith("its structured filters were used instead");
    assertThat(verdict.indexes())
        .extracting(IndexSuggestion::type)
        .containsExactly("B-tree (customer_id)");
  }

  @Test
  void aPrimaryKeyLookupNeedsNoExtraIndex() {
    assertThat(sql("SELECT total FROM orders WHERE id = ?").indexes()).isEmpty();
  }
}
