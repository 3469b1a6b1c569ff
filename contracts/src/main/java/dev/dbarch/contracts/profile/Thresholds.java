package dev.dbarch.contracts.profile;

/**
 * The numbers every section and the report judge a system against, in one place so two sections can
 * never disagree on where "read-heavy" or "one server's limit" starts. Where a value comes from the
 * seed it says so; the rest are ours and documented in docs/rules/.
 *
 * @param singleServerDataGb seed: a single server's comfortable data volume (~1 TB); past it,
 *     shared-storage engines or sharding are worth their cost
 * @param singleServerQps seed: a single server's comfortable query rate (~10k QPS)
 * @param readHeavyRatio reads per write above which a workload is read-heavy (cache, replicas,
 *     denormalisation)
 * @param writeHeavyRatio reads per write below which writes dominate (write-through, few indexes)
 * @param highWritesPerSecond peak writes per second past which one relational primary stops being
 *     comfortable (wide-column or distributed SQL)
 * @param largeTableGb a table (or a whole database) above this size is partitioned and copied in
 *     stages rather than in one go
 * @param crossRegionRttMinMs seed: a commit agreed across regions pays 40-60 ms; below this floor a
 *     write target cannot be met at all
 * @param crossRegionRttMaxMs the upper end of that range: at or above it a target is comfortable
 * @param tightP99Ms ours: a p99 target at or below this many milliseconds is tight (tail latency
 *     decides the engine; an analytical store cannot promise it)
 */
public record Thresholds(
    double singleServerDataGb,
    double singleServerQps,
    double readHeavyRatio,
    double writeHeavyRatio,
    double highWritesPerSecond,
    double largeTableGb,
    double crossRegionRttMinMs,
    double crossRegionRttMaxMs,
    double tightP99Ms) {

  /** The values the rules use; docs/rules/README.md lists them with their sources. */
  public static final Thresholds DEFAULTS =
      new Thresholds(1000, 10_000, 10, 1, 10_000, 100, 40, 60, 10);
}
