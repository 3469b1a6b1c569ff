package dev.dbarch.contracts.requirements;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.PositiveOrZero;

/** How the system uses its database. */
public record Workload(
    WorkloadType type,
    /** Reads per write, e.g. 10 for ten reads to one write. */
    @DecimalMin("0") @DecimalMax("1000000") Double readWriteRatio,
    @PositiveOrZero Long peakQps,
    @PositiveOrZero Long averageQps,
    Boolean acidTransactions,
    String transactionScope,
    Boolean longRunningTransactions,
    Boolean preparedStatements,
    Boolean batchJobs,
    Boolean eventSourcing) {

  public enum WorkloadType {
    OLTP,
    OLAP,
    HYBRID
  }
}
