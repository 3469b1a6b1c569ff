package dev.dbarch.workload.diagnosis;

import dev.dbarch.contracts.events.Risk;
import dev.dbarch.contracts.workload.WorkloadSnapshot;
import dev.dbarch.workload.plan.Plan;
import dev.dbarch.workload.plan.PlanNode;
import dev.dbarch.workload.statement.FilterColumns;
import dev.dbarch.workload.statement.SqlShape;
import dev.dbarch.workload.statement.WorkloadStatement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * PERF-DIAG-010: a large table read in full to keep a few rows. From a plan: a sequential scan
 * whose filter keeps at most the selective share of the rows it reads. From live statistics: a
 * large table mostly read by sequential scans while a statement filters it down to a few rows per
 * call. The fix is the index on the filter's columns.
 */
final class SequentialScanOnLargeTable implements Diagnosis {

  static final String ID = "PERF-DIAG-010";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String title() {
    return "Sequential scan of a large table with a selective filter";
  }

  @Override
  public String catalogue() {
    return "Plans: a Seq Scan (MySQL: access type ALL) reading at least `large-table-rows` rows"
        + " whose filter keeps at most `selective-fraction` of them. Live: a table of at least"
        + " `large-table-rows` rows with at least half its scans sequential and a statement that"
        + " filters it to at most that share per call. Fix: the index on the filter's columns"
        + " (equality first, then one range column), with HypoPG's measurement when there is one.";
  }

  @Override
  public List<Finding> evaluate(Evidence e) {
    Map<String, Finding> found = new LinkedHashMap<>();
    for (Plan plan : e.plans()) {
      plan.nodes()
          .filter(n -> n.isSequentialScan() && n.relation() != null && n.filter() != null)
          .forEach(node -> fromPlan(e, plan, node, found));
    }
    fromStatistics(e, found);
    return List.copyOf(found.values());
  }

  private void fromPlan(Evidence e, Plan plan, PlanNode node, Map<String, Finding> found) {
    double read;
    double kept;
    if (node.measured()) {
      read =
          node.actualRows() + (node.rowsRemovedByFilter() == null ? 0 : node.rowsRemovedByFilter());
      kept = node.actualRows();
    } else if (plan.engine() == Plan.Engine.MYSQL && node.planRows() != null) {
      read = node.planRows();
      kept = node.filteredPercent() == null ? read : read * node.filteredPercent() / 100;
    } else if (node.planRows() != null) {
      OptionalLong rows = e.tableRows(node.relation());
      read = rows.isPresent() ? rows.getAsLong() : 0;
      kept = node.planRows();
    } else {
      return;
    }
    if (read < e.thresholds().largeTableRows() || read == 0) {
      return;
    }
    double share = kept / read;
    if (share > e.thresholds().selectiveFraction()) {
      return;
    }
    List<SqlShape.Predicate> predicates =
        FilterColumns.of(node.filter(), node.relation(), node.alias());
    List<String> keys = Fixes.indexKeys(predicates);
    if (keys.isEmpty() || e.indexesOf(node.relation()).stream().anyMatch(i -> i.leadsWith(keys))) {
      return;
    }
    String table = e.qualified(node.relation());
    String arithmetic =
        "In plan '"
            + plan.label()
            + "' the scan of "
            + table
            + " read "
            + Numbers.count(read)
            + " rows"
            + (node.measured() ? "" : " (estimated)")
            + " to keep "
            + Numbers.count(kept)
            + " ("
            + Numbers.percent(share)
            + "; at most "
            + Numbers.percent(e.thresholds().selectiveFraction())
            + " counts as selective), so an index on ("
            + String.join(", ", keys)
            + ") would read only the rows kept."
            + Fixes.measured(e, node.relation(), keys).map(m -> " " + m + ".").orElse("");
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("plan", plan.label());
    facts.put("rowsRead", Numbers.count(read));
    facts.put("rowsKept", Numbers.count(kept));
    facts.put("keptShare", Numbers.percent(share));
    facts.put("filter", node.filter());
    found.putIfAbsent(
        key(table, keys), finding(e, table, node.relation(), keys, read, arithmetic, facts));
  }

  private void fromStatistics(Evidence e, Map<String, Finding> found) {
    if (e.snapshot() == null) {
      return;
    }
    for (WorkloadSnapshot.TableActivity t : e.snapshot().tables()) {
      if (t.liveRows() < e.thresholds().largeTableRows()
          || t.seqScanRatio() == null
          || t.seqScanRatio() < 0.5
          || t.seqScans() < e.thresholds().minSeqScans()) {
        continue;
      }
      for (WorkloadStatement s : e.statements()) {
        List<SqlShape.Predicate> onTable = s.shape().predicatesOn(t.name());
        List<String> keys = Fixes.indexKeys(onTable);
        if (keys.isEmpty()
            || s.calls() == 0
            || s.rowsPerCall() > e.thresholds().selectiveFraction() * t.liveRows()
            || e.indexesOf(t.name()).stream().anyMatch(i -> i.leadsWith(keys))) {
          continue;
        }
        String table = t.qualifiedName();
        double perScan = t.seqScans() == 0 ? 0 : (double) t.seqRowsRead() / t.seqScans();
        String arithmetic =
            table
                + " has "
                + Numbers.count(t.liveRows())
                + " rows and "
                + Numbers.percent(t.seqScanRatio())
                + " of its recent scans were sequential ("
                + Numbers.count(t.seqScans())
                + " sequential scans, "
                + Numbers.count(perScan)
                + " rows each on average); '"
                + s.label()
                + "' returns "
                + Numbers.decimal(s.rowsPerCall())
                + " rows per call over "
                + Numbers.count(s.calls())
                + " calls filtering on ("
                + String.join(", ", keys)
                + ")."
                + Fixes.measured(e, t.name(), keys).map(m -> " " + m + ".").orElse("");
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("liveRows", Numbers.count(t.liveRows()));
        facts.put("seqScanRatio", Numbers.percent(t.seqScanRatio()));
        facts.put("seqScans", Numbers.count(t.seqScans()));
        facts.put("statement", s.label());
        facts.put("rowsPerCall", Numbers.decimal(s.rowsPerCall()));
        found.putIfAbsent(
            key(table, keys), finding(e, table, t.name(), keys, t.liveRows(), arithmetic, facts));
      }
    }
  }

  private Finding finding(
      Evidence e,
      String table,
      String relation,
      List<String> keys,
      double rowsRead,
      String arithmetic,
      Map<String, String> facts) {
    Risk.Level impact =
        rowsRead >= 10.0 * e.thresholds().largeTableRows() ? Risk.Level.HIGH : Risk.Level.MEDIUM;
    return new Finding(
        ID,
        title(),
        table + " (" + String.join(", ", keys) + ")",
        Risk.Level.HIGH,
        impact,
        table
            + ": sequential scans filter on ("
            + String.join(", ", keys)
            + ") and keep only a few of the rows they read",
        Fixes.createIndex(e, relation, keys),
        arithmetic,
        facts,
        "The index takes disk space and adds work to every insert and to updates of its columns;"
            + " build it CONCURRENTLY so writes go on meanwhile.");
  }

  private static String key(String table, List<String> keys) {
    return table.toLowerCase() + "|" + String.join(",", keys);
  }
}
