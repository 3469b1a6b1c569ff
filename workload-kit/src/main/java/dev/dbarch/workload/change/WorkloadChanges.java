package dev.dbarch.workload.change;

import dev.dbarch.contracts.requirements.StatementStats;
import dev.dbarch.contracts.workload.WorkloadChange;
import dev.dbarch.contracts.workload.WorkloadSnapshot;
import dev.dbarch.workload.WorkloadThresholds;
import dev.dbarch.workload.statement.QueryText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides whether a workload changed enough to re-assess the system, comparing a snapshot (with its
 * interval figures, see {@link WorkloadIntervals}) with the previous one: a statement new to the
 * top statements by time, a jump in a large table's share of sequential scans, or the buffer cache
 * hit ratio falling below its target. The first read of a registration is a change of its own.
 * Changes come out in a stable order.
 */
public final class WorkloadChanges {

  /** Statement texts in a change are cut to this length. */
  static final int SUBJECT_LENGTH = 200;

  private WorkloadChanges() {}

  public static List<WorkloadChange> detect(
      WorkloadSnapshot previous, WorkloadSnapshot current, WorkloadThresholds thresholds) {
    if (previous == null
        || previous.registrationId() == null
        || !previous.registrationId().equals(current.registrationId())) {
      return List.of(
          new WorkloadChange(WorkloadChange.Kind.FIRST_READ, current.database(), null, null, null));
    }
    List<WorkloadChange> changes = new ArrayList<>();
    changes.addAll(newTopStatements(previous, current, thresholds));
    changes.addAll(seqScanJumps(previous, current, thresholds));
    cacheHitBelowTarget(previous, current, thresholds).ifPresent(changes::add);
    return changes;
  }

  private static List<WorkloadChange> newTopStatements(
      WorkloadSnapshot previous, WorkloadSnapshot current, WorkloadThresholds thresholds) {
    Map<String, Double> spent = WorkloadIntervals.intervalMillis(previous, current);
    double intervalTotal = spent.values().stream().mapToDouble(Double::doubleValue).sum();
    double previousTotal =
        previous.statements().stream().mapToDouble(StatementStats::totalMillis).sum();
    Map<String, StatementStats> byId = new HashMap<>();
    current.statements().forEach(s -> byId.put(s.queryId(), s));
    Map<String, StatementStats> before = new HashMap<>();
    previous.statements().forEach(s -> before.put(s.queryId(), s));
    List<WorkloadChange> changes = new ArrayList<>();
    if (intervalTotal <= 0) {
      return changes;
    }
    for (String id : current.topStatements()) {
      if (previous.topStatements().contains(id) || !byId.containsKey(id)) {
        continue;
      }
      double share = spent.getOrDefault(id, 0.0) / intervalTotal;
      if (share < thresholds.newTopMinShare()) {
        continue;
      }
      StatementStats earlier = before.get(id);
      double shareBefore =
          earlier == null || previousTotal <= 0 ? 0 : earlier.totalMillis() / previousTotal;
      if (shareBefore >= thresholds.newTopMinShare()) {
        // Already a heavy statement that only moved within the ranking: not new.
        continue;
      }
      changes.add(
          new WorkloadChange(
              WorkloadChange.Kind.NEW_TOP_STATEMENT,
              QueryText.abbreviate(byId.get(id).query(), SUBJECT_LENGTH),
              round(shareBefore),
              round(share),
              thresholds.newTopMinShare()));
    }
    return changes;
  }

  private static List<WorkloadChange> seqScanJumps(
      WorkloadSnapshot previous, WorkloadSnapshot current, WorkloadThresholds thresholds) {
    Map<String, WorkloadSnapshot.TableActivity> before = new HashMap<>();
    previous.tables().forEach(t -> before.put(t.qualifiedName(), t));
    List<WorkloadChange> changes = new ArrayList<>();
    for (WorkloadSnapshot.TableActivity t : current.tables()) {
      WorkloadSnapshot.TableActivity p = before.get(t.qualifiedName());
      if (p == null || t.liveRows() < thresholds.largeTableRows() || t.seqScanRatio() == null) {
        continue;
      }
      long seqScans = t.seqScans() - p.seqScans();
      if (seqScans < thresholds.minSeqScans()) {
        continue;
      }
      long scansBefore = p.seqScans() + p.indexScans();
      double ratioBefore = scansBefore == 0 ? 0 : (double) p.seqScans() / scansBefore;
      if (t.seqScanRatio() - ratioBefore >= thresholds.seqScanRatioJump()) {
        changes.add(
            new WorkloadChange(
                WorkloadChange.Kind.SEQ_SCAN_RATIO_JUMP,
                t.qualifiedName(),
                round(ratioBefore),
                round(t.seqScanRatio()),
                thresholds.seqScanRatioJump()));
      }
    }
    changes.sort(Comparator.comparing(WorkloadChange::subject));
    return changes;
  }

  private static java.util.Optional<WorkloadChange> cacheHitBelowTarget(
      WorkloadSnapshot previous, WorkloadSnapshot current, WorkloadThresholds thresholds) {
    WorkloadSnapshot.DatabaseActivity now = current.activity();
    WorkloadSnapshot.DatabaseActivity then = previous.activity();
    if (now == null || then == null || now.cacheHitRatio() == null) {
      return java.util.Optional.empty();
    }
    long blocks = (now.blocksHit() - then.blocksHit()) + (now.blocksRead() - then.blocksRead());
    boolean wasAbove =
        then.cacheHitRatio() == null || then.cacheHitRatio() >= thresholds.cacheHitTarget();
    if (blocks >= thresholds.minCacheBlocks()
        && now.cacheHitRatio() < thresholds.cacheHitTarget()
        && wasAbove) {
      return java.util.Optional.of(
          new WorkloadChange(
              WorkloadChange.Kind.CACHE_HIT_BELOW_TARGET,
              current.database(),
              then.cacheHitRatio() == null ? null : round(then.cacheHitRatio()),
              round(now.cacheHitRatio()),
              thresholds.cacheHitTarget()));
    }
    return java.util.Optional.empty();
  }

  private static double round(double value) {
    return Math.round(value * 10_000) / 10_000.0;
  }
}
