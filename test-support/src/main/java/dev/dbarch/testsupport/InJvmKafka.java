package dev.dbarch.testsupport;

import java.util.Map;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real Apache Kafka broker in KRaft mode (one combined broker and controller node) inside the
 * test JVM. No Docker; starts in a few seconds.
 */
final class InJvmKafka implements TestKafka {

  /** Broker settings a single node needs, and ones that make tests quick. */
  static final Map<String, Object> SINGLE_NODE =
      Map.of(
          "offsets.topic.replication.factor", "1",
          "transaction.state.log.replication.factor", "1",
          "transaction.state.log.min.isr", "1",
          "share.coordinator.state.topic.replication.factor", "1",
          "group.initial.rebalance.delay.ms", "0",
          "num.partitions", "3",
          "auto.create.topics.enable", "false");

  private final KafkaClusterTestKit cluster;

  InJvmKafka() {
    try {
      KafkaClusterTestKit.Builder builder =
          new KafkaClusterTestKit.Builder(
              new TestKitNodes.Builder()
                  .setCombined(true)
                  .setNumBrokerNodes(1)
                  .setNumControllerNodes(1)
                  .build());
      SINGLE_NODE.forEach(builder::setConfigProp);
      cluster = builder.build();
      cluster.format();
      cluster.startup();
      cluster.waitForReadyBrokers();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot start the in-JVM Kafka broker", e);
    }
  }

  @Override
  public String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  @Override
  public void close() {
    try {
      cluster.close();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot stop the in-JVM Kafka broker", e);
    }
  }
}
