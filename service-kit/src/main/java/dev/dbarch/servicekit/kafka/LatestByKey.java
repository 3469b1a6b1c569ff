package dev.dbarch.servicekit.kafka;

import dev.dbarch.contracts.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
  private final Map<String, T> values = new ConcurrentHashMap<>();
  private final TopicReplayer replayer;

  public LatestByKey(String topic, Class<T> type, Map<String, Object> clientConfig) {
    this.type = type;
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
      values.put(record.key(), Json.fromJson(record.value(), type));
    } catch (RuntimeException e) {
      LOG.warnf(
          "Skipping an unreadable %s at %s offset %d: %s",
          type.getSimpleName(), record.topic(), record.offset(), e.getMessage());
    }
  }
}
