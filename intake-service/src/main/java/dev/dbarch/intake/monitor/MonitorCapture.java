package dev.dbarch.intake.monitor;

import dev.dbarch.contracts.kafka.Topics;
import dev.dbarch.contracts.monitor.MonitorRegistration;
import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.format.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Captures one monitored database. Full mode runs a Debezium embedded engine that streams the rows
 * of {@code dbarch.ddl_audit} (and nothing else) through logical decoding; limited mode polls the
 * catalog.
 *
 * <p>At least once (docs/reliability.md): the engine hands over a batch, the DDL rows in it become
 * one change, and only after the broker has acknowledged that change and the assessment it asks for
 * are the batch's records marked processed, so their offsets are committed. A publish that fails is
 * retried with back-off until it succeeds or capture is stopped; stopped, the batch is left
 * uncommitted and replayed on the next start, where rows already published are skipped and a
 * re-requested assessment keeps its id (the report service de-duplicates it).
 */
final class MonitorCapture implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(MonitorCapture.class);

  enum State {
    STARTING,
    RUNNING,
    FAILED,
    STOPPED
  }

  private final MonitorRegistration monitor;
  private final SchemaChangeProcessor processor;
  private final MonitorConfig config;
  private final ScheduledExecutorService scheduler;
  private volatile DebeziumEngine<ChangeEvent<String, String>> engine;
  private volatile ScheduledFuture<?> poller;
  private volatile State state = State.STARTING;
  private volatile String failure;
  private volatile long failedAt;

  MonitorCapture(
      MonitorRegistration monitor,
      SchemaChangeProcessor processor,
      MonitorConfig config,
      ScheduledExecutorService scheduler) {
    this.monitor = monitor;
    this.processor = processor;
    this.config = config;
    this.scheduler = scheduler;
  }

  MonitorRegistration monitor() {
    return monitor;
  }

  State state() {
    return state;
  }

  String failure() {
    return failure;
  }

  long failedAt() {
    return failedAt;
  }

  void start(ExecutorService engines, Map<String, Object> kafkaConfig) {
    String password;
    try {
      password = SecretReference.parse(monitor.passwordRef()).resolve();
    } catch (RuntimeException e) {
      fail("password reference cannot be resolved");
      return;
    }
    if (monitor.mode() == MonitorRegistration.Mode.LIMITED) {
      long every = config.limitedPollInterval().toMillis();
      poller =
          scheduler.scheduleWithFixedDelay(
              () -> poll(password), every, every, TimeUnit.MILLISECONDS);
      state = State.RUNNING;
      return;
    }
    engine =
        DebeziumEngine.create(Json.class)
            .using(properties(password, kafkaConfig))
            .notifying(
                (DebeziumEngine.ChangeConsumer<ChangeEvent<String, String>>)
                    (records, committer) -> handleBatch(records, committer, password))
            .using(
                (success, message, error) -> {
                  if (!success && state != State.STOPPED) {
                    fail(message == null ? String.valueOf(error) : message);
                  }
                })
            .using(
                new DebeziumEngine.ConnectorCallback() {
                  @Override
                  public void taskStarted() {
                    state = State.RUNNING;
                    LOG.infof("Capturing schema changes of %s", monitor.systemId());
                  }
                })
            .build();
    engines.execute(engine);
  }

  private Properties properties(String password, Map<String, Object> kafkaConfig) {
    Properties props = new Properties();
    props.setProperty("name", monitor.slug() + "-" + monitor.registrationId());
    props.setProperty("offset.storage", "org.apache.kafka.connect.storage.KafkaOffsetBackingStore");
    props.setProperty("offset.storage.topic", Topics.CAPTURE_OFFSETS);
    props.setProperty("offset.storage.partitions", "1");
    props.setProperty(
        "offset.storage.replication.factor", Integer.toString(config.offsetsReplicationFactor()));
    props.setProperty("offset.flush.interval.ms", "1000");
    props.setProperty("bootstrap.servers", String.valueOf(kafkaConfig.get("bootstrap.servers")));
    props.setProperty("database.hostname", monitor.host());
    props.setProperty("database.port", Integer.toString(monitor.port()));
    props.setProperty("database.user", monitor.user());
    props.setProperty("database.password", password);
    props.setProperty("topic.prefix", monitor.slug());
    props.setProperty("snapshot.mode", "no_data");
    if (Databases.isPostgres(monitor)) {
      props.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
      props.setProperty("database.dbname", monitor.database());
      props.setProperty("plugin.name", "pgoutput");
      props.setProperty("slot.name", PostgresCaptureObjects.slot(monitor));
      props.setProperty("publication.name", PostgresCaptureObjects.publication(monitor));
      props.setProperty("publication.autocreate.mode", "disabled");
      // Only the audit table: the production tables' rows are never streamed.
      props.setProperty("table.include.list", PostgresCaptureObjects.AUDIT_TABLE);
    } else {
      // The binlog carries DDL natively: keep its schema change events, skip every row event.
      props.setProperty("connector.class", "io.debezium.connector.mariadb.MariaDbConnector");
      props.setProperty("database.server.id", Integer.toString(serverId()));
      props.setProperty("database.include.list", monitor.database());
      props.setProperty("include.schema.changes", "true");
      props.setProperty("skipped.operations", "c,u,d,t");
      props.setProperty(
          "schema.history.internal", "io.debezium.storage.kafka.history.KafkaSchemaHistory");
      props.setProperty("schema.history.internal.kafka.topic", historyTopic());
      props.setProperty(
          "schema.history.internal.kafka.bootstrap.servers",
          String.valueOf(kafkaConfig.get("bootstrap.servers")));
    }
    props.setProperty("poll.interval.ms", Long.toString(config.capturePollInterval().toMillis()));
    props.setProperty(
        "heartbeat.interval.ms", Long.toString(config.heartbeatInterval().toMillis()));
    props.setProperty("decimal.handling.mode", "string");
    props.setProperty("key.converter.schemas.enable", "false");
    props.setProperty("value.converter.schemas.enable", "false");
    props.setProperty("errors.max.retries", "3");
    return props;
  }

  /** The binlog client's server id: stable per registration, away from common replica ids. */
  private int serverId() {
    return 5_400 + Math.floorMod(monitor.registrationId().hashCode(), 100_000);
  }

  /** Debezium's schema history of one registration (single partition, created by Debezium). */
  private String historyTopic() {
    return monitor.historyTopic();
  }

  /** The DDL a change event carries, if it carries one. */
  private Optional<AuditRow> captured(ChangeEvent<String, String> event) {
    if (event.destination() == null) {
      return Optional.empty();
    }
    if (Databases.isPostgres(monitor)) {
      return event.destination().endsWith("ddl_audit")
          ? AuditRow.fromChangeEvent(event.value())
          : Optional.empty();
    }
    return event.destination().equals(monitor.slug())
        ? AuditRow.fromSchemaChangeEvent(event.value())
        : Optional.empty();
  }

  private void handleBatch(
      List<ChangeEvent<String, String>> records,
      DebeziumEngine.RecordCommitter<ChangeEvent<String, String>> committer,
      String password)
      throws InterruptedException {
    List<AuditRow> rows = new ArrayList<>();
    for (ChangeEvent<String, String> record : records) {
      try {
        captured(record).ifPresent(rows::add);
      } catch (RuntimeException e) {
        // A row that cannot be read is not DDL dbarch can use; it must not stop the capture.
        LOG.errorf("Cannot read a captured change of %s: %s", monitor.systemId(), e.getMessage());
      }
    }
    if (!rows.isEmpty()) {
      // A burst of DDL is usually still running when its first rows arrive: let it settle before
      // the catalog is read.
      Thread.sleep(config.debounce().toMillis());
      publishUntilAcknowledged(rows, password);
    }
    for (ChangeEvent<String, String> record : records) {
      committer.markProcessed(record);
    }
    committer.markBatchFinished();
  }

  /**
   * Publishes the change of {@code rows}, retrying with back-off (0.5 s doubling to 10 s) for as
   * long as capture runs; a stop leaves the batch uncommitted, to be replayed by the next start.
   */
  private void publishUntilAcknowledged(List<AuditRow> rows, String password)
      throws InterruptedException {
    long backoff = 500;
    for (int attempt = 1; ; attempt++) {
      if (state == State.STOPPED) {
        throw new InterruptedException("capture stopped before its change was published");
      }
      MDC.put("tenant", monitor.tenant());
      MDC.put("systemId", monitor.systemId());
      try {
        processor.captured(monitor, password, rows);
        if (attempt > 1) {
          LOG.infof("Published the schema change of %s on attempt %d", monitor.systemId(), attempt);
        }
        return;
      } catch (Exception e) {
        LOG.warnf(
            "Cannot publish the schema change of %s (attempt %d), retrying in %d ms: %s",
            monitor.systemId(), attempt, backoff, e.getMessage());
      } finally {
        MDC.remove("tenant");
        MDC.remove("systemId");
      }
      Thread.sleep(backoff);
      backoff = Math.min(backoff * 2, 10_000);
    }
  }

  private void poll(String password) {
    withMdc(
        () -> {
          try {
            processor.polled(monitor, password);
            state = State.RUNNING;
          } catch (Exception e) {
            fail(e.getMessage());
          }
        });
  }

  private void fail(String reason) {
    state = State.FAILED;
    failure = PostgresAccess.firstLine(reason);
    failedAt = System.currentTimeMillis();
    LOG.errorf("Capture of %s failed: %s", monitor.systemId(), failure);
  }

  private void withMdc(Runnable work) {
    MDC.put("tenant", monitor.tenant());
    MDC.put("systemId", monitor.systemId());
    try {
      work.run();
    } finally {
      MDC.remove("tenant");
      MDC.remove("systemId");
    }
  }

  /** Stops capture the way Debezium asks: close the engine, never interrupt its thread. */
  @Override
  public void close() {
    state = State.STOPPED;
    if (poller != null) {
      poller.cancel(false);
    }
    if (engine != null) {
      try {
        engine.close();
      } catch (IOException e) {
        LOG.warnf("Closing the capture of %s: %s", monitor.systemId(), e.getMessage());
      }
    }
  }
}
