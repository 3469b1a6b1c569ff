package dev.dbarch.intake.monitor;

import dev.dbarch.contracts.SystemKey;
import dev.dbarch.contracts.events.SchemaChanged;
import dev.dbarch.contracts.kafka.Channels;
import dev.dbarch.contracts.kafka.EventType;
import dev.dbarch.contracts.kafka.Topics;
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
 * Captured schema changes, published to {@link Topics#SCHEMA_CHANGES}. The last one of every system
 * is also the resume point of its capture: its snapshot is what the next change is compared with,
 * and its sequence is the last audit row already published.
 */
@ApplicationScoped
public class SchemaChangeLog {

  /**
   * Longer than the channel's {@code delivery.timeout.ms} (10 s): the producer says whether the
   * record was written or given up before this wait ends, so a failure reported here means the
   * record was not written (barring a lost acknowledgement) and repeating it is safe.
   */
  static final Duration WRITE_TIMEOUT = Duration.ofSeconds(15);

  private LatestByKey<SchemaChanged> latest;

  @Inject LocalStores stores;

  @Inject
  @Identifier("default-kafka-broker")
  Map<String, Object> kafkaConfig;

  @Inject
  @Channel(Channels.SCHEMA_CHANGES_OUT)
  MutinyEmitter<SchemaChanged> emitter;

  void start(@Observes StartupEvent event) {
    latest = stores.latestByKey(Topics.SCHEMA_CHANGES, SchemaChanged.class, kafkaConfig).start();
  }

  void stop(@Observes ShutdownEvent event) {
    latest.stop();
  }

  public Optional<SchemaChanged> last(SystemKey system) {
    latest.awaitCaughtUp(Duration.ofSeconds(30));
    return latest.get(system);
  }

  /**
   * Returns once the broker acknowledged the change (acks=all, idempotent producer); else throws.
   */
  public void publish(SchemaChanged change) {
    Message<SchemaChanged> message =
        Message.of(change)
            .addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder()
                    .withKey(change.systemKey().toString())
                    .build())
            .addMetadata(
                OutgoingCloudEventMetadata.builder()
                    .withId(change.systemKey() + ":" + change.sequence())
                    .withType(EventType.SCHEMA_CHANGED.ceType())
                    .build());
    emitter.sendMessage(message).await().atMost(WRITE_TIMEOUT);
    latest.put(change.systemKey().toString(), change);
  }
}
