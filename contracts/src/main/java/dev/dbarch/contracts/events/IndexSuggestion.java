package dev.dbarch.contracts.events;

/** A row of the Indexing Strategy table. */
public record IndexSuggestion(
    String ruleId, String table, String index, String type, String purpose, String selectivity) {}
