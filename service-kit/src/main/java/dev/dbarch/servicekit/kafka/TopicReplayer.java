package dev.dbarch.servicekit.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Reads a whole topic from its beginning on a background thread, then keeps tailing it, handing
 * every committed record to {@code onRecord}. This is how a service keeps a view of state whose
 * truth lives in Kafka: a restart replays the topic and the view is whole again. It assigns all
 * partitions itself (no consumer group), so every instance sees everything.
 */
public final class TopicReplayer {

  private static final Logger LOG = Logger.getLogger(TopicReplayer.class);

  private final String topic;
  private final Map<String, Object> consumerConfig;
  private final Consumer<ConsumerRecord<String, String>> onRecord;
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private final AtomicBoolean running = new AtomicBoolean(true);
  private volatile KafkaConsumer<String, String> consumer;
  private volatile String failure;

  /**
   * @param clientConfig the service's Kafka client settings; keys that are not consumer settings
   *     are ignored
   */
  public TopicReplayer(
      String topic,
      Map<String, Object> clientConfig,
      Consumer<ConsumerRecord<String, String>> onRecord) {
    this.topic = topic;
    this.onRecord = onRecord;
    Map<String, Object> props = new HashMap<>();
    clientConfig.forEach(
        (k, v) -> {
          if (ConsumerConfig.configNames().contains(k)) {
            props.put(k, v);
          }
        });
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // Only records whose producer's transaction committed.
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    this.consumerConfig = props;
  }

  public void start() {
    Thread reader = new Thread(this::run, topic + "-replayer");
    reader.setDaemon(true);
    reader.start();
  }

  public void stop() {
    running.set(false);
    KafkaConsumer<String, String> current = consumer;
    if (current != null) {
      current.wakeup();
    }
  }

  /** Whether every record that existed at start-up has been handed over. */
  public boolean isCaughtUp() {
    return caughtUp.getCount() == 0;
  }

  /** Waits up to {@code timeout} for the replay; false if it did not finish in time. */
  public boolean awaitCaughtUp(Duration timeout) {
    try {
      return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The last error the reader hit, while it retries. */
  public String failure() {
    return failure;
  }

  private void run() {
    while (running.get()) {
      try (KafkaConsumer<String, String> kafka =
          new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer())) {
        consumer = kafka;
        List<TopicPartition> partitions =
            kafka.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        kafka.assign(partitions);
        kafka.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = kafka.endOffsets(partitions);
        while (running.get()) {
          for (ConsumerRecord<String, String> record : kafka.poll(Duration.ofMillis(500))) {
            onRecord.accept(record);
          }
          if (!isCaughtUp()
              && end.entrySet().stream()
                  .allMatch(e -> kafka.position(e.getKey()) >= e.getValue())) {
            LOG.infof("Replayed %s", topic);
            caughtUp.countDown();
          }
          failure = null;
        }
      } catch (WakeupException e) {
        return;
      } catch (RuntimeException e) {
        failure = e.getMessage();
        LOG.warnf("Reading %s failed, retrying: %s", topic, e.getMessage());
        try {
          Thread.sleep(1000);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
