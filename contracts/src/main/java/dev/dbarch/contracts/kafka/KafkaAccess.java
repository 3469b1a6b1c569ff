package dev.dbarch.contracts.kafka;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which service reads and writes which topic: the single declaration the secure broker's ACLs are
 * derived from ({@code tools/kafka-broker}, {@code ./dbarch up --secure}). A service's Kafka
 * principal is its name ({@code User:intake-service}); it may use consumer groups and transactional
 * ids that start with its name, and topics that start with one of its own prefixes (Kafka Streams'
 * internal topics, Debezium's schema history). Anything not listed is denied.
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
   * @param describesClusterConfigs whether it reads the broker's configuration (Debezium's schema
   *     history does, to choose a replication factor)
   */
  public record ServiceAccess(
      String principal,
      Set<String> reads,
      Set<String> writes,
      Set<String> ownedTopicPrefixes,
      boolean describesClusterConfigs) {}

  /** The specialists: one request in, one verdict out, unreadable requests to the DLQ. */
  private static ServiceAccess specialist(String name) {
    return new ServiceAccess(
        name,
        Set.of(Topics.ASSESSMENT_REQUESTS),
        Set.of(Topics.SECTION_VERDICTS, Topics.ASSESSMENT_REQUESTS_DLQ),
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
              true),
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
              false));

  public static Optional<ServiceAccess> of(String principal) {
    return SERVICES.stream().filter(s -> s.principal().equals(principal)).findFirst();
  }

  private KafkaAccess() {}
}
