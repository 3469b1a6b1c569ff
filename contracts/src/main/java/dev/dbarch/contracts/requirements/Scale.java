package dev.dbarch.contracts.requirements;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.Map;

/** How big the system is now and will be in a year. */
public record Scale(
    @PositiveOrZero Double dataVolumeGb,
    @PositiveOrZero Double dataVolumeGbIn12Months,
    /** Row counts of the biggest tables, by table name. */
    Map<@NotBlank String, @NotNull @PositiveOrZero Long> tableRows,
    @DecimalMax("100000") Double growthPercentPerYear,
    @PositiveOrZero Long ordersPerDay,
    @PositiveOrZero Long ordersPerDayIn12Months,
    @PositiveOrZero Long eventsPerDay,
    @PositiveOrZero Long concurrentUsers) {}
