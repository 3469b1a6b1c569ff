package dev.dbarch.servicekit.failover;

import io.smallrye.reactive.messaging.ClientCustomizer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.Config;

/**
 * Gives every SmallRye Kafka consumer channel of the service the failover settings (ADR 0010);
 * producers pass through unchanged. A channel that sets its own session timeout or member id keeps
 * it.
 */
@ApplicationScoped
public class StaticMembership implements ClientCustomizer<Map<String, Object>> {

  @Inject FailoverConfig failover;

  @Override
  public Map<String, Object> customize(
      String channel, Config channelConfig, Map<String, Object> config) {
    if (!ConsumerFailover.isGroupConsumer(config)) {
      return config;
    }
    Map<String, Object> customized = new HashMap<>(config);
    ConsumerFailover.settings(failover, channel).forEach(customized::putIfAbsent);
    return customized;
  }
}
