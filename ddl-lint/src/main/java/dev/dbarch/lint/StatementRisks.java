package dev.dbarch.lint;

import dev.dbarch.contracts.events.Risk;
import dev.dbarch.contracts.schema.StatementRisk;
import dev.dbarch.lint.classify.Classification;
import java.util.ArrayList;
import java.util.List;

/**
 * A lint report as rows of the Risks &amp; Mitigations table, each carrying the typed {@link
 * StatementRisk} of its statement so a report can show the lock, the size and the rewrite without
 * reading prose. Suppressed findings are not risks.
 *
 * <p>Impact is the finding's severity; likelihood is the same for a lock, a rewrite or a failure
 * (PostgreSQL takes the lock every time), medium for a break or a loss (it depends on what the
 * running code does), low for a schema choice.
 */
public final class StatementRisks {

  private static final int MITIGATION_LENGTH = 400;

  private StatementRisks() {}

  /**
   * @param captured true when the statements are captured DDL (their entry index is recorded)
   */
  public static List<Risk> of(LintReport report, boolean captured) {
    List<Risk> risks = new ArrayList<>();
    for (StatementResult s : report.statements()) {
      for (Finding f : s.findings()) {
        if (f.suppressed()) {
          continue;
        }
        Risk.Level impact = Risk.Level.valueOf(f.severity().name());
        risks.add(
            new Risk(
                f.ruleId(),
                "Statement "
                    + s.number()
                    + " `"
                    + dev.dbarch.schema.ddl.SqlScript.summary(s.sql()).replace("`", "'")
                    + "`: "
                    + f.message(),
                likelihood(f, impact),
                impact,
                mitigation(f),
                statementRisk(s, f, report, captured)));
      }
    }
    return risks;
  }

  private static Risk.Level likelihood(Finding f, Risk.Level impact) {
    String kind = f.facts().getOrDefault("impact", "");
    return switch (kind) {
      case "BREAKS_APPLICATION", "LOSES_DATA" -> Risk.Level.MEDIUM;
      case "SCHEMA_HYGIENE" -> Risk.Level.LOW;
      default -> impact;
    };
  }

  /** The rewrite on one line, comments dropped: the table cell form of what to do. */
  static String mitigation(Finding f) {
    if (f.safeRewrite() == null) {
      return f.title() + ": see docs/rules/migration.md " + f.ruleId();
    }
    StringBuilder sql = new StringBuilder();
    StringBuilder comments = new StringBuilder();
    for (String line : f.safeRewrite().split("\\R")) {
      String l = line.strip();
      if (l.startsWith("--")) {
        if (comments.isEmpty()) {
          comments.append(l.substring(2).strip());
        }
      } else if (!l.isEmpty()) {
        sql.append(sql.isEmpty() ? "" : " ").append(l);
      }
    }
    String text = sql.isEmpty() ? comments.toString() : "Safe rewrite: " + sql;
    return text.length() <= MITIGATION_LENGTH ? text : text.substring(0, MITIGATION_LENGTH) + " …";
  }

  private static StatementRisk statementRisk(
      StatementResult s, Finding f, LintReport report, boolean captured) {
    Classification c = s.classification();
    return new StatementRisk(
        captured ? s.entry() : null,
        s.line(),
        s.sql().strip(),
        c.table() == null ? null : c.table().qualified(),
        c.locks(),
        c.algorithm(),
        c.mysqlLock(),
        c.work(),
        c.breaking() != null,
        c.destroysData(),
        s.size().rows(),
        s.size().bytes(),
        s.size().source(),
        report.serverVersion().toString(),
        f.safeRewrite());
  }
}
