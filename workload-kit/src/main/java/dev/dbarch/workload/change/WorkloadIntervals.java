package dev.dbarch.workload.change;

import dev.dbarch.contracts.requirements.StatementStats;
import dev.dbarch.contracts.workload.WorkloadSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a freshly read snapshot's cumulative counters into figures over the interval since the
 * previous snapshot of the same registration: the buffer cache hit ratio, each table's share of
 * sequential scans and the statements that took the most time. A counter lower than before means
 * the statistics were reset; the cumulative figure then stands for the interval.
 */
public final class WorkloadIntervals {

  private WorkloadIntervals() {}

  /**
   * @param previous the last published snapshot of the same registration, or null
   * @param current as read, with cumulative ratios
   * @param topStatements how many statements {@code topStatements} keeps
   */
  public static WorkloadSnapshot derive(
      WorkloadSnapshot previous, WorkloadSnapshot current, int topStatements) {
    boolean comparable =
        previous != null
            && previous.registrationId() != null
            && previous.registrationId().equals(current.registrationId())
            && previous.capturedAt() != null
            && current.capturedAt() != null;
    Double interval =
        comparable
            ? Duration.between(previous.capturedAt(), current.capturedAt()).toMillis() / 1000.0
            : null;
    WorkloadSnapshot.DatabaseActivity activity = current.activity();
    if (comparable && activity != null && previous.activity() != null) {
      long hit = activity.blocksHit() - previous.activity().blocksHit();
      long read = activity.blocksRead() - previous.activity().blocksRead();
      if (hit >= 0 && read >= 0) {
        activity =
            new WorkloadSnapshot.DatabaseActivity(
                activity.blocksHit(),
                activity.blocksRead(),
                hit + read == 0 ? previous.activity().cacheHitRatio() : (double) hit / (hit + read),
                activity.tempFiles(),
                activity.tempBytes(),
                activity.deadlocks(),
                activity.commits(),
                activity.rollbacks());
      }
    }
    List<WorkloadSnapshot.TableActivity> tables = new ArrayList<>();
    Map<String, WorkloadSnapshot.TableActivity> before = new HashMap<>();
    if (comparable) {
      previous.tables().forEach(t -> before.put(t.qualifiedName(), t));
    }
    for (WorkloadSnapshot.TableActivity t : current.tables()) {
      WorkloadSnapshot.TableActivity p = before.get(t.qualifiedName());
      Double ratio = t.seqScanRatio();
      if (p != null && t.seqScans() >= p.seqScans() && t.indexScans() >= p.indexScans()) {
        long seq = t.seqScans() - p.seqScans();
        long idx = t.indexScans() - p.indexScans();
        ratio = seq + idx == 0 ? null : (double) seq / (seq + idx);
      }
      tables.add(
          new WorkloadSnapshot.TableActivity(
              t.schema(),
              t.name(),
              t.liveRows(),
              t.sizeBytes(),
              t.seqScans(),
              t.seqRowsRead(),
              t.indexScans(),
              t.writes(),
              ratio));
    }
    Map<String, Double> spent = intervalMillis(comparable ? previous : null, current);
    List<String> top =
        spent.entrySet().stream()
            .filter(e -> e.getValue() > 0)
            .sorted(
                Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())
                    .thenComparing(Map.Entry.comparingByKey()))
            .limit(topStatements)
            .map(Map.Entry::getKey)
            .toList();
    return new WorkloadSnapshot(
        current.tenant(),
        current.systemId(),
        current.registrationId(),
        current.sequence(),
        current.capturedAt(),
        current.engine(),
        current.database(),
        interval,
        current.limitations(),
        current.statements(),
        top,
        activity,
        tables,
        current.indexes(),
        current.sessions(),
        current.settings(),
        current.indexAdvice());
  }

  /** Milliseconds each statement spent since {@code previous} (all of it when there is none). */
  static Map<String, Double> intervalMillis(WorkloadSnapshot previous, WorkloadSnapshot current) {
    Map<String, StatementStats> earlier = new HashMap<>();
    if (previous != null) {
      previous.statements().stream()
          .filter(s -> s.queryId() != null)
          .forEach(s -> earlier.put(s.queryId(), s));
    }
    Map<String, Double> spent = new HashMap<>();
    for (StatementStats s : current.statements()) {
      if (s.queryId() == null) {
        continue;
      }
      StatementStats p = earlier.get(s.queryId());
      double millis = s.totalMillis();
      if (p != null && s.calls() != null && p.calls() != null && s.calls() >= p.calls()) {
        millis = s.totalMillis() - p.totalMillis();
      }
      spent.put(s.queryId(), Math.max(0, millis));
    }
    return spent;
  }
}
