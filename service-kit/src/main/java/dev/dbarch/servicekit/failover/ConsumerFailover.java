package dev.dbarch.servicekit.failover;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/** The consumer settings of {@link FailoverConfig}, for one consumer of a process. */
public final class ConsumerFailover {

  private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]");

  private ConsumerFailover() {}

  /**
   * Session timeout, heartbeat interval and, when the process has an instance id, the static member
   * id {@code <instance id>-<consumer>}.
   *
   * @param consumer names the consumer within the process (its channel), so that two consumers of
   *     one process that share a group never share a member id
   */
  public static Map<String, Object> settings(FailoverConfig config, String consumer) {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put(
        ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
        Math.toIntExact(config.sessionTimeout().toMillis()));
    settings.put(
        ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
        Math.toIntExact(config.heartbeatInterval().toMillis()));
    config
        .instanceId()
        .map(String::strip)
        .filter(id -> !id.isEmpty())
        .ifPresent(
            id ->
                settings.put(
                    ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
                    UNSAFE.matcher(id + "-" + consumer).replaceAll("_")));
    return settings;
  }

  /** Whether a client configuration is a consumer's in a group (producers have no group id). */
  public static boolean isGroupConsumer(Map<String, Object> clientConfig) {
    return clientConfig.containsKey(ConsumerConfig.GROUP_ID_CONFIG)
        && clientConfig.containsKey(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
  }
}
