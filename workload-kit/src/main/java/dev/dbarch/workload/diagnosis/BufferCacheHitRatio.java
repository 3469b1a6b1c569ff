package dev.dbarch.workload.diagnosis;

import dev.dbarch.contracts.events.Risk;
import dev.dbarch.workload.settings.MemorySetting;
import dev.dbarch.workload.statement.WorkloadStatement;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * PERF-DIAG-020: the buffer cache hit ratio below its target: reads go to the operating system (or
 * the disk) instead of shared memory. The ratio comes from the live database statistics over the
 * interval, else from the statements' shared blocks. The fix sizes the cache: a quarter of the
 * server's memory when it is known, else twice the current setting, and names the statements that
 * read the most (often missing an index rather than cache).
 */
final class BufferCacheHitRatio implements Diagnosis {

  static final String ID = "PERF-DIAG-020";

  private static final long GB = 1024L * 1024 * 1024;

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String title() {
    return "Buffer cache hit ratio below target";
  }

  @Override
  public String catalogue() {
    return "Live statistics (pg_stat_database over the interval; MySQL: the InnoDB buffer pool),"
        + " else the statements' shared blocks hit and read: a hit ratio under `cache-hit-target`"
        + " over at least `min-cache-blocks` blocks. Fix: shared_buffers at 25% of `memoryGb`"
        + " when that is more than now (a restart); with the memory unknown, twice the current"
        + " value; already at 25%, no more cache but fewer reads. MySQL: innodb_buffer_pool_size the"
        + " same way. The statements that read the most blocks are named.";
  }

  @Override
  public List<Finding> evaluate(Evidence e) {
    long hit;
    long read;
    Double ratio;
    String source;
    if (e.snapshot() != null
        && e.snapshot().activity() != null
        && e.snapshot().activity().cacheHitRatio() != null) {
      hit = e.snapshot().activity().blocksHit();
      read = e.snapshot().activity().blocksRead();
      ratio = e.snapshot().activity().cacheHitRatio();
      source =
          e.snapshot().intervalSeconds() == null
              ? "since the statistics were reset"
              : "over the last "
                  + Numbers.count(e.snapshot().intervalSeconds())
                  + " s (the block counts below are since the statistics were reset)";
    } else {
      hit =
          e.statements().stream()
              .mapToLong(s -> s.stats().sharedBlocksHit() == null ? 0 : s.stats().sharedBlocksHit())
              .sum();
      read =
          e.statements().stream()
              .mapToLong(
                  s -> s.stats().sharedBlocksRead() == null ? 0 : s.stats().sharedBlocksRead())
              .sum();
      ratio = hit + read == 0 ? null : (double) hit / (hit + read);
      source = "over the submitted statements";
    }
    if (ratio == null
        || hit + read < e.thresholds().minCacheBlocks()
        || ratio >= e.thresholds().cacheHitTarget()) {
      return List.of();
    }
    String database =
        e.snapshot() != null && e.snapshot().database() != null
            ? e.snapshot().database()
            : "the database";
    OptionalLong current =
        e.settings() == null
            ? OptionalLong.empty()
            : MemorySetting.SHARED_BUFFERS.bytes(e.settings().sharedBuffers());
    Double memoryGb = e.diagnostics() == null ? null : e.diagnostics().memoryGb();
    long suggested;
    String basis;
    if (memoryGb != null && (current.isEmpty() || memoryGb * GB / 4 > current.getAsLong())) {
      suggested = (long) Math.floor(memoryGb / 4 * 1024) * 1024 * 1024;
      basis = "25% of the server's " + Numbers.decimal(memoryGb) + " GB";
    } else if (memoryGb == null && current.isPresent()) {
      suggested = current.getAsLong() * 2;
      basis = "twice the current " + MemorySetting.format(current.getAsLong());
    } else {
      // Already a quarter of memory (or nothing known): more cache is not the answer.
      suggested = 0;
      basis = null;
    }
    String value = suggested > 0 ? MemorySetting.format(suggested) : null;
    String fix;
    if (value == null) {
      fix =
          memoryGb != null
              ? "Keep the cache at a quarter of memory and cut the blocks read: index or rewrite"
                  + " the statements that read the most"
              : e.isMySql()
                  ? "Raise innodb_buffer_pool_size toward 70% of the server's memory"
                  : "Raise shared_buffers toward 25% of the server's memory (ALTER SYSTEM SET"
                      + " shared_buffers = '…', then restart)";
    } else if (e.isMySql()) {
      fix = "SET GLOBAL innodb_buffer_pool_size = " + suggested;
    } else {
      fix = "ALTER SYSTEM SET shared_buffers = '" + value + "'";
    }
    String readers =
        e.statements().stream()
            .filter(s -> s.stats().sharedBlocksRead() != null && s.stats().sharedBlocksRead() > 0)
            .sorted(
                Comparator.comparingLong((WorkloadStatement s) -> s.stats().sharedBlocksRead())
                    .reversed()
                    .thenComparing(WorkloadStatement::shapeText))
            .limit(3)
            .map(
                s ->
                    "'"
                        + s.label()
                        + "' ("
                        + Numbers.count(s.stats().sharedBlocksRead())
                        + " blocks read)")
            .collect(Collectors.joining(", "));
    String arithmetic =
        "Hit ratio "
            + Numbers.percent(ratio)
            + " "
            + source
            + "; "
            + Numbers.count(hit)
            + " hits / ("
            + Numbers.count(hit)
            + " hits + "
            + Numbers.count(read)
            + " reads); the target is "
            + Numbers.percent(e.thresholds().cacheHitTarget())
            + "."
            + (basis == null ? "" : " Suggested cache: " + basis + " = " + value + ".")
            + (readers.isEmpty()
                ? ""
                : " Most blocks read by "
                    + readers
                    + "; an index there may cut reads more than"
                    + " memory would.");
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("hitRatio", Numbers.percent(ratio));
    facts.put("blocksHit", Numbers.count(hit));
    facts.put("blocksRead", Numbers.count(read));
    facts.put("target", Numbers.percent(e.thresholds().cacheHitTarget()));
    current.ifPresent(c -> facts.put("sharedBuffers", MemorySetting.format(c)));
    if (memoryGb != null) {
      facts.put("memoryGb", Numbers.decimal(memoryGb));
    }
    return List.of(
        new Finding(
            ID,
            title(),
            database,
            Risk.Level.HIGH,
            ratio < 0.9 ? Risk.Level.HIGH : Risk.Level.MEDIUM,
            database
                + ": the buffer cache hit ratio is under the "
                + Numbers.percent(e.thresholds().cacheHitTarget())
                + " target",
            fix,
            arithmetic,
            facts,
            e.isMySql()
                ? "The buffer pool takes that memory from the operating system's file cache."
                : "shared_buffers changes need a restart, and memory given to it is taken from the"
                    + " operating system's file cache."));
  }
}
