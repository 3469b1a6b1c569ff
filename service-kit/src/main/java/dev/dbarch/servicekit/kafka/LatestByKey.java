package dev.dbarch.servicekit.kafka;

import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.SystemKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * The latest value of every key of a topic (typically compacted), replayed at start-up and kept
 * current: a tombstone removes the key. What a service writes can be applied at once with {@link
 * #put} so it reads its own writes before the replayer sees them.
 */
public final class LatestByKey<T> {

  private static final Logger LOG = Logger.getLogger(LatestByKey.class);

  private final Class<T> type;
  private final Function<String, T> reader;
  private final Map<String, T> values = new ConcurrentHashMap<>();
  private final TopicReplayer replayer;

  public LatestByKey(String topic, Class<T> type, Map<String, Object> clientConfig) {
    this(topic, type, json -> Json.fromJson(json, type), clientConfig);
  }

  /** With a reader of its own, e.g. one that also reads an older version of the record. */
  public LatestByKey(
      String topic, Class<T> type, Function<String, T> reader, Map<String, Object> clientConfig) {
    this.type = type;
    this.reader = reader;
    this.replayer = new TopicReplayer(topic, clientConfig, this::apply);
  }

  public LatestByKey<T> start() {
    replayer.start();
    return this;
  }

  public void stop() {
    replayer.stop();
  }

  public Optional<T> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  /**
   * The value of a system: under {@code tenant/systemId}, or for the default tenant also under the
   * bare system id that records written before tenants were keyed by.
   */
  public Optional<T> get(SystemKey key) {
    T value = values.get(key.toString());
    if (value == null && SystemKey.DEFAULT_TENANT.equals(key.tenant())) {
      value = values.get(key.systemId());
    }
    return Optional.ofNullable(value);
  }

  public List<T> values() {
    return List.copyOf(values.values());
  }

  public void put(String key, T value) {
    if (value == null) {
      values.remove(key);
    } else {
      values.put(key, value);
    }
  }

  public boolean isCaughtUp() {
    return replayer.isCaughtUp();
  }

  public boolean awaitCaughtUp(Duration timeout) {
    return replayer.awaitCaughtUp(timeout);
  }

  public Optional<String> failure() {
    return Optional.ofNullable(replayer.failure());
  }

  private void apply(ConsumerRecord<String, String> record) {
    if (record.key() == null) {
      return;
    }
    if (record.value() == null) {
      values.remove(record.key());
      return;
    }
    try {
      values.put(record.key(), reader.apply(record.value()));
    } catch (RuntimeException e) {
      LOG.warnf(
          "Skipping an unreadable %s at %s offset %d: %s",
          type.getSimpleName(), record.topic(), record.offset(), e.getMessage());
    }
  }
}
