package dev.dbarch.contracts.requirements;

import jakarta.validation.constraints.PositiveOrZero;

/** Where the system is today, for migrations. */
public record CurrentState(
    String sourcePlatform,
    String sourceVersion,
    @PositiveOrZero Double sizeGb,
    @PositiveOrZero Integer tableCount,
    @PositiveOrZero Integer storedProcedures,
    Boolean heavyStoredProcedures,
    /** How long the system may be unavailable for the cutover, in minutes; 0 means none. */
    @PositiveOrZero Double downtimeToleranceMinutes,
    String targetPlatform) {}
