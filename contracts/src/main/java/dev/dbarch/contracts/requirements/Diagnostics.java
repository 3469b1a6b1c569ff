package dev.dbarch.contracts.requirements;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Measurements from a running system, taken at peak, and the evidence behind a slowdown: statement
 * statistics, execution plans and the server's settings.
 *
 * @param poolSize connections in the pool of one application instance
 * @param applicationInstances how many application instances each hold such a pool
 * @param memoryGb memory of the database server, in GB
 * @param statements {@code pg_stat_statements} rows (or MySQL digests), at most 500
 * @param plans execution plans in JSON, at most 20
 */
public record Diagnostics(
    @PositiveOrZero Integer cpuCores,
    @PositiveOrZero Integer poolSize,
    @PositiveOrZero Integer maxConnections,
    @PositiveOrZero Integer connectionsAtPeak,
    @PositiveOrZero @DecimalMax("100") Double cpuPercentAtPeak,
    @PositiveOrZero @DecimalMax("1") Double cacheHitRatio,
    @PositiveOrZero Double replicationLagSeconds,
    @PositiveOrZero Double typicalQueryMs,
    @PositiveOrZero Double peakQueryMs,
    Boolean connectionTimeouts,
    @Positive Integer applicationInstances,
    @PositiveOrZero Double memoryGb,
    @Size(max = 500) List<@NotNull @Valid StatementStats> statements,
    @Size(max = 20) List<@NotNull @Valid QueryPlan> plans,
    @Valid ServerSettings settings) {}
