package dev.dbarch.intake.idempotency;

import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.events.IdempotencyRecord;
import dev.dbarch.contracts.kafka.Channels;
import dev.dbarch.contracts.kafka.Topics;
import dev.dbarch.intake.IntakeConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Which assessment each {@code Idempotency-Key} produced. The truth lives in the compacted {@link
 * Topics#IDEMPOTENCY_KEYS} topic; this bean keeps a view of it that a background reader rebuilds
 * from the beginning at start-up and then tails, so a restart forgets nothing.
 */
@ApplicationScoped
public class IdempotencyLedger {

  private static final Logger LOG = Logger.getLogger(IdempotencyLedger.class);

  private final Map<String, IdempotencyRecord> records = new ConcurrentHashMap<>();
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private final AtomicBoolean running = new AtomicBoolean(true);
  private volatile KafkaConsumer<String, String> consumer;
  private volatile String readerFailure;

  @Inject
  @Identifier("default-kafka-broker")
  Map<String, Object> kafkaConfig;

  @Inject IntakeConfig config;

  @Inject
  @Channel(Channels.IDEMPOTENCY_KEYS_OUT)
  MutinyEmitter<IdempotencyRecord> emitter;

  void start(@Observes StartupEvent event) {
    Thread reader = new Thread(this::read, "idempotency-ledger-reader");
    reader.setDaemon(true);
    reader.start();
  }

  void stop(@Observes ShutdownEvent event) {
    running.set(false);
    KafkaConsumer<String, String> current = consumer;
    if (current != null) {
      current.wakeup();
    }
  }

  /** The earlier submission with this key, waiting (bounded) for the view to catch up first. */
  public Optional<IdempotencyRecord> find(String systemId, String idempotencyKey) {
    awaitCaughtUp();
    return Optional.ofNullable(records.get(IdempotencyRecord.keyOf(systemId, idempotencyKey)));
  }

  /** Claims a key for one in-flight submission; false when another one holds it. */
  public boolean claim(String systemId, String idempotencyKey) {
    return inFlight.add(IdempotencyRecord.keyOf(systemId, idempotencyKey));
  }

  public void release(String systemId, String idempotencyKey) {
    inFlight.remove(IdempotencyRecord.keyOf(systemId, idempotencyKey));
  }

  /** Writes the record to the topic; the view holds it once the broker has acknowledged it. */
  public Uni<Void> remember(IdempotencyRecord record) {
    String key = IdempotencyRecord.keyOf(record.systemId(), record.idempotencyKey());
    Message<IdempotencyRecord> message =
        Message.of(record)
            .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build());
    return emitter.sendMessage(message).invoke(() -> records.put(key, record));
  }

  public boolean isCaughtUp() {
    return caughtUp.getCount() == 0;
  }

  public Optional<String> failure() {
    return Optional.ofNullable(readerFailure);
  }

  private void awaitCaughtUp() {
    try {
      if (!caughtUp.await(config.ledgerCatchUpTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
        throw new LedgerUnavailableException();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LedgerUnavailableException();
    }
  }

  private void read() {
    while (running.get()) {
      try (KafkaConsumer<String, String> kafka = newConsumer()) {
        consumer = kafka;
        List<TopicPartition> partitions =
            kafka.partitionsFor(Topics.IDEMPOTENCY_KEYS, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        kafka.assign(partitions);
        kafka.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = kafka.endOffsets(partitions);
        while (running.get()) {
          for (ConsumerRecord<String, String> record : kafka.poll(Duration.ofMillis(500))) {
            apply(record);
          }
          if (caughtUp.getCount() > 0
              && end.entrySet().stream()
                  .allMatch(e -> kafka.position(e.getKey()) >= e.getValue())) {
            LOG.infof("Idempotency ledger caught up: %d keys", records.size());
            caughtUp.countDown();
          }
          readerFailure = null;
        }
      } catch (WakeupException e) {
        return;
      } catch (RuntimeException e) {
        readerFailure = e.getMessage();
        LOG.warnf("Idempotency ledger reader failed, retrying: %s", e.getMessage());
        sleepQuietly();
      }
    }
  }

  private void apply(ConsumerRecord<String, String> record) {
    if (record.value() == null) {
      records.remove(record.key());
      return;
    }
    try {
      records.put(record.key(), Json.fromJson(record.value(), IdempotencyRecord.class));
    } catch (RuntimeException e) {
      LOG.warnf(
          "Skipping unreadable idempotency record at offset %d: %s",
          record.offset(), e.getMessage());
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
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
  }

  private void sleepQuietly() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running.set(false);
    }
  }

  /** The ledger has not caught up with its topic in time; the client should retry. */
  public static class LedgerUnavailableException extends RuntimeException {
    public LedgerUnavailableException() {
      super("The idempotency ledger is still loading; retry shortly.", null, false, false);
    }
  }
}
