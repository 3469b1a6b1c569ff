package dev.dbarch.intake.monitor;

import dev.dbarch.contracts.kafka.KafkaSecurity;
import dev.dbarch.contracts.kafka.Topics;
import dev.dbarch.contracts.monitor.MonitorRegistration;
import dev.dbarch.servicekit.problem.ProblemException;
import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.format.Json;
import java.io.IOException;
import java.util.ArrayDeque;
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
 * of {@code dbarch.ddl_audit} (PostgreSQL) or the binlog's DDL (MariaDB); limited mode polls the
 * catalog. Captured rows are debounced so a burst of DDL becomes one change.
 *
 * <p>At least once: the engine's records are marked processed (so Debezium may commit their
 * offsets) only once every row captured up to them is published and acknowledged. The batch handler
 * never waits for a publication: it buffers the rows and marks the records whose rows are already
 * acknowledged, so the debounce still sees a whole burst. A failed publication keeps its rows and
 * is retried with back-off; the capture reads DEGRADED with the reason meanwhile. A crash loses
 * only rows whose offsets were never committed, and Debezium delivers those again.
 */
final class MonitorCapture implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(MonitorCapture.class);

  enum State {
    STARTING,
    RUNNING,
    /** Capturing, but the last publication failed: its rows are kept and retried. */
    DEGRADED,
    FAILED,
    STOPPED
  }

  /** A record not yet marked processed, and how many rows had been captured when it arrived. */
  private record Held(ChangeEvent<String, String> event, long rowsUpTo) {}

  /** The first retry of a failed publication waits this long; each next one twice as long. */
  static final long FIRST_RETRY_MILLIS = 500;

  private final MonitorRegistration monitor;
  private final SchemaChangeProcessor processor;
  private final MonitorConfig config;
  private final ScheduledExecutorService scheduler;
  private final MonitorAccess access;

  /** Rows captured and not yet acknowledged, in capture order; guarded by itself. */
  private final List<AuditRow> buffer = new ArrayList<>();

  /** Engine records not yet marked processed, in delivery order; guarded by {@link #buffer}. */
  private final ArrayDeque<Held> held = new ArrayDeque<>();

  /** Rows captured since start, and how many of the first of them are acknowledged. */
  private long capturedRows;

  private long acknowledgedRows;

  /** One publication at a time: a retry and a new debounce must not publish the same rows twice. */
  private final Object publishing = new Object();

  private volatile int failedFlushes;
  private volatile long retryAt;
  private volatile DebeziumEngine<ChangeEvent<String, String>> engine;
  private volatile ScheduledFuture<?> pending;
  private volatile ScheduledFuture<?> poller;
  private volatile State state = State.STARTING;
  private volatile String failure;
  private volatile long failedAt;
  private volatile CaTrustStore truststore;

  MonitorCapture(
      MonitorRegistration monitor,
      SchemaChangeProcessor processor,
      MonitorConfig config,
      ScheduledExecutorService scheduler,
      MonitorAccess access) {
    this.monitor = monitor;
    this.access = access;
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
    Credentials credentials;
    try {
      credentials = access.credentials(monitor);
    } catch (ProblemException e) {
      // The policy may have changed since registration: a refused host or reference stops here.
      fail(e.problem().detail());
      return;
    } catch (RuntimeException e) {
      fail("password reference cannot be resolved");
      return;
    }
    if (monitor.mode() == MonitorRegistration.Mode.LIMITED) {
      long every = config.limitedPollInterval().toMillis();
      poller =
          scheduler.scheduleWithFixedDelay(
              () -> poll(credentials), every, every, TimeUnit.MILLISECONDS);
      state = State.RUNNING;
      return;
    }
    Properties properties;
    try {
      properties = properties(credentials, kafkaConfig);
    } catch (RuntimeException e) {
      fail(e.getMessage());
      return;
    }
    engine =
        DebeziumEngine.create(Json.class)
            .using(properties)
            .notifying(
                (DebeziumEngine.ChangeConsumer<ChangeEvent<String, String>>)
                    (records, committer) -> handleBatch(records, committer, credentials))
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

  private Properties properties(Credentials credentials, Map<String, Object> kafkaConfig) {
    Properties props = new Properties();
    props.setProperty("name", monitor.slug() + "-" + monitor.registrationId());
    props.setProperty("offset.storage", "org.apache.kafka.connect.storage.KafkaOffsetBackingStore");
    props.setProperty("offset.storage.topic", Topics.CAPTURE_OFFSETS);
    props.setProperty("offset.storage.partitions", "1");
    props.setProperty(
        "offset.storage.replication.factor", Integer.toString(config.offsetsReplicationFactor()));
    props.setProperty("offset.flush.interval.ms", "1000");
    props.setProperty("bootstrap.servers", String.valueOf(kafkaConfig.get("bootstrap.servers")));
    // TLS and SCRAM for the offset store and the schema history, as every other client has them.
    KafkaSecurity.debeziumProperties(kafkaConfig).forEach(props::setProperty);
    props.setProperty(
        "database.hostname",
        credentials.verifyFull() ? credentials.hostName() : credentials.address());
    props.setProperty("database.port", Integer.toString(monitor.port()));
    props.setProperty("database.user", monitor.user());
    props.setProperty("database.password", credentials.password());
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
      // The same TLS as the JDBC reads; Debezium hands database.* settings to pgjdbc.
      PostgresAccess.tls(credentials).forEach((k, v) -> props.setProperty("database." + k, v));
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
      if (credentials.tlsMode() != null) {
        props.setProperty("database.ssl.mode", MariaDbAccess.sslMode(credentials));
        if (credentials.verifyFull()) {
          // The binlog client takes the CA only as a trust store: an owner-only temporary file
          // holding the CA certificate (public), removed when the capture stops.
          truststore = CaTrustStore.create(credentials.caFile());
          props.setProperty("database.ssl.truststore", truststore.path().toString());
          props.setProperty("database.ssl.truststore.password", truststore.password());
        }
      }
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

  /**
   * Buffers the batch's rows (restarting the debounce) and marks processed every held record whose
   * rows are all acknowledged. Never waits for a publication: a burst spread over several batches
   * still lands in one debounce window.
   */
  void handleBatch(
      List<ChangeEvent<String, String>> records,
      DebeziumEngine.RecordCommitter<ChangeEvent<String, String>> committer,
      Credentials credentials)
      throws InterruptedException {
    List<ChangeEvent<String, String>> done = new ArrayList<>();
    synchronized (buffer) {
      for (ChangeEvent<String, String> event : records) {
        Optional<AuditRow> row;
        try {
          row = captured(event);
        } catch (RuntimeException e) {
          LOG.errorf("Cannot read a captured change of %s: %s", monitor.systemId(), e.getMessage());
          row = Optional.empty();
        }
        if (row.isPresent()) {
          buffer.add(row.get());
          capturedRows++;
          schedule(credentials, config.debounce().toMillis());
        }
        held.add(new Held(event, capturedRows));
      }
      done.addAll(releasable());
    }
    // Offsets are cumulative: marking the newest acknowledged record covers the ones before it.
    for (ChangeEvent<String, String> event : done) {
      committer.markProcessed(event);
    }
    committer.markBatchFinished();
  }

  /** The held records, in order, whose rows are all acknowledged; removed from the queue. */
  private List<ChangeEvent<String, String>> releasable() {
    List<ChangeEvent<String, String>> done = new ArrayList<>();
    while (!held.isEmpty() && held.peekFirst().rowsUpTo() <= acknowledgedRows) {
      done.add(held.pollFirst().event());
    }
    return done;
  }

  /** (Re)starts the flush timer, never sooner than a pending retry's back-off allows. */
  private void schedule(Credentials credentials, long delayMillis) {
    ScheduledFuture<?> scheduled = pending;
    if (scheduled != null) {
      scheduled.cancel(false);
    }
    long delay = Math.max(delayMillis, retryAt - System.currentTimeMillis());
    pending = scheduler.schedule(() -> flush(credentials), delay, TimeUnit.MILLISECONDS);
  }

  /**
   * Publishes the buffered rows as one change. Only an acknowledged publication takes them out of
   * the buffer; a failure keeps them and schedules a retry with back-off (doubling up to {@code
   * dbarch.monitor.publish-retry-max-delay}), and the capture reads DEGRADED with the reason until
   * one succeeds.
   */
  private void flush(Credentials credentials) {
    synchronized (publishing) {
      List<AuditRow> rows;
      long upTo;
      synchronized (buffer) {
        rows = List.copyOf(buffer);
        upTo = capturedRows;
      }
      if (rows.isEmpty()) {
        return;
      }
      withMdc(
          () -> {
            try {
              processor.captured(monitor, credentials, rows);
              synchronized (buffer) {
                buffer.subList(0, rows.size()).clear();
                acknowledgedRows = upTo;
              }
              if (failedFlushes > 0) {
                LOG.infof(
                    "Published the schema change of %s after %d failed attempts",
                    monitor.systemId(), failedFlushes);
              }
              failedFlushes = 0;
              retryAt = 0;
              if (state == State.DEGRADED) {
                state = State.RUNNING;
                failure = null;
              }
            } catch (Exception e) {
              retry(credentials, e);
            }
          });
    }
  }

  private void retry(Credentials credentials, Exception e) {
    int attempts = ++failedFlushes;
    long cap = Math.max(FIRST_RETRY_MILLIS, config.publishRetryMaxDelay().toMillis());
    long backoff = Math.min(cap, FIRST_RETRY_MILLIS << Math.min(attempts - 1, 20));
    String reason = PostgresAccess.firstLine(reason(e));
    // A failed or stopped engine keeps saying so; otherwise it captures but cannot publish.
    if (state != State.FAILED && state != State.STOPPED) {
      state = State.DEGRADED;
      failure = "cannot publish the schema change, retrying: " + reason;
    }
    LOG.warnf(
        "Cannot publish the schema change of %s (attempt %d), retrying in %d ms: %s",
        monitor.systemId(), attempts, backoff, reason);
    if (state == State.STOPPED) {
      return;
    }
    synchronized (buffer) {
      retryAt = System.currentTimeMillis() + backoff;
      schedule(credentials, backoff);
    }
  }

  private static String reason(Exception e) {
    if (e instanceof ProblemException problem) {
      // A 503's detail speaks to an HTTP client (Retry-After, Idempotency-Key); not here.
      return problem.problem().status() == 503
          ? "the broker did not acknowledge it"
          : problem.problem().detail();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private void poll(Credentials credentials) {
    withMdc(
        () -> {
          try {
            processor.polled(monitor, credentials);
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
    if (truststore != null) {
      truststore.close();
    }
    // Rows captured but not yet published: one last attempt. Their offsets were never committed,
    // so if it fails the next owner of this monitor reads them again.
    ScheduledFuture<?> scheduled = pending;
    if (scheduled != null) {
      scheduled.cancel(false);
    }
    boolean unpublished;
    synchronized (buffer) {
      unpublished = !buffer.isEmpty();
    }
    if (unpublished) {
      try {
        flush(access.credentials(monitor));
      } catch (RuntimeException e) {
        LOG.warnf("Cannot flush the last changes of %s: %s", monitor.systemId(), e.getMessage());
      }
    }
  }
}
