package dev.dbarch.report.aggregation;

import dev.dbarch.contracts.events.Recommendation;
import dev.dbarch.contracts.events.Section;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.contracts.kafka.RecordLimits;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A revision too large for one record (ADR 0012). Intake refuses inputs that would make one, so
 * this is the last line: rather than a record Kafka refuses, which would stop the stream thread and
 * every system behind it, the revision goes out without its sections, incomplete, and says why and
 * which sections were largest.
 */
final class Oversize {

  private Oversize() {}

  static String reason(Recommendation rec, long size, long limit) {
    String largest =
        rec.sections().stream()
            .sorted(
                Comparator.comparingLong((SectionVerdict v) -> RecordLimits.serializedSize(v))
                    .reversed())
            .limit(3)
            .map(
                v ->
                    v.section().name().toLowerCase(Locale.ROOT)
                        + " "
                        + RecordLimits.describe(RecordLimits.serializedSize(v)))
            .collect(Collectors.joining(", "));
    return "revision "
        + rec.revision()
        + " is "
        + size
        + " bytes of JSON, over the record limit of "
        + limit
        + " bytes ("
        + RecordLimits.describe(limit)
        + "); its sections were left out"
        + (largest.isEmpty() ? "" : " (largest: " + largest + ")");
  }

  /** Why an assessment was closed because the system's pending state grew past the limit. */
  static String stateReason(String assessmentId, long size, long limit) {
    return "pending state of assessment "
        + assessmentId
        + " made the system's state "
        + size
        + " bytes of JSON, over the record limit of "
        + limit
        + " bytes ("
        + RecordLimits.describe(limit)
        + "); the assessment was closed and its sections were left out";
  }

  /** The same revision, incomplete, every section missing, its document naming the reason. */
  static Recommendation withoutSections(Recommendation rec, String reason) {
    String markdown =
        "# "
            + (rec.systemName() == null ? rec.systemId() : rec.systemName())
            + ", revision "
            + rec.revision()
            + "\n\n**Incomplete: too large to publish.** The "
            + reason
            + ". Reduce what the assessment carries (fewer tables in the schema, fewer access"
            + " patterns) and submit again; operators find the revision in `dbarch.recommendations.dlq`.\n";
    return new Recommendation(
        rec.tenant(),
        rec.systemId(),
        rec.systemName(),
        rec.assessmentId(),
        rec.revision(),
        rec.trigger(),
        false,
        List.of(Section.values()),
        List.of(),
        List.of(),
        rec.previousRevision(),
        List.of(),
        null,
        null,
        markdown);
  }
}
