package dev.dbarch.servicekit.kafka;

import dev.dbarch.contracts.kafka.TopicAdmin;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Creates dbarch's topics (compacted where the contracts say so) before the service starts
 * consuming, so every service works on an empty broker and no topic is auto-created with the wrong
 * cleanup policy.
 */
@ApplicationScoped
public class TopicProvisioner {

  private static final Logger LOG = Logger.getLogger(TopicProvisioner.class);

  @Inject TopicsConfig config;

  @Inject
  @Identifier("default-kafka-broker")
  Map<String, Object> kafkaConfig;

  void onStart(@Observes @jakarta.annotation.Priority(1) StartupEvent event) {
    if (!config.provision()) {
      return;
    }
    var created =
        TopicAdmin.ensureTopics(kafkaConfig, config.partitions(), config.replicationFactor());
    if (!created.isEmpty()) {
      LOG.infof("Created topics %s", created);
    }
  }
}
