package dev.dbarch.lint;

import java.util.List;
import java.util.Optional;

/**
 * What the linter found in a script.
 *
 * @param serverVersion the version the rules followed
 * @param versionSource {@code stated}, {@code catalog} or {@code assumed}
 * @param unusedSuppressions {@code -- dbarch:ignore} comments that silenced nothing, as {@code
 *     line: RULE-ID}
 * @param invalidSuppressions ignore comments without a reason or naming no known rule, as {@code
 *     line: text}
 */
public record LintReport(
    Dialect dialect,
    ServerVersion serverVersion,
    String versionSource,
    List<StatementResult> statements,
    List<String> unusedSuppressions,
    List<String> invalidSuppressions) {

  public LintReport {
    statements = List.copyOf(statements);
    unusedSuppressions = List.copyOf(unusedSuppressions);
    invalidSuppressions = List.copyOf(invalidSuppressions);
  }

  public List<Finding> findings() {
    return statements.stream().flatMap(s -> s.findings().stream()).toList();
  }

  public List<Finding> activeFindings() {
    return findings().stream().filter(f -> !f.suppressed()).toList();
  }

  public List<Finding> suppressedFindings() {
    return findings().stream().filter(Finding::suppressed).toList();
  }

  /** The highest severity among findings that are not suppressed. */
  public Optional<Severity> highest() {
    return activeFindings().stream().map(Finding::severity).max(Enum::compareTo);
  }

  /** Whether a finding at or above {@code threshold} stands (is not suppressed). */
  public boolean failsAt(Severity threshold) {
    return activeFindings().stream().anyMatch(f -> f.severity().atLeast(threshold));
  }
}
