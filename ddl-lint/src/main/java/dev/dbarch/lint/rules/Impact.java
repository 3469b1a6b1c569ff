package dev.dbarch.lint.rules;

/** The kind of harm a hit describes; the severity model turns it into a severity. */
public enum Impact {
  /** A lock that blocks queries is held for as long as the table is read or rewritten. */
  LOCK_WHILE_WORKING,
  /** A lock that blocks queries is held briefly, but queues behind long transactions. */
  LOCK_QUEUE,
  /** Application versions running during the deployment start failing. */
  BREAKS_APPLICATION,
  /** Rows or values are lost. */
  LOSES_DATA,
  /** The statement fails when it runs. */
  FAILS,
  /** The script's transactions are not what its author meant. */
  SCRIPT_STRUCTURE,
  /** Replicas replay the change as one long statement and fall behind while it runs. */
  REPLICA_LAG,
  /** A schema choice that costs later: no lock, no outage now. */
  SCHEMA_HYGIENE
}
