package dev.dbarch.schema.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.requirements.SchemaSource.Dialect;
import dev.dbarch.contracts.schema.SchemaDiff;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.schema.ddl.DdlParser;
import org.junit.jupiter.api.Test;

class SnapshotDiffTest {

  private static final String BEFORE =
      """
      CREATE TABLE customers (id bigint PRIMARY KEY, email text, name text, legacy_code int);
      CREATE TABLE orders (
        id bigint PRIMARY KEY,
        customer_id bigint CONSTRAINT orders_customer_fk REFERENCES customers (id),
        total numeric(10,2) NOT NULL DEFAULT 0,
        note varchar(100));
      CREATE INDEX orders_customer_idx ON orders (customer_id);
      CREATE INDEX orders_total_idx ON orders (total);
      CREATE TABLE old_audit (id int);
      """;

  private static final String AFTER =
      """
      CREATE TABLE customers (id bigint PRIMARY KEY, email text NOT NULL, name text, tier text);
      CREATE TABLE orders (
        id bigint PRIMARY KEY,
        customer_id bigint CONSTRAINT orders_customer_fk REFERENCES customers (id),
        total numeric(12,2) NOT NULL DEFAULT 0,
        note varchar(100) DEFAULT '');
      CREATE INDEX orders_customer_idx ON orders (customer_id, id);
      CREATE INDEX orders_created_idx ON orders (id);
      CREATE TABLE shipments (id int PRIMARY KEY, order_id bigint REFERENCES orders (id));
      """;

  private static SchemaSnapshot parse(String ddl) {
    return new DdlParser().parse(ddl, Dialect.POSTGRESQL).snapshot();
  }

  @Test
  void reportsEveryKindOfChangeByQualifiedName() {
    SchemaDiff diff = SnapshotDiff.between(parse(BEFORE), parse(AFTER));
    assertThat(diff.tablesAdded()).containsExactly("public.shipments");
    assertThat(diff.tablesDropped()).containsExactly("public.old_audit");
    assertThat(diff.columnsAdded()).containsExactly("public.customers.tier");
    assertThat(diff.columnsDropped()).containsExactly("public.customers.legacy_code");
    // type, nullability and default changes; the new table's columns are not repeated
    assertThat(diff.columnsChanged())
        .containsExactly("public.customers.email", "public.orders.note", "public.orders.total");
    // a rebuilt index (same name, other columns) is dropped and added
    assertThat(diff.indexesAdded())
        .containsExactly("public.orders.orders_created_idx", "public.orders.orders_customer_idx");
    assertThat(diff.indexesDropped())
        .containsExactly("public.orders.orders_customer_idx", "public.orders.orders_total_idx");
    assertThat(diff.foreignKeysAdded()).isEmpty();
    assertThat(diff.foreignKeysDropped()).isEmpty();
    assertThat(diff.isEmpty()).isFalse();
  }

  @Test
  void foreignKeysByTableAndConstraintName() {
    SchemaSnapshot before = parse(BEFORE);
    SchemaSnapshot after =
        parse(
            BEFORE
                + "ALTER TABLE orders DROP CONSTRAINT orders_customer_fk;"
                + "ALTER TABLE orders ADD CONSTRAINT orders_customer_fk2 FOREIGN KEY (customer_id) REFERENCES customers;");
    SchemaDiff diff = SnapshotDiff.between(before, after);
    assertThat(diff.foreignKeysDropped()).containsExactly("public.orders.orders_customer_fk");
    assertThat(diff.foreignKeysAdded()).containsExactly("public.orders.orders_customer_fk2");
    assertThat(diff.columnsChanged()).isEmpty();
  }

  @Test
  void identicalSnapshotsHaveAnEmptyDiff() {
    assertThat(SnapshotDiff.between(parse(BEFORE), parse(BEFORE)).isEmpty()).isTrue();
  }
}
