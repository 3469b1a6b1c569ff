package dev.dbarch.contracts.events;

/**
 * A fact a rule needed and did not get: what was assumed in its place, and the question that would
 * settle it.
 */
public record Assumption(String ruleId, String fact, String assumed, String question) {}
