package dev.dbarch.contracts.requirements;

import jakarta.validation.constraints.Positive;

/** Latency targets at the 99th percentile, in milliseconds. */
public record Latency(@Positive Double p99ReadMs, @Positive Double p99WriteMs) {}
