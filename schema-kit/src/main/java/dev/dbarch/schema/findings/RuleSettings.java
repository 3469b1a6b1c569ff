package dev.dbarch.schema.findings;

import java.time.Duration;
import java.util.Objects;

/**
 * The thresholds of the schema rules, one place for all of them. {@link #DEFAULTS} is what every
 * caller gets unless it configures otherwise.
 *
 * @param largeTableRows SCH-FK-001 is HIGH from this many rows in the referencing table
 * @param godTableMaxColumns SCH-GOD-001 fires above this many columns
 * @param maxLobColumns SCH-LOB-001 fires above this many large-object columns
 * @param usedShare SCH-SEQ-001 and SCH-SEQ-002 fire above this share of a range used
 * @param unusedIndexMinStatisticsAge SCH-IDX-003 stays silent until the usage counters are this
 *     old: younger counters have not seen a full business cycle (a monthly report, a quarterly
 *     batch)
 * @param bloatMinPercent SCH-BLT-001/002 fire from this estimated share of wasted space
 * @param bloatMinBytes … and only when that waste is at least this large (small tables are not
 *     worth a rewrite)
 */
public record RuleSettings(
    long largeTableRows,
    int godTableMaxColumns,
    int maxLobColumns,
    double usedShare,
    Duration unusedIndexMinStatisticsAge,
    double bloatMinPercent,
    long bloatMinBytes) {

  public static final RuleSettings DEFAULTS =
      new RuleSettings(100_000, 50, 4, 0.8, Duration.ofDays(7), 30, 100L * 1024 * 1024);

  public RuleSettings {
    Objects.requireNonNull(unusedIndexMinStatisticsAge, "unusedIndexMinStatisticsAge");
  }

  public RuleSettings withUnusedIndexMinStatisticsAge(Duration age) {
    return new RuleSettings(
        largeTableRows,
        godTableMaxColumns,
        maxLobColumns,
        usedShare,
        age,
        bloatMinPercent,
        bloatMinBytes);
  }

  public RuleSettings withBloat(double minPercent, long minBytes) {
    return new RuleSettings(
        largeTableRows,
        godTableMaxColumns,
        maxLobColumns,
        usedShare,
        unusedIndexMinStatisticsAge,
        minPercent,
        minBytes);
  }
}
