package dev.dbarch.report;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the report service. */
@ConfigMapping(prefix = "dbarch.report")
public interface ReportConfig {

  /**
   * How long after a request the report waits for all five sections before publishing what it has.
   */
  @WithDefault("30s")
  Duration sectionDeadline();

  /** How often overdue assessments are looked for. */
  @WithDefault("1s")
  Duration deadlineCheckInterval();

  /** How long verdicts of an assessment never requested are kept before being dropped. */
  @WithDefault("10m")
  Duration unrequestedTtl();

  /**
   * Largest recommendation published whole, in bytes of JSON; a larger one is published without its
   * sections, naming the reason, and dead-lettered (ADR 0012). Defaults to the record limit.
   */
  @WithDefault("" + dev.dbarch.contracts.kafka.RecordLimits.MAX_VALUE_BYTES)
  long maxRecordBytes();

  /** Largest page the list endpoints return. */
  @WithDefault("200")
  int maxPageSize();
}
