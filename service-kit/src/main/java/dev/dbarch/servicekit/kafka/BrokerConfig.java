package dev.dbarch.servicekit.kafka;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How a service watches its broker and what it tells clients while the broker is away. */
@ConfigMapping(prefix = "dbarch.broker")
public interface BrokerConfig {

  /**
   * The longest one probe of the broker may take; readiness reports DOWN when it does not answer
   * within it. Probes run in the background, so {@code /q/health} itself never waits for one.
   */
  @WithDefault("1s")
  Duration probeTimeout();

  /** How often the broker is probed. */
  @WithDefault("2s")
  Duration probeInterval();

  /** What {@code Retry-After} tells a client whose write the broker did not take. */
  @WithDefault("5s")
  Duration retryAfter();
}
