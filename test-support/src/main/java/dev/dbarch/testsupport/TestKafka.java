package dev.dbarch.testsupport;

import org.jboss.logging.Logger;

/**
 * A real Kafka broker for tests. The in-JVM KRaft broker is the default and runs everywhere; set
 * {@code -Ddbarch.test.kafka=testcontainers} (or {@code DBARCH_TEST_KAFKA=testcontainers}) on a
 * host with a Docker engine to use a Testcontainers broker instead.
 */
public interface TestKafka extends AutoCloseable {

  String bootstrapServers();

  @Override
  void close();

  static TestKafka start() {
    String choice = System.getProperty("dbarch.test.kafka", System.getenv("DBARCH_TEST_KAFKA"));
    if ("testcontainers".equalsIgnoreCase(choice)) {
      Logger.getLogger(TestKafka.class).info("Starting Kafka with Testcontainers");
      return new ContainerKafka();
    }
    return new InJvmKafka();
  }
}
