package dev.dbarch.intake.requirements;

import dev.dbarch.contracts.kafka.Channels;
import dev.dbarch.contracts.kafka.Topics;
import dev.dbarch.contracts.requirements.Requirements;
import dev.dbarch.servicekit.kafka.LatestByKey;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.MutinyEmitter;
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
 * The latest requirements of every system, kept in the compacted {@link Topics#REQUIREMENTS} topic,
 * so a schema change re-assesses the system against what its team last said.
 */
@ApplicationScoped
public class RequirementsStore {

  private LatestByKey<Requirements> latest;

  @Inject
  @Identifier("default-kafka-broker")
  Map<String, Object> kafkaConfig;

  @Inject
  @Channel(Channels.REQUIREMENTS_OUT)
  MutinyEmitter<Requirements> emitter;

  void start(@Observes StartupEvent event) {
    latest = new LatestByKey<>(Topics.REQUIREMENTS, Requirements.class, kafkaConfig).start();
  }

  void stop(@Observes ShutdownEvent event) {
    latest.stop();
  }

  public void save(Requirements requirements, Duration timeout) {
    emitter
        .sendMessage(
            Message.of(requirements)
                .addMetadata(
                    OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(requirements.systemId())
                        .build()))
        .await()
        .atMost(timeout);
    latest.put(requirements.systemId(), requirements);
  }

  /** What the team last submitted for this system, if anything. */
  public Optional<Requirements> latest(String systemId) {
    latest.awaitCaughtUp(Duration.ofSeconds(30));
    return latest.get(systemId);
  }
}
