package dev.dbarch.contracts.requirements;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.PositiveOrZero;

/** Measurements from a running system, taken at peak. */
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
    Boolean connectionTimeouts) {}
