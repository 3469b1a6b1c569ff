package dev.dbarch.testsupport;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/** Apache Kafka in a container, for hosts with a Docker engine that ask for it. */
final class ContainerKafka implements TestKafka {

  static final String IMAGE = "apache/kafka:4.1.2";

  private final KafkaContainer container;

  ContainerKafka() {
    if (!DockerClientFactory.instance().isDockerAvailable()) {
      throw new IllegalStateException(
          "dbarch.test.kafka=testcontainers needs a Docker engine and none is reachable; "
              + "drop the setting to use the in-JVM broker");
    }
    container =
        new KafkaContainer(IMAGE)
            .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
            .withEnv("KAFKA_NUM_PARTITIONS", "3");
    container.start();
  }

  @Override
  public String bootstrapServers() {
    return container.getBootstrapServers();
  }

  @Override
  public void close() {
    container.stop();
  }
}
