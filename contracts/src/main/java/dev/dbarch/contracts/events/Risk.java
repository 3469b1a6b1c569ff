package dev.dbarch.contracts.events;

import dev.dbarch.contracts.schema.StatementRisk;

/**
 * A row of the Risks &amp; Mitigations table.
 *
 * @param statement when a DDL statement raised the risk, what that statement does (its lock, the
 *     table's size, the safe rewrite); otherwise {@code null}
 */
public record Risk(
    String ruleId,
    String risk,
    Level likelihood,
    Level impact,
    String mitigation,
    StatementRisk statement) {

  /** A risk not raised by a DDL statement. */
  public Risk(String ruleId, String risk, Level likelihood, Level impact, String mitigation) {
    this(ruleId, risk, likelihood, impact, mitigation, null);
  }

  public enum Level {
    LOW,
    MEDIUM,
    HIGH
  }
}
