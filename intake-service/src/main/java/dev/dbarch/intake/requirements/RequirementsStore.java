package dev.dbarch.intake.requirements;

import dev.dbarch.contracts.SystemKey;
import dev.dbarch.contracts.events.LatestRequirements;
import dev.dbarch.contracts.kafka.Channels;
import dev.dbarch.contracts.kafka.Topics;
import dev.dbarch.contracts.requirements.Requirements;
import dev.dbarch.servicekit.kafka.BrokerConfig;
import dev.dbarch.servicekit.kafka.BrokerWrites;
import dev.dbarch.servicekit.kafka.LatestByKey;
import dev.dbarch.servicekit.state.LocalStores;
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
 * The latest requirements of every system of every tenant, kept in the compacted {@link
 * Topics#REQUIREMENTS} topic (key {@code tenant/systemId}), so a schema change re-assesses the
 * system against what its team last said.
 */
@ApplicationScoped
public class RequirementsStore {

  private LatestByKey<LatestRequirements> latest;

  @Inject BrokerConfig broker;

  @Inject LocalStores stores;

  @Inject
  @Identifier("default-kafka-broker")
  Map<String, Object> kafkaConfig;

  @Inject
  @Channel(Channels.REQUIREMENTS_OUT)
  MutinyEmitter<LatestRequirements> emitter;

  void start(@Observes StartupEvent event) {
    latest =
        stores
            .latestByKey(
                Topics.REQUIREMENTS,
                LatestRequirements.class,
                LatestRequirements::read,
                kafkaConfig)
            .start();
  }

  void stop(@Observes ShutdownEvent event) {
    latest.stop();
  }

  public void save(SystemKey system, Requirements requirements, Duration timeout) {
    LatestRequirements record = LatestRequirements.of(system, requirements);
    BrokerWrites.await(
        emitter.sendMessage(
            Message.of(record)
                .addMetadata(
                    OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(system.toString())
                        .build())),
        timeout,
        broker.retryAfter(),
        "the requirements document");
    latest.put(system.toString(), record);
  }

  /** What the tenant last submitted for this system, if anything. */
  public Optional<Requirements> latest(SystemKey system) {
    latest.awaitCaughtUp(Duration.ofSeconds(30));
    return latest.get(system).map(LatestRequirements::requirements);
  }
}
