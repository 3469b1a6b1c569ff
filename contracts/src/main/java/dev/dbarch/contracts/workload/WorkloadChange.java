package dev.dbarch.contracts.workload;

/**
 * A significant change in a monitored database's workload, the reason for a re-assessment. Values
 * are typed so the report names the change without reading prose.
 *
 * @param kind what changed
 * @param subject the statement (normalised text), the table ({@code schema.name}) or the database
 * @param before the value at the previous snapshot ({@code null} on a first read)
 * @param after the value now
 * @param threshold the configured threshold the change crossed
 */
public record WorkloadChange(
    Kind kind, String subject, Double before, Double after, Double threshold) {

  public enum Kind {
    /** The first statistics read of a registration. */
    FIRST_READ,
    /**
     * A statement entered the top statements by time; {@code before} and {@code after} are its
     * share of statement time before and over the interval.
     */
    NEW_TOP_STATEMENT,
    /**
     * A large table's share of sequential scans jumped; {@code before} is the share up to the
     * previous snapshot, {@code after} the share over the interval.
     */
    SEQ_SCAN_RATIO_JUMP,
    /** The buffer cache hit ratio fell below the target. */
    CACHE_HIT_BELOW_TARGET
  }
}
