package dev.dbarch.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.requirements.Availability;
import dev.dbarch.contracts.requirements.Latency;
import dev.dbarch.contracts.requirements.Requirements;
import dev.dbarch.contracts.requirements.Scale;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.contracts.schema.StatementRisk.LockMode;
import dev.dbarch.contracts.schema.StatementRisk.SizeSource;
import dev.dbarch.contracts.schema.StatementRisk.TableWork;
import dev.dbarch.lint.context.LintContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The linter's behaviour without a database: context, severity, versions, suppressions. */
class LinterTest {

  final Linter linter = new Linter();

  static SchemaSnapshot.Table table(String name, long rows, long bytes) {
    return new SchemaSnapshot.Table(
        "public",
        name,
        List.of(
            new SchemaSnapshot.Column("id", "bigint", false, null, 1),
            new SchemaSnapshot.Column("customer_id", "bigint", false, null, 2),
            new SchemaSnapshot.Column("total", "numeric(12,2)", false, "0", 3)),
        List.of("id"),
        List.of(),
        List.of(),
        List.of(),
        rows,
        bytes,
        null,
        null);
  }

  static SchemaSnapshot snapshot(String version, SchemaSnapshot.Table... tables) {
    return new SchemaSnapshot(
        SchemaSnapshot.Engine.POSTGRESQL, "catalog", "shop", List.of(tables), List.of(), version);
  }

  LintReport pg(String sql, SchemaSnapshot snapshot, Requirements requirements) {
    return linter.lint(sql, LintContext.of(Dialect.POSTGRESQL, null, snapshot, requirements));
  }

  static List<String> rules(LintReport report) {
    return report.findings().stream().map(Finding::ruleId).toList();
  }

  static Finding only(LintReport report, String rule) {
    return report.findings().stream()
        .filter(f -> f.ruleId().equals(rule))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void severityGrowsWithTheTableFromEmptyTo264Gigabytes() {
    String sql = "CREATE INDEX orders_customer_idx ON orders (customer_id)";
    Finding empty =
        only(pg(sql, snapshot("17.6", table("orders", 0, 16_384)), null), "MIG-DDL-IDX-001");
    Finding mid =
        only(
            pg(sql, snapshot("17.6", table("orders", 5_000_000, 2L << 30)), null),
            "MIG-DDL-IDX-001");
    Finding huge =
        only(
            pg(sql, snapshot("17.6", table("orders", 900_000_000, 264L << 30)), null),
            "MIG-DDL-IDX-001");
    assertThat(empty.severity()).isEqualTo(Severity.LOW);
    assertThat(mid.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(huge.severity()).isEqualTo(Severity.HIGH);
    assertThat(huge.facts())
        .containsEntry("lock", "ShareLock on public.orders")
        .containsEntry("sizeSource", "CATALOG")
        .containsKey("blockedForSecondsEstimate");
    assertThat(huge.message()).contains("900,000,000 rows").contains("264 GB");
  }

  @Test
  void tightTargetsRaiseTheSeverityOfTheSameTable() {
    String sql = "ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0)";
    SchemaSnapshot small = snapshot("17.6", table("orders", 50_000, 40L << 20));
    Finding relaxed = only(pg(sql, small, null), "MIG-DDL-CON-001");
    Requirements strict =
        new Requirements(
            "shop",
            "Shop",
            null,
            null,
            null,
            null,
            null,
            new Latency(50.0, 20.0),
            new Availability(0.1, 0.0, false, null, true),
            null,
            null,
            null,
            null,
            null,
            null);
    Finding tight = only(pg(sql, small, strict), "MIG-DDL-CON-001");
    assertThat(relaxed.severity()).isEqualTo(Severity.LOW);
    assertThat(tight.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(tight.facts()).containsEntry("p99TargetMs", "20");
    assertThat(tight.safeRewrite()).contains("SET lock_timeout = '100ms'");
  }

  @Test
  void tableSizesComeFromTheRequirementsWhenThereIsNoCatalog() {
    Requirements req =
        new Requirements(
            "shop",
            "Shop",
            null,
            null,
            new Scale(
                264.0,
                null,
                Map.of("orders", 900_000_000L, "customers", 100_000L),
                null,
                null,
                null,
                null,
                null),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    LintReport report =
        linter.lint(
            "CREATE INDEX ON orders (customer_id)",
            LintContext.of(Dialect.POSTGRESQL, null, null, req));
    Finding f = only(report, "MIG-DDL-IDX-001");
    assertThat(f.severity()).isEqualTo(Severity.HIGH);
    assertThat(f.facts()).containsEntry("sizeSource", "REQUIREMENTS");
    assertThat(report.statements().get(0).size().source()).isEqualTo(SizeSource.REQUIREMENTS);
  }

  @Test
  void unknownSizeIsMediumAndTablesCreatedInTheScriptAreLeftAlone() {
    LintReport unknown = pg("CREATE INDEX ON orders (customer_id)", null, null);
    assertThat(only(unknown, "MIG-DDL-IDX-001").severity()).isEqualTo(Severity.MEDIUM);
    LintReport fresh =
        pg(
            "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint);"
                + " CREATE INDEX ON orders (customer_id);"
                + " ALTER TABLE orders ADD CONSTRAINT c CHECK (customer_id > 0);",
            null,
            null);
    assertThat(rules(fresh)).isEmpty();
  }

  @Test
  void theServerVersionDecidesWhatRewrites() {
    String sql = "ALTER TABLE orders ADD COLUMN flag boolean NOT NULL DEFAULT false";
    SchemaSnapshot t = snapshot(null, table("orders", 1000, 1L << 20));
    LintReport pg10 = linter.lint(sql, LintContext.of(Dialect.POSTGRESQL, "10", t, null));
    LintReport pg11 = linter.lint(sql, LintContext.of(Dialect.POSTGRESQL, "11", t, null));
    assertThat(pg10.statements().get(0).classification().work()).isEqualTo(TableWork.REWRITE);
    assertThat(rules(pg10)).contains("MIG-DDL-COL-001");
    assertThat(pg11.statements().get(0).classification().work()).isEqualTo(TableWork.NONE);
    assertThat(rules(pg11)).doesNotContain("MIG-DDL-COL-001");

    String reindex = "REINDEX INDEX orders_pkey";
    assertThat(
            only(
                    linter.lint(reindex, LintContext.of(Dialect.POSTGRESQL, "11", t, null)),
                    "MIG-DDL-IDX-003")
                .safeRewrite())
        .contains("CREATE INDEX CONCURRENTLY")
        .doesNotContain("REINDEX INDEX");
    assertThat(
            only(
                    linter.lint(reindex, LintContext.of(Dialect.POSTGRESQL, "12", t, null)),
                    "MIG-DDL-IDX-003")
                .safeRewrite())
        .contains("REINDEX INDEX CONCURRENTLY orders_pkey");

    String detach = "ALTER TABLE events DETACH PARTITION events_2024";
    assertThat(
            only(
                    linter.lint(detach, LintContext.of(Dialect.POSTGRESQL, "13", null, null)),
                    "MIG-DDL-TBL-007")
                .safeRewrite())
        .doesNotContain("CONCURRENTLY");
    assertThat(
            only(
                    linter.lint(detach, LintContext.of(Dialect.POSTGRESQL, "14", null, null)),
                    "MIG-DDL-TBL-007")
                .safeRewrite())
        .contains("DETACH PARTITION events_2024 CONCURRENTLY");

    String notNull = "ALTER TABLE orders ALTER COLUMN total SET NOT NULL";
    assertThat(
            only(
                    linter.lint(notNull, LintContext.of(Dialect.POSTGRESQL, "11", t, null)),
                    "MIG-DDL-COL-003")
                .safeRewrite())
        .contains("keep the CHECK")
        .doesNotContain("SET NOT NULL;");
    assertThat(
            only(
                    linter.lint(notNull, LintContext.of(Dialect.POSTGRESQL, "12", t, null)),
                    "MIG-DDL-COL-003")
                .safeRewrite())
        .contains("VALIDATE CONSTRAINT")
        .contains("SET NOT NULL;");
  }

  @Test
  void theVersionIsStatedOrReadFromTheCatalogOrAssumed() {
    String sql = "REINDEX INDEX CONCURRENTLY orders_pkey";
    assertThat(
            linter.lint(
                sql,
                LintContext.of(
                    Dialect.POSTGRESQL, null, snapshot("11.22", table("orders", 1, 1)), null)))
        .satisfies(
            r -> {
              assertThat(r.versionSource()).isEqualTo("catalog");
              assertThat(rules(r)).contains("MIG-DDL-VER-001");
            });
    LintReport stated =
        linter.lint(sql, LintContext.of(Dialect.POSTGRESQL, "15", snapshot("11.22"), null));
    assertThat(stated.versionSource()).isEqualTo("stated");
    assertThat(rules(stated)).doesNotContain("MIG-DDL-VER-001");
    assertThat(linter.lint(sql, LintContext.offline(Dialect.POSTGRESQL)).versionSource())
        .isEqualTo("assumed");
  }

  @Test
  void theDemoWideningNeedsNoRewriteButItsLockStillQueues() {
    SchemaSnapshot demo = snapshot("17.6", table("orders", 1, 16_384));
    LintReport widening =
        pg("ALTER TABLE orders ALTER COLUMN total TYPE numeric(14,2)", demo, null);
    assertThat(widening.statements().get(0).classification().work()).isEqualTo(TableWork.NONE);
    assertThat(widening.statements().get(0).classification().strongestLock())
        .contains(LockMode.AccessExclusiveLock);
    assertThat(rules(widening)).containsExactly("MIG-DDL-TX-001");
    LintReport scale = pg("ALTER TABLE orders ALTER COLUMN total TYPE numeric(14,4)", demo, null);
    assertThat(scale.statements().get(0).classification().work()).isEqualTo(TableWork.REWRITE);
    assertThat(rules(scale)).containsExactly("MIG-DDL-COL-004");
  }

  @Test
  void suppressionsNeedAReasonAndAreReported() {
    String script =
        "-- dbarch:ignore MIG-DDL-TBL-002 archived in release 41\n"
            + "DROP TABLE legacy_orders;\n"
            + "CREATE INDEX orders_customer_idx ON orders (customer_id); -- dbarch:ignore MIG-DDL-IDX-001\n"
            + "-- dbarch:ignore MIG-DDL-NOPE-001 because\n"
            + "-- dbarch:ignore MIG-DDL-COL-006 nothing to silence here\n"
            + "SELECT 1;\n";
    LintReport report = pg(script, null, null);
    assertThat(report.suppressedFindings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.ruleId()).isEqualTo("MIG-DDL-TBL-002");
              assertThat(f.suppressedBecause()).isEqualTo("archived in release 41");
            });
    assertThat(report.activeFindings()).extracting(Finding::ruleId).contains("MIG-DDL-IDX-001");
    assertThat(report.invalidSuppressions())
        .anyMatch(s -> s.startsWith("3:") && s.contains("no reason"))
        .anyMatch(s -> s.startsWith("4:") && s.contains("MIG-DDL-NOPE-001"));
    assertThat(report.unusedSuppressions()).containsExactly("5: MIG-DDL-COL-006");
    assertThat(report.failsAt(Severity.HIGH)).isFalse();
    assertThat(report.failsAt(Severity.MEDIUM)).isTrue();
  }

  @Test
  void scriptStructureIsChecked() {
    LintReport nested = pg("BEGIN; BEGIN; COMMIT;", null, null);
    assertThat(rules(nested)).containsExactly("MIG-DDL-TX-003");
    LintReport open = pg("BEGIN; ALTER TABLE orders ADD COLUMN x text;", null, null);
    assertThat(rules(open)).contains("MIG-DDL-TX-004");
    LintReport concurrently =
        pg("BEGIN; CREATE INDEX CONCURRENTLY i ON orders (customer_id); COMMIT;", null, null);
    assertThat(only(concurrently, "MIG-DDL-IDX-004").severity()).isEqualTo(Severity.HIGH);
    LintReport sameTransaction =
        pg(
            "BEGIN; ALTER TABLE orders ADD CONSTRAINT c CHECK (total > 0) NOT VALID;"
                + " ALTER TABLE orders VALIDATE CONSTRAINT c; COMMIT;",
            null,
            null);
    assertThat(rules(sameTransaction)).contains("MIG-DDL-CON-006");
    LintReport withTimeout =
        pg("SET lock_timeout = '1s'; ALTER TABLE orders ADD COLUMN x text;", null, null);
    assertThat(rules(withTimeout)).isEmpty();
  }

  @Test
  void theSameInputGivesTheSameReport() {
    String sql = "CREATE INDEX ON orders (customer_id); ALTER TABLE orders DROP COLUMN total;";
    SchemaSnapshot s = snapshot("17.6", table("orders", 10, 8192));
    assertThat(pg(sql, s, null)).isEqualTo(pg(sql, s, null));
  }

  @Test
  void everyRuleHasAnIdATitleAndCatalogueText() {
    assertThat(linter.registry().rules()).hasSizeGreaterThanOrEqualTo(40);
    linter
        .registry()
        .rules()
        .forEach(
            r -> {
              assertThat(r.id()).matches("MIG-DDL-[A-Z]+-\\d{3}");
              assertThat(r.title()).isNotBlank();
              assertThat(r.catalogue()).hasSizeGreaterThan(80);
              assertThat(r.appliesTo()).isNotEmpty();
            });
  }
}
