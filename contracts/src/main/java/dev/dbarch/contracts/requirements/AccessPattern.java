package dev.dbarch.contracts.requirements;

import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;

/** An important query, as SQL text or as structured filters, joins and ordering. */
public record AccessPattern(
    @Size(max = 200) String name,
    @Size(max = 20000) String sql,
    String table,
    List<String> filters,
    List<String> joins,
    List<String> orderBy,
    @PositiveOrZero Double perSecond) {}
