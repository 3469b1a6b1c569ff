package dev.dbarch.e2e;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads every partition of some topics from the beginning on a background thread (no consumer
 * group, so it never disturbs the services) and keeps what arrives, with the arrival time.
 */
final class RecordCollector implements AutoCloseable {

  /** One record as received. */
  record Received(
      String topic,
      int partition,
      long offset,
      String key,
      String value,
      Map<String, String> headers,
      long arrivedNanos) {}

  private final KafkaConsumer<String, byte[]> consumer;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile Throwable failure;

  RecordCollector(String bootstrapServers, Collection<String> topics) {
    this(java.util.Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), topics);
  }

  /** With the client settings of a secure cluster (bootstrap, TLS, login). */
  RecordCollector(java.util.Map<String, Object> clientConfig, Collection<String> topics) {
    Properties props = new Properties();
    props.putAll(clientConfig);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
    consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : topics) {
      consumer
          .partitionsFor(topic, Duration.ofSeconds(30))
          .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    thread = new Thread(this::run, "e2e-record-collector");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    try {
      while (running) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          Map<String, String> headers = new LinkedHashMap<>();
          for (Header h : r.headers()) {
            headers.put(
                h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
          }
          received.add(
              new Received(
                  r.topic(),
                  r.partition(),
                  r.offset(),
                  r.key(),
                  r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8),
                  headers,
                  System.nanoTime()));
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (Throwable t) {
      failure = t;
    } finally {
      consumer.close();
    }
  }

  /** The first record matching, if it has arrived. */
  Optional<Received> find(Predicate<Received> predicate) {
    if (failure != null) {
      throw new IllegalStateException("The record collector failed", failure);
    }
    return received.stream().filter(predicate).findFirst();
  }

  List<Received> all() {
    return List.copyOf(received);
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    consumer.wakeup();
    thread.join(10_000);
  }
}
