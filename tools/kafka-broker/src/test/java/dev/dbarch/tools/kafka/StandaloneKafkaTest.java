package dev.dbarch.tools.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbarch.contracts.kafka.Topics;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Starts a real broker process from this module's classpath. */
@Timeout(180)
class StandaloneKafkaTest {

  @TempDir Path dir;

  @Test
  void brokerProcessStartsCreatesTopicsRoundTripsAndStopsCleanly() throws Exception {
    long pid;
    try (StandaloneKafka kafka = new StandaloneKafka(dir, 0)) {
      kafka.start();
      pid = kafka.pid();
      System.out.printf(
          "broker pid %d on %s started in %d ms%n",
          pid, kafka.bootstrapServers(), kafka.startupTime().toMillis());

      // Its own process, not this JVM.
      assertThat(pid).isNotEqualTo(ProcessHandle.current().pid());
      assertThat(ProcessHandle.of(pid)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
      assertThat(ProcessHandle.of(pid).flatMap(p -> p.info().commandLine()).orElse(""))
          .contains("kafka.Kafka");
      assertThat(dir.resolve("server.properties")).exists();
      assertThat(dir.resolve("data/meta.properties")).exists();

      List<String> created =
          CreateTopics.create(kafka.bootstrapServers(), CreateTopics.DEFAULT_PARTITIONS, (short) 1);
      assertThat(created)
          .containsExactlyInAnyOrderElementsOf(
              Topics.ALL.stream().map(Topics.TopicSpec::name).toList());
      assertThat(CreateTopics.create(kafka.bootstrapServers(), 3, (short) 1)).isEmpty();

      try (Admin admin = Admin.create(kafka.clientConfig())) {
        Map<String, TopicDescription> topics =
            admin.describeTopics(List.of(Topics.RECOMMENDATIONS)).allTopicNames().get();
        assertThat(topics.get(Topics.RECOMMENDATIONS).partitions()).hasSize(3);
      }

      RecordMetadata sent;
      try (KafkaProducer<String, String> producer = producer(kafka.bootstrapServers())) {
        sent =
            producer
                .send(
                    new ProducerRecord<>(Topics.RECOMMENDATIONS, "shop-platform", "{\"ok\":true}"))
                .get();
      }
      try (KafkaConsumer<String, String> consumer = consumer(kafka.bootstrapServers())) {
        TopicPartition partition = new TopicPartition(sent.topic(), sent.partition());
        consumer.assign(List.of(partition));
        consumer.seek(partition, sent.offset());
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (received.isEmpty() && System.nanoTime() < deadline) {
          consumer.poll(Duration.ofMillis(200)).forEach(received::add);
        }
        assertThat(received).hasSize(1);
        assertThat(received.get(0).key()).isEqualTo("shop-platform");
        assertThat(received.get(0).value()).isEqualTo("{\"ok\":true}");
      }

      kafka.stop();
      assertThat(kafka.isRunning()).isFalse();
      kafka.stop(); // idempotent
    }
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThat(Files.readString(dir.resolve(StandaloneKafka.LOG_FILE)))
        .contains("Kafka Server started");

    // The formatted directory is reused: same cluster, topics still there.
    try (StandaloneKafka again = new StandaloneKafka(dir, 0).start();
        Admin admin = Admin.create(again.clientConfig())) {
      assertThat(admin.listTopics().names().get()).contains(Topics.RECOMMENDATIONS);
      pid = again.pid();
    }
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
  }

  @Test
  void refusesAPortThatIsTaken() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      StandaloneKafka kafka = new StandaloneKafka(dir, taken.getLocalPort());
      assertThatThrownBy(kafka::start)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("already in use");
      assertThat(kafka.isRunning()).isFalse();
    }
  }

  private static KafkaProducer<String, String> producer(String bootstrap) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
  }

  private static KafkaConsumer<String, String> consumer(String bootstrap) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
  }
}
