package dev.dbarch.contracts.requirements;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Recovery objectives and geography. */
public record Availability(
    /** Recovery time objective: the longest acceptable outage. */
    @PositiveOrZero Double rtoMinutes,
    /** Recovery point objective: the most data, in seconds of writes, that may be lost. */
    @PositiveOrZero Double rpoSeconds,
    Boolean multiRegion,
    List<@NotBlank @Size(max = 200) String> dataResidency,
    Boolean automaticFailover) {}
