package dev.dbarch.contracts.events;

/** A row of the Alternatives Considered table. */
public record Alternative(String approach, String pros, String cons, String whyNotChosen) {}
