package dev.dbarch.contracts.requirements;

import com.fasterxml.jackson.annotation.JsonAlias;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * One row of PostgreSQL's {@code pg_stat_statements} (or one MySQL/MariaDB statement digest):
 * counters accumulated since the statistics were last reset. The snake_case column names of the
 * view are accepted as aliases, so a row exported as JSON can be pasted as it is (minus the columns
 * dbarch does not use).
 *
 * @param queryId the engine's id of the normalised statement ({@code queryid}, MySQL's digest)
 * @param query the statement text, normalised by the engine ({@code $1} or {@code ?} for values)
 * @param totalTimeMs time spent executing it, in milliseconds ({@code total_exec_time})
 * @param meanTimeMs mean time per call; derived from the total when absent
 * @param rows rows returned or affected, over all calls
 * @param rowsExamined rows the engine read to produce them (MySQL digests)
 */
public record StatementStats(
    @JsonAlias("queryid") @Size(max = 100) String queryId,
    @NotBlank @Size(max = 20_000) String query,
    @NotNull @PositiveOrZero Long calls,
    @JsonAlias({"total_exec_time", "total_time"}) @PositiveOrZero Double totalTimeMs,
    @JsonAlias({"mean_exec_time", "mean_time"}) @PositiveOrZero Double meanTimeMs,
    @PositiveOrZero Long rows,
    @JsonAlias("shared_blks_hit") @PositiveOrZero Long sharedBlocksHit,
    @JsonAlias("shared_blks_read") @PositiveOrZero Long sharedBlocksRead,
    @JsonAlias("temp_blks_written") @PositiveOrZero Long tempBlocksWritten,
    @JsonAlias("rows_examined") @PositiveOrZero Long rowsExamined) {

  /** Total time, from the mean when only the mean was given; 0 when neither was. */
  public double totalMillis() {
    if (totalTimeMs != null) {
      return totalTimeMs;
    }
    return meanTimeMs == null || calls == null ? 0 : meanTimeMs * calls;
  }

  /** Mean time per call, from the total when only the total was given; 0 without calls. */
  public double meanMillis() {
    if (meanTimeMs != null) {
      return meanTimeMs;
    }
    return calls == null || calls == 0 ? 0 : totalMillis() / calls;
  }
}
