package dev.dbarch.intake.workload;

import dev.dbarch.contracts.SystemKey;
import dev.dbarch.contracts.kafka.Channels;
import dev.dbarch.contracts.kafka.EventType;
import dev.dbarch.contracts.kafka.Topics;
import dev.dbarch.contracts.workload.WorkloadSnapshot;
import dev.dbarch.servicekit.kafka.LatestByKey;
import dev.dbarch.servicekit.state.LocalStores;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Workload snapshots, published to the compacted {@link Topics#WORKLOAD_SNAPSHOTS}. The last one of
 * every system is what the next read is compared with (after a restart or on another instance too),
 * and what every assessment request of the system carries.
 */
@ApplicationScoped
public class WorkloadSnapshotLog {

  static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);

  private LatestByKey<WorkloadSnapshot> latest;

  @Inject LocalStores stores;

  @Inject
  @Identifier("default-kafka-broker")
  Map<String, Object> kafkaConfig;

  @Inject
  @Channel(Channels.WORKLOAD_SNAPSHOTS_OUT)
  MutinyEmitter<WorkloadSnapshot> emitter;

  void start(@Observes StartupEvent event) {
    latest =
        stores.latestByKey(Topics.WORKLOAD_SNAPSHOTS, WorkloadSnapshot.class, kafkaConfig).start();
  }

  void stop(@Observes ShutdownEvent event) {
    latest.stop();
  }

  public Optional<WorkloadSnapshot> last(SystemKey system) {
    latest.awaitCaughtUp(Duration.ofSeconds(30));
    return latest.get(system.toString());
  }

  public void publish(WorkloadSnapshot snapshot) {
    Message<WorkloadSnapshot> message =
        Message.of(snapshot)
            .addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder()
                    .withKey(snapshot.systemKey().toString())
                    .build())
            .addMetadata(
                OutgoingCloudEventMetadata.builder()
                    .withId(
                        snapshot.systemKey()
                            + ":"
                            + snapshot.registrationId()
                            + ":"
                            + snapshot.sequence())
                    .withType(EventType.WORKLOAD_SNAPSHOT.ceType())
                    .build());
    emitter.sendMessage(message).await().atMost(WRITE_TIMEOUT);
    latest.put(snapshot.systemKey().toString(), snapshot);
  }
}
