package dev.dbarch.workload.change;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.requirements.StatementStats;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.contracts.workload.WorkloadChange;
import dev.dbarch.contracts.workload.WorkloadSnapshot;
import dev.dbarch.workload.WorkloadThresholds;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadChangesTest {

  static final WorkloadThresholds T = WorkloadThresholds.DEFAULTS;
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  static StatementStats stmt(String id, String sql, long calls, double totalMs) {
    return new StatementStats(id, sql, calls, totalMs, null, calls, 0L, 0L, 0L, null);
  }

  static WorkloadSnapshot snapshot(
      String registration,
      long sequence,
      Instant at,
      List<StatementStats> statements,
      List<WorkloadSnapshot.TableActivity> tables,
      long hit,
      long read) {
    WorkloadSnapshot raw =
        new WorkloadSnapshot(
            "shop",
            registration,
            sequence,
            at,
            SchemaSnapshot.Engine.POSTGRESQL,
            "shop",
            null,
            null,
            statements,
            statements.stream().map(StatementStats::queryId).toList(),
            new WorkloadSnapshot.DatabaseActivity(
                hit, read, hit + read == 0 ? null : (double) hit / (hit + read), 0, 0, 0, 0, 0),
            tables,
            null,
            null,
            null,
            null);
    return raw;
  }

  static WorkloadSnapshot.TableActivity table(long seq, long idx) {
    return new WorkloadSnapshot.TableActivity(
        "public", "orders", 500_000, 1, seq, seq * 500_000, idx, 0, null);
  }

  @Test
  void theFirstReadOfARegistrationIsAChange() {
    WorkloadSnapshot first = snapshot("r1", 1, T0, List.of(), List.of(), 0, 0);
    assertThat(WorkloadChanges.detect(null, first, T))
        .singleElement()
        .satisfies(c -> assertThat(c.kind()).isEqualTo(WorkloadChange.Kind.FIRST_READ));
    WorkloadSnapshot otherRegistration = snapshot("r2", 1, T0, List.of(), List.of(), 0, 0);
    assertThat(WorkloadChanges.detect(first, otherRegistration, T))
        .extracting(WorkloadChange::kind)
        .containsExactly(WorkloadChange.Kind.FIRST_READ);
  }

  @Test
  void aSteadyWorkloadIsNoChange() {
    List<StatementStats> before =
        List.of(stmt("1", "SELECT a", 100, 1000), stmt("2", "SELECT b", 100, 500));
    List<StatementStats> after =
        List.of(stmt("1", "SELECT a", 200, 2000), stmt("2", "SELECT b", 200, 1000));
    WorkloadSnapshot previous =
        snapshot("r1", 1, T0, before, List.of(table(10, 1000)), 99_000, 100);
    WorkloadSnapshot current =
        WorkloadIntervals.derive(
            previous,
            snapshot("r1", 2, T0.plusSeconds(60), after, List.of(table(20, 2000)), 198_000, 200),
            T.topStatements());
    assertThat(current.intervalSeconds()).isEqualTo(60.0);
    assertThat(WorkloadChanges.detect(previous, current, T)).isEmpty();
  }

  @Test
  void aNewHeavyStatementASeqScanJumpAndAColdCacheAreNamed() {
    WorkloadSnapshot previous =
        snapshot(
            "r1",
            1,
            T0,
            List.of(stmt("1", "SELECT a", 100, 1000)),
            List.of(table(10, 1000)),
            99_000,
            100);
    WorkloadSnapshot current =
        WorkloadIntervals.derive(
            previous,
            snapshot(
                "r1",
                2,
                T0.plusSeconds(60),
                List.of(
                    stmt("1", "SELECT a", 200, 2000),
                    stmt("9", "SELECT * FROM orders WHERE note = $1", 50, 9000)),
                List.of(table(60, 1010)),
                100_000,
                20_000),
            T.topStatements());
    assertThat(current.topStatements()).containsExactly("9", "1");
    List<WorkloadChange> changes = WorkloadChanges.detect(previous, current, T);
    assertThat(changes)
        .extracting(WorkloadChange::kind)
        .containsExactly(
            WorkloadChange.Kind.NEW_TOP_STATEMENT,
            WorkloadChange.Kind.SEQ_SCAN_RATIO_JUMP,
            WorkloadChange.Kind.CACHE_HIT_BELOW_TARGET);
    assertThat(changes.get(0).subject()).isEqualTo("SELECT * FROM orders WHERE note = $1");
    assertThat(changes.get(0).after()).isEqualTo(0.9);
    assertThat(changes.get(1).subject()).isEqualTo("public.orders");
    assertThat(changes.get(1).before()).isLessThan(0.01);
    assertThat(changes.get(1).after()).isGreaterThan(0.8);
    assertThat(changes.get(2).after()).isLessThan(0.1);
    assertThat(changes.get(2).threshold()).isEqualTo(T.cacheHitTarget());
  }

  @Test
  void countersLowerThanBeforeMeanAResetAndCountInFull() {
    WorkloadSnapshot previous =
        snapshot("r1", 1, T0, List.of(stmt("1", "SELECT a", 1000, 10_000)), List.of(), 1000, 0);
    WorkloadSnapshot current =
        WorkloadIntervals.derive(
            previous,
            snapshot(
                "r1",
                2,
                T0.plusSeconds(60),
                List.of(stmt("1", "SELECT a", 10, 100)),
                List.of(),
                10,
                0),
            T.topStatements());
    assertThat(WorkloadIntervals.intervalMillis(previous, current)).containsEntry("1", 100.0);
  }
}
