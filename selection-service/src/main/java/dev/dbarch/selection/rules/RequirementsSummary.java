package dev.dbarch.selection.rules;

import dev.dbarch.contracts.events.Assumption;
import dev.dbarch.contracts.events.Heading;
import dev.dbarch.contracts.requirements.Compliance;
import dev.dbarch.contracts.requirements.Consistency;
import dev.dbarch.contracts.requirements.Requirements;
import dev.dbarch.contracts.requirements.Scale;
import dev.dbarch.contracts.requirements.Workload;
import dev.dbarch.specialist.rules.Facts;
import dev.dbarch.specialist.rules.VerdictBuilder;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * SEL-REQ-001..004: the Requirements Summary restates the facts as given, one decision per group. A
 * group the team left out is not summarised; it becomes an assumption and a question instead.
 */
final class RequirementsSummary {

  private static final String AS_GIVEN =
      "Restates the team's own figures so every later decision can be traced back to them.";

  private RequirementsSummary() {}

  static void summarise(VerdictBuilder verdict, Requirements req, Profile p) {
    workload(verdict, req.workload() != null, p);
    latency(verdict, req.latency() != null, p);
    scale(verdict, req.scale() != null, p);
    consistency(verdict, req.consistency() != null, p);
    compliance(verdict, req.compliance() != null, p);
    if (req.workload() == null
        && req.scale() == null
        && req.consistency() == null
        && req.compliance() == null) {
      nothingToRestate(verdict, req);
    }
  }

  /**
   * SEL-REQ-005: none of the groups above was given, so the summary says what the team did give and
   * that the design rests on the assumptions listed at the end.
   */
  static void nothingToRestate(VerdictBuilder verdict, Requirements req) {
    List<String> given = new ArrayList<>();
    addIf(given, req.dataShape() != null, "data shape");
    addIf(given, req.latency() != null, "latency targets");
    addIf(given, req.availability() != null, "availability");
    addIf(given, req.platform() != null, "platform");
    addIf(
        given,
        req.accessPatterns() != null && !req.accessPatterns().isEmpty(),
        req.accessPatterns() == null ? "" : req.accessPatterns().size() + " access pattern(s)");
    addIf(given, req.currentState() != null, "current state");
    addIf(given, req.diagnostics() != null, "diagnostics");
    addIf(given, req.schema() != null, "a schema");
    verdict.decide(
        "SEL-REQ-005",
        Heading.REQUIREMENTS_SUMMARY,
        "What was stated",
        (given.isEmpty() ? "Only the system's name" : "Only " + String.join(", ", given))
            + "; no workload, scale, consistency or compliance figures, so the design below rests"
            + " on the assumptions listed at the end",
        Facts.of().put("given", given.isEmpty() ? null : String.join(", ", given)).map(),
        "A reader sees at once how much of the design follows from the team's own figures.",
        "Every assumed figure may be wrong; answering the questions at the end may change the"
            + " design.");
  }

  private static void addIf(List<String> parts, boolean condition, String part) {
    if (condition) {
      parts.add(part);
    }
  }

  /** SEL-REQ-001: workload type, read:write ratio, throughput, transactions, latency targets. */
  static void workload(VerdictBuilder verdict, boolean given, Profile p) {
    if (!given) {
      verdict.assume(
          "SEL-REQ-001",
          Assumption.About.WORKLOAD_TYPE,
          Questions.WORKLOAD_TYPE,
          Questions.ASSUMED_OLTP,
          Questions.ASK_WORKLOAD);
      return;
    }
    Workload w = p.workload();
    List<String> parts = new ArrayList<>();
    parts.add(w.type() == null ? "type not stated" : w.type().name());
    if (w.readWriteRatio() != null) {
      parts.add(Facts.format(w.readWriteRatio()) + " reads per write");
    }
    if (w.peakQps() != null) {
      parts.add(
          "peak "
              + grouped(w.peakQps())
              + " queries/s"
              + (w.averageQps() == null ? "" : " (average " + grouped(w.averageQps()) + ")"));
    }
    if (Profile.yes(w.acidTransactions())) {
      parts.add(
          "ACID transactions"
              + (w.transactionScope() == null ? "" : " for " + w.transactionScope()));
    }
    if (Profile.yes(w.eventSourcing())) {
      parts.add("event-sourced");
    }
    if (Profile.yes(w.batchJobs())) {
      parts.add("batch jobs");
    }
    if (p.latency().p99ReadMs() != null || p.latency().p99WriteMs() != null) {
      parts.add(
          "p99 targets: read "
              + msOrUnstated(p.latency().p99ReadMs())
              + ", write "
              + msOrUnstated(p.latency().p99WriteMs()));
    }
    verdict.decide(
        "SEL-REQ-001",
        Heading.REQUIREMENTS_SUMMARY,
        "Workload characteristics",
        String.join("; ", parts),
        Facts.of()
            .put("workloadType", w.type())
            .put("readWriteRatio", w.readWriteRatio())
            .put("peakQps", w.peakQps())
            .put("averageQps", w.averageQps())
            .put("acidTransactions", w.acidTransactions())
            .put("eventSourcing", w.eventSourcing())
            .put("p99ReadMs", p.latency().p99ReadMs())
            .put("p99WriteMs", p.latency().p99WriteMs())
            .map(),
        AS_GIVEN,
        "Estimates, not measurements: revisit the design once production traffic is observed.");
  }

  /** Latency targets join the workload line; without them, an assumption and a question. */
  static void latency(VerdictBuilder verdict, boolean given, Profile p) {
    if (given && (p.latency().p99ReadMs() != null || p.latency().p99WriteMs() != null)) {
      return;
    }
    verdict.assume(
        "SEL-REQ-001",
        Assumption.About.LATENCY_TARGETS,
        "latency targets",
        "no hard p99 target; interactive reads are expected within about 100 ms",
        "What query latency is acceptable at the 99th percentile"
            + (Profile.yes(p.shape().fullTextSearch()) ? " (product search included)" : "")
            + ", for reads and for writes?");
  }

  /** SEL-REQ-002: volume now and in a year, business volume, users and the biggest tables. */
  static void scale(VerdictBuilder verdict, boolean given, Profile p) {
    if (!given) {
      verdict.assume(
          "SEL-REQ-002",
          Assumption.About.DATA_VOLUME,
          Questions.DATA_VOLUME,
          "small: well under " + Facts.format(p.thresholds().largeTableGb()) + " GB within a year",
          Questions.ASK_DATA_VOLUME);
      return;
    }
    Scale s = p.scale();
    List<String> parts = new ArrayList<>();
    if (s.dataVolumeGb() != null || s.dataVolumeGbIn12Months() != null) {
      parts.add(
          gbOrUnstated(s.dataVolumeGb())
              + " now, "
              + gbOrUnstated(s.dataVolumeGbIn12Months())
              + " in 12 months");
    }
    if (s.growthPercentPerYear() != null) {
      parts.add("growing " + Facts.format(s.growthPercentPerYear()) + "% a year");
    }
    if (s.ordersPerDay() != null) {
      parts.add(
          grouped(s.ordersPerDay())
              + " orders/day"
              + (s.ordersPerDayIn12Months() == null
                  ? ""
                  : " rising to " + grouped(s.ordersPerDayIn12Months())));
    }
    if (s.eventsPerDay() != null) {
      parts.add(grouped(s.eventsPerDay()) + " events/day");
    }
    if (s.concurrentUsers() != null) {
      parts.add(grouped(s.concurrentUsers()) + " concurrent users");
    }
    if (!p.tableRows().isEmpty()) {
      List<String> tables = new ArrayList<>();
      p.tableRows().forEach((table, rows) -> tables.add(table + " " + grouped(rows) + " rows"));
      parts.add("largest tables: " + String.join(", ", tables));
    }
    verdict.decide(
        "SEL-REQ-002",
        Heading.REQUIREMENTS_SUMMARY,
        "Expected scale",
        parts.isEmpty() ? "no figures given" : String.join("; ", parts),
        Facts.of()
            .put("dataVolumeGb", s.dataVolumeGb())
            .put("dataVolumeGbIn12Months", s.dataVolumeGbIn12Months())
            .put("growthPercentPerYear", s.growthPercentPerYear())
            .put("ordersPerDay", s.ordersPerDay())
            .put("ordersPerDayIn12Months", s.ordersPerDayIn12Months())
            .put("eventsPerDay", s.eventsPerDay())
            .put("concurrentUsers", s.concurrentUsers())
            .map(),
        AS_GIVEN,
        "Sizing follows the 12-month projection; a faster ramp moves partitioning and sharding"
            + " decisions earlier.");
  }

  /** SEL-REQ-003: the consistency model overall and per area, with the transaction scope. */
  static void consistency(VerdictBuilder verdict, boolean given, Profile p) {
    if (!given) {
      verdict.assume(
          "SEL-REQ-003",
          Assumption.About.CONSISTENCY,
          Questions.CONSISTENCY,
          Questions.ASSUMED_STRONG,
          Questions.ASK_CONSISTENCY);
      return;
    }
    Consistency.Level level = p.consistency().level();
    List<String> parts = new ArrayList<>();
    parts.add(level == null ? "overall level not stated" : lower(level) + " overall");
    if (!p.consistencyPerArea().isEmpty()) {
      List<String> areas = new ArrayList<>();
      p.consistencyPerArea().forEach((area, l) -> areas.add(area + " " + lower(l)));
      parts.add("per area: " + String.join(", ", areas));
    }
    if (p.workload().transactionScope() != null) {
      parts.add("transaction scope: " + p.workload().transactionScope());
    }
    Facts facts = Facts.of().put("consistency", level);
    for (Map.Entry<String, Consistency.Level> area : p.consistencyPerArea().entrySet()) {
      facts.put("consistency." + area.getKey(), area.getValue());
    }
    verdict.decide(
        "SEL-REQ-003",
        Heading.REQUIREMENTS_SUMMARY,
        "Consistency requirements",
        String.join("; ", parts),
        facts.put("transactionScope", p.workload().transactionScope()).map(),
        AS_GIVEN,
        "Each area marked eventual is a place where the design may trade freshness for speed.");
  }

  /** SEL-REQ-004: regimes, sensitive fields and the tenancy model. */
  static void compliance(VerdictBuilder verdict, boolean given, Profile p) {
    if (!given) {
      verdict.assume(
          "SEL-REQ-004",
          Assumption.About.COMPLIANCE_REGIMES,
          "compliance regimes",
          p.system().assumedRegimes(),
          "Which regulations apply to this data: GDPR, HIPAA, PCI-DSS, SOC 2?");
      return;
    }
    Compliance c = p.compliance();
    List<String> parts = new ArrayList<>();
    parts.add(regimes(c).isEmpty() ? "no regime named" : String.join(", ", regimes(c)));
    if (c.sensitiveFields() != null && !c.sensitiveFields().isEmpty()) {
      parts.add("sensitive fields: " + String.join(", ", new TreeSet<>(c.sensitiveFields())));
    }
    if (c.multiTenancy() != null) {
      parts.add("tenancy: " + lower(c.multiTenancy()).replace('_', ' '));
    }
    verdict.decide(
        "SEL-REQ-004",
        Heading.REQUIREMENTS_SUMMARY,
        "Compliance",
        String.join("; ", parts),
        Facts.of()
            .put("regimes", regimes(c).isEmpty() ? null : String.join(", ", regimes(c)))
            .put("multiTenancy", c.multiTenancy())
            .map(),
        AS_GIVEN,
        "The security section turns these into controls; anything missed here is missed there.");
  }

  /** Regimes in a fixed order, spelled as auditors spell them. */
  static List<String> regimes(Compliance c) {
    if (c.regimes() == null || c.regimes().isEmpty()) {
      return List.of();
    }
    EnumSet<Compliance.Regime> set = EnumSet.noneOf(Compliance.Regime.class);
    c.regimes().stream().filter(r -> r != null).forEach(set::add);
    return set.stream()
        .map(
            r ->
                switch (r) {
                  case PCI_DSS -> "PCI-DSS";
                  case SOC2 -> "SOC 2";
                  default -> r.name();
                })
        .toList();
  }

  static String grouped(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  private static String msOrUnstated(Double ms) {
    return ms == null ? "not stated" : Facts.format(ms) + " ms";
  }

  private static String gbOrUnstated(Double gb) {
    return gb == null ? "unknown" : Facts.format(gb) + " GB";
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
