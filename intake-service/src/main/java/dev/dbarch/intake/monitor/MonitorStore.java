package dev.dbarch.intake.monitor;

import dev.dbarch.contracts.SystemKey;
import dev.dbarch.contracts.kafka.Channels;
import dev.dbarch.contracts.kafka.Topics;
import dev.dbarch.contracts.monitor.MonitorRegistration;
import dev.dbarch.intake.IntakeConfig;
import dev.dbarch.servicekit.kafka.BrokerConfig;
import dev.dbarch.servicekit.kafka.BrokerWrites;
import dev.dbarch.servicekit.kafka.LatestByKey;
import dev.dbarch.servicekit.state.LocalStores;
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
 * Registered monitors, stored in the compacted {@link Topics#MONITORS} topic (without secrets,
 * keyed {@code tenant/systemId}); a delete writes a tombstone. Every instance sees all monitors
 * through a view of the topic kept on disk ({@link LatestByKey}); which instance runs a monitor's
 * engine is decided by {@link CaptureSupervisor}.
 */
@ApplicationScoped
public class MonitorStore {

  @Inject IntakeConfig intake;
  @Inject BrokerConfig broker;

  private LatestByKey<MonitorRegistration> monitors;

  @Inject LocalStores stores;

  @Inject
  @Identifier("default-kafka-broker")
  Map<String, Object> kafkaConfig;

  @Inject
  @Channel(Channels.MONITORS_OUT)
  MutinyEmitter<Record<String, MonitorRegistration>> emitter;

  void start(@Observes StartupEvent event) {
    monitors = stores.latestByKey(Topics.MONITORS, MonitorRegistration.class, kafkaConfig).start();
  }

  void stop(@Observes ShutdownEvent event) {
    monitors.stop();
  }

  /** The monitor of one tenant's system; another tenant's is never found. */
  public Optional<MonitorRegistration> find(SystemKey system) {
    monitors.awaitCaughtUp(Duration.ofSeconds(30));
    return monitors.get(system).filter(m -> m.systemKey().equals(system));
  }

  /** The monitors of one tenant, by system id. */
  public List<MonitorRegistration> all(String tenant) {
    monitors.awaitCaughtUp(Duration.ofSeconds(30));
    // Only the tenant's keys are read from disk (and, for the default tenant, pre-tenant bare ids).
    String prefix = tenant + "/";
    boolean legacy = SystemKey.DEFAULT_TENANT.equals(tenant);
    return monitors
        .values(key -> key.startsWith(prefix) || (legacy && key.indexOf('/') < 0))
        .stream()
        .filter(m -> m.tenant().equals(tenant))
        .sorted(Comparator.comparing(MonitorRegistration::systemId))
        .toList();
  }

  public void save(MonitorRegistration monitor) {
    SystemKey key = monitor.systemKey();
    forgetLegacyKey(key);
    write(emitter.send(Record.of(key.toString(), monitor)), "the monitor registration");
    monitors.put(key.toString(), monitor);
  }

  public void delete(SystemKey system) {
    forgetLegacyKey(system);
    // A null value is a tombstone: compaction then forgets the monitor.
    write(
        emitter.send(Record.<String, MonitorRegistration>of(system.toString(), null)),
        "the monitor's removal");
    monitors.put(system.toString(), null);
  }

  /**
   * A monitor registered before tenants is keyed by its bare system id; once it is written again
   * under {@code default/systemId} the old key must go, or two records would describe it.
   */
  private void forgetLegacyKey(SystemKey system) {
    if (SystemKey.DEFAULT_TENANT.equals(system.tenant())
        && monitors.get(system.systemId()).isPresent()) {
      write(
          emitter.send(Record.<String, MonitorRegistration>of(system.systemId(), null)),
          "the monitor's removal under its old key");
      monitors.put(system.systemId(), null);
    }
  }

  private void write(io.smallrye.mutiny.Uni<Void> send, String what) {
    BrokerWrites.await(send, intake.publishTimeout(), broker.retryAfter(), what);
  }
}
