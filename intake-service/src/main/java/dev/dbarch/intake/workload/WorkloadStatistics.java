package dev.dbarch.intake.workload;

import dev.dbarch.contracts.events.AssessmentRequested;
import dev.dbarch.contracts.events.SchemaChanged;
import dev.dbarch.contracts.events.Trigger;
import dev.dbarch.contracts.monitor.MonitorRegistration;
import dev.dbarch.contracts.requirements.Requirements;
import dev.dbarch.contracts.schema.SchemaContext;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.contracts.workload.IndexAdvice;
import dev.dbarch.contracts.workload.WorkloadChange;
import dev.dbarch.contracts.workload.WorkloadContext;
import dev.dbarch.contracts.workload.WorkloadSnapshot;
import dev.dbarch.intake.assessment.AssessmentPublisher;
import dev.dbarch.intake.monitor.Credentials;
import dev.dbarch.intake.monitor.MariaDbAccess;
import dev.dbarch.intake.monitor.MonitorAccess;
import dev.dbarch.intake.monitor.PostgresAccess;
import dev.dbarch.intake.monitor.SchemaChangeLog;
import dev.dbarch.intake.requirements.RequirementsStore;
import dev.dbarch.workload.WorkloadThresholds;
import dev.dbarch.workload.advice.Candidate;
import dev.dbarch.workload.advice.HypoPgAdvisor;
import dev.dbarch.workload.advice.IndexCandidates;
import dev.dbarch.workload.change.WorkloadChanges;
import dev.dbarch.workload.change.WorkloadIntervals;
import dev.dbarch.workload.diagnosis.Evidence;
import dev.dbarch.workload.live.MySqlWorkloadReader;
import dev.dbarch.workload.live.PostgresWorkloadReader;
import dev.dbarch.workload.live.ReadOptions;
import dev.dbarch.workload.live.WorkloadReader;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * One read of a monitored database's workload: the statistics views into a snapshot, its figures
 * over the interval since the previous snapshot, index candidates measured with HypoPG, the
 * snapshot published, and, when the workload changed significantly, a re-assessment with the
 * snapshot and the changes on the request.
 */
@ApplicationScoped
public class WorkloadStatistics {

  private static final Logger LOG = Logger.getLogger(WorkloadStatistics.class);

  @Inject WorkloadConfig config;
  @Inject WorkloadSnapshotLog log;
  @Inject RequirementsStore requirements;
  @Inject SchemaChangeLog schemaChanges;
  @Inject AssessmentPublisher assessments;
  @Inject MeterRegistry registry;
  @Inject Clock clock;
  @Inject MonitorAccess access;

  private WorkloadThresholds thresholds;

  void start(@Observes StartupEvent event) {
    // Read once: a threshold that is not a number stops the service at start-up, named.
    thresholds = config.workloadThresholds();
  }

  WorkloadThresholds thresholds() {
    if (thresholds == null) {
      thresholds = config.workloadThresholds();
    }
    return thresholds;
  }

  /** Reads, compares and publishes; returns the snapshot published. */
  public WorkloadSnapshot read(MonitorRegistration monitor) throws SQLException {
    String systemId = monitor.systemId();
    Optional<WorkloadSnapshot> previous =
        log.last(monitor.systemKey())
            .filter(s -> monitor.registrationId().equals(s.registrationId()));
    long sequence = previous.map(s -> s.sequence() + 1).orElse(1L);
    Credentials credentials = access.credentials(monitor);
    WorkloadSnapshot snapshot;
    try (Connection connection = connect(monitor, credentials)) {
      WorkloadSnapshot raw =
          reader(monitor)
              .read(
                  connection,
                  systemId,
                  monitor.registrationId(),
                  sequence,
                  Instant.now(clock),
                  options());
      snapshot =
          WorkloadIntervals.derive(
              previous.orElse(null),
              raw.withTenant(monitor.tenant()),
              thresholds().topStatements());
      snapshot = snapshot.withIndexAdvice(advise(connection, monitor, snapshot));
    }
    List<WorkloadChange> changes =
        WorkloadChanges.detect(previous.orElse(null), snapshot, thresholds());
    log.publish(snapshot);
    registry.counter("dbarch.workload.reads", "outcome", "read").increment();
    changes.forEach(
        c -> registry.counter("dbarch.workload.changes", "kind", c.kind().name()).increment());
    if (!changes.isEmpty()) {
      reassess(monitor, snapshot, changes);
    }
    return snapshot;
  }

  private ReadOptions options() {
    ReadOptions defaults = ReadOptions.DEFAULTS;
    return new ReadOptions(
        config.maxStatements(),
        defaults.maxTables(),
        defaults.maxIndexes(),
        defaults.maxSessions(),
        defaults.maxQueryLength());
  }

  /** The heaviest candidates, measured with HypoPG on the database itself where it can be. */
  private List<IndexAdvice> advise(
      Connection connection, MonitorRegistration monitor, WorkloadSnapshot snapshot) {
    Requirements latest = requirements.latest(monitor.systemKey()).orElse(null);
    SchemaSnapshot schema =
        schemaChanges
            .last(monitor.systemKey())
            .filter(c -> monitor.registrationId().equals(c.registrationId()))
            .map(SchemaChanged::snapshot)
            .orElse(null);
    List<Candidate> candidates =
        IndexCandidates.collect(Evidence.of(latest, snapshot, schema, thresholds())).stream()
            .limit(config.maxIndexCandidates())
            .toList();
    if (candidates.isEmpty()) {
      return List.of();
    }
    if (monitor.engine() != MonitorRegistration.Engine.POSTGRESQL) {
      return HypoPgAdvisor.unverified(candidates, "HypoPG is an extension of PostgreSQL only");
    }
    try {
      return new HypoPgAdvisor(thresholds().indexMinCostDrop(), config.advisorStatementTimeout())
          .advise(connection, candidates);
    } catch (SQLException e) {
      LOG.warnf("Index advice on %s could not be measured: %s", monitor.systemId(), e.getMessage());
      return HypoPgAdvisor.unverified(candidates, firstLine(e.getMessage()));
    }
  }

  private void reassess(
      MonitorRegistration monitor, WorkloadSnapshot snapshot, List<WorkloadChange> changes) {
    String systemId = monitor.systemId();
    Requirements latest =
        requirements.latest(monitor.systemKey()).orElse(Requirements.named(systemId, systemId));
    // The schema did not change: its last snapshot and findings travel along unchanged, so the
    // revision compares like with like.
    SchemaContext schema =
        schemaChanges
            .last(monitor.systemKey())
            .filter(c -> monitor.registrationId().equals(c.registrationId()))
            .map(c -> new SchemaContext(c.snapshot(), c.findings(), null, List.of()))
            .orElse(null);
    String assessmentId =
        UUID.nameUUIDFromBytes(
                ("workload:"
                        + monitor.systemKey()
                        + ":"
                        + monitor.registrationId()
                        + ":"
                        + snapshot.sequence())
                    .getBytes(StandardCharsets.UTF_8))
            .toString();
    MDC.put("assessmentId", assessmentId);
    try {
      assessments.publish(
          new AssessmentRequested(
              monitor.tenant(),
              assessmentId,
              systemId,
              Trigger.WORKLOAD_CHANGED,
              Instant.now(clock),
              latest,
              schema,
              new WorkloadContext(snapshot, changes)));
      LOG.infof(
          "Workload of %s changed: %s",
          systemId, changes.stream().map(c -> c.kind() + " " + c.subject()).toList());
    } finally {
      MDC.remove("assessmentId");
    }
  }

  private static WorkloadReader reader(MonitorRegistration monitor) {
    return switch (monitor.engine()) {
      case POSTGRESQL -> new PostgresWorkloadReader();
      case MARIADB -> new MySqlWorkloadReader(SchemaSnapshot.Engine.MARIADB);
      case MYSQL -> new MySqlWorkloadReader(SchemaSnapshot.Engine.MYSQL);
    };
  }

  private static Connection connect(MonitorRegistration monitor, Credentials credentials)
      throws SQLException {
    return monitor.engine() == MonitorRegistration.Engine.POSTGRESQL
        ? PostgresAccess.connect(monitor, credentials)
        : MariaDbAccess.connect(monitor, credentials);
  }

  static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }
}
