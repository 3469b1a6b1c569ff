package dev.dbarch.intake.outage;

import dev.dbarch.tools.kafka.StandaloneKafka;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A broker in its own process that a test can stop and start again on the same port and data
 * directory, as an operator's broker restart does.
 */
public class OutageKafkaResource implements QuarkusTestResourceLifecycleManager {

  /** Its own JVM on the test classpath: slow to start on a loaded two-core machine. */
  private static final java.time.Duration STARTUP = java.time.Duration.ofMinutes(3);

  private static Path dataDir;
  private static volatile StandaloneKafka kafka;
  private static int port;

  @Override
  public Map<String, String> start() {
    try {
      dataDir = Files.createTempDirectory(Path.of("target"), "outage-kafka");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    kafka = new StandaloneKafka(dataDir, 0).maxHeap("256m").startTimeout(STARTUP).start();
    port = kafka.port();
    String servers = kafka.bootstrapServers();
    return Map.of(
        "kafka.bootstrap.servers",
        servers,
        "quarkus.kafka-streams.bootstrap-servers",
        servers,
        // The production default, which the test profile raises for slow shared machines.
        "dbarch.intake.publish-timeout",
        "2s");
  }

  /** Stops the broker process; clients see connection refused. */
  public static void stopBroker() {
    kafka.close();
  }

  /** Starts the broker again with the same port and data (topics and offsets survive). */
  public static void startBroker() {
    kafka = new StandaloneKafka(dataDir, port).maxHeap("256m").startTimeout(STARTUP).start();
  }

  @Override
  public void stop() {
    if (kafka != null) {
      kafka.close();
    }
  }
}
