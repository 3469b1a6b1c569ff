package dev.dbarch.workload.live;

/**
 * How much a statistics read keeps, so a snapshot stays a small Kafka record.
 *
 * @param maxStatements the heaviest statements by total time
 * @param maxTables tables, those read most by sequential scans first
 * @param maxIndexes indexes, unused and large ones first
 * @param maxSessions the sessions with the oldest open transactions
 * @param maxQueryLength longer statement texts are cut (with an ellipsis)
 */
public record ReadOptions(
    int maxStatements, int maxTables, int maxIndexes, int maxSessions, int maxQueryLength) {

  public static final ReadOptions DEFAULTS = new ReadOptions(50, 200, 300, 5, 4_000);
}
