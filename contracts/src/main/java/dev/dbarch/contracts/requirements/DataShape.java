package dev.dbarch.contracts.requirements;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.PositiveOrZero;

/** What the data looks like. */
public record DataShape(
    Boolean relational,
    Boolean flexibleDocuments,
    Boolean keyValue,
    Boolean timeSeries,
    Boolean graphTraversals,
    Boolean embeddings,
    Boolean fullTextSearch,
    Boolean hierarchical,
    @PositiveOrZero @Max(100) Integer relationshipDepth,
    @PositiveOrZero @Max(65536) Integer vectorDimensions) {}
