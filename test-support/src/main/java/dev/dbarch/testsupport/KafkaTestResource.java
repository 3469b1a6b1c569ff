package dev.dbarch.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * The one test resource every {@code @QuarkusTest} uses for Kafka: starts a real broker (see {@link
 * TestKafka}) and points the service's messaging and Kafka Streams at it.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

  private TestKafka kafka;

  @Override
  public Map<String, String> start() {
    kafka = TestKafka.start();
    String servers = kafka.bootstrapServers();
    return Map.of(
        "kafka.bootstrap.servers", servers,
        "quarkus.kafka-streams.bootstrap-servers", servers);
  }

  @Override
  public void stop() {
    if (kafka != null) {
      kafka.close();
    }
  }
}
