package dev.dbarch.servicekit.failover;

import static org.awaitility.Awaitility.await;

import dev.dbarch.testsupport.TestKafka;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On a real broker: a process that died (it stopped polling and never left the group) and came back
 * with the same instance id gets all its partitions back at once, long before the dead member's
 * session and poll interval could expire.
 */
class StaticMembershipOnABrokerTest {

  private static final String TOPIC = "failover-test";
  private static TestKafka kafka;

  @BeforeAll
  static void start() throws Exception {
    kafka = TestKafka.start();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get();
    }
  }

  @AfterAll
  static void stop() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void aRestartedStaticMemberTakesItsPartitionsBackWithoutWaitingForTheDeadSession() {
    // A session far longer than the test: only the static replacement can explain a fast handover.
    FailoverConfig failover =
        StaticMembershipTest.config("selection-service-1", Duration.ofMinutes(2));
    Set<TopicPartition> all =
        Set.of(
            new TopicPartition(TOPIC, 0),
            new TopicPartition(TOPIC, 1),
            new TopicPartition(TOPIC, 2));

    KafkaConsumer<String, String> dead = consumer(failover);
    KafkaConsumer<String, String> replacement = null;
    try {
      dead.subscribe(List.of(TOPIC));
      await("the first process owns every partition")
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                dead.poll(Duration.ofMillis(100));
                return dead.assignment().equals(all);
              });

      // kill -9: it polls no more and sends no LeaveGroup. Its replacement has the same id.
      long restarted = System.nanoTime();
      KafkaConsumer<String, String> next = consumer(failover);
      replacement = next;
      next.subscribe(List.of(TOPIC));
      await("the restarted process owns every partition")
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                next.poll(Duration.ofMillis(100));
                return next.assignment().equals(all);
              });
      System.out.printf(
          "Static member replaced: partitions back %d ms after the restarted consumer subscribed"
              + " (session timeout %s)%n",
          Duration.ofNanos(System.nanoTime() - restarted).toMillis(), failover.sessionTimeout());

    } finally {
      dead.close(Duration.ZERO);
      if (replacement != null) {
        replacement.close(Duration.ofSeconds(5));
      }
    }
  }

  private static KafkaConsumer<String, String> consumer(FailoverConfig failover) {
    Map<String, Object> props = new HashMap<>(ConsumerFailover.settings(failover, "in"));
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "failover-test-group");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
  }
}
