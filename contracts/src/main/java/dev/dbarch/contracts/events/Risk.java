package dev.dbarch.contracts.events;

import dev.dbarch.contracts.schema.StatementRisk;
import java.util.List;

/**
 * A row of the Risks &amp; Mitigations table.
 *
 * @param statement when a DDL statement raised the risk, what that statement does (its lock, the
 *     table's size, the safe rewrite); otherwise {@code null}
 * @param subjects when the row stands for many findings of one rule (a large schema raises the same
 *     finding on thousands of tables), every table, object or statement it was found on, in the
 *     order found; {@code null} on a row about one subject, so such rows read as they did in
 *     version 3
 */
public record Risk(
    String ruleId,
    String risk,
    Level likelihood,
    Level impact,
    String mitigation,
    StatementRisk statement,
    List<String> subjects) {

  public Risk {
    subjects = subjects == null ? null : List.copyOf(subjects);
  }

  /** A risk about one subject. */
  public Risk(
      String ruleId,
      String risk,
      Level likelihood,
      Level impact,
      String mitigation,
      StatementRisk statement) {
    this(ruleId, risk, likelihood, impact, mitigation, statement, null);
  }

  /** A risk not raised by a DDL statement. */
  public Risk(String ruleId, String risk, Level likelihood, Level impact, String mitigation) {
    this(ruleId, risk, likelihood, impact, mitigation, null, null);
  }

  /** The same risk raised by {@code other}, a copy of its statement (e.g. re-indexed). */
  public Risk withStatement(StatementRisk other) {
    return new Risk(ruleId, risk, likelihood, impact, mitigation, other, subjects);
  }

  public enum Level {
    LOW,
    MEDIUM,
    HIGH
  }
}
