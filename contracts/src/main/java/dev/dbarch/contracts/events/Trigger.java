package dev.dbarch.contracts.events;

/** Why an assessment was requested. */
public enum Trigger {
  SUBMITTED,
  SCHEMA_CHANGED,
  DIAGNOSTICS
}
