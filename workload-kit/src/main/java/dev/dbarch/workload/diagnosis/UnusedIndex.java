package dev.dbarch.workload.diagnosis;

import dev.dbarch.contracts.events.Risk;
import dev.dbarch.contracts.workload.WorkloadSnapshot;
import dev.dbarch.workload.settings.MemorySetting;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PERF-DIAG-019: indexes the workload never uses, ranked by what they cost: the writes to their
 * table (each insert and most updates maintain every index), then their size. Unique and primary
 * indexes enforce constraints and are never proposed for removal.
 */
final class UnusedIndex implements Diagnosis {

  static final String ID = "PERF-DIAG-019";

  static final int MAX_FINDINGS = 10;

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String title() {
    return "Unused index";
  }

  @Override
  public String catalogue() {
    return "Live statistics: a non-unique index with no scan since the statistics were reset, ranked"
        + " by its table's writes, then by its size; at most "
        + MAX_FINDINGS
        + ". Fix: DROP INDEX CONCURRENTLY (MySQL: ALTER TABLE … DROP INDEX), after checking replicas"
        + " and rare jobs do not need it.";
  }

  @Override
  public List<Finding> evaluate(Evidence e) {
    if (e.snapshot() == null) {
      return List.of();
    }
    Map<String, WorkloadSnapshot.TableActivity> tables = new LinkedHashMap<>();
    e.snapshot().tables().forEach(t -> tables.put(t.name().toLowerCase(), t));
    record Unused(WorkloadSnapshot.IndexActivity index, long writes) {}
    List<Unused> unused = new ArrayList<>();
    for (WorkloadSnapshot.IndexActivity i : e.snapshot().indexes()) {
      if (i.scans() != 0 || i.unique()) {
        continue;
      }
      WorkloadSnapshot.TableActivity t = tables.get(i.table().toLowerCase());
      unused.add(new Unused(i, t == null ? 0 : t.writes()));
    }
    unused.sort(
        Comparator.comparingLong(Unused::writes)
            .reversed()
            .thenComparing(u -> -u.index().sizeBytes())
            .thenComparing(u -> u.index().name()));
    List<Finding> findings = new ArrayList<>();
    for (Unused u : unused.subList(0, Math.min(MAX_FINDINGS, unused.size()))) {
      WorkloadSnapshot.IndexActivity i = u.index();
      String qualifiedIndex = (i.schema() == null ? "" : i.schema() + ".") + i.name();
      String table = (i.schema() == null ? "" : i.schema() + ".") + i.table();
      String fix =
          e.isMySql()
              ? "ALTER TABLE " + table + " DROP INDEX " + i.name()
              : "DROP INDEX CONCURRENTLY " + qualifiedIndex;
      Map<String, String> facts = new LinkedHashMap<>();
      facts.put("scans", "0");
      facts.put("tableWrites", Numbers.count(u.writes()));
      if (i.sizeBytes() >= 0) {
        facts.put("size", MemorySetting.human(i.sizeBytes()));
      }
      findings.add(
          new Finding(
              ID,
              title(),
              qualifiedIndex,
              Risk.Level.MEDIUM,
              u.writes() > 0 ? Risk.Level.MEDIUM : Risk.Level.LOW,
              qualifiedIndex
                  + " on "
                  + table
                  + " is never used but is kept up to date on every write",
              fix,
              "0 scans since the statistics were reset, while "
                  + table
                  + " took "
                  + Numbers.count(u.writes())
                  + " row writes that each maintained it"
                  + (i.sizeBytes() >= 0 ? "; it takes " + MemorySetting.human(i.sizeBytes()) : "")
                  + ".",
              facts,
              "Statistics count since their last reset and on this server only: a replica, a"
                  + " monthly job or a rarely used feature may still need it."));
    }
    return findings;
  }
}
