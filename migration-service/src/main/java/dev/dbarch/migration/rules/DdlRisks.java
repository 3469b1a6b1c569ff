package dev.dbarch.migration.rules;

import dev.dbarch.contracts.events.AssessmentRequested;
import dev.dbarch.contracts.events.Risk;
import dev.dbarch.contracts.events.Trigger;
import dev.dbarch.contracts.requirements.CurrentState;
import dev.dbarch.contracts.requirements.Requirements;
import dev.dbarch.contracts.requirements.SchemaSource;
import dev.dbarch.contracts.schema.SchemaChange;
import dev.dbarch.contracts.schema.SchemaContext;
import dev.dbarch.contracts.schema.StatementRisk;
import dev.dbarch.lint.CapturedChanges;
import dev.dbarch.lint.Dialect;
import dev.dbarch.lint.LintReport;
import dev.dbarch.lint.Linter;
import dev.dbarch.lint.StatementRisks;
import dev.dbarch.lint.context.LintContext;
import dev.dbarch.specialist.rules.RiskGroups;
import dev.dbarch.specialist.rules.VerdictBuilder;
import java.util.List;
import java.util.Locale;

/**
 * The migration linter's findings as risks of the Migration &amp; Evolution section: for a schema
 * change captured on a monitored database, each captured statement judged against the tables as
 * they were before it (their size, the server's version); for a submitted DDL script, each of its
 * statements judged with the sizes the requirements give. Every risk carries its statement's typed
 * lock, table size and safe rewrite ({@code MIG-DDL-*} rules, docs/rules/migration.md).
 */
final class DdlRisks {

  private static final Linter LINTER = new Linter();

  private DdlRisks() {}

  static void report(AssessmentRequested request, VerdictBuilder verdict) {
    for (Risk risk : risks(request)) {
      verdict.risk(risk);
    }
  }

  static List<Risk> risks(AssessmentRequested request) {
    SchemaContext schema = request.schema();
    if (request.trigger() == Trigger.SCHEMA_CHANGED && schema != null) {
      SchemaChange change = schema.change();
      if (change == null || change.ddl().isEmpty()) {
        return List.of();
      }
      LintReport report =
          CapturedChanges.lint(LINTER, change, schema.snapshot(), request.requirements());
      return StatementRisks.of(report, true);
    }
    Requirements requirements = request.requirements();
    SchemaSource script = requirements.schema();
    if (script == null || script.ddl() == null || script.ddl().isBlank()) {
      return List.of();
    }
    LintContext context =
        LintContext.of(
            Dialect.of(script.dialect()), statedVersion(requirements, script), null, requirements);
    // A script is a whole schema as often as a migration: thousands of CREATE TABLEs raise the
    // same finding, which one row per rule says better than one row per statement.
    List<Risk> risks = StatementRisks.of(LINTER.lint(script.ddl(), context), false);
    return RiskGroups.rows(
        risks.stream().map(r -> new RiskGroups.Occurrence(subject(r.statement()), r)).toList());
  }

  /** How a grouped row names a statement: by its line in the script and its table. */
  private static String subject(StatementRisk statement) {
    return statement.table() == null
        ? "line " + statement.line()
        : "line " + statement.line() + " (" + statement.table() + ")";
  }

  /** The source version when the team names the engine the script is written for. */
  private static String statedVersion(Requirements requirements, SchemaSource script) {
    CurrentState current = requirements.currentState();
    if (current == null || current.sourcePlatform() == null || current.sourceVersion() == null) {
      return null;
    }
    String platform = current.sourcePlatform().toLowerCase(Locale.ROOT);
    boolean same =
        script.dialect() == SchemaSource.Dialect.POSTGRESQL
            ? platform.contains("postgres")
            : platform.contains("mysql") || platform.contains("maria");
    return same && current.sourceVersion().matches("\\d+(\\.\\d+)*.*")
        ? current.sourceVersion()
        : null;
  }
}
