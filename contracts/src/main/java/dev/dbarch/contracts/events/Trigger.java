package dev.dbarch.contracts.events;

/** Why an assessment was requested. */
public enum Trigger {
  SUBMITTED,
  SCHEMA_CHANGED,
  DIAGNOSTICS,
  /** A monitored database's workload changed significantly (see {@code WorkloadChange}). */
  WORKLOAD_CHANGED
}
