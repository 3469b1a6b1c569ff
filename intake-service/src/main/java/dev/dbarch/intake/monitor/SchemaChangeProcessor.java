package dev.dbarch.intake.monitor;

import dev.dbarch.contracts.events.AssessmentRequested;
import dev.dbarch.contracts.events.SchemaChanged;
import dev.dbarch.contracts.events.Trigger;
import dev.dbarch.contracts.monitor.MonitorRegistration;
import dev.dbarch.contracts.requirements.Requirements;
import dev.dbarch.contracts.schema.SchemaChange;
import dev.dbarch.contracts.schema.SchemaContext;
import dev.dbarch.contracts.schema.SchemaDiff;
import dev.dbarch.contracts.schema.SchemaFinding;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.intake.IntakeConfig;
import dev.dbarch.intake.RecordBudget;
import dev.dbarch.intake.assessment.AssessmentPublisher;
import dev.dbarch.intake.requirements.RequirementsStore;
import dev.dbarch.lint.CapturedChanges;
import dev.dbarch.schema.diff.SnapshotDiff;
import dev.dbarch.schema.findings.RuleSettings;
import dev.dbarch.schema.findings.SchemaRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Turns captured DDL (or a polled catalog) into a schema-changed event and a re-assessment: reads
 * the live catalog, compares it with the last published snapshot, runs the shared schema rules and
 * publishes both, each waiting for the broker's acknowledgement.
 *
 * <p>The re-assessment goes first and the schema change last: the schema change is the resume point
 * (its sequence says which rows are done), so it may only exist once both are acknowledged. A
 * publication that failed half-way is repeated whole; the repeated assessment request has the same
 * id and the report service ignores it.
 */
@ApplicationScoped
public class SchemaChangeProcessor {

  private static final Logger LOG = Logger.getLogger(SchemaChangeProcessor.class);

  @Inject SchemaChangeLog log;
  @Inject RequirementsStore requirements;
  @Inject AssessmentPublisher assessments;
  @Inject Clock clock;
  @Inject MonitorConfig config;
  @Inject IntakeConfig intake;

  /** The first snapshot of a newly registered database. */
  public SchemaChanged initial(MonitorRegistration monitor, Credentials credentials)
      throws SQLException {
    return publish(monitor, read(monitor, credentials), null, 0L);
  }

  /** The last change of this registration: a new registration starts its sequence afresh. */
  private Optional<SchemaChanged> previous(MonitorRegistration monitor) {
    return log.last(monitor.systemKey())
        .filter(c -> monitor.registrationId().equals(c.registrationId()));
  }

  /**
   * Captured DDL: rows already published (after a restart) are skipped; nothing is published when
   * every row was.
   */
  public Optional<SchemaChanged> captured(
      MonitorRegistration monitor, Credentials credentials, List<AuditRow> rows)
      throws SQLException {
    Optional<SchemaChanged> previous = previous(monitor);
    long lastPublished = previous.map(SchemaChanged::sequence).orElse(0L);
    List<AuditRow> fresh = rows.stream().filter(r -> r.id() > lastPublished).toList();
    if (fresh.isEmpty()) {
      return Optional.empty();
    }
    SchemaSnapshot snapshot = read(monitor, credentials);
    LinkedHashSet<String> ddl = new LinkedHashSet<>();
    LinkedHashSet<String> objects = new LinkedHashSet<>();
    for (AuditRow row : fresh) {
      if (row.statement() != null) {
        ddl.add(row.statement().strip());
      }
      if (row.objectIdentity() != null) {
        objects.add(row.objectType() + " " + row.objectIdentity());
      }
    }
    // The tables the DDL names, as they were: the linter judges a statement by the table it found.
    SchemaSnapshot before =
        CapturedChanges.beforeSlice(
            previous.map(SchemaChanged::snapshot).orElse(null), List.copyOf(ddl));
    SchemaChange change =
        new SchemaChange(List.copyOf(ddl), List.copyOf(objects), diff(previous, snapshot), before);
    long sequence = fresh.stream().mapToLong(AuditRow::id).max().orElse(lastPublished);
    return Optional.of(publish(monitor, snapshot, change, sequence));
  }

  /** Limited mode: publishes only when the catalog differs from the last snapshot. */
  public Optional<SchemaChanged> polled(MonitorRegistration monitor, Credentials credentials)
      throws SQLException {
    Optional<SchemaChanged> previous = previous(monitor);
    SchemaSnapshot snapshot = read(monitor, credentials);
    SchemaDiff diff = diff(previous, snapshot);
    if (diff.isEmpty()) {
      return Optional.empty();
    }
    long sequence = previous.map(SchemaChanged::sequence).orElse(0L) + 1;
    return Optional.of(
        publish(monitor, snapshot, new SchemaChange(List.of(), List.of(), diff), sequence));
  }

  private SchemaChanged publish(
      MonitorRegistration monitor, SchemaSnapshot snapshot, SchemaChange change, long sequence) {
    String systemId = monitor.systemId();
    List<SchemaFinding> findings =
        SchemaRules.analyze(
            snapshot,
            RuleSettings.DEFAULTS.withUnusedIndexMinStatisticsAge(
                config.unusedIndexMinStatisticsAge()));
    SchemaChanged event =
        new SchemaChanged(
            monitor.tenant(),
            systemId,
            monitor.registrationId(),
            sequence,
            Instant.now(clock),
            change,
            snapshot,
            findings);
    Requirements latest =
        requirements.latest(monitor.systemKey()).orElse(Requirements.named(systemId, systemId));
    // The id follows from the sequence: a republished change after a crash names the same
    // assessment, which the report service recognises and does not publish twice.
    String assessmentId =
        UUID.nameUUIDFromBytes(
                ("schema:" + monitor.systemKey() + ":" + monitor.registrationId() + ":" + sequence)
                    .getBytes(StandardCharsets.UTF_8))
            .toString();
    AssessmentRequested request =
        new AssessmentRequested(
            monitor.tenant(),
            assessmentId,
            systemId,
            Trigger.SCHEMA_CHANGED,
            Instant.now(clock),
            latest,
            new SchemaContext(snapshot, findings, change, List.of()));
    // Both records carry the whole catalog: refuse it (422 at registration) before either is
    // published, rather than have Kafka refuse one of them.
    RecordBudget.check(
        intake.maxRecordBytes(),
        event,
        "schema change record of this database",
        snapshot,
        422,
        "database");
    RecordBudget.check(
        intake.maxRecordBytes(),
        request,
        "assessment request of this database",
        snapshot,
        422,
        "database");
    MDC.put("assessmentId", assessmentId);
    try {
      assessments.publish(request);
      log.publish(event);
      LOG.infof(
          "Schema of %s %s: %d tables, %d findings",
          systemId,
          change == null ? "read" : "changed (" + change.ddl().size() + " statements)",
          snapshot.tables().size(),
          findings.size());
    } finally {
      MDC.remove("assessmentId");
    }
    return event;
  }

  private static SchemaDiff diff(Optional<SchemaChanged> previous, SchemaSnapshot snapshot) {
    SchemaSnapshot before =
        previous
            .map(SchemaChanged::snapshot)
            .orElse(
                new SchemaSnapshot(snapshot.engine(), "catalog", snapshot.database(), null, null));
    return SnapshotDiff.between(before, snapshot);
  }

  private static SchemaSnapshot read(MonitorRegistration monitor, Credentials credentials)
      throws SQLException {
    Objects.requireNonNull(credentials, "credentials");
    return Databases.readCatalog(monitor, credentials);
  }
}
