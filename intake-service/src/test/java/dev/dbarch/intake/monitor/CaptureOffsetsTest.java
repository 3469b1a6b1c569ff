package dev.dbarch.intake.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dbarch.contracts.SystemKey;
import dev.dbarch.contracts.events.SchemaChanged;
import dev.dbarch.contracts.monitor.MonitorRegistration;
import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Unit test of the capture's offset rule, with the engine's committer and the publication replaced
 * (the broker and PostgreSQL paths are in {@link CaptureOutageTest} and {@link SchemaWatchTest}):
 * no record is marked processed before the rows up to it are published, a burst over several
 * batches is one publication, and a failed publication is retried with the same rows.
 */
class CaptureOffsetsTest {

  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
  private final List<ChangeEvent<String, String>> marked = new CopyOnWriteArrayList<>();
  private final List<List<Long>> published = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();

  private final DebeziumEngine.RecordCommitter<ChangeEvent<String, String>> committer =
      new DebeziumEngine.RecordCommitter<>() {
        @Override
        public void markProcessed(ChangeEvent<String, String> record) {
          marked.add(record);
        }

        @Override
        public void markBatchFinished() {}

        @Override
        public void markProcessed(ChangeEvent<String, String> record, DebeziumEngine.Offsets o) {
          marked.add(record);
        }

        @Override
        public DebeziumEngine.Offsets buildOffsets() {
          throw new UnsupportedOperationException();
        }
      };

  private final SchemaChangeProcessor processor =
      new SchemaChangeProcessor() {
        @Override
        public Optional<SchemaChanged> captured(
            MonitorRegistration monitor, Credentials credentials, List<AuditRow> rows) {
          if (failuresLeft.getAndDecrement() > 0) {
            throw new IllegalStateException("broker down");
          }
          published.add(rows.stream().map(AuditRow::id).toList());
          return Optional.empty();
        }
      };

  private final MonitorCapture capture =
      new MonitorCapture(
          MonitorRegistration.register(
              new SystemKey("t", "shop"),
              "reg-1",
              MonitorRegistration.Engine.POSTGRESQL,
              "localhost",
              5432,
              "postgres",
              "postgres",
              "env:PW",
              null,
              MonitorRegistration.Mode.FULL),
          processor,
          config(),
          scheduler,
          null);

  private final Credentials credentials;

  CaptureOffsetsTest() throws Exception {
    credentials = new Credentials("pw", InetAddress.getLoopbackAddress());
  }

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
  }

  @Test
  void recordsAreMarkedOnlyAfterTheirRowsArePublishedAndABurstIsOneChange() throws Exception {
    ChangeEvent<String, String> heartbeat = event("__debezium-heartbeat.shop", null);
    capture.handleBatch(List.of(heartbeat), committer, credentials);
    assertThat(marked).containsExactly(heartbeat); // nothing pending: marked at once

    ChangeEvent<String, String> a = row(1);
    ChangeEvent<String, String> b = row(2);
    ChangeEvent<String, String> c = row(3);
    capture.handleBatch(List.of(a), committer, credentials);
    capture.handleBatch(List.of(b, c), committer, credentials);
    assertThat(marked).containsExactly(heartbeat); // not published yet: held back

    await().atMost(Duration.ofSeconds(5)).until(() -> !published.isEmpty());
    assertThat(published).containsExactly(List.of(1L, 2L, 3L)); // one change for the burst
    assertThat(marked).containsExactly(heartbeat); // marked only on the engine's next batch

    ChangeEvent<String, String> next = event("__debezium-heartbeat.shop", null);
    capture.handleBatch(List.of(next), committer, credentials);
    assertThat(marked).containsExactly(heartbeat, a, b, c, next);
  }

  @Test
  void aFailedPublicationKeepsItsRowsUnmarkedAndIsRetried() throws Exception {
    failuresLeft.set(2);
    ChangeEvent<String, String> a = row(7);
    capture.handleBatch(List.of(a), committer, credentials);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> capture.state() == MonitorCapture.State.DEGRADED);
    assertThat(capture.failure()).startsWith("cannot publish the schema change, retrying");
    ChangeEvent<String, String> heartbeat = event("__debezium-heartbeat.shop", null);
    capture.handleBatch(List.of(heartbeat), committer, credentials);
    assertThat(marked).isEmpty(); // the failed row holds back every later record

    // 0.5 s, then 1 s: the third attempt succeeds with the same row.
    await().atMost(Duration.ofSeconds(10)).until(() -> !published.isEmpty());
    assertThat(published).containsExactly(List.of(7L));
    assertThat(capture.state()).isNotEqualTo(MonitorCapture.State.DEGRADED);
    capture.handleBatch(List.of(), committer, credentials);
    assertThat(marked).containsExactly(a, heartbeat);
  }

  private static ChangeEvent<String, String> row(long id) {
    return event(
        "shop.dbarch.ddl_audit",
        """
        {"op":"c","after":{"id":%d,"command_tag":"CREATE TABLE","object_type":"table",
         "object_identity":"public.t%d","statement":"CREATE TABLE t%d (id int)"}}"""
            .formatted(id, id, id));
  }

  private static ChangeEvent<String, String> event(String destination, String value) {
    return new ChangeEvent<>() {
      @Override
      public String key() {
        return null;
      }

      @Override
      public String value() {
        return value;
      }

      @Override
      public String destination() {
        return destination;
      }

      @Override
      public Integer partition() {
        return null;
      }

      @Override
      public String toString() {
        return destination + (value == null ? "" : " " + value.hashCode());
      }
    };
  }

  private static MonitorConfig config() {
    return new MonitorConfig() {
      @Override
      public Duration debounce() {
        return Duration.ofMillis(200);
      }

      @Override
      public Duration capturePollInterval() {
        return Duration.ofMillis(10);
      }

      @Override
      public Duration heartbeatInterval() {
        return Duration.ofSeconds(10);
      }

      @Override
      public Duration limitedPollInterval() {
        return Duration.ofSeconds(10);
      }

      @Override
      public Duration retryDelay() {
        return Duration.ofSeconds(30);
      }

      @Override
      public Duration publishRetryMaxDelay() {
        return Duration.ofSeconds(10);
      }

      @Override
      public String groupId() {
        return "g";
      }

      @Override
      public Duration unusedIndexMinStatisticsAge() {
        return Duration.ofDays(7);
      }

      @Override
      public int offsetsReplicationFactor() {
        return -1;
      }

      @Override
      public Optional<List<String>> allowedHosts() {
        return Optional.empty();
      }

      @Override
      public boolean requireTls() {
        return false;
      }

      @Override
      public Optional<List<String>> deniedHosts() {
        return Optional.empty();
      }
    };
  }
}
