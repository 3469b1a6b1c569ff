package dev.dbarch.report;

import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.SystemKey;
import dev.dbarch.contracts.events.Alternative;
import dev.dbarch.contracts.events.AssessmentRequested;
import dev.dbarch.contracts.events.Assumption;
import dev.dbarch.contracts.events.Decision;
import dev.dbarch.contracts.events.Design;
import dev.dbarch.contracts.events.IndexSuggestion;
import dev.dbarch.contracts.events.Risk;
import dev.dbarch.contracts.events.Section;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.contracts.events.Trigger;
import dev.dbarch.contracts.requirements.Requirements;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Builds section verdicts for tests: one decision per heading the section owns. */
public final class TestVerdicts {

  private TestVerdicts() {}

  /** Typed values on the decisions the report's summary and conflict rules read. */
  private static Design typed(dev.dbarch.contracts.events.Heading heading) {
    return switch (heading) {
      case RECOMMENDED_TECHNOLOGY ->
          Design.engine(Design.Engine.POSTGRESQL, "17")
              .withHosting(Design.Hosting.MANAGED, Design.Cloud.AWS);
      case HIGH_AVAILABILITY_AND_DR -> Design.replication(Design.Replication.SYNC_STANDBY);
      default -> null;
    };
  }

  public static SectionVerdict verdict(String systemId, String assessmentId, Section section) {
    return verdict(SystemKey.DEFAULT_TENANT, systemId, assessmentId, section);
  }

  public static SectionVerdict verdict(
      String tenant, String systemId, String assessmentId, Section section) {
    List<Decision> decisions =
        section.headings().stream()
            .map(
                h ->
                    new Decision(
                        section.name().substring(0, 3) + "-" + h.ordinal(),
                        h,
                        h.title() + " topic",
                        "Choice for " + h.title(),
                        Map.of("fact", "value"),
                        "Because of the facts.",
                        "Something is given up.",
                        typed(h)))
            .toList();
    List<IndexSuggestion> indexes =
        section == Section.SELECTION
            ? List.of(
                new IndexSuggestion(
                    "SEL-IDX-1",
                    "orders",
                    "idx_orders_customer_created",
                    "B-tree (customer_id, created_at)",
                    "Order history",
                    "High"))
            : List.of();
    List<Alternative> alternatives =
        section == Section.SELECTION
            ? List.of(new Alternative("MongoDB", "Flexible", "No joins", "Orders need ACID"))
            : List.of();
    List<Risk> risks =
        List.of(
            new Risk(
                section.name() + "-RISK",
                "A " + section.name().toLowerCase() + " risk",
                Risk.Level.MEDIUM,
                Risk.Level.HIGH,
                "Mitigate it."));
    List<Assumption> assumptions =
        List.of(
            new Assumption(
                section.name() + "-ASSUME", "a missing fact", "a default", "What is the fact?"));
    return new SectionVerdict(
        tenant,
        assessmentId,
        systemId,
        "System " + systemId,
        Trigger.SUBMITTED,
        section,
        decisions,
        indexes,
        risks,
        alternatives,
        assumptions,
        List.of("What is the fact?"));
  }

  public static String json(String systemId, String assessmentId, Section section) {
    return Json.toJson(verdict(systemId, assessmentId, section));
  }

  public static String json(String tenant, String systemId, String assessmentId, Section section) {
    return Json.toJson(verdict(tenant, systemId, assessmentId, section));
  }

  public static AssessmentRequested request(
      String systemId, String assessmentId, Requirements requirements) {
    return new AssessmentRequested(
        assessmentId, systemId, Trigger.SUBMITTED, Instant.EPOCH, requirements);
  }

  public static String requestJson(String tenant, String systemId, String assessmentId) {
    return Json.toJson(
        new AssessmentRequested(
            tenant,
            assessmentId,
            systemId,
            Trigger.SUBMITTED,
            Instant.EPOCH,
            Requirements.named(systemId, "System " + systemId),
            null));
  }

  public static String requestJson(String systemId, String assessmentId) {
    return Json.toJson(
        request(systemId, assessmentId, Requirements.named(systemId, "System " + systemId)));
  }
}
