package dev.dbarch.migration.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.events.AssessmentRequested;
import dev.dbarch.contracts.events.Risk;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.contracts.events.Trigger;
import dev.dbarch.contracts.requirements.Requirements;
import dev.dbarch.contracts.schema.SchemaChange;
import dev.dbarch.contracts.schema.SchemaContext;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.contracts.schema.StatementRisk;
import dev.dbarch.testsupport.VerdictChecks;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The migration linter's findings as risks of the Migration &amp; Evolution section. */
class DdlRisksTest {

  static SchemaSnapshot.Table orders(String totalType, long rows, long bytes) {
    return new SchemaSnapshot.Table(
        "public",
        "orders",
        List.of(
            new SchemaSnapshot.Column("id", "bigint", false, null, 1),
            new SchemaSnapshot.Column("customer_id", "bigint", false, null, 2),
            new SchemaSnapshot.Column("total", totalType, false, "0", 3)),
        List.of("id"),
        List.of(),
        List.of(),
        List.of(),
        rows,
        bytes,
        null,
        null);
  }

  static SchemaSnapshot snapshot(SchemaSnapshot.Table table) {
    return new SchemaSnapshot(
        SchemaSnapshot.Engine.POSTGRESQL, "catalog", "shop", List.of(table), List.of(), "17.6");
  }

  static AssessmentRequested schemaChanged(
      String ddl, SchemaSnapshot before, SchemaSnapshot after) {
    return new AssessmentRequested(
        "a-1",
        "shop",
        Trigger.SCHEMA_CHANGED,
        Instant.parse("2026-01-01T00:00:00Z"),
        Requirements.named("shop", "Shop"),
        new SchemaContext(
            after, List.of(), new SchemaChange(List.of(ddl), List.of(), null, before), List.of()));
  }

  @Test
  void aCapturedRewriteOfA264GigabyteTableIsAHighRiskWithItsLockSizeAndRewrite() {
    String ddl = "ALTER TABLE orders ALTER COLUMN total TYPE numeric(14,4)";
    SectionVerdict verdict =
        MigrationRules.assess(
            schemaChanged(
                ddl,
                snapshot(orders("numeric(12,2)", 900_000_000, 264L << 30)),
                snapshot(orders("numeric(14,4)", 900_000_000, 264L << 30))));
    Risk risk =
        verdict.risks().stream()
            .filter(r -> r.ruleId().equals("MIG-DDL-COL-004"))
            .findFirst()
            .orElseThrow();
    assertThat(risk.impact()).isEqualTo(Risk.Level.HIGH);
    assertThat(risk.likelihood()).isEqualTo(Risk.Level.HIGH);
    assertThat(risk.risk())
        .startsWith("Statement 1 `ALTER TABLE orders ALTER COLUMN total TYPE numeric(14,4)`");
    StatementRisk s = risk.statement();
    assertThat(s.ddlIndex()).isZero();
    assertThat(s.statement()).isEqualTo(ddl);
    assertThat(s.locks())
        .containsExactly(
            new StatementRisk.TableLock(
                "public.orders", StatementRisk.LockMode.AccessExclusiveLock));
    assertThat(s.work()).isEqualTo(StatementRisk.TableWork.REWRITE);
    assertThat(s.tableRows()).isEqualTo(900_000_000L);
    assertThat(s.tableBytes()).isEqualTo(264L << 30);
    assertThat(s.sizeSource()).isEqualTo(StatementRisk.SizeSource.CATALOG);
    assertThat(s.serverVersion()).isEqualTo("17.6");
    assertThat(s.safeRewrite()).contains("ADD COLUMN total_new numeric(14,4)").contains("DO $$");
  }

  @Test
  void theCapturedWideningOnTheDemoIsOnlyItsShortLock() {
    String ddl = "ALTER TABLE orders ALTER COLUMN total TYPE numeric(14,2)";
    SectionVerdict verdict =
        MigrationRules.assess(
            schemaChanged(
                ddl,
                snapshot(orders("numeric(12,2)", 1, 16_384)),
                snapshot(orders("numeric(14,2)", 1, 16_384))));
    List<Risk> ddlRisks = verdict.risks().stream().filter(r -> r.statement() != null).toList();
    assertThat(ddlRisks).extracting(Risk::ruleId).containsExactly("MIG-DDL-TX-001");
    assertThat(ddlRisks.get(0).impact()).isEqualTo(Risk.Level.LOW);
    assertThat(ddlRisks.get(0).statement().work()).isEqualTo(StatementRisk.TableWork.NONE);
    assertThat(ddlRisks.get(0).statement().safeRewrite()).contains("SET lock_timeout = '2s';");
  }

  @Test
  void aSubmittedScriptIsJudgedWithTheRequirementsSizes() {
    SectionVerdict verdict =
        MigrationRules.assess(
            VerdictChecks.request(
                """
                scale: {dataVolumeGb: 500, tableRows: {orders: 400000000, customers: 2000000}}
                currentState: {sourcePlatform: PostgreSQL, sourceVersion: "11"}
                schema:
                  dialect: POSTGRESQL
                  ddl: |
                    CREATE TABLE refunds (id bigint PRIMARY KEY, order_id bigint NOT NULL);
                    CREATE INDEX ON refunds (order_id);
                    CREATE INDEX ON orders (customer_id);
                    ALTER TABLE orders ADD CONSTRAINT orders_customer_fkey FOREIGN KEY (customer_id) REFERENCES customers (id);
                """));
    List<Risk> ddlRisks = verdict.risks().stream().filter(r -> r.statement() != null).toList();
    assertThat(ddlRisks)
        .extracting(Risk::ruleId)
        .containsExactly("MIG-DDL-IDX-001", "MIG-DDL-CON-002");
    assertThat(ddlRisks).allSatisfy(r -> assertThat(r.impact()).isEqualTo(Risk.Level.HIGH));
    assertThat(ddlRisks.get(0).statement().ddlIndex()).isNull();
    assertThat(ddlRisks.get(0).statement().sizeSource())
        .isEqualTo(StatementRisk.SizeSource.REQUIREMENTS);
    assertThat(ddlRisks.get(0).statement().serverVersion()).isEqualTo("11.0");
    assertThat(ddlRisks.get(0).statement().tableRows()).isEqualTo(400_000_000L);
  }

  /**
   * Orders of {@code rows} rows with an index on customer_id, as a monitored database reports it.
   */
  static SchemaSnapshot.Table ordersWithStatusIndex(long rows) {
    SchemaSnapshot.Table plain = orders("numeric(12,2)", rows, rows * 100);
    return new SchemaSnapshot.Table(
        plain.schema(),
        plain.name(),
        plain.columns(),
        plain.primaryKey(),
        List.of(),
        List.of(),
        List.of(
            new SchemaSnapshot.Index(
                "orders_customer_idx",
                List.of("customer_id"),
                List.of(),
                false,
                false,
                "btree",
                null,
                true,
                0,
                8_192,
                "CREATE INDEX orders_customer_idx ON public.orders USING btree (customer_id)")),
        rows,
        rows * 100,
        null,
        null);
  }

  /**
   * MIG-DDL-IDX-002 needs the index's table, which only a catalog names: a captured DROP INDEX on a
   * monitored table is a risk, its CONCURRENTLY twin is not (RuleFiringTest's case for it).
   */
  @Test
  void aCapturedDropIndexWithoutConcurrentlyIsARiskAndItsConcurrentTwinIsNot() {
    SchemaSnapshot before = snapshot(ordersWithStatusIndex(5_000_000));
    SchemaSnapshot after = snapshot(orders("numeric(12,2)", 5_000_000, 500_000_000));
    assertThat(
            MigrationRules.assess(schemaChanged("DROP INDEX orders_customer_idx", before, after))
                .risks())
        .extracting(Risk::ruleId)
        .contains("MIG-DDL-IDX-002");
    assertThat(
            MigrationRules.assess(
                    schemaChanged("DROP INDEX CONCURRENTLY orders_customer_idx", before, after))
                .risks())
        .extracting(Risk::ruleId)
        .doesNotContain("MIG-DDL-IDX-002");
  }

  @Test
  void aRequestWithoutDdlHasNoDdlRisk() {
    assertThat(MigrationRules.assess(VerdictChecks.request("scale: {dataVolumeGb: 10}")).risks())
        .noneMatch(r -> r.statement() != null);
  }
}
