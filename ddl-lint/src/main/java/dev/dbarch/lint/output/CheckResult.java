package dev.dbarch.lint.output;

import dev.dbarch.contracts.schema.StatementRisk;
import dev.dbarch.lint.Finding;
import dev.dbarch.lint.LintReport;
import dev.dbarch.lint.Severity;
import dev.dbarch.lint.StatementResult;
import dev.dbarch.lint.classify.Classification;
import java.util.List;
import java.util.Map;

/**
 * The JSON shape of a lint report, shared by the check endpoint and the command line: a summary,
 * then every statement with its classification and findings (suppressed ones marked).
 */
public record CheckResult(
    String dialect,
    String serverVersion,
    String versionSource,
    Summary summary,
    List<CheckedStatement> statements,
    List<String> unusedSuppressions,
    List<String> invalidSuppressions) {

  /**
   * @param highest the highest severity of a finding that stands, or {@code NONE}
   */
  public record Summary(int statements, int findings, int suppressed, String highest) {}

  public record CheckedStatement(
      int number,
      int line,
      String sql,
      String operation,
      String table,
      List<StatementRisk.TableLock> locks,
      StatementRisk.MySqlAlgorithm mysqlAlgorithm,
      StatementRisk.MySqlLock mysqlLock,
      StatementRisk.TableWork work,
      boolean transactional,
      String breaking,
      boolean destroysData,
      long tableRows,
      long tableBytes,
      StatementRisk.SizeSource sizeSource,
      boolean understood,
      List<CheckedFinding> findings) {}

  public record CheckedFinding(
      String ruleId,
      String title,
      Severity severity,
      String message,
      Map<String, String> facts,
      String safeRewrite,
      boolean suppressed,
      String suppressionReason) {}

  public static CheckResult of(LintReport report) {
    List<CheckedStatement> statements =
        report.statements().stream().map(CheckResult::statement).toList();
    return new CheckResult(
        report.dialect().name(),
        report.serverVersion().toString(),
        report.versionSource(),
        new Summary(
            report.statements().size(),
            report.activeFindings().size(),
            report.suppressedFindings().size(),
            report.highest().map(Enum::name).orElse("NONE")),
        statements,
        report.unusedSuppressions(),
        report.invalidSuppressions());
  }

  private static CheckedStatement statement(StatementResult s) {
    Classification c = s.classification();
    return new CheckedStatement(
        s.number(),
        s.line(),
        s.sql(),
        c.operation(),
        c.table() == null ? null : c.table().qualified(),
        c.locks(),
        c.algorithm(),
        c.mysqlLock(),
        c.work(),
        c.transactional(),
        c.breaking(),
        c.destroysData(),
        s.size().rows(),
        s.size().bytes(),
        s.size().source(),
        c.known(),
        s.findings().stream().map(CheckResult::finding).toList());
  }

  private static CheckedFinding finding(Finding f) {
    return new CheckedFinding(
        f.ruleId(),
        f.title(),
        f.severity(),
        f.message(),
        f.facts(),
        f.safeRewrite(),
        f.suppressed(),
        f.suppressedBecause());
  }
}
