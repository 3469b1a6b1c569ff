package dev.dbarch.schema.findings;

import static dev.dbarch.schema.findings.TableBuilder.idx;
import static dev.dbarch.schema.findings.TableBuilder.invalid;
import static dev.dbarch.schema.findings.TableBuilder.method;
import static dev.dbarch.schema.findings.TableBuilder.mysql;
import static dev.dbarch.schema.findings.TableBuilder.postgres;
import static dev.dbarch.schema.findings.TableBuilder.table;
import static dev.dbarch.schema.findings.TableBuilder.unique;
import static dev.dbarch.schema.findings.TableBuilder.withDefinition;
import static dev.dbarch.schema.findings.TableBuilder.withInclude;
import static dev.dbarch.schema.findings.TableBuilder.withPredicate;
import static dev.dbarch.schema.findings.TableBuilder.withScans;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.dbarch.contracts.schema.SchemaFinding;
import dev.dbarch.contracts.schema.SchemaFinding.Severity;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.contracts.schema.SchemaSnapshot.Sequence;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SchemaRulesTest {

  private static List<SchemaFinding> findings(SchemaSnapshot s, String ruleId) {
    return SchemaRules.analyze(s).stream().filter(f -> f.ruleId().equals(ruleId)).toList();
  }

  private static TableBuilder customers() {
    return table("customers").id().notNull("email", "text");
  }

  @Nested
  class ForeignKeyWithoutIndex {

    @Test
    void reportsAnUnindexedForeignKeyWithAConcurrentIndexAsTheFix() {
      SchemaSnapshot s =
          postgres(
              customers(),
              table("orders")
                  .id()
                  .notNull("customer_id", "bigint")
                  .fk("orders_customer_fk", "customer_id", "public.customers"));
      assertThat(findings(s, "SCH-FK-001"))
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.table()).isEqualTo("public.orders");
                assertThat(f.object()).isEqualTo("orders_customer_fk");
                assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
                assertThat(f.fix())
                    .isEqualTo(
                        "CREATE INDEX CONCURRENTLY idx_orders_customer_id ON public.orders (customer_id);");
                assertThat(f.facts())
                    .containsEntry("columns", "customer_id")
                    .containsEntry("referencedTable", "public.customers");
              });
    }

    @Test
    void highOnLargeTables() {
      SchemaSnapshot s =
          postgres(
              customers(),
              table("orders")
                  .id()
                  .col("customer_id", "bigint")
                  .fk("fk", "customer_id", "public.customers")
                  .rows(5_000_000));
      assertThat(findings(s, "SCH-FK-001"))
          .extracting(SchemaFinding::severity)
          .containsExactly(Severity.HIGH);
    }

    @Test
    void anIndexLeadingWithTheColumnsInAnyOrderSupportsIt() {
      TableBuilder lines =
          table("lines")
              .id()
              .col("a", "int")
              .col("b", "int")
              .fk("lines_ab_fk", List.of("a", "b"), "public.parents")
              .index("lines_ba_x", "b", "a", "x");
      assertThat(findings(postgres(lines), "SCH-FK-001")).isEmpty();
    }

    @Test
    void pgIndexHealthsDefinitionFirstColumnFirstAndTheRestAnywhereIncludingInclude() {
      TableBuilder lines =
          table("lines")
              .id()
              .col("a", "int")
              .col("b", "int")
              .fk("lines_ab_fk", List.of("a", "b"), "public.parents")
              .index(withInclude(idx("lines_a_incl", "a", "z"), "b"));
      assertThat(findings(postgres(lines), "SCH-FK-001")).isEmpty();
    }

    @Test
    void aNonLeadingPartialOrInvalidIndexDoesNotSupportIt() {
      for (var index :
          List.of(
              idx("x_then_a", "x", "a"),
              withPredicate(idx("partial_a", "a"), "(deleted_at IS NULL)"),
              invalid(idx("invalid_a", "a")))) {
        TableBuilder t = table("t").id().col("a", "int").fk("t_a_fk", "a", "public.p").index(index);
        assertThat(findings(postgres(t), "SCH-FK-001")).as(index.name()).hasSize(1);
      }
    }

    @Test
    void aPartitionUsesTheIndexesOfItsParent() {
      SchemaSnapshot s =
          postgres(
              table("events")
                  .col("customer_id", "bigint")
                  .partitionKey("RANGE (at)")
                  .index("events_customer_idx", "customer_id"),
              table("events_2024")
                  .col("customer_id", "bigint")
                  .partitionOf("public.events")
                  .fk("own_fk", "customer_id", "public.customers"));
      assertThat(findings(s, "SCH-FK-001")).isEmpty();
    }

    @Test
    void mysqlFixUsesAlterTable() {
      SchemaSnapshot s =
          mysql(
              table("shop", "orders")
                  .id()
                  .col("customer_id", "int")
                  .fk("fk_c", "customer_id", "shop.customers"));
      assertThat(findings(s, "SCH-FK-001"))
          .extracting(SchemaFinding::fix)
          .containsExactly(
              "ALTER TABLE shop.orders ADD INDEX idx_orders_customer_id (customer_id);");
    }
  }

  @Nested
  class IdColumnWithoutForeignKey {

    @Test
    void reportsReferenceLikeColumnsAndReferencesTheTableTheNameSuggests() {
      SchemaSnapshot s =
          postgres(
              table("categories").id(),
              table("products")
                  .id()
                  .col("category_id", "bigint")
                  .col("supplier_id", "bigint")
                  .col("legacy_id", "text"));
      assertThat(findings(s, "SCH-FK-002"))
          .extracting(SchemaFinding::object, f -> f.facts().get("likelyReferencedTable"))
          .containsExactly(
              tuple("category_id", "public.categories"),
              tuple("legacy_id", null),
              tuple("supplier_id", null));
      assertThat(findings(s, "SCH-FK-002").get(0).fix())
          .isEqualTo(
              "ALTER TABLE public.products ADD CONSTRAINT products_category_id_fkey FOREIGN KEY (category_id)"
                  + " REFERENCES public.categories (id) NOT VALID; ALTER TABLE public.products VALIDATE"
                  + " CONSTRAINT products_category_id_fkey;");
    }

    @Test
    void skipsPrimaryKeyColumnsForeignKeyColumnsAndColumnsCoveredByTheParent() {
      SchemaSnapshot s =
          postgres(
              table("film_actor")
                  .notNull("film_id", "int")
                  .notNull("actor_id", "int")
                  .pk("film_id", "actor_id"),
              table("orders")
                  .id()
                  .col("customer_id", "bigint")
                  .fk("fk", "customer_id", "public.customers"),
              table("payments").col("order_id", "bigint").fk("pay_fk", "order_id", "public.orders"),
              table("payments_2024").col("order_id", "bigint").partitionOf("public.payments"));
      assertThat(findings(s, "SCH-FK-002")).isEmpty();
    }
  }

  @Nested
  class PrimaryKey {

    @Test
    void promotesAUniqueIndexOnNotNullColumns() {
      SchemaSnapshot s =
          postgres(table("log").notNull("code", "text").unique("log_code_key", "code"));
      assertThat(findings(s, "SCH-PK-001"))
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.severity()).isEqualTo(Severity.HIGH);
                assertThat(f.object()).isNull();
                assertThat(f.fix())
                    .isEqualTo(
                        "ALTER TABLE public.log ADD CONSTRAINT log_pkey PRIMARY KEY USING INDEX log_code_key;");
              });
    }

    @Test
    void otherwiseUsesIdOrAddsAnIdentityColumn() {
      assertThat(findings(postgres(table("a").notNull("id", "bigint")), "SCH-PK-001").get(0).fix())
          .isEqualTo("ALTER TABLE public.a ADD PRIMARY KEY (id);");
      assertThat(findings(postgres(table("b").col("x", "text")), "SCH-PK-001").get(0).fix())
          .isEqualTo(
              "ALTER TABLE public.b ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;");
      assertThat(
              findings(
                      postgres(table("c").col("at", "date").partitionKey("RANGE (at)")),
                      "SCH-PK-001")
                  .get(0)
                  .fix())
          // PostgreSQL before 17 refuses to add an identity column to a partitioned table
          // ("cannot recursively add identity column"): a sequence default works everywhere.
          .isEqualTo(
              "CREATE SEQUENCE public.c_id_seq AS bigint;"
                  + " ALTER TABLE public.c ADD COLUMN id bigint NOT NULL DEFAULT nextval('public.c_id_seq');"
                  + " ALTER SEQUENCE public.c_id_seq OWNED BY public.c.id;"
                  + " ALTER TABLE public.c ADD PRIMARY KEY (id, at);");
      assertThat(findings(mysql(table("shop", "d").col("x", "text")), "SCH-PK-001").get(0).fix())
          .isEqualTo(
              "ALTER TABLE shop.d ADD COLUMN id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY FIRST;");
    }
  }

  @Nested
  class GodTableAndLargeObjects {

    @Test
    void godTableAboveFiftyColumns() {
      TableBuilder wide = table("wide").id();
      for (int i = 1; i < 50; i++) {
        wide.col("c" + i, "int");
      }
      assertThat(findings(postgres(wide), "SCH-GOD-001")).isEmpty();
      wide.col("c50", "int");
      assertThat(findings(postgres(wide), "SCH-GOD-001"))
          .singleElement()
          .satisfies(
              f ->
                  assertThat(f.facts())
                      .containsEntry("columnCount", "51")
                      .containsEntry("threshold", "50"));
    }

    @Test
    void moreThanFourLargeObjectColumns() {
      TableBuilder docs =
          table("docs")
              .id()
              .col("a", "bytea")
              .col("b", "jsonb")
              .col("c", "json")
              .col("d", "xml")
              .col("e", "text");
      assertThat(findings(postgres(docs), "SCH-LOB-001")).isEmpty();
      docs.col("f", "character varying(10)").col("g", "jsonb[]");
      assertThat(findings(postgres(docs), "SCH-LOB-001"))
          .singleElement()
          .satisfies(
              f ->
                  assertThat(f.facts())
                      .containsEntry("lobColumns", "a,b,c,d,g")
                      .containsEntry("count", "5"));
    }

    @Test
    void onMysqlTextAndBlobTypesAreLargeObjects() {
      TableBuilder m =
          table("m")
              .id()
              .col("a", "longtext")
              .col("b", "mediumblob")
              .col("c", "json")
              .col("d", "text");
      assertThat(findings(mysql(m), "SCH-LOB-001")).isEmpty();
      m.col("e", "tinytext").col("f", "blob");
      assertThat(findings(mysql(m), "SCH-LOB-001"))
          .singleElement()
          .satisfies(f -> assertThat(f.facts()).containsEntry("lobColumns", "a,b,c,d,f"));
    }
  }

  @Nested
  class Indexes {

    @Test
    void duplicatesKeepTheConstraintAndReportTheRest() {
      TableBuilder t =
          table("users")
              .id()
              .notNull("email", "text")
              .unique("users_email_key", "email")
              .index("users_email_idx", "email")
              .index("users_email_idx2", "email");
      assertThat(findings(postgres(t), "SCH-IDX-001"))
          .extracting(SchemaFinding::object, f -> f.facts().get("duplicateOf"), SchemaFinding::fix)
          .containsExactly(
              tuple(
                  "users_email_idx",
                  "users_email_key",
                  "DROP INDEX CONCURRENTLY public.users_email_idx;"),
              tuple(
                  "users_email_idx2",
                  "users_email_key",
                  "DROP INDEX CONCURRENTLY public.users_email_idx2;"));
    }

    @Test
    void differentOperatorClassPredicateIncludeOrMethodIsNotADuplicate() {
      TableBuilder t =
          table("users")
              .id()
              .col("email", "text")
              .index(
                  withDefinition(
                      idx("plain", "email"),
                      "CREATE INDEX plain ON public.users USING btree (email)"))
              .index(
                  withDefinition(
                      idx("pattern", "email"),
                      "CREATE INDEX pattern ON public.users USING btree (email text_pattern_ops)"))
              .index(withPredicate(idx("partial", "email"), "(email IS NOT NULL)"))
              .index(withInclude(idx("covering", "email"), "id"))
              .index(method(idx("hashed", "email"), "hash"));
      assertThat(findings(postgres(t), "SCH-IDX-001")).isEmpty();
      // sort order does not make an index different
      TableBuilder u =
          table("u")
              .id()
              .col("a", "int")
              .index(
                  withDefinition(
                      idx("a_asc", "a"), "CREATE INDEX a_asc ON public.u USING btree (a)"))
              .index(
                  withDefinition(
                      idx("a_desc", "a"),
                      "CREATE INDEX a_desc ON public.u USING btree (a DESC NULLS LAST)"));
      assertThat(findings(postgres(u), "SCH-IDX-001"))
          .extracting(SchemaFinding::object)
          .containsExactly("a_desc");
    }

    @Test
    void redundantPrefixIndexes() {
      TableBuilder t =
          table("orders")
              .id()
              .col("status", "text")
              .col("placed_at", "timestamptz")
              .index("orders_status", "status")
              .index("orders_status_placed", "status", "placed_at")
              .index(unique(idx("orders_status_u", "status")))
              .index(method(idx("orders_status_hash", "status"), "hash"))
              .index(withPredicate(idx("orders_status_open", "status"), "(status = 'open')"))
              .index(withInclude(idx("orders_status_incl", "status"), "note"));
      assertThat(findings(postgres(t), "SCH-IDX-002"))
          .extracting(SchemaFinding::object, f -> f.facts().get("coveredBy"))
          .containsExactly(tuple("orders_status", "orders_status_placed"));
      assertThat(findings(postgres(t), "SCH-IDX-002").get(0).severity()).isEqualTo(Severity.LOW);
    }

    @Test
    void unusedIndexesOnlyWhenScansAreKnown() {
      TableBuilder t =
          table("orders")
              .id()
              .col("customer_id", "bigint")
              .col("status", "text")
              .col("note", "text")
              .fk("orders_customer_fk", "customer_id", "public.customers")
              .index(withScans(idx("orders_status", "status"), 0))
              .index(withScans(idx("orders_note", "note"), 12))
              .index(withScans(idx("orders_unknown", "note", "status"), -1))
              .index(withScans(idx("orders_customer", "customer_id"), 0))
              .index(withScans(unique(idx("orders_note_u", "note", "id")), 0))
              .index(withScans(invalid(idx("orders_broken", "status", "note")), 0));
      // Without counters (a script), or with counters younger than the minimum age: silent.
      assertThat(findings(postgres(t), "SCH-IDX-003")).isEmpty();
      assertThat(findings(withStatistics(postgres(t), 86_400, 0), "SCH-IDX-003")).isEmpty();
      SchemaSnapshot old = withStatistics(postgres(t), 30 * 86_400, 0);
      assertThat(findings(old, "SCH-IDX-003"))
          .extracting(SchemaFinding::object)
          .containsExactly("orders_status");
      SchemaFinding f = findings(old, "SCH-IDX-003").get(0);
      assertThat(f.fix()).startsWith("DROP INDEX CONCURRENTLY public.orders_status;");
      assertThat(f.message()).contains("30 days").doesNotContain("standby");
      assertThat(f.facts()).containsEntry("statisticsAgeDays", "30.0");
    }

    @Test
    void unusedIndexesSayThatStandbysMayStillReadThem() {
      TableBuilder t =
          table("orders")
              .id()
              .col("status", "text")
              .index(withScans(idx("orders_status", "status"), 0));
      assertThat(
              findings(withStatistics(postgres(t), 30 * 86_400, 2), "SCH-IDX-003").get(0).message())
          .contains("2 standby(s) stream from this server")
          .contains("check each before dropping");
      assertThat(
              findings(withStatistics(postgres(t), 30 * 86_400, -1), "SCH-IDX-003")
                  .get(0)
                  .message())
          .contains("Standbys, if any");
    }

    private static SchemaSnapshot withStatistics(SchemaSnapshot s, long ageSeconds, int replicas) {
      return new SchemaSnapshot(
          s.engine(),
          s.source(),
          s.database(),
          s.tables(),
          s.sequences(),
          new SchemaSnapshot.Statistics(ageSeconds, "stats_reset", false, replicas));
    }

    @Test
    void invalidIndexes() {
      TableBuilder t =
          table("tags").id().col("label", "text").index(invalid(idx("tags_label", "label")));
      assertThat(findings(postgres(t), "SCH-IDX-004"))
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.severity()).isEqualTo(Severity.HIGH);
                assertThat(f.fix()).startsWith("REINDEX INDEX CONCURRENTLY public.tags_label;");
              });
    }
  }

  @Nested
  class NullableUnique {

    @Test
    void compositeKeysAreMediumSingleColumnLowAndNotNullOrNullsNotDistinctAreFine() {
      TableBuilder t =
          table("orders")
              .id()
              .col("coupon", "text")
              .col("shipping_ref", "text")
              .notNull("code", "text")
              .col("alias", "text")
              .unique("orders_coupon_ref_key", "coupon", "shipping_ref")
              .unique("orders_code_key", "code")
              .unique("orders_alias_key", "alias")
              .index(
                  withDefinition(
                      unique(idx("orders_ref_nnd", "shipping_ref")),
                      "CREATE UNIQUE INDEX orders_ref_nnd ON public.orders USING btree (shipping_ref) NULLS NOT DISTINCT"))
              .index(
                  withPredicate(
                      unique(idx("orders_alias_partial", "alias")), "(alias IS NOT NULL)"));
      assertThat(findings(postgres(t), "SCH-NUL-001"))
          .extracting(
              SchemaFinding::object, SchemaFinding::severity, f -> f.facts().get("nullableColumns"))
          .containsExactly(
              tuple("orders_alias_key", Severity.LOW, "alias"),
              tuple("orders_coupon_ref_key", Severity.MEDIUM, "coupon,shipping_ref"));
      // NULLS NOT DISTINCT keeps the rows already there; SET NOT NULL needs the NULLs gone first.
      assertThat(findings(postgres(t), "SCH-NUL-001").get(1).fix())
          .isEqualTo(
              "ALTER TABLE public.orders DROP CONSTRAINT orders_coupon_ref_key, ADD CONSTRAINT"
                  + " orders_coupon_ref_key UNIQUE NULLS NOT DISTINCT (coupon, shipping_ref);"
                  + " -- PostgreSQL 15+; or, once no row holds a NULL there:"
                  + " ALTER TABLE public.orders ALTER COLUMN coupon SET NOT NULL;"
                  + " ALTER TABLE public.orders ALTER COLUMN shipping_ref SET NOT NULL;");
    }
  }

  @Nested
  class Sequences {

    @Test
    void integerSequencesPastEightyPercent() {
      SchemaSnapshot s =
          postgres(
              List.of(
                  new Sequence("public", "ok_seq", "integer", 1_000_000, 2147483647L, null),
                  new Sequence("public", "hot_seq", "integer", 1_800_000_000, 2147483647L, null),
                  new Sequence("public", "small_seq", "smallint", 30_000, 32767, null),
                  new Sequence("public", "big_seq", "bigint", 1_800_000_000, Long.MAX_VALUE, null),
                  new Sequence("public", "desc_seq", "integer", -5, -1, null)));
      assertThat(findings(s, "SCH-SEQ-001"))
          .extracting(SchemaFinding::object, SchemaFinding::table)
          .containsExactly(tuple("public.hot_seq", null), tuple("public.small_seq", null));
      assertThat(findings(s, "SCH-SEQ-001").get(0).facts()).containsEntry("usedPercent", "83.8");
    }

    @Test
    void aBigintSequenceFeedingAnIntegerColumnIsLimitedByTheColumn() {
      SchemaSnapshot s =
          postgres(
              List.of(
                  new Sequence(
                      "public", "legacy_id_seq", "bigint", 2_000_000_000, Long.MAX_VALUE, null),
                  new Sequence(
                      "public",
                      "owned_seq",
                      "bigint",
                      2_000_000_000,
                      Long.MAX_VALUE,
                      "public.owned.id")),
              table("legacy")
                  .col("id", "integer", "nextval('public.legacy_id_seq'::regclass)")
                  .pk("id"),
              table("owned").col("id", "integer", "generated by default as identity").pk("id"));
      assertThat(findings(s, "SCH-SEQ-001"))
          .extracting(SchemaFinding::table, SchemaFinding::object, f -> f.facts().get("limitedBy"))
          .containsExactly(
              tuple("public.legacy", "public.legacy_id_seq", "column"),
              tuple("public.owned", "public.owned_seq", "column"));
      assertThat(findings(s, "SCH-SEQ-001").get(0).fix())
          .startsWith("ALTER TABLE public.legacy ALTER COLUMN id TYPE bigint;");
    }

    @Test
    void mysqlAutoIncrementCounters() {
      SchemaSnapshot s =
          new SchemaSnapshot(
              SchemaSnapshot.Engine.MARIADB,
              "catalog",
              "shop",
              List.of(table("shop", "orders").notNull("id", "int(10) unsigned").pk("id").build()),
              List.of(
                  new Sequence(
                      "shop",
                      "orders.id",
                      "int(10) unsigned",
                      4_000_000_000L,
                      4294967295L,
                      "shop.orders.id")));
      assertThat(findings(s, "SCH-SEQ-001"))
          .singleElement()
          .satisfies(
              f ->
                  assertThat(f.fix())
                      .startsWith(
                          "ALTER TABLE shop.orders MODIFY id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT;"));
    }
  }

  @Nested
  class RegulatedData {

    @Test
    void namesTheRegimeForEachKindOfRegulatedColumn() {
      TableBuilder t =
          table("people")
              .id()
              .col("cardNumber", "text")
              .col("cvv", "text")
              .col("SSN", "text")
              .col("passport_no", "text")
              .col("tax_id", "text")
              .col("e_mail", "text")
              .col("home_phone", "text")
              .col("DateOfBirth", "date")
              .col("address2", "text")
              .col("diagnosis_code", "text")
              .col("password_hash", "text")
              .col("api_token", "text")
              .col("address_id", "bigint")
              .col("email_verified", "boolean")
              .col("company", "text")
              .col("pane_count", "int");
      assertThat(findings(postgres(t), "SCH-PII-001"))
          .extracting(SchemaFinding::object, f -> f.facts().get("regime"), SchemaFinding::severity)
          .containsExactly(
              tuple("DateOfBirth", "GDPR", Severity.MEDIUM),
              tuple("SSN", "PII/GDPR", Severity.HIGH),
              tuple("address2", "GDPR", Severity.MEDIUM),
              tuple("api_token", "credentials", Severity.HIGH),
              tuple("cardNumber", "PCI-DSS", Severity.HIGH),
              tuple("cvv", "PCI-DSS", Severity.HIGH),
              tuple("diagnosis_code", "HIPAA PHI", Severity.HIGH),
              tuple("e_mail", "GDPR", Severity.MEDIUM),
              tuple("home_phone", "GDPR", Severity.MEDIUM),
              tuple("passport_no", "PII/GDPR", Severity.HIGH),
              tuple("password_hash", "credentials", Severity.HIGH),
              tuple("tax_id", "PII/GDPR", Severity.HIGH));
      assertThat(findings(postgres(t), "SCH-PII-001"))
          .filteredOn(f -> f.object().equals("cvv"))
          .singleElement()
          .satisfies(
              f -> assertThat(f.fix()).endsWith("ALTER TABLE public.people DROP COLUMN cvv;"));
    }
  }

  @Test
  void findingsAreSortedByRuleTableAndObjectAndQuoteNamesThatNeedIt() {
    SchemaSnapshot s =
        postgres(
            table("Zeta", "order").col("user_id", "bigint").col("email", "text"),
            table("alpha").col("email", "text"));
    List<SchemaFinding> all = SchemaRules.analyze(s);
    assertThat(all)
        .extracting(SchemaFinding::ruleId, SchemaFinding::table, SchemaFinding::object)
        .containsExactly(
            tuple("SCH-FK-002", "Zeta.order", "user_id"),
            tuple("SCH-PII-001", "Zeta.order", "email"),
            tuple("SCH-PII-001", "public.alpha", "email"),
            tuple("SCH-PK-001", "Zeta.order", null),
            tuple("SCH-PK-001", "public.alpha", null));
    assertThat(all.get(3).fix())
        .isEqualTo(
            "ALTER TABLE \"Zeta\".\"order\" ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;");
    assertThat(SchemaRules.analyze(s)).isEqualTo(all);
  }
}
