package dev.dbarch.selection.rules;

import static dev.dbarch.selection.rules.Profile.yes;

import dev.dbarch.contracts.events.Risk;
import dev.dbarch.contracts.requirements.Consistency;
import dev.dbarch.contracts.requirements.Platform;
import dev.dbarch.contracts.requirements.Scale;
import dev.dbarch.contracts.requirements.Workload;
import dev.dbarch.specialist.rules.Facts;
import dev.dbarch.specialist.rules.VerdictBuilder;
import java.util.List;

/**
 * SEL-CONFLICT-001..009: facts that contradict each other. Each is reported as a risk that says
 * which way the rules went, plus the question that settles it; none is resolved silently.
 */
final class Conflicts {

  private Conflicts() {}

  static void report(VerdictBuilder verdict, Profile p) {
    eventualWithAcid(verdict, p);
    fastAnalytics(verdict, p);
    globalGraph(verdict, p);
    fastGlobalWrites(verdict, p);
    managedOnPremises(verdict, p);
    selfRunWithoutSkills(verdict, p);
    scaleFigures(verdict, p);
    residencyInOneRegion(verdict, p);
    shapeDenied(verdict, p);
  }

  private static void conflict(
      VerdictBuilder verdict,
      String ruleId,
      String risk,
      Risk.Level impact,
      String mitigation,
      String question) {
    verdict.risk(ruleId, "Conflicting facts: " + risk, Risk.Level.HIGH, impact, mitigation);
    verdict.ask(question);
  }

  /** SEL-CONFLICT-001: eventual consistency for everything, yet ACID transactions required. */
  static void eventualWithAcid(VerdictBuilder verdict, Profile p) {
    if (p.consistency().level() != Consistency.Level.EVENTUAL
        || !yes(p.workload().acidTransactions())
        || p.anyStrongArea()) {
      return;
    }
    Workload w = p.workload();
    conflict(
        verdict,
        "SEL-CONFLICT-001",
        "eventual consistency is declared for all data, yet ACID transactions are required"
            + (w.transactionScope() == null ? "" : " (" + w.transactionScope() + ")"),
        Risk.Level.HIGH,
        "The design follows the transactions: it keeps a strongly consistent store and does not"
            + " relax consistency for read copies until the team marks which areas may lag.",
        "Which data needs ACID transactions, and which areas may be eventually consistent?");
  }

  /** SEL-CONFLICT-002: an analytical workload with an interactive p99 read target. */
  static void fastAnalytics(VerdictBuilder verdict, Profile p) {
    Double read = p.latency().p99ReadMs();
    if (p.workload().type() != Workload.WorkloadType.OLAP
        || read == null
        || read > p.thresholds().tightP99Ms()) {
      return;
    }
    conflict(
        verdict,
        "SEL-CONFLICT-002",
        "the workload is analytical (OLAP), yet reads must answer within "
            + Facts.format(read)
            + " ms at p99; scans and aggregations over large fact tables take hundreds of"
            + " milliseconds or more",
        Risk.Level.MEDIUM,
        "The design keeps the star schema; serve the fast reads from pre-computed aggregates"
            + " (materialized views, rollup tables) or a cache, and hold ad-hoc analysis to a"
            + " looser target.",
        "Which reads need the "
            + Facts.format(read)
            + " ms target: dashboards over pre-computed figures, or ad-hoc analysis?");
  }

  /** SEL-CONFLICT-003: graph traversals that must be strongly consistent across regions. */
  static void globalGraph(VerdictBuilder verdict, Profile p) {
    if (!yes(p.shape().graphTraversals())
        || !yes(p.availability().multiRegion())
        || !p.strongRequired()) {
      return;
    }
    conflict(
        verdict,
        "SEL-CONFLICT-003",
        "graph traversals are to be strongly consistent (or transactional) across regions, but"
            + " Neo4j and Neptune accept writes in one region and serve other regions from"
            + " lagging read replicas",
        Risk.Level.HIGH,
        "The design keeps the system of record in the multi-region store and feeds the graph as a"
            + " read model per region, so traversals may lag writes made elsewhere.",
        "Must traversals see writes from other regions immediately, or is a read copy that lags"
            + " by seconds acceptable?");
  }

  /** SEL-CONFLICT-004: strongly consistent multi-region writes faster than a cross-region trip. */
  static void fastGlobalWrites(VerdictBuilder verdict, Profile p) {
    Double write = p.latency().p99WriteMs();
    Double rpo = p.availability().rpoSeconds();
    boolean agreed = p.strongRequired() || (rpo != null && rpo == 0);
    if (!yes(p.availability().multiRegion())
        || !agreed
        || write == null
        || write >= p.thresholds().crossRegionRttMinMs()) {
      return;
    }
    conflict(
        verdict,
        "SEL-CONFLICT-004",
        "writes must be agreed across regions (strong consistency or zero data loss), yet answer"
            + " within "
            + Facts.format(write)
            + " ms at p99; one cross-region round trip alone takes 40-60 ms",
        Risk.Level.HIGH,
        "Give each row a home region (regional tables) so most commits stay local, or accept"
            + " 40-60 ms for writes that must be agreed across regions.",
        "Can each user's writes be served by their home region, or must any region accept any"
            + " write within "
            + Facts.format(write)
            + " ms?");
  }

  /** SEL-CONFLICT-005: a managed service is preferred but the database runs on premises. */
  static void managedOnPremises(VerdictBuilder verdict, Profile p) {
    if (!yes(p.platform().managedPreferred()) || p.platform().cloud() != Platform.Cloud.ON_PREM) {
      return;
    }
    conflict(
        verdict,
        "SEL-CONFLICT-005",
        "a managed database service is preferred, yet the database runs on premises where no"
            + " provider manages it",
        Risk.Level.MEDIUM,
        "The design falls back to a self-managed database with automated backups, failover and"
            + " upgrades; a cloud-hosted managed service would need the data to leave the"
            + " premises.",
        "May the database run in a cloud provider's managed service, or must the data stay on"
            + " premises?");
  }

  /** SEL-CONFLICT-006: the team wants to run the database itself but has few operations skills. */
  static void selfRunWithoutSkills(VerdictBuilder verdict, Profile p) {
    if (!Boolean.FALSE.equals(p.platform().managedPreferred())
        || p.platform().opsExpertise() != Platform.Level.LOW
        || p.platform().cloud() == Platform.Cloud.ON_PREM) {
      return;
    }
    conflict(
        verdict,
        "SEL-CONFLICT-006",
        "the team prefers to run the database itself, yet has little database operations"
            + " experience",
        Risk.Level.MEDIUM,
        "The design chooses a managed service (the seed's rule for teams without operations"
            + " expertise); moving to self-managed later is possible once the skills exist.",
        "Will the team build database operations skills (backups, failover, upgrades), or accept"
            + " a managed service?");
  }

  /** SEL-CONFLICT-007: scale figures that contradict each other. */
  static void scaleFigures(VerdictBuilder verdict, Profile p) {
    Scale s = p.scale();
    Workload w = p.workload();
    boolean growing = s.growthPercentPerYear() != null && s.growthPercentPerYear() > 0;
    if (growing
        && s.dataVolumeGb() != null
        && s.dataVolumeGbIn12Months() != null
        && s.dataVolumeGbIn12Months() < s.dataVolumeGb()) {
      conflict(
          verdict,
          "SEL-CONFLICT-007",
          "data grows "
              + Facts.format(s.growthPercentPerYear())
              + "% a year, yet the 12-month volume ("
              + Facts.format(s.dataVolumeGbIn12Months())
              + " GB) is below today's ("
              + Facts.format(s.dataVolumeGb())
              + " GB)",
          Risk.Level.MEDIUM,
          "Sizing uses the 12-month figure as given; partitioning and scaling decisions move if the"
              + " larger figure is right.",
          "How much data will you hold in 12 months, and how much of today's data is deleted or"
              + " archived in that time?");
    }
    if (growing
        && s.ordersPerDay() != null
        && s.ordersPerDayIn12Months() != null
        && s.ordersPerDayIn12Months() < s.ordersPerDay()) {
      conflict(
          verdict,
          "SEL-CONFLICT-007",
          "the business grows "
              + Facts.format(s.growthPercentPerYear())
              + "% a year, yet orders per day fall from "
              + RequirementsSummary.grouped(s.ordersPerDay())
              + " to "
              + RequirementsSummary.grouped(s.ordersPerDayIn12Months())
              + " in 12 months",
          Risk.Level.MEDIUM,
          "Sizing follows the figures as given; confirm the order forecast.",
          "How many orders a day do you expect in 12 months?");
    }
    if (w.peakQps() != null && w.averageQps() != null && w.averageQps() > w.peakQps()) {
      conflict(
          verdict,
          "SEL-CONFLICT-007",
          "the average query rate ("
              + RequirementsSummary.grouped(w.averageQps())
              + "/s) is above the peak ("
              + RequirementsSummary.grouped(w.peakQps())
              + "/s)",
          Risk.Level.MEDIUM,
          "Write-rate and capacity estimates use the peak as given; if the figures are swapped,"
              + " the design may be undersized.",
          "What are the peak and the average query rates per second?");
    }
  }

  /** SEL-CONFLICT-008: data pinned to several jurisdictions, but declared single-region. */
  static void residencyInOneRegion(VerdictBuilder verdict, Profile p) {
    List<String> residency = p.availability().dataResidency();
    if (residency == null
        || residency.size() < 2
        || !Boolean.FALSE.equals(p.availability().multiRegion())) {
      return;
    }
    conflict(
        verdict,
        "SEL-CONFLICT-008",
        "data must stay in "
            + String.join(", ", residency)
            + ", yet the system is declared single-region",
        Risk.Level.HIGH,
        "The design follows single-region; meeting residency then means one separate deployment"
            + " per jurisdiction, with no cross-region queries.",
        "Does residency mean a separate deployment per jurisdiction, or one database spanning"
            + " those regions?");
  }

  /** SEL-CONFLICT-009: the data is said not to be relational, but no other shape is named. */
  static void shapeDenied(VerdictBuilder verdict, Profile p) {
    if (!Boolean.FALSE.equals(p.shape().relational()) || p.specialisedShape()) {
      return;
    }
    conflict(
        verdict,
        "SEL-CONFLICT-009",
        "the data is declared not relational, yet no other shape (documents, key-value, time"
            + " series, graph, embeddings) is named",
        Risk.Level.MEDIUM,
        "The design falls back to a relational store, the general-purpose choice, until the shape"
            + " is known.",
        Questions.ASK_DATA_SHAPE);
  }
}
