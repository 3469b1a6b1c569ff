package dev.dbarch.contracts.events;

/** A row of the Risks &amp; Mitigations table. */
public record Risk(String ruleId, String risk, Level likelihood, Level impact, String mitigation) {

  public enum Level {
    LOW,
    MEDIUM,
    HIGH
  }
}
