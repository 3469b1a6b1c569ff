package dev.dbarch.performance.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.events.AssessmentRequested;
import dev.dbarch.contracts.events.Decision;
import dev.dbarch.contracts.events.Heading;
import dev.dbarch.contracts.events.Risk;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.contracts.events.Trigger;
import dev.dbarch.contracts.requirements.Requirements;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.contracts.workload.WorkloadChange;
import dev.dbarch.contracts.workload.WorkloadContext;
import dev.dbarch.contracts.workload.WorkloadSnapshot;
import dev.dbarch.performance.rules.PerformanceRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The workload diagnoses in the performance section, on the slowdown example and live snapshots.
 * The diagnoses that read only a monitored database (PERF-DIAG-015, 019, 022, 023) are fired and
 * near-missed here for PerformanceRuleBookTest.
 */
public class WorkloadDiagnosesTest {

  static final Path EXAMPLE = Path.of("..", "examples", "peak-slowdown.yaml");

  static SectionVerdict assess(Requirements req, WorkloadContext workload) {
    return PerformanceRules.assess(
        new AssessmentRequested(
            "a", req.systemId(), Trigger.SUBMITTED, Instant.EPOCH, req, null, workload));
  }

  static Requirements example() throws Exception {
    assumeTrue(Files.exists(EXAMPLE), "examples/peak-slowdown.yaml is not in this checkout");
    return Json.yaml().readValue(Files.readString(EXAMPLE), Requirements.class);
  }

  static List<Decision> decisions(SectionVerdict verdict, String ruleId) {
    return verdict.decisions().stream().filter(d -> d.ruleId().equals(ruleId)).toList();
  }

  @Test
  void theSlowdownExampleIsDiagnosedWithFixesFactsAndArithmetic() throws Exception {
    SectionVerdict verdict = assess(example(), null);
    verdict.decisions().stream()
        .filter(d -> d.ruleId().startsWith("PERF-DIAG-0"))
        .forEach(d -> System.out.println(d.ruleId() + " | " + d.choice()));
    assertThat(verdict.risks())
        .extracting(Risk::ruleId)
        .contains(
            "PERF-DIAG-010",
            "PERF-DIAG-012",
            "PERF-DIAG-014",
            "PERF-DIAG-016",
            "PERF-DIAG-017",
            "PERF-DIAG-018",
            "PERF-DIAG-020",
            "PERF-DIAG-021");

    Decision scan = decisions(verdict, "PERF-DIAG-010").get(0);
    assertThat(scan.heading()).isEqualTo(Heading.PERFORMANCE_OPTIMIZATION);
    assertThat(scan.choice())
        .isEqualTo("CREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id)");
    assertThat(scan.facts()).containsEntry("rowsRead", "2,400,000").containsEntry("rowsKept", "31");
    assertThat(scan.rationale()).contains("2,400,000 rows").contains("0.001%");

    Decision spill = decisions(verdict, "PERF-DIAG-012").get(0);
    assertThat(spill.choice()).isEqualTo("SET LOCAL work_mem = '64MB'");
    assertThat(spill.rationale())
        .contains("18,432 kB to disk")
        .contains("36,864 kB")
        .contains("64MB × 100 = 6.3 GB")
        .contains("more than 25.0% of the server's 16 GB");

    Decision nPlusOne = decisions(verdict, "PERF-DIAG-014").get(0);
    assertThat(nPlusOne.choice()).isEqualTo("SELECT * FROM order_items WHERE order_id = ANY($1)");
    assertThat(nPlusOne.facts()).containsEntry("calls", "1,906,334");

    assertThat(decisions(verdict, "PERF-DIAG-017").get(0).choice())
        .startsWith(
            "SELECT id, created_at FROM orders WHERE (status = $1) AND (created_at, id) > ($2, $3)"
                + " ORDER BY created_at, id LIMIT 50");

    assertThat(decisions(verdict, "PERF-DIAG-018"))
        .allSatisfy(
            d ->
                assertThat(d.rationale())
                    .contains("unverified: HypoPG unavailable: no monitored database"));

    Decision connections = decisions(verdict, "PERF-DIAG-021").get(0);
    assertThat(connections.rationale())
        .contains("200 connections per instance × 4 instances = 800 against max_connections 100");
    assertThat(connections.choice()).contains("default_pool_size = 17");

    assertThat(decisions(verdict, "PERF-DIAG-020").get(0).choice())
        .isEqualTo("ALTER SYSTEM SET shared_buffers = '4GB'");
  }

  @Test
  void risksNameTheProblemWithoutNumbersSoRevisionsCompare() throws Exception {
    SectionVerdict verdict = assess(example(), null);
    assertThat(verdict.risks())
        .filteredOn(r -> r.ruleId().startsWith("PERF-DIAG-01"))
        .allSatisfy(r -> assertThat(r.risk()).doesNotContainPattern("\\d{3,}"));
  }

  @Test
  void theSameEvidenceGivesTheSameBytes() throws Exception {
    Requirements req = example();
    assertThat(Json.toJson(assess(req, null))).isEqualTo(Json.toJson(assess(req, null)));
  }

  @Test
  void withoutEvidenceTheDiagnosesStaySilent() {
    SectionVerdict verdict = assess(Requirements.named("s", "S"), null);
    assertThat(verdict.risks()).isEmpty();
    assertThat(verdict.decisions())
        .extracting(Decision::ruleId)
        .noneMatch(id -> id.compareTo("PERF-DIAG-010") >= 0 && id.startsWith("PERF-DIAG"));
  }

  @Test
  void aLiveSnapshotIsDiagnosedAndItsLimitationsBecomeQuestions() {
    WorkloadSnapshot snapshot =
        new WorkloadSnapshot(
            "s",
            "r1",
            2,
            Instant.EPOCH,
            SchemaSnapshot.Engine.POSTGRESQL,
            "shop",
            60.0,
            List.of(
                "pg_stat_statements is not installed in database shop: no statement statistics"),
            List.of(),
            List.of(),
            new WorkloadSnapshot.DatabaseActivity(500_000, 400_000, 0.55, 0, 0, 0, 10, 0),
            List.of(),
            List.of(
                new WorkloadSnapshot.IndexActivity(
                    "public",
                    "orders",
                    "orders_note_idx",
                    0,
                    50_000_000,
                    false,
                    "CREATE INDEX orders_note_idx ON public.orders USING btree (note)")),
            new WorkloadSnapshot.Sessions(
                12,
                2,
                1,
                List.of(
                    new WorkloadSnapshot.Session("batch", "nightly", "active", 420, 420),
                    new WorkloadSnapshot.Session(
                        "app", "checkout", "idle in transaction", 95, 90))),
            new dev.dbarch.contracts.requirements.ServerSettings("128MB", "4MB", "4GB", 100),
            List.of());
    SectionVerdict verdict =
        assess(
            Requirements.named("s", "S"),
            new WorkloadContext(
                snapshot,
                List.of(
                    new WorkloadChange(
                        WorkloadChange.Kind.CACHE_HIT_BELOW_TARGET, "shop", 0.995, 0.55, 0.99))));
    assertThat(verdict.risks())
        .extracting(Risk::ruleId)
        .contains("PERF-DIAG-019", "PERF-DIAG-020", "PERF-DIAG-022", "PERF-DIAG-023");
    assertThat(decisions(verdict, "PERF-DIAG-019").get(0).choice())
        .isEqualTo("DROP INDEX CONCURRENTLY public.orders_note_idx");
    assertThat(decisions(verdict, "PERF-DIAG-022").get(0).choice())
        .isEqualTo("ALTER ROLE \"batch\" SET statement_timeout = '60s'");
    assertThat(decisions(verdict, "PERF-DIAG-023").get(0).choice())
        .isEqualTo("ALTER DATABASE \"shop\" SET idle_in_transaction_session_timeout = '30s'");
    assertThat(verdict.assumptions())
        .anySatisfy(a -> assertThat(a.assumed()).contains("pg_stat_statements is not installed"));
    assertThat(verdict.questions()).anyMatch(q -> q.contains("pg_stat_statements"));
  }

  /** A live snapshot of one index, one statement and two open transactions. */
  static SectionVerdict live(
      String index, long indexScans, double transactionSeconds, double idleSeconds) {
    WorkloadSnapshot snapshot =
        new WorkloadSnapshot(
            "s",
            "r1",
            2,
            Instant.EPOCH,
            SchemaSnapshot.Engine.POSTGRESQL,
            "shop",
            60.0,
            List.of(),
            List.of(
                new dev.dbarch.contracts.requirements.StatementStats(
                    "1",
                    "SELECT id FROM customers WHERE lower(email) = $1",
                    100L,
                    500.0,
                    null,
                    100L,
                    null,
                    null,
                    null,
                    null)),
            List.of(),
            null,
            List.of(),
            List.of(
                new WorkloadSnapshot.IndexActivity(
                    "public",
                    "customers",
                    "customers_lookup_idx",
                    indexScans,
                    8_192,
                    false,
                    "CREATE INDEX customers_lookup_idx ON public.customers USING btree ("
                        + index
                        + ")")),
            new WorkloadSnapshot.Sessions(
                4,
                2,
                1,
                List.of(
                    new WorkloadSnapshot.Session(
                        "batch", "nightly", "active", transactionSeconds, transactionSeconds),
                    new WorkloadSnapshot.Session(
                        "app", "checkout", "idle in transaction", idleSeconds, idleSeconds))),
            null,
            List.of());
    return assess(Requirements.named("s", "S"), new WorkloadContext(snapshot, List.of()));
  }

  static List<String> riskIds(SectionVerdict verdict) {
    return verdict.risks().stream().map(Risk::ruleId).toList();
  }

  @Test
  void theLiveOnlyDiagnosesFireAndStaySilentJustUnderTheirThresholds() {
    assertThat(riskIds(live("email", 0, 60, 30)))
        .contains("PERF-DIAG-015", "PERF-DIAG-019", "PERF-DIAG-022", "PERF-DIAG-023");
    // The expression is indexed; the index was scanned once; 59 s and 29 s are under 60 s and 30 s.
    assertThat(riskIds(live("lower(email)", 1, 59, 29)))
        .doesNotContain("PERF-DIAG-015", "PERF-DIAG-019", "PERF-DIAG-022", "PERF-DIAG-023");
  }
}
