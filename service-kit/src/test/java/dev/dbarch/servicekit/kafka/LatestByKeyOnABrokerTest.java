package dev.dbarch.servicekit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.SystemKey;
import dev.dbarch.testsupport.TestKafka;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a real broker: the on-disk view of a compacted topic survives a restart without reading the
 * topic again, forgets tombstoned keys, rebuilds itself when its directory is lost or corrupt, and
 * does not hold its values on the heap.
 */
class LatestByKeyOnABrokerTest {

  record Item(String id, String body) {}

  private static final Duration CATCH_UP = Duration.ofSeconds(60);
  private static TestKafka kafka;
  private static Map<String, Object> client;
  private static KafkaProducer<String, String> producer;
  private static int topics;

  @TempDir Path state;

  @BeforeAll
  static void start() {
    kafka = TestKafka.start();
    client = Map.of("bootstrap.servers", kafka.bootstrapServers());
    producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, "20",
                ProducerConfig.BATCH_SIZE_CONFIG, "262144",
                // The tests write to topics created a moment before. A first batch the new
                // partition's leader refuses (NOT_LEADER_OR_FOLLOWER) must be retried before the
                // next one is sent: with several in flight, the later batches land first and the
                // retry is refused as out of order until the delivery timeout, two minutes on.
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1"),
            new StringSerializer(),
            new StringSerializer());
  }

  @AfterAll
  static void stop() {
    if (producer != null) {
      producer.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  private static String newTopic() throws Exception {
    String topic = "latest-" + (++topics);
    try (Admin admin = Admin.create(client)) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(topic, 3, (short) 1).configs(Map.of("cleanup.policy", "compact"))))
          .all()
          .get();
    }
    return topic;
  }

  private static void send(String topic, String key, Item value) throws Exception {
    producer.send(new ProducerRecord<>(topic, key, value == null ? null : Json.toJson(value)));
  }

  private LatestByKey<Item> started(String topic, Path dir) {
    LatestByKey<Item> store = new LatestByKey<>(topic, Item.class, client, dir).start();
    assertThat(store.awaitCaughtUp(CATCH_UP)).as("caught up").isTrue();
    return store;
  }

  @Test
  void aRestartResumesFromItsCheckpointAndTombstonesDelete() throws Exception {
    String topic = newTopic();
    for (int i = 0; i < 60; i++) {
      send(topic, "default/s" + i, new Item("s" + i, "v1"));
    }
    send(topic, "legacy", new Item("legacy", "pre-tenant"));
    producer.flush();
    Path dir = state.resolve(topic);

    LatestByKey<Item> first = started(topic, dir);
    assertThat(first.recordsRead()).isEqualTo(61);
    assertThat(first.get("default/s7")).contains(new Item("s7", "v1"));
    // The default tenant falls back to the bare id records written before tenants used.
    assertThat(first.get(new SystemKey("default", "legacy")))
        .contains(new Item("legacy", "pre-tenant"));
    // Read-your-writes: a put is visible before the topic's record comes back.
    first.put("default/mine", new Item("mine", "written here"));
    assertThat(first.get("default/mine")).contains(new Item("mine", "written here"));
    first.put("default/mine", null);
    assertThat(first.get("default/mine")).isEmpty();
    send(topic, "default/s3", null);
    send(topic, "default/s4", new Item("s4", "v2"));
    producer.flush();
    await().atMost(CATCH_UP).until(() -> first.get("default/s3").isEmpty());
    await().atMost(CATCH_UP).until(() -> first.get("default/s4").orElseThrow().body().equals("v2"));
    first.stop();

    LatestByKey<Item> second = started(topic, dir);
    try {
      assertThat(second.recordsRead()).as("records read again after a restart").isZero();
      assertThat(second.get("default/s3")).isEmpty();
      assertThat(second.get("default/s4")).contains(new Item("s4", "v2"));
      assertThat(second.get("default/s59")).contains(new Item("s59", "v1"));
      assertThat(second.values(k -> k.startsWith("default/"))).hasSize(59);

      send(topic, "default/s5", new Item("s5", "v2"));
      producer.flush();
      await()
          .atMost(CATCH_UP)
          .until(() -> second.get("default/s5").orElseThrow().body().equals("v2"));
      assertThat(second.recordsRead()).isEqualTo(1);
    } finally {
      second.stop();
    }
  }

  @Test
  void aLostOrCorruptDirectoryIsRebuiltFromTheTopic() throws Exception {
    String topic = newTopic();
    for (int i = 0; i < 30; i++) {
      send(topic, "t/s" + i, new Item("s" + i, "v1"));
    }
    send(topic, "t/s0", null);
    producer.flush();
    Path dir = state.resolve(topic);
    started(topic, dir).stop();

    deleteRecursively(dir);
    LatestByKey<Item> rebuilt = started(topic, dir);
    assertThat(rebuilt.recordsRead()).isEqualTo(31);
    assertThat(rebuilt.get("t/s0")).isEmpty();
    assertThat(rebuilt.get("t/s29")).contains(new Item("s29", "v1"));
    rebuilt.stop();

    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Files.writeString(file, "not a RocksDB file");
      }
    }
    LatestByKey<Item> repaired = started(topic, dir);
    try {
      assertThat(repaired.recordsRead()).isEqualTo(31);
      assertThat(repaired.values()).hasSize(29);
    } finally {
      repaired.stop();
    }
  }

  @Test
  void aTopicCreatedAgainIsReadAgainEvenWhenItHasMoreRecordsThanTheCheckpoint() throws Exception {
    String topic = newTopic();
    producer.send(new ProducerRecord<>(topic, 0, "t/old", Json.toJson(new Item("old", "v1"))));
    producer.flush();
    Path dir = state.resolve(topic);
    started(topic, dir).stop();

    // A broker reset: the topic is deleted and made again, and gets more records than before.
    try (Admin admin = Admin.create(client)) {
      admin.deleteTopics(List.of(topic)).all().get();
      await()
          .atMost(CATCH_UP)
          .ignoreExceptions()
          .until(
              () -> {
                admin
                    .createTopics(
                        List.of(
                            new NewTopic(topic, 3, (short) 1)
                                .configs(Map.of("cleanup.policy", "compact"))))
                    .all()
                    .get();
                return true;
              });
    }
    // Every partition gets past the old checkpoint, so the positions alone look valid.
    for (int i = 0; i < 12; i++) {
      producer.send(
          new ProducerRecord<>(topic, i % 3, "t/new" + i, Json.toJson(new Item("new" + i, "v1"))));
    }
    producer.flush();

    LatestByKey<Item> again = started(topic, dir);
    try {
      assertThat(again.recordsRead()).isEqualTo(12);
      assertThat(again.get("t/old")).isEmpty();
      assertThat(again.values()).hasSize(12);
    } finally {
      again.stop();
    }
  }

  @Test
  void aSecondInstanceOnTheSameDirectoryReadsIntoItsOwnAndReleasesItOnStop() throws Exception {
    String topic = newTopic();
    send(topic, "t/a", new Item("a", "v1"));
    producer.flush();
    Path dir = state.resolve(topic);
    LatestByKey<Item> one = started(topic, dir);
    LatestByKey<Item> two = started(topic, dir);
    try {
      assertThat(one.get("t/a")).contains(new Item("a", "v1"));
      assertThat(two.get("t/a")).contains(new Item("a", "v1"));
    } finally {
      two.stop();
      one.stop();
    }
    try (Stream<Path> siblings = Files.list(state)) {
      assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly(topic);
    }
    // The lock was released: a restart opens the same directory and resumes.
    LatestByKey<Item> again = started(topic, dir);
    try {
      assertThat(again.recordsRead()).isZero();
    } finally {
      again.stop();
    }
  }

  @Test
  void valuesStayOnDiskNotOnTheHeap() throws Exception {
    String topic = newTopic();
    int keys = 20_000;
    String body = "x".repeat(2_000);
    for (int i = 0; i < keys; i++) {
      send(topic, "t/s" + i, new Item("s" + i, body));
    }
    producer.flush();
    long before = heapAfterGc();

    LatestByKey<Item> store = started(topic, state.resolve(topic));
    try {
      long after = heapAfterGc();
      Optional<Item> last = store.get("t/s" + (keys - 1));
      assertThat(last).contains(new Item("s" + (keys - 1), body));
      assertThat(store.get("t/s" + (keys / 2))).isPresent();
      long values = (long) keys * body.length();
      // A heap copy would hold all 40 MB of values (and more for keys and map entries).
      System.out.printf(
          "LatestByKey, %,d keys of %,d B: heap %,d -> %,d bytes after GC (values %,d bytes)%n",
          keys, body.length(), before, after, values);
      assertThat(after - before).as("heap growth while serving").isLessThan(values / 4);
    } finally {
      store.stop();
    }
  }

  private static long heapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static void deleteRecursively(Path path) throws IOException {
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
