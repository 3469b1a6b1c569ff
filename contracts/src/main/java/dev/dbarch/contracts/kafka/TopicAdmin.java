package dev.dbarch.contracts.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the topics in {@link Topics#ALL} that a cluster does not have yet, and raises the record
 * limit of those that have an older, smaller one.
 */
public final class TopicAdmin {

  private TopicAdmin() {}

  /**
   * @param clientConfig at least {@code bootstrap.servers}; other client settings (security) pass
   *     through, Quarkus-specific keys are ignored
   * @return the names of the topics this call created
   */
  public static List<String> ensureTopics(
      Map<String, Object> clientConfig, int partitions, short replicationFactor) {
    Map<String, Object> adminConfig = new HashMap<>();
    clientConfig.forEach(
        (key, value) -> {
          if (AdminClientConfig.configNames().contains(key)) {
            adminConfig.put(key, value);
          }
        });
    adminConfig.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
    adminConfig.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
    try (Admin admin = Admin.create(adminConfig)) {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing = new ArrayList<>();
      for (Topics.TopicSpec spec : Topics.ALL) {
        if (!existing.contains(spec.name())) {
          missing.add(
              new NewTopic(
                      spec.name(),
                      Optional.of(partitions),
                      replicationFactor < 0 ? Optional.empty() : Optional.of(replicationFactor))
                  .configs(spec.configs()));
        }
      }
      List<String> created = new ArrayList<>();
      var results = admin.createTopics(missing).values();
      for (var entry : results.entrySet()) {
        try {
          entry.getValue().get();
          created.add(entry.getKey());
        } catch (ExecutionException e) {
          // Another service created it first: that is the outcome we wanted.
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("Cannot create topic " + entry.getKey(), e.getCause());
          }
        }
      }
      raiseRecordLimit(admin, existing);
      admin.close(Duration.ofSeconds(5));
      return created.stream().sorted().toList();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating topics", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Cannot list topics", e.getCause());
    }
  }

  /**
   * Topics created before ADR 0012 keep the broker's 1 MiB record limit; raise it to {@link
   * RecordLimits#MAX_TOPIC_MESSAGE_BYTES} (never lower an operator's larger setting).
   */
  private static void raiseRecordLimit(Admin admin, Set<String> existing)
      throws InterruptedException, ExecutionException {
    List<ConfigResource> ours =
        Topics.ALL.stream()
            .map(Topics.TopicSpec::name)
            .filter(existing::contains)
            .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name))
            .toList();
    if (ours.isEmpty()) {
      return;
    }
    Map<ConfigResource, Config> configs = admin.describeConfigs(ours).all().get();
    Map<ConfigResource, java.util.Collection<AlterConfigOp>> raise = new HashMap<>();
    configs.forEach(
        (resource, config) -> {
          ConfigEntry entry = config.get(Topics.MAX_MESSAGE_BYTES);
          long current = entry == null ? 0 : Long.parseLong(entry.value());
          if (current < RecordLimits.MAX_TOPIC_MESSAGE_BYTES) {
            raise.put(
                resource,
                List.of(
                    new AlterConfigOp(
                        new ConfigEntry(
                            Topics.MAX_MESSAGE_BYTES,
                            Integer.toString(RecordLimits.MAX_TOPIC_MESSAGE_BYTES)),
                        AlterConfigOp.OpType.SET)));
          }
        });
    if (!raise.isEmpty()) {
      admin.incrementalAlterConfigs(raise).all().get();
    }
  }
}
