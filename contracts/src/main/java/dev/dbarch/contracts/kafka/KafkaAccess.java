package dev.dbarch.contracts.kafka;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which service reads and writes which topic: the single declaration every ACL of dbarch is derived
 * from, by {@link ServiceAccess#grants()}: the secure local broker's ({@code tools/kafka-broker},
 * {@code ./dbarch up --secure}) and the Strimzi {@code KafkaUser}s under {@code deploy/} (checked
 * equal by deploy-checks, which also checks this table against each service's messaging
 * configuration). A service's Kafka principal is its name ({@code User:intake-service}); it may use
 * consumer groups and transactional ids that start with its name (and the group prefixes listed for
 * it), and topics that start with one of its own prefixes (Kafka Streams' internal topics,
 * Debezium's schema history). Anything not listed is denied.
 *
 * <p>Adding a topic to a service's code without adding it here makes that service fail with a topic
 * authorization error in secure mode, which the secure end-to-end suite catches.
 */
public final class KafkaAccess {

  /**
   * @param principal the SCRAM user name, also the prefix of its groups and transactional ids
   * @param reads topics it consumes (READ and DESCRIBE)
   * @param writes topics it produces to (WRITE and DESCRIBE)
   * @param ownedTopicPrefixes topics it creates and uses itself (every operation)
   * @param otherGroupPrefixes consumer groups not named after it that it joins (Debezium's schema
   *     history consumer of a MariaDB/MySQL monitor is named after the monitor)
   * @param describesClusterConfigs whether it reads the broker's configuration (Debezium's schema
   *     history does, to choose a replication factor)
   * @param describedTopics topics whose offsets it only looks at (DESCRIBE): intake's admission
   *     control measures the pipeline's backlog on them
   * @param describedGroups other services' consumer groups whose committed offsets it only looks at
   *     (DESCRIBE), never joins
   */
  public record ServiceAccess(
      String principal,
      Set<String> reads,
      Set<String> writes,
      Set<String> ownedTopicPrefixes,
      Set<String> otherGroupPrefixes,
      boolean describesClusterConfigs,
      Set<String> describedTopics,
      Set<String> describedGroups) {

    /** A service that describes nothing beyond what it reads and writes. */
    public ServiceAccess(
        String principal,
        Set<String> reads,
        Set<String> writes,
        Set<String> ownedTopicPrefixes,
        Set<String> otherGroupPrefixes,
        boolean describesClusterConfigs) {
      this(
          principal,
          reads,
          writes,
          ownedTopicPrefixes,
          otherGroupPrefixes,
          describesClusterConfigs,
          Set.of(),
          Set.of());
    }

    /**
     * The ACLs this access amounts to, one per resource with its operations (Kafka's {@code
     * AclOperation} names), in a stable order: topics it reads (READ, DESCRIBE, DESCRIBE_CONFIGS),
     * writes (WRITE, DESCRIBE) or both, its own topic prefixes, consumer group and transactional id
     * prefixes (ALL), and the cluster's configuration where it reads it.
     */
    public List<Grant> grants() {
      Map<String, Set<String>> topics = new LinkedHashMap<>();
      for (String topic : new TreeSet<>(reads)) {
        topics
            .computeIfAbsent(topic, t -> new TreeSet<>())
            .addAll(List.of("READ", "DESCRIBE", "DESCRIBE_CONFIGS"));
      }
      for (String topic : new TreeSet<>(writes)) {
        topics.computeIfAbsent(topic, t -> new TreeSet<>()).addAll(List.of("WRITE", "DESCRIBE"));
      }
      for (String topic : new TreeSet<>(describedTopics)) {
        topics.computeIfAbsent(topic, t -> new TreeSet<>()).add("DESCRIBE");
      }
      List<Grant> grants = new ArrayList<>();
      topics.forEach(
          (topic, ops) -> grants.add(new Grant(Grant.TOPIC, topic, false, List.copyOf(ops))));
      for (String prefix : new TreeSet<>(ownedTopicPrefixes)) {
        grants.add(new Grant(Grant.TOPIC, prefix, true, List.of("ALL")));
      }
      grants.add(new Grant(Grant.GROUP, principal, true, List.of("ALL")));
      for (String prefix : new TreeSet<>(otherGroupPrefixes)) {
        grants.add(new Grant(Grant.GROUP, prefix, true, List.of("ALL")));
      }
      for (String group : new TreeSet<>(describedGroups)) {
        grants.add(new Grant(Grant.GROUP, group, false, List.of("DESCRIBE")));
      }
      grants.add(new Grant(Grant.TRANSACTIONAL_ID, principal, true, List.of("ALL")));
      if (describesClusterConfigs) {
        grants.add(new Grant(Grant.CLUSTER, "kafka-cluster", false, List.of("DESCRIBE_CONFIGS")));
      }
      return grants;
    }
  }

  /**
   * One ACL: a resource (Kafka's {@code ResourceType} name), its name or name prefix, and the
   * operations allowed on it (Kafka's {@code AclOperation} names).
   */
  public record Grant(String resourceType, String name, boolean prefixed, List<String> operations) {
    public static final String TOPIC = "TOPIC";
    public static final String GROUP = "GROUP";
    public static final String TRANSACTIONAL_ID = "TRANSACTIONAL_ID";
    public static final String CLUSTER = "CLUSTER";
  }

  /** The specialists: one request in, one verdict out, unreadable requests to the DLQ. */
  private static ServiceAccess specialist(String name) {
    return new ServiceAccess(
        name,
        Set.of(Topics.ASSESSMENT_REQUESTS),
        Set.of(Topics.SECTION_VERDICTS, Topics.ASSESSMENT_REQUESTS_DLQ),
        Set.of(),
        Set.of(),
        false);
  }

  public static final List<ServiceAccess> SERVICES =
      List.of(
          new ServiceAccess(
              "intake-service",
              Set.of(
                  Topics.IDEMPOTENCY_KEYS,
                  Topics.REQUIREMENTS,
                  Topics.MONITORS,
                  Topics.SCHEMA_CHANGES,
                  Topics.WORKLOAD_SNAPSHOTS,
                  Topics.CAPTURE_OFFSETS),
              Set.of(
                  Topics.ASSESSMENT_REQUESTS,
                  Topics.IDEMPOTENCY_KEYS,
                  Topics.REQUIREMENTS,
                  Topics.MONITORS,
                  Topics.SCHEMA_CHANGES,
                  Topics.WORKLOAD_SNAPSHOTS,
                  Topics.CAPTURE_OFFSETS),
              Set.of("dbarch.capture-history."),
              // Debezium's schema history consumer: <monitor slug>-schemahistory.
              Set.of("dbarch_"),
              true,
              // Admission control (PipelineBacklog): the pipeline groups' committed offsets
              // against the end of the topics they consume.
              Set.of(Topics.SECTION_VERDICTS),
              Set.of(
                  "selection-service",
                  "performance-service",
                  "resilience-service",
                  "security-service",
                  "migration-service",
                  "report-service")),
          specialist("selection-service"),
          specialist("performance-service"),
          specialist("resilience-service"),
          specialist("security-service"),
          specialist("migration-service"),
          new ServiceAccess(
              "report-service",
              Set.of(
                  Topics.ASSESSMENT_REQUESTS,
                  Topics.SECTION_VERDICTS,
                  Topics.RECOMMENDATIONS,
                  Topics.RECOMMENDATION_HISTORY),
              Set.of(
                  Topics.RECOMMENDATIONS,
                  Topics.RECOMMENDATION_HISTORY,
                  Topics.SECTION_VERDICTS_DLQ,
                  Topics.ASSESSMENT_REQUESTS_DLQ,
                  Topics.RECOMMENDATIONS_DLQ),
              // Kafka Streams' changelog and repartition topics: <application.id>-...
              Set.of("report-service-"),
              Set.of(),
              false));

  public static Optional<ServiceAccess> of(String principal) {
    return SERVICES.stream().filter(s -> s.principal().equals(principal)).findFirst();
  }

  private KafkaAccess() {}
}
