package dev.dbarch.workload.statement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RewritesTest {

  @Test
  void aLookupBecomesOneQueryForManyKeys() {
    assertThat(
            Rewrites.batchedLookup(
                "SELECT id, qty FROM order_items WHERE order_id = $1", "order_id", false))
        .hasValue("SELECT id, qty FROM order_items WHERE order_id = ANY($1)");
    assertThat(
            Rewrites.batchedLookup("SELECT id FROM items WHERE order_id = 42", "order_id", false))
        .hasValue("SELECT id FROM items WHERE order_id = ANY($1)");
    assertThat(Rewrites.batchedLookup("SELECT id FROM items WHERE order_id = ?", "order_id", true))
        .hasValue("SELECT id FROM items WHERE order_id IN (?, ?, ?)");
  }

  @Test
  void offsetPaginationBecomesKeysetPagination() {
    assertThat(
            Rewrites.keyset(
                "SELECT id, created_at FROM orders ORDER BY created_at, id LIMIT 20 OFFSET $1",
                List.of("created_at", "id"),
                false))
        .hasValue(
            "SELECT id, created_at FROM orders WHERE (created_at, id) > ($1, $2) ORDER BY"
                + " created_at, id LIMIT 20");
    assertThat(
            Rewrites.keyset(
                "SELECT id FROM orders WHERE status = $1 ORDER BY id DESC LIMIT $2 OFFSET $3",
                List.of("id DESC"),
                false))
        .hasValue(
            "SELECT id FROM orders WHERE (status = $1) AND id < $3 ORDER BY id DESC LIMIT $2");
    assertThat(
            Rewrites.keyset(
                "SELECT id FROM t ORDER BY a, b DESC LIMIT 5 OFFSET 100",
                List.of("a", "b DESC"),
                false))
        .isEmpty();
  }

  @Test
  void selectStarNamesTheColumns() {
    assertThat(
            Rewrites.namedColumns("SELECT * FROM customers WHERE id = $1", List.of("id", "email")))
        .hasValue("SELECT id, email FROM customers WHERE id = $1");
    assertThat(Rewrites.namedColumns("SELECT * FROM customers", List.of())).isEmpty();
  }
}
