package dev.dbarch.contracts.kafka;

import java.util.List;
import java.util.Map;

/**
 * Every Kafka topic dbarch owns, with the settings it must be created with. All records are keyed
 * by system id so one system's story stays ordered on one partition.
 */
public final class Topics {

  public static final String ASSESSMENT_REQUESTS = "dbarch.assessment-requests";
  public static final String SECTION_VERDICTS = "dbarch.section-verdicts";
  public static final String RECOMMENDATIONS = "dbarch.recommendations";
  public static final String IDEMPOTENCY_KEYS = "dbarch.idempotency-keys";

  /** Dead-letter topics: the original record plus the reason in headers. */
  public static final String ASSESSMENT_REQUESTS_DLQ = ASSESSMENT_REQUESTS + ".dlq";

  public static final String SECTION_VERDICTS_DLQ = SECTION_VERDICTS + ".dlq";

  private Topics() {}

  /** A topic and the configuration it is created with. */
  public record TopicSpec(String name, boolean compacted, String purpose) {
    public Map<String, String> configs() {
      return compacted
          ? Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "0")
          : Map.of("cleanup.policy", "delete");
    }
  }

  public static final List<TopicSpec> ALL =
      List.of(
          new TopicSpec(ASSESSMENT_REQUESTS, false, "requirements to assess, from intake"),
          new TopicSpec(SECTION_VERDICTS, false, "one section verdict per specialist"),
          new TopicSpec(RECOMMENDATIONS, true, "latest recommendation per system"),
          new TopicSpec(IDEMPOTENCY_KEYS, true, "Idempotency-Key to assessment id"),
          new TopicSpec(ASSESSMENT_REQUESTS_DLQ, false, "unreadable assessment requests"),
          new TopicSpec(SECTION_VERDICTS_DLQ, false, "unreadable section verdicts"));
}
