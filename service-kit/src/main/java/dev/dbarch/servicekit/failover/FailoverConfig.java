package dev.dbarch.servicekit.failover;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * How fast a consumer group notices a dead member and hands its partitions on (ADR 0010).
 *
 * <p>Applies to every consumer a service runs in a group: the SmallRye channels, intake's monitor
 * consumer; the report's Kafka Streams reads the same values through its properties.
 */
@ConfigMapping(prefix = "dbarch.failover")
public interface FailoverConfig {

  /**
   * This process's stable name ({@code DBARCH_INSTANCE_ID}, set per process by {@code ./dbarch
   * up}). When present the consumers join as static members ({@code group.instance.id}), so a
   * restarted process takes its partitions back at once, without a rebalance and without waiting
   * for the old session to expire. Two live processes must never share it: the broker fences one.
   */
  Optional<String> instanceId();

  /**
   * How long the broker waits for a silent member before it gives its partitions to the others: the
   * stall after a crash that is not followed by a restart. 6 s is the broker's minimum ({@code
   * group.min.session.timeout.ms}).
   */
  @WithDefault("6s")
  Duration sessionTimeout();

  /** Heartbeats per session: a third of the session timeout, so two may be lost. */
  @WithDefault("2s")
  Duration heartbeatInterval();
}
