package dev.dbarch.workload.statement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlShapeTest {

  @Test
  void readsTablesPredicatesAndFunctionsOfAPostgresNormalisedStatement() {
    SqlShape shape =
        SqlShape.of(
            "SELECT o.id FROM public.orders o JOIN customers c ON c.id = o.customer_id"
                + " WHERE lower(c.email) = $1 AND o.created_at >= $2 AND o.status IN ($3, $4)");
    assertThat(shape.parsed()).isTrue();
    assertThat(shape.tables())
        .extracting(SqlShape.TableRef::qualifiedName)
        .containsExactly("public.orders", "customers");
    assertThat(shape.predicatesOn("customers"))
        .anySatisfy(
            p -> {
              assertThat(p.column()).isEqualTo("email");
              assertThat(p.function()).isEqualTo("lower");
              assertThat(p.expression()).isEqualTo("lower(c.email)");
            });
    assertThat(shape.predicatesOn("orders"))
        .extracting(SqlShape.Predicate::column, SqlShape.Predicate::operator)
        .contains(
            org.assertj.core.groups.Tuple.tuple("customer_id", SqlShape.Operator.JOIN),
            org.assertj.core.groups.Tuple.tuple("created_at", SqlShape.Operator.RANGE),
            org.assertj.core.groups.Tuple.tuple("status", SqlShape.Operator.IN));
  }

  @Test
  void readsSelectStarLimitAndOffset() {
    SqlShape star = SqlShape.of("SELECT * FROM customers WHERE id = $1");
    assertThat(star.starTables()).containsExactly("customers");
    SqlShape page = SqlShape.of("SELECT id FROM orders ORDER BY created_at, id LIMIT 20 OFFSET $1");
    assertThat(page.offsetParameter()).isTrue();
    assertThat(page.limit()).isEqualTo(20);
    assertThat(page.orderBy()).containsExactly("created_at", "id");
    assertThat(SqlShape.of("SELECT id FROM t ORDER BY id LIMIT 10 OFFSET 5000").offset())
        .isEqualTo(5000);
  }

  @Test
  void whatCannotBeParsedIsReportedNotThrown() {
    SqlShape shape = SqlShape.of("THIS IS NOT SQL (");
    assertThat(shape.parsed()).isFalse();
    assertThat(shape.predicates()).isEmpty();
  }

  @Test
  void shapesIgnoreValuesCommentsAndSpacing() {
    assertThat(QueryText.shape("SELECT * FROM t WHERE id = 42 /* x */"))
        .isEqualTo(QueryText.shape("select *  from t where id = $1"))
        .isEqualTo("select * from t where id = ?");
    assertThat(QueryText.shape("SELECT 1 FROM t WHERE a IN (1, 2, 3) AND b = 'x'"))
        .isEqualTo("select ? from t where a in (?) and b = ?");
  }

  @Test
  void planFiltersAreReadAsConditions() {
    List<SqlShape.Predicate> predicates =
        FilterColumns.of(
            "((status = 's7'::text) AND (channel = 'c7'::text) AND (created_at > '2024-01-01"
                + " 00:00:00+00'::timestamp with time zone))",
            "orders");
    assertThat(predicates)
        .extracting(SqlShape.Predicate::column)
        .containsExactly("status", "channel", "created_at");
    assertThat(FilterColumns.of("(lower(email) = 'a@b.c'::text)", "customers"))
        .singleElement()
        .satisfies(p -> assertThat(p.function()).isEqualTo("lower"));
    assertThat(FilterColumns.of("(`shop`.`orders`.`customer_id` = 42)", "orders"))
        .singleElement()
        .satisfies(p -> assertThat(p.column()).isEqualTo("customer_id"));
  }
}
