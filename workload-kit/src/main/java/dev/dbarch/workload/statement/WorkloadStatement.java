package dev.dbarch.workload.statement;

import dev.dbarch.contracts.requirements.StatementStats;

/**
 * A statement with its statistics and what it does: the unit the diagnoses reason about.
 *
 * @param shapeText the statement with values replaced, so repeats of one query group together
 * @param live whether the row was read from the monitored database rather than submitted
 */
public record WorkloadStatement(
    StatementStats stats, SqlShape shape, String shapeText, boolean live) {

  public static WorkloadStatement of(StatementStats stats, boolean live) {
    return new WorkloadStatement(
        stats, SqlShape.of(stats.query()), QueryText.shape(stats.query()), live);
  }

  public String query() {
    return stats.query();
  }

  public long calls() {
    return stats.calls() == null ? 0 : stats.calls();
  }

  public double totalMillis() {
    return stats.totalMillis();
  }

  /** Rows per call, 0 without calls. */
  public double rowsPerCall() {
    long calls = calls();
    return calls == 0 || stats.rows() == null ? 0 : (double) stats.rows() / calls;
  }

  /** The statement on one line, short enough for a table cell or a risk's text. */
  public String label() {
    return QueryText.abbreviate(stats.query(), 120);
  }
}
