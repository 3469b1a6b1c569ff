package dev.dbarch.intake.migrationcheck;

import dev.dbarch.contracts.SystemKey;
import dev.dbarch.contracts.events.SchemaChanged;
import dev.dbarch.contracts.requirements.Requirements;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.intake.monitor.SchemaChangeLog;
import dev.dbarch.intake.requirements.RequirementsStore;
import dev.dbarch.lint.Dialect;
import dev.dbarch.lint.LintReport;
import dev.dbarch.lint.Linter;
import dev.dbarch.lint.ServerVersion;
import dev.dbarch.lint.context.LintContext;
import dev.dbarch.servicekit.problem.Problem;
import dev.dbarch.servicekit.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * Checks a migration before it is deployed: the migration linter on the script, with a monitored
 * system's latest live catalog (table sizes, server version) and its team's latest requirements
 * (latency and availability targets) when a system id is given.
 */
@ApplicationScoped
public class MigrationCheckService {

  private final Linter linter = new Linter();

  @Inject SchemaChangeLog schemaChanges;
  @Inject RequirementsStore requirements;
  @Inject MeterRegistry meters;

  /** What was checked, and against what. */
  public record Checked(LintReport report, String systemId) {}

  public Linter linter() {
    return linter;
  }

  /**
   * Checks {@code request} for the caller's {@code tenant}: a system id names a system of that
   * tenant only, so another tenant's catalog and targets are never used (404, as for none).
   */
  public Checked check(MigrationCheckRequest request, String tenant) {
    if (request.sql() == null || request.sql().isBlank()) {
      throw invalid("sql", "the migration script is empty");
    }
    Optional<SchemaSnapshot> snapshot = Optional.empty();
    Requirements targets = null;
    String systemId = request.systemId();
    if (systemId != null && !systemId.isBlank()) {
      if (!systemId.matches("[a-z0-9][a-z0-9-]{0,63}")) {
        throw invalid(
            "systemId",
            "must be lower-case letters, digits and dashes, starting with a letter or digit");
      }
      SystemKey key = SystemKey.of(tenant, systemId);
      snapshot = schemaChanges.last(key).map(SchemaChanged::snapshot);
      targets = requirements.latest(key).orElse(null);
      if (snapshot.isEmpty() && targets == null) {
        throw new ProblemException(
            Problem.of(
                404,
                "Not Found",
                "No system '"
                    + systemId
                    + "' is known: neither a monitored database nor submitted"
                    + " requirements.",
                List.of(new Problem.FieldError("systemId", "unknown system"))));
      }
    }
    Dialect dialect;
    try {
      dialect =
          request.dialect() != null && !request.dialect().isBlank()
              ? Dialect.parse(request.dialect())
              : snapshot.map(s -> Dialect.of(s.engine())).orElse(Dialect.POSTGRESQL);
    } catch (IllegalArgumentException e) {
      throw invalid("dialect", e.getMessage());
    }
    if (request.serverVersion() != null && !request.serverVersion().isBlank()) {
      try {
        ServerVersion.parse(request.serverVersion());
      } catch (IllegalArgumentException e) {
        throw invalid("serverVersion", e.getMessage());
      }
    }
    LintContext context =
        LintContext.of(dialect, request.serverVersion(), snapshot.orElse(null), targets);
    LintReport report = linter.lint(request.sql(), context);
    meters
        .counter(
            "dbarch.migration.checks",
            "highest",
            report.highest().map(Enum::name).orElse("NONE"),
            "catalog",
            Boolean.toString(snapshot.isPresent()))
        .increment();
    return new Checked(report, systemId);
  }

  private static ProblemException invalid(String field, String message) {
    return new ProblemException(
        Problem.of(
            400,
            "Invalid request",
            "Field '" + field + "': " + message + ".",
            List.of(new Problem.FieldError(field, message))));
  }
}
