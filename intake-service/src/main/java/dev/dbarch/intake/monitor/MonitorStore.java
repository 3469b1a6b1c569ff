package dev.dbarch.intake.monitor;

import dev.dbarch.contracts.kafka.Channels;
import dev.dbarch.contracts.kafka.Topics;
import dev.dbarch.contracts.monitor.MonitorRegistration;
import dev.dbarch.servicekit.kafka.LatestByKey;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Registered monitors, stored in the compacted {@link Topics#MONITORS} topic (without secrets); a
 * delete writes a tombstone. Every instance sees all monitors through a replayed view; which
 * instance runs a monitor's engine is decided by {@link CaptureSupervisor}.
 */
@ApplicationScoped
public class MonitorStore {

  static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);

  private LatestByKey<MonitorRegistration> monitors;

  @Inject
  @Identifier("default-kafka-broker")
  Map<String, Object> kafkaConfig;

  @Inject
  @Channel(Channels.MONITORS_OUT)
  MutinyEmitter<Record<String, MonitorRegistration>> emitter;

  void start(@Observes StartupEvent event) {
    monitors = new LatestByKey<>(Topics.MONITORS, MonitorRegistration.class, kafkaConfig).start();
  }

  void stop(@Observes ShutdownEvent event) {
    monitors.stop();
  }

  public Optional<MonitorRegistration> find(String systemId) {
    monitors.awaitCaughtUp(Duration.ofSeconds(30));
    return monitors.get(systemId);
  }

  public List<MonitorRegistration> all() {
    monitors.awaitCaughtUp(Duration.ofSeconds(30));
    return monitors.values().stream()
        .sorted(Comparator.comparing(MonitorRegistration::systemId))
        .toList();
  }

  public void save(MonitorRegistration monitor) {
    emitter.send(Record.of(monitor.systemId(), monitor)).await().atMost(WRITE_TIMEOUT);
    monitors.put(monitor.systemId(), monitor);
  }

  public void delete(String systemId) {
    // A null value is a tombstone: compaction then forgets the monitor.
    emitter.send(Record.of(systemId, null)).await().atMost(WRITE_TIMEOUT);
    monitors.put(systemId, null);
  }
}
