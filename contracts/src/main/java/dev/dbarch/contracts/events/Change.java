package dev.dbarch.contracts.events;

/**
 * One difference between a revision and the one before it.
 *
 * @param kind what happened
 * @param section the section the decision or finding belongs to ({@code null} for cross-section
 *     conflicts)
 * @param ruleId the rule that made the decision or raised the finding
 * @param subject the decision's topic or the finding's text
 * @param before the earlier choice (changed or removed decisions)
 * @param after the new choice (added or changed decisions)
 * @param cause the DDL statement that brought a finding or resolved it, when a schema change
 *     triggered the revision
 * @param designBefore the earlier typed values of a changed or removed decision that had some;
 *     {@code DECISION_CHANGED} between two typed decisions means these differ, never the prose
 * @param designAfter the new typed values of an added or changed decision that has some
 */
public record Change(
    Kind kind,
    Section section,
    String ruleId,
    String subject,
    String before,
    String after,
    String cause,
    Design designBefore,
    Design designAfter) {

  /** A change with no typed values (findings, and decisions that fix none). */
  public Change(
      Kind kind,
      Section section,
      String ruleId,
      String subject,
      String before,
      String after,
      String cause) {
    this(kind, section, ruleId, subject, before, after, cause, null, null);
  }

  public Change withCause(String statement) {
    return new Change(
        kind, section, ruleId, subject, before, after, statement, designBefore, designAfter);
  }

  public enum Kind {
    DECISION_ADDED,
    DECISION_REMOVED,
    DECISION_CHANGED,
    FINDING_NEW,
    FINDING_RESOLVED
  }
}
