package dev.dbarch.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.kafka.Topics;
import dev.dbarch.deploychecks.Manifests.Manifest;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.KafkaAuthorizationSimple;
import io.strimzi.api.kafka.model.kafka.listener.KafkaListenerAuthenticationScramSha512;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The Strimzi cluster and its topics agree with the contracts module and docs/events.md. */
class KafkaClusterTest {

  private final List<Manifest> base = Manifests.under("base");

  private <T> List<T> all(Class<T> type) {
    return base.stream().filter(m -> type.isInstance(m.model())).map(m -> m.as(type)).toList();
  }

  @Test
  void theClusterIsKraftWithThreeBrokersReplicationThreeAndTwoInSync() {
    Kafka kafka = all(Kafka.class).get(0);
    assertThat(all(Kafka.class)).hasSize(1);
    Map<String, Object> config = kafka.getSpec().getKafka().getConfig();
    assertThat(config)
        .containsEntry("default.replication.factor", 3)
        .containsEntry("min.insync.replicas", 2)
        .containsEntry("offsets.topic.replication.factor", 3)
        .containsEntry("transaction.state.log.replication.factor", 3)
        .containsEntry("transaction.state.log.min.isr", 2)
        .containsEntry("auto.create.topics.enable", false);
    // ZooKeeper is gone in Strimzi 0.49: no zookeeper section, brokers come from node pools.
    assertThat(kafka.getSpec().getKafka().getReplicas()).isNull();
    assertThat(kafka.getSpec().getKafka().getStorage()).isNull();
    assertThat(kafka.getSpec().getKafka().getListeners())
        .allSatisfy(
            l -> {
              assertThat(l.isTls()).as("listener %s uses TLS", l.getName()).isTrue();
              assertThat(l.getAuth()).isInstanceOf(KafkaListenerAuthenticationScramSha512.class);
            });
    assertThat(kafka.getSpec().getKafka().getAuthorization())
        .isInstanceOf(KafkaAuthorizationSimple.class);
    assertThat(kafka.getSpec().getEntityOperator().getTopicOperator()).isNotNull();
    assertThat(kafka.getSpec().getEntityOperator().getUserOperator()).isNotNull();

    List<KafkaNodePool> pools = all(KafkaNodePool.class);
    int brokers =
        pools.stream()
            .filter(p -> p.getSpec().getRoles().contains(ProcessRoles.BROKER))
            .mapToInt(p -> p.getSpec().getReplicas())
            .sum();
    int controllers =
        pools.stream()
            .filter(p -> p.getSpec().getRoles().contains(ProcessRoles.CONTROLLER))
            .mapToInt(p -> p.getSpec().getReplicas())
            .sum();
    assertThat(brokers).isEqualTo(3);
    assertThat(controllers % 2).as("an odd number of controllers keeps a quorum").isEqualTo(1);
    assertThat(pools)
        .allSatisfy(
            p ->
                assertThat(p.getMetadata().getLabels())
                    .containsEntry("strimzi.io/cluster", kafka.getMetadata().getName()));
  }

  @Test
  void oneKafkaTopicPerContractTopicWithItsDocumentedSettings() {
    Map<String, KafkaTopic> byName =
        all(KafkaTopic.class).stream()
            .collect(Collectors.toMap(t -> t.getSpec().getTopicName(), t -> t));
    assertThat(byName.keySet())
        .containsExactlyInAnyOrderElementsOf(
            Topics.ALL.stream().map(Topics.TopicSpec::name).toList());
    String events = Repo.read(Repo.path("docs/events.md"));
    for (Topics.TopicSpec spec : Topics.ALL) {
      KafkaTopic topic = byName.get(spec.name());
      Map<String, String> config = new HashMap<>();
      topic.getSpec().getConfig().forEach((k, v) -> config.put(k, String.valueOf(v)));
      assertThat(config).as(spec.name()).isEqualTo(spec.configs());
      assertThat(topic.getSpec().getReplicas()).as(spec.name()).isEqualTo(3);
      assertThat(topic.getSpec().getPartitions()).as(spec.name()).isEqualTo(partitions());
      assertThat(topic.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "dbarch");
      // The documented retention of each topic is what it is created with.
      String row =
          events
              .lines()
              .filter(l -> l.startsWith("| `" + spec.name() + "` |"))
              .findFirst()
              .orElseThrow(() -> new AssertionError(spec.name() + " missing from docs/events.md"));
      String retention = row.substring(row.lastIndexOf('|', row.length() - 2)).toLowerCase();
      switch (spec.retention()) {
        case COMPACT -> assertThat(retention).as(spec.name()).contains("compacted");
        case FOREVER -> assertThat(retention).as(spec.name()).contains("forever");
        case DEFAULT -> assertThat(retention).as(spec.name()).contains("delete");
      }
    }
  }

  /** The partitions the services create topics with (TopicsConfig's default). */
  static int partitions() {
    String source =
        Repo.read(
            Repo.path("service-kit/src/main/java/dev/dbarch/servicekit/kafka/TopicsConfig.java"));
    var m =
        java.util.regex.Pattern.compile("@WithDefault\\(\"(\\d+)\"\\)\\s*int partitions\\(\\)")
            .matcher(source);
    assertThat(m.find()).as("TopicsConfig declares its partitions default").isTrue();
    return Integer.parseInt(m.group(1));
  }
}
