package dev.dbarch.intake.monitor;

import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.kafka.Topics;
import dev.dbarch.contracts.monitor.MonitorRegistration;
import dev.dbarch.servicekit.failover.ConsumerFailover;
import dev.dbarch.servicekit.failover.FailoverConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Decides which intake instance captures which monitor, by Kafka's own group membership: the
 * instances form one consumer group on the monitors topic, and an instance runs the engines of the
 * monitors on the partitions it is assigned. On a rebalance the engines of revoked partitions stop
 * and the new owner replays its partitions and starts them. No leader election of our own.
 */
@ApplicationScoped
public class CaptureSupervisor {

  private static final Logger LOG = Logger.getLogger(CaptureSupervisor.class);

  private final Map<String, MonitorCapture> captures = new ConcurrentHashMap<>();
  private final Map<String, MonitorRegistration> desired = new ConcurrentHashMap<>();
  private final Map<String, Integer> partitionOf = new ConcurrentHashMap<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final ExecutorService engines =
      Executors.newCachedThreadPool(r -> thread(r, "capture-engine"));
  private final ScheduledExecutorService scheduler =
      Executors.newScheduledThreadPool(2, r -> thread(r, "capture-scheduler"));
  private volatile KafkaConsumer<String, String> consumer;
  private volatile String failure;

  @Inject
  @Identifier("default-kafka-broker")
  Map<String, Object> kafkaConfig;

  @Inject MonitorConfig config;
  @Inject FailoverConfig failover;
  @Inject MonitorAccess access;
  @Inject SchemaChangeProcessor processor;

  void start(@Observes StartupEvent event) {
    Thread loop = new Thread(this::run, "capture-supervisor");
    loop.setDaemon(true);
    loop.start();
  }

  void stop(@Observes ShutdownEvent event) {
    running.set(false);
    KafkaConsumer<String, String> current = consumer;
    if (current != null) {
      current.wakeup();
    }
    captures.values().forEach(MonitorCapture::close);
    captures.clear();
    engines.shutdown();
    scheduler.shutdown();
  }

  /** The state of every capture this instance runs, by monitor key ({@code tenant/systemId}). */
  public Map<String, String> states() {
    Map<String, String> states = new java.util.TreeMap<>();
    captures.forEach(
        (id, c) -> states.put(id, c.state() + (c.failure() == null ? "" : ": " + c.failure())));
    return states;
  }

  public String failure() {
    return failure;
  }

  /** The monitors this instance captures now: other per-monitor work follows the same owner. */
  public List<MonitorRegistration> captured() {
    return captures.values().stream()
        .filter(c -> c.state() != MonitorCapture.State.STOPPED)
        .map(MonitorCapture::monitor)
        .toList();
  }

  private void run() {
    while (running.get()) {
      try (KafkaConsumer<String, String> kafka = newConsumer()) {
        consumer = kafka;
        kafka.subscribe(List.of(Topics.MONITORS), new Rebalance(kafka));
        while (running.get()) {
          for (ConsumerRecord<String, String> record : kafka.poll(Duration.ofMillis(500))) {
            apply(record);
          }
          restartFailed();
          failure = null;
        }
      } catch (WakeupException e) {
        return;
      } catch (RuntimeException e) {
        failure = e.getMessage();
        LOG.warnf("Capture supervisor failed, retrying: %s", e.getMessage());
        stopAll(List.copyOf(captures.keySet()));
        sleep(1000);
      }
    }
  }

  private void apply(ConsumerRecord<String, String> record) {
    String systemId = record.key();
    if (systemId == null) {
      return;
    }
    partitionOf.put(systemId, record.partition());
    MonitorRegistration monitor = null;
    if (record.value() != null) {
      try {
        monitor = Json.fromJson(record.value(), MonitorRegistration.class);
      } catch (RuntimeException e) {
        LOG.warnf(
            "Skipping an unreadable monitor at offset %d: %s", record.offset(), e.getMessage());
        return;
      }
    }
    if (monitor == null || monitor.status() != MonitorRegistration.Status.ACTIVE) {
      desired.remove(systemId);
    } else {
      desired.put(systemId, monitor);
    }
    reconcile(systemId);
  }

  /** Makes the running capture of a system match what the monitors topic says. */
  private synchronized void reconcile(String systemId) {
    MonitorRegistration wanted = desired.get(systemId);
    MonitorCapture current = captures.get(systemId);
    if (current != null && (wanted == null || !current.monitor().equals(wanted))) {
      captures.remove(systemId).close();
      current = null;
    }
    if (wanted != null && current == null) {
      MonitorCapture capture = new MonitorCapture(wanted, processor, config, scheduler, access);
      captures.put(systemId, capture);
      capture.start(engines, kafkaConfig);
    }
  }

  private void restartFailed() {
    long now = System.currentTimeMillis();
    for (Map.Entry<String, MonitorCapture> entry : List.copyOf(captures.entrySet())) {
      MonitorCapture capture = entry.getValue();
      if (capture.state() == MonitorCapture.State.FAILED
          && now - capture.failedAt() > config.retryDelay().toMillis()) {
        LOG.infof("Restarting the capture of %s", capture.monitor().systemId());
        captures.remove(entry.getKey()).close();
        reconcile(entry.getKey());
      }
    }
  }

  private synchronized void stopAll(Collection<String> systemIds) {
    for (String systemId : systemIds) {
      desired.remove(systemId);
      MonitorCapture capture = captures.remove(systemId);
      if (capture != null) {
        capture.close();
      }
    }
  }

  private KafkaConsumer<String, String> newConsumer() {
    Map<String, Object> props = new HashMap<>();
    kafkaConfig.forEach(
        (k, v) -> {
          if (ConsumerConfig.configNames().contains(k)) {
            props.put(k, v);
          }
        });
    // A restarted intake takes its monitors back at once; a dead one's move after the session.
    props.putAll(ConsumerFailover.settings(failover, "monitors"));
    props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // Cooperative, so a rejoin revokes only the partitions that move: with the eager default, the
    // rejoin a broker restart or a coordinator move asks for revoked every partition and stopped
    // every capture at once, though no other instance could take one over. A capture that cannot
    // reach the broker keeps its rows and reads DEGRADED; only a membership really lost (the
    // session expired) stops it (onPartitionsLost).
    props.put(
        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        CooperativeStickyAssignor.class.getName());
    return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
  }

  /** On assignment, replay the partitions from the start; on revocation, stop their engines. */
  private final class Rebalance implements ConsumerRebalanceListener {
    private final KafkaConsumer<String, String> kafka;

    Rebalance(KafkaConsumer<String, String> kafka) {
      this.kafka = kafka;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (partitions.isEmpty()) {
        return;
      }
      LOG.infof("Monitor partitions assigned: %s", partitions);
      kafka.seekToBeginning(partitions);
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (partitions.isEmpty()) {
        return;
      }
      LOG.infof("Monitor partitions revoked: %s", partitions);
      stopOn(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      LOG.infof("Monitor partitions lost (this instance left the group): %s", partitions);
      stopOn(partitions);
    }

    private void stopOn(Collection<TopicPartition> partitions) {
      List<Integer> revoked = partitions.stream().map(TopicPartition::partition).toList();
      stopAll(
          partitionOf.entrySet().stream()
              .filter(e -> revoked.contains(e.getValue()))
              .map(Map.Entry::getKey)
              .toList());
    }
  }

  private static Thread thread(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
