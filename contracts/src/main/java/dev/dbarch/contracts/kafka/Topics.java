package dev.dbarch.contracts.kafka;

import java.util.List;
import java.util.Map;

/**
 * Every Kafka topic dbarch owns, with the settings it must be created with. All system-scoped
 * records are keyed by {@code tenant/systemId} ({@link dev.dbarch.contracts.SystemKey}) so one
 * system's story stays ordered on one partition.
 */
public final class Topics {

  public static final String ASSESSMENT_REQUESTS = "dbarch.assessment-requests";
  public static final String SECTION_VERDICTS = "dbarch.section-verdicts";
  public static final String RECOMMENDATIONS = "dbarch.recommendations";
  public static final String IDEMPOTENCY_KEYS = "dbarch.idempotency-keys";

  /** The latest requirements of every system, to re-assess it when its schema changes. */
  public static final String REQUIREMENTS = "dbarch.requirements";

  /** Registered monitored databases, without secrets. */
  public static final String MONITORS = "dbarch.monitors";

  /** Schema changes captured on monitored databases. */
  public static final String SCHEMA_CHANGES = "dbarch.schema-changes";

  /** The latest workload statistics of every monitored database. */
  public static final String WORKLOAD_SNAPSHOTS = "dbarch.workload-snapshots";

  /** Debezium's source offsets, so a restarted engine resumes where it stopped. */
  public static final String CAPTURE_OFFSETS = "dbarch.capture-offsets";

  /** Every revision of every system, kept forever; the compacted topic keeps only the latest. */
  public static final String RECOMMENDATION_HISTORY = "dbarch.recommendation-history";

  /** Dead-letter topics: the original record plus the reason in headers. */
  public static final String ASSESSMENT_REQUESTS_DLQ = ASSESSMENT_REQUESTS + ".dlq";

  public static final String SECTION_VERDICTS_DLQ = SECTION_VERDICTS + ".dlq";

  /**
   * Revisions too large to publish (ADR 0012): the key and headers of the revision with the reason,
   * without its value.
   */
  public static final String RECOMMENDATIONS_DLQ = RECOMMENDATIONS + ".dlq";

  /** The topic setting that bounds a record batch, after compression. */
  public static final String MAX_MESSAGE_BYTES = "max.message.bytes";

  private Topics() {}

  /** A topic and the configuration it is created with. */
  public record TopicSpec(String name, Retention retention, String purpose) {
    public Map<String, String> configs() {
      // Every topic takes dbarch's largest compressed record (RecordLimits, ADR 0012), whatever
      // the broker's default.
      String maxMessageBytes = Integer.toString(RecordLimits.MAX_TOPIC_MESSAGE_BYTES);
      return switch (retention) {
        case COMPACT ->
            Map.of(
                "cleanup.policy",
                "compact",
                "min.compaction.lag.ms",
                "0",
                MAX_MESSAGE_BYTES,
                maxMessageBytes);
        case FOREVER ->
            Map.of(
                "cleanup.policy",
                "delete",
                "retention.ms",
                "-1",
                "retention.bytes",
                "-1",
                MAX_MESSAGE_BYTES,
                maxMessageBytes);
        case DEFAULT -> Map.of("cleanup.policy", "delete", MAX_MESSAGE_BYTES, maxMessageBytes);
      };
    }
  }

  /** How long a topic keeps its records. */
  public enum Retention {
    /** The broker's default time-based retention. */
    DEFAULT,
    /** The latest record per key, forever. */
    COMPACT,
    /** Every record, forever. */
    FOREVER
  }

  public static final List<TopicSpec> ALL =
      List.of(
          new TopicSpec(
              ASSESSMENT_REQUESTS, Retention.DEFAULT, "requirements to assess, from intake"),
          new TopicSpec(SECTION_VERDICTS, Retention.DEFAULT, "one section verdict per specialist"),
          new TopicSpec(RECOMMENDATIONS, Retention.COMPACT, "latest recommendation per system"),
          new TopicSpec(
              RECOMMENDATION_HISTORY, Retention.FOREVER, "every revision of every system"),
          new TopicSpec(IDEMPOTENCY_KEYS, Retention.COMPACT, "Idempotency-Key to assessment id"),
          new TopicSpec(REQUIREMENTS, Retention.COMPACT, "latest requirements per system"),
          new TopicSpec(MONITORS, Retention.COMPACT, "monitored databases, no secrets"),
          new TopicSpec(SCHEMA_CHANGES, Retention.FOREVER, "captured schema changes"),
          new TopicSpec(
              WORKLOAD_SNAPSHOTS, Retention.COMPACT, "latest workload statistics per system"),
          new TopicSpec(CAPTURE_OFFSETS, Retention.COMPACT, "Debezium source offsets"),
          new TopicSpec(
              ASSESSMENT_REQUESTS_DLQ, Retention.DEFAULT, "unreadable assessment requests"),
          new TopicSpec(SECTION_VERDICTS_DLQ, Retention.DEFAULT, "unreadable section verdicts"),
          new TopicSpec(
              RECOMMENDATIONS_DLQ, Retention.DEFAULT, "revisions too large to publish whole"));
}
