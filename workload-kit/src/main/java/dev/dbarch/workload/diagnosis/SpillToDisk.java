package dev.dbarch.workload.diagnosis;

import dev.dbarch.contracts.events.Risk;
import dev.dbarch.workload.plan.Plan;
import dev.dbarch.workload.plan.PlanNode;
import dev.dbarch.workload.settings.MemorySetting;
import dev.dbarch.workload.statement.QueryText;
import dev.dbarch.workload.statement.WorkloadStatement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * PERF-DIAG-012: sorts and hashes that did not fit in {@code work_mem} and went to temporary files.
 * The suggested {@code work_mem} is computed from what the plan wrote: an in-memory sort needs
 * about twice the space its on-disk runs take (tuples in memory carry per-tuple overhead that the
 * compact run format does not), a hash join the memory of all its batches. The setting is rounded
 * up to a power of two megabytes. Whether it can be the server-wide default depends on the worst
 * case, every connection running such a sort at once, against the server's memory.
 */
final class SpillToDisk implements Diagnosis {

  static final String ID = "PERF-DIAG-012";

  /** In-memory sort space over on-disk run size, measured on PostgreSQL 15 and 17 (see tests). */
  static final double SORT_MEMORY_PER_DISK = 2.0;

  /** The share of the server's memory the worst case may take for work_mem to be server-wide. */
  static final double SERVER_WIDE_MEMORY_SHARE = 0.25;

  private static final long MB = 1024 * 1024;

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String title() {
    return "Sort or hash spilling to disk";
  }

  @Override
  public String catalogue() {
    return "Plans: a Sort with Sort Space Type Disk, a Hash with more than one batch, a"
        + " HashAggregate with Disk Usage. Statements: temporary blocks written. Suggested work_mem:"
        + " sort: 2 × the disk space; hash: peak memory × batches; statement: 2 × temporary bytes"
        + " per call; rounded up to a power of two MB. Fix: ALTER SYSTEM SET work_mem when that"
        + " value × max_connections stays within 25% of the server's memory (`memoryGb`), else SET"
        + " LOCAL work_mem in the transaction that runs the statement.";
  }

  /** One place that spilled: a plan or a statement, what it needs and how that was worked out. */
  private record Spill(String subject, long neededKb, String what) {}

  @Override
  public List<Finding> evaluate(Evidence e) {
    if (e.isMySql()) {
      return List.of();
    }
    List<Spill> spills = spills(e);
    if (spills.isEmpty()) {
      return List.of();
    }
    long largest = spills.stream().mapToLong(Spill::neededKb).max().orElse(0);
    long serverWideValue = suggestion(e, largest);
    if (serverWide(e, serverWideValue)) {
      // One setting for the server: sized for the hungriest sort, covering every other.
      String subjects =
          spills.stream().map(Spill::subject).collect(java.util.stream.Collectors.joining("; "));
      String what =
          spills.stream()
              .map(s -> s.subject() + ": " + s.what())
              .collect(java.util.stream.Collectors.joining(". "));
      return List.of(finding(e, "work_mem (" + subjects + ")", serverWideValue, what, true));
    }
    List<Finding> findings = new ArrayList<>();
    for (Spill spill : spills) {
      findings.add(
          finding(e, spill.subject(), suggestion(e, spill.neededKb()), spill.what(), false));
    }
    return findings;
  }

  private List<Spill> spills(Evidence e) {
    List<Spill> spills = new ArrayList<>();
    java.util.Set<String> planned = new java.util.HashSet<>();
    for (Plan plan : e.plans()) {
      long neededKb = 0;
      List<String> what = new ArrayList<>();
      for (PlanNode node : plan.nodes().toList()) {
        if ("Disk".equals(node.sortSpaceType()) && node.sortSpaceKb() != null) {
          long need = Math.round(node.sortSpaceKb() * SORT_MEMORY_PER_DISK);
          what.add(
              "a sort ("
                  + node.sortMethod()
                  + ") wrote "
                  + Numbers.count(node.sortSpaceKb())
                  + " kB to disk; in memory it needs about "
                  + Numbers.decimal(SORT_MEMORY_PER_DISK)
                  + " × that = "
                  + Numbers.count(need)
                  + " kB");
          neededKb = Math.max(neededKb, need);
        }
        long batches = Math.max(nz(node.hashBatches()), nz(node.originalHashBatches()));
        if (batches > 1 && node.peakMemoryKb() != null && node.diskUsageKb() == null) {
          long need = node.peakMemoryKb() * batches;
          what.add(
              "a hash used "
                  + Numbers.count(batches)
                  + " batches of up to "
                  + Numbers.count(node.peakMemoryKb())
                  + " kB; one batch needs "
                  + Numbers.count(batches)
                  + " × "
                  + Numbers.count(node.peakMemoryKb())
                  + " = "
                  + Numbers.count(need)
                  + " kB");
          neededKb = Math.max(neededKb, need);
        }
        if (node.diskUsageKb() != null && node.diskUsageKb() > 0) {
          long need =
              nz(node.peakMemoryKb()) + Math.round(node.diskUsageKb() * SORT_MEMORY_PER_DISK);
          what.add(
              "a hash aggregate wrote "
                  + Numbers.count(node.diskUsageKb())
                  + " kB to disk beside "
                  + Numbers.count(nz(node.peakMemoryKb()))
                  + " kB in memory; it needs about "
                  + Numbers.count(need)
                  + " kB");
          neededKb = Math.max(neededKb, need);
        }
      }
      if (neededKb > 0) {
        spills.add(new Spill(plan.label(), neededKb, String.join("; ", what)));
        if (plan.query() != null) {
          planned.add(QueryText.shape(plan.query()));
        }
      }
    }
    for (WorkloadStatement s : e.statements()) {
      Long temp = s.stats().tempBlocksWritten();
      // A statement whose plan was submitted is diagnosed from the plan, which is more precise.
      if (temp == null || temp == 0 || s.calls() == 0 || planned.contains(s.shapeText())) {
        continue;
      }
      double perCallKb = temp * 8.0 / s.calls();
      long need = Math.round(perCallKb * SORT_MEMORY_PER_DISK);
      spills.add(
          new Spill(
              s.label(),
              need,
              "it wrote "
                  + Numbers.count(temp)
                  + " temporary blocks of 8 kB over "
                  + Numbers.count(s.calls())
                  + (s.calls() == 1 ? " call" : " calls")
                  + " = "
                  + Numbers.count(perCallKb)
                  + " kB per call; in memory that needs about "
                  + Numbers.decimal(SORT_MEMORY_PER_DISK)
                  + " × = "
                  + Numbers.count(need)
                  + " kB"));
    }
    return spills;
  }

  /** The work_mem to suggest: the need rounded up, and more than the current setting. */
  private static long suggestion(Evidence e, long neededKb) {
    long suggested = roundUpToPowerOfTwoMb(neededKb * 1024);
    OptionalLong current = currentWorkMem(e);
    if (current.isPresent() && current.getAsLong() >= suggested) {
      suggested = roundUpToPowerOfTwoMb(current.getAsLong() * 2);
    }
    return suggested;
  }

  private static OptionalLong currentWorkMem(Evidence e) {
    return e.settings() == null
        ? OptionalLong.empty()
        : MemorySetting.WORK_MEM.bytes(e.settings().workMem());
  }

  /** Server-wide only when every connection sorting at once stays within a share of memory. */
  private static boolean serverWide(Evidence e, long suggested) {
    Integer maxConnections = e.maxConnections();
    Double memoryGb = e.diagnostics() == null ? null : e.diagnostics().memoryGb();
    if (maxConnections == null || memoryGb == null) {
      return false;
    }
    return (double) suggested * maxConnections <= memoryGb * 1024 * MB * SERVER_WIDE_MEMORY_SHARE;
  }

  private Finding finding(
      Evidence e, String subject, long suggested, String what, boolean serverWide) {
    OptionalLong current = currentWorkMem(e);
    String value = MemorySetting.format(suggested);
    Integer maxConnections = e.maxConnections();
    Double memoryGb = e.diagnostics() == null ? null : e.diagnostics().memoryGb();
    StringBuilder arithmetic = new StringBuilder(what);
    arithmetic.append(" → work_mem ").append(value);
    current.ifPresent(c -> arithmetic.append(" (now ").append(MemorySetting.format(c)).append(')'));
    arithmetic.append('.');
    if (maxConnections != null) {
      double worst = (double) suggested * maxConnections;
      arithmetic
          .append(" Worst case, every one of ")
          .append(maxConnections)
          .append(" connections sorting at once: ")
          .append(value)
          .append(" × ")
          .append(maxConnections)
          .append(" = ")
          .append(MemorySetting.human((long) worst));
      if (memoryGb != null) {
        arithmetic
            .append(serverWide ? ", within " : ", more than ")
            .append(Numbers.percent(SERVER_WIDE_MEMORY_SHARE))
            .append(" of the server's ")
            .append(Numbers.decimal(memoryGb))
            .append(" GB");
      }
      arithmetic.append('.');
    }
    String fix =
        serverWide
            ? "ALTER SYSTEM SET work_mem = '" + value + "'; SELECT pg_reload_conf()"
            : "SET LOCAL work_mem = '" + value + "'";
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("suggestedWorkMem", value);
    current.ifPresent(c -> facts.put("workMem", MemorySetting.format(c)));
    if (maxConnections != null) {
      facts.put("maxConnections", Integer.toString(maxConnections));
    }
    if (memoryGb != null) {
      facts.put("memoryGb", Numbers.decimal(memoryGb));
    }
    return new Finding(
        ID,
        title(),
        subject,
        Risk.Level.HIGH,
        Risk.Level.MEDIUM,
        subject + ": sorts or hashes spill to temporary files because work_mem is too small",
        fix,
        arithmetic.toString(),
        facts,
        serverWide
            ? "Every sort and hash of every connection may now take this much memory."
            : "Only the transaction that sets it gets the memory; run SET LOCAL inside the"
                + " transaction of that statement (or ALTER ROLE … SET work_mem for its role).");
  }

  static long roundUpToPowerOfTwoMb(long bytes) {
    long mb = Math.max(1, (bytes + MB - 1) / MB);
    long power = Long.highestOneBit(mb);
    if (power < mb) {
      power <<= 1;
    }
    return Math.max(4, power) * MB;
  }

  private static long nz(Long value) {
    return value == null ? 0 : value;
  }
}
