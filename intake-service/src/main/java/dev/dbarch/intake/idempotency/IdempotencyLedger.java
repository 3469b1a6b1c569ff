package dev.dbarch.intake.idempotency;

import dev.dbarch.contracts.SystemKey;
import dev.dbarch.contracts.events.IdempotencyRecord;
import dev.dbarch.contracts.kafka.Channels;
import dev.dbarch.contracts.kafka.Topics;
import dev.dbarch.intake.IntakeConfig;
import dev.dbarch.servicekit.kafka.LatestByKey;
import dev.dbarch.servicekit.problem.Problem;
import dev.dbarch.servicekit.problem.ProblemException;
import dev.dbarch.servicekit.state.LocalStores;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Which assessment each {@code Idempotency-Key} produced. The truth lives in the compacted {@link
 * Topics#IDEMPOTENCY_KEYS} topic; this bean keeps a view of it on disk ({@link LatestByKey}): read
 * from the beginning once, then tailed, and resumed from its checkpoint by a restart.
 */
@ApplicationScoped
public class IdempotencyLedger {

  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private LatestByKey<IdempotencyRecord> records;

  @Inject LocalStores stores;

  @Inject
  @Identifier("default-kafka-broker")
  Map<String, Object> kafkaConfig;

  @Inject IntakeConfig config;

  @Inject
  @Channel(Channels.IDEMPOTENCY_KEYS_OUT)
  MutinyEmitter<IdempotencyRecord> emitter;

  void start(@Observes StartupEvent event) {
    records =
        stores.latestByKey(Topics.IDEMPOTENCY_KEYS, IdempotencyRecord.class, kafkaConfig).start();
  }

  void stop(@Observes ShutdownEvent event) {
    records.stop();
  }

  /** The earlier submission with this key, waiting (bounded) for the view to catch up first. */
  public Optional<IdempotencyRecord> find(SystemKey system, String idempotencyKey) {
    if (!records.awaitCaughtUp(config.ledgerCatchUpTimeout())) {
      throw new ProblemException(
          Problem.of(
              503,
              "Service Unavailable",
              "The idempotency ledger is still loading; retry shortly.",
              null));
    }
    Optional<IdempotencyRecord> found =
        records.get(IdempotencyRecord.keyOf(system, idempotencyKey));
    if (found.isEmpty() && SystemKey.DEFAULT_TENANT.equals(system.tenant())) {
      // Written before tenants: keyed systemId/idempotencyKey.
      found = records.get(system.systemId() + "/" + idempotencyKey);
    }
    return found;
  }

  /** Claims a key for one in-flight submission; false when another one holds it. */
  public boolean claim(SystemKey system, String idempotencyKey) {
    return inFlight.add(IdempotencyRecord.keyOf(system, idempotencyKey));
  }

  public void release(SystemKey system, String idempotencyKey) {
    inFlight.remove(IdempotencyRecord.keyOf(system, idempotencyKey));
  }

  /** Writes the record to the topic; the view holds it once the broker has acknowledged it. */
  public Uni<Void> remember(IdempotencyRecord record) {
    String key = record.key();
    Message<IdempotencyRecord> message =
        Message.of(record)
            .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build());
    return emitter.sendMessage(message).invoke(() -> records.put(key, record));
  }

  public boolean isCaughtUp() {
    return records != null && records.isCaughtUp();
  }

  public Optional<String> failure() {
    return records == null ? Optional.empty() : records.failure();
  }
}
