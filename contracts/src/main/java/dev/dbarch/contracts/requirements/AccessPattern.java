package dev.dbarch.contracts.requirements;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;

/** An important query, as SQL text or as structured filters, joins and ordering. */
public record AccessPattern(
    @Size(max = 200) String name,
    @Size(max = 20000) String sql,
    @Size(max = 200) String table,
    @Size(max = 100) List<@NotNull @Size(max = 2000) String> filters,
    @Size(max = 100) List<@NotNull @Size(max = 2000) String> joins,
    @Size(max = 100) List<@NotNull @Size(max = 2000) String> orderBy,
    @PositiveOrZero Double perSecond) {}
