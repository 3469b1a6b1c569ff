package dev.dbarch.servicekit.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Reads a whole topic on a background thread, then keeps tailing it, handing every committed record
 * to a {@link Sink}. This is how a service keeps a view of state whose truth lives in Kafka. The
 * sink says where each partition resumes (a checkpoint it keeps with its state, or the beginning),
 * and gets each polled batch with the positions reached after it. It assigns all partitions itself
 * (no consumer group), so every instance sees everything.
 */
public final class TopicReplayer {

  /** Where the records go. */
  public interface Sink {
    /**
     * Where each partition resumes, called on every (re)connect; a partition left out starts from
     * its beginning.
     *
     * @param topicId the topic's id: a topic deleted and created again has another one, and
     *     positions kept for the old one mean nothing
     * @param beginning the first offset each partition still has
     * @param end the end offset of each partition now (last stable offset)
     */
    Map<TopicPartition, Long> resumeFrom(
        String topicId, Map<TopicPartition, Long> beginning, Map<TopicPartition, Long> end);

    /**
     * One polled batch (possibly empty) and the position of every partition after it: the sink
     * stores both together so that a restart neither skips nor needs records before it.
     */
    void accept(ConsumerRecords<String, String> records, Map<TopicPartition, Long> positions);
  }

  private static final Logger LOG = Logger.getLogger(TopicReplayer.class);

  private final String topic;
  private final Map<String, Object> consumerConfig;
  private final Map<String, Object> adminConfig = new HashMap<>();
  private final Sink sink;
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private final AtomicBoolean running = new AtomicBoolean(true);
  private volatile KafkaConsumer<String, String> consumer;
  private volatile Thread reader;
  private volatile String failure;

  /**
   * @param clientConfig the service's Kafka client settings; keys that are not consumer settings
   *     are ignored
   */
  public TopicReplayer(String topic, Map<String, Object> clientConfig, Sink sink) {
    this.topic = topic;
    this.sink = sink;
    Map<String, Object> props = new HashMap<>();
    clientConfig.forEach(
        (k, v) -> {
          if (ConsumerConfig.configNames().contains(k)) {
            props.put(k, v);
          }
        });
    clientConfig.forEach(
        (k, v) -> {
          if (AdminClientConfig.configNames().contains(k)) {
            adminConfig.put(k, v);
          }
        });
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // Only records whose producer's transaction committed.
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    this.consumerConfig = props;
  }

  public void start() {
    Thread thread = new Thread(this::run, topic + "-replayer");
    thread.setDaemon(true);
    reader = thread;
    thread.start();
  }

  /** Stops reading and waits (bounded) until the sink gets no more calls. */
  public void stop() {
    running.set(false);
    KafkaConsumer<String, String> current = consumer;
    if (current != null) {
      current.wakeup();
    }
    Thread thread = reader;
    if (thread != null && thread != Thread.currentThread()) {
      try {
        thread.join(Duration.ofSeconds(30).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Whether the reading thread has ended (after {@link #stop}). */
  public boolean isStopped() {
    Thread thread = reader;
    return thread == null || !thread.isAlive();
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

  private String topicId() {
    try (Admin admin = Admin.create(adminConfig)) {
      return admin
          .describeTopics(List.of(topic))
          .allTopicNames()
          .get(30, TimeUnit.SECONDS)
          .get(topic)
          .topicId()
          .toString();
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Cannot describe " + topic + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WakeupException();
    }
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
        Map<TopicPartition, Long> beginning = kafka.beginningOffsets(partitions);
        Map<TopicPartition, Long> end = kafka.endOffsets(partitions);
        Map<TopicPartition, Long> resume = sink.resumeFrom(topicId(), beginning, end);
        List<TopicPartition> fromBeginning = new ArrayList<>();
        for (TopicPartition partition : partitions) {
          Long offset = resume.get(partition);
          if (offset == null) {
            fromBeginning.add(partition);
          } else {
            kafka.seek(partition, offset);
          }
        }
        if (!fromBeginning.isEmpty()) {
          // An empty list would mean every assigned partition.
          kafka.seekToBeginning(fromBeginning);
        }
        while (running.get()) {
          ConsumerRecords<String, String> records = kafka.poll(Duration.ofMillis(500));
          Map<TopicPartition, Long> positions = new HashMap<>();
          for (TopicPartition partition : partitions) {
            positions.put(partition, kafka.position(partition));
          }
          sink.accept(records, positions);
          if (!isCaughtUp()
              && end.entrySet().stream().allMatch(e -> positions.get(e.getKey()) >= e.getValue())) {
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
