package dev.dbarch.lint;

import dev.dbarch.lint.classify.Classification;
import dev.dbarch.lint.context.TableSize;
import java.util.List;

/**
 * One statement of a script, classified, with its findings (suppressed ones included).
 *
 * @param number 1-based position in the script
 * @param entry which input the statement came from (0-based): always 0 for one script; for captured
 *     DDL, the index of the captured entry
 * @param line 1-based line where it starts (in its entry)
 */
public record StatementResult(
    int number,
    int entry,
    int line,
    String sql,
    Classification classification,
    TableSize size,
    List<Finding> findings) {

  public StatementResult {
    findings = List.copyOf(findings);
  }
}
