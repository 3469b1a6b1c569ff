package dev.dbarch.selection.rules;

import dev.dbarch.contracts.events.Assumption;
import dev.dbarch.contracts.profile.ChosenTechnology;
import dev.dbarch.contracts.requirements.Platform;
import dev.dbarch.specialist.rules.Facts;
import dev.dbarch.specialist.rules.VerdictBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The seed's cloud-native relational services, chosen over a plain managed PostgreSQL or MySQL when
 * the input calls for them: distributed SQL past one writer's write rate with strong consistency
 * (SEL-CLOUD-002), serverless capacity for variable or bursty load (SEL-CLOUD-001), and Aurora's
 * shared storage and replicas past a single server's volume or read rate (SEL-CLOUD-003). Each is
 * checked in that order; the first that applies wins. Which one applies is the shared kernel's
 * choice ({@link ChosenTechnology}); this class explains it.
 */
final class CloudNative {

  private CloudNative() {}

  /** A cloud-native primary and the decision that explains it. */
  record Choice(
      Technology technology,
      String ruleId,
      String choice,
      Map<String, String> facts,
      String rationale,
      String tradeOff) {}

  static Choice choose(VerdictBuilder verdict, Profile p, Technology engine, Double peakWrites) {
    if (p.system().writesPastOnePrimary()) {
      return scaleOut(p, engine, peakWrites);
    }
    if (variable(p) && p.wantsManaged() && p.platform().cloud() != Platform.Cloud.ON_PREM) {
      Choice serverless = serverless(verdict, p, engine);
      if (serverless != null) {
        return serverless;
      }
    }
    return aurora(verdict, p, engine);
  }

  /** Serverless functions, or a peak at least ten times the average (the kernel's test). */
  static boolean variable(Profile p) {
    return ChosenTechnology.variable(p.platform(), p.workload());
  }

  /** Whether Aurora's volume or read-scaling case holds, lock-in aside (the kernel's test). */
  static boolean auroraCase(Profile p) {
    return ChosenTechnology.auroraCase(p.system());
  }

  /** SEL-CLOUD-002: writes past one primary with strong consistency need distributed SQL. */
  static Choice scaleOut(Profile p, Technology engine, double peakWrites) {
    Platform.Cloud cloud = p.platform().cloud();
    Technology chosen = p.chosen();
    boolean planetScale = chosen == Technology.PLANETSCALE;
    List<String> strong = new ArrayList<>();
    if (p.consistency().level() == dev.dbarch.contracts.requirements.Consistency.Level.STRONG) {
      strong.add("strong consistency overall");
    }
    if (p.anyStrongArea()) {
      strong.add("strongly consistent areas");
    }
    if (Profile.yes(p.workload().acidTransactions())) {
      strong.add("ACID transactions");
    }
    boolean joins = ChosenTechnology.joinsNeeded(p.shape(), p.accessPatterns());
    if (strong.isEmpty() && joins) {
      // Eventual consistency was accepted, but the queries join: the seed rules a wide-column
      // store out for that, so the writes are spread over distributed SQL instead.
      strong.add(
          "joins across related tables (relationships "
              + ChosenTechnology.JOIN_DEPTH
              + " or more levels deep, or joined access patterns), which a wide-column store does"
              + " not do");
    }
    if (strong.isEmpty()) {
      strong.add("strong consistency (assumed)");
    }
    return new Choice(
        chosen,
        "SEL-CLOUD-002",
        planetScale
            ? chosen.label() + ", sharded by the key most queries name"
            : chosen.label() + " in one region, three or more nodes, serializable transactions",
        Facts.of()
            .put("peakWritesPerSecond", Math.round(peakWrites))
            .put("peakQps", p.workload().peakQps())
            .put("readWriteRatio", p.workload().readWriteRatio())
            .put("consistency", p.consistency().level())
            .put("acidTransactions", p.workload().acidTransactions())
            .put("joinsNeeded", joins ? true : null)
            .put("existingDatabases", existing(p))
            .put("cloud", cloud)
            .map(),
        "About "
            + RequirementsSummary.grouped(Math.round(peakWrites))
            + " writes/s at peak"
            + TechnologyChoice.writeArithmetic(p)
            + " is past what one primary absorbs (~"
            + RequirementsSummary.grouped(Math.round(p.thresholds().highWritesPerSecond()))
            + "/s), and the data needs "
            + String.join(", ", strong)
            + ": "
            + (planetScale
                ? "the team runs MySQL, and PlanetScale shards it with Vitess behind one endpoint."
                : "distributed SQL spreads writes over nodes and keeps transactions and SQL."),
        planetScale
            ? "Cross-shard transactions and foreign keys are limited; the shard key must be chosen"
                + " well up front."
            : "Each commit needs a quorum of nodes (a few milliseconds more than one server);"
                + " only part of PostgreSQL's features and none of its extensions.");
  }

  /** SEL-CLOUD-001: variable or bursty load on a serverless relational service. */
  static Choice serverless(VerdictBuilder verdict, Profile p, Technology engine) {
    Platform platform = p.platform();
    Platform.Cloud cloud = platform.cloud();
    assumeManaged(verdict, p);
    Technology chosen = p.chosen();
    if (chosen == Technology.PLANETSCALE) {
      // The team's MySQL, served without instances to size.
    } else if (chosen == Technology.AURORA_SERVERLESS) {
      if (platform.vendorLockInConcern() == null) {
        verdict.assume(
            "SEL-CLOUD-001",
            Assumption.About.VENDOR_LOCK_IN,
            Questions.LOCK_IN,
            Questions.ASSUMED_NO_LOCK_IN,
            Questions.ASK_LOCK_IN);
      }
    } else if (chosen != Technology.NEON) {
      return null;
    } else {
      if (cloud == null) {
        verdict.assume(
            "SEL-CLOUD-001",
            Assumption.About.CLOUD,
            Questions.CLOUD,
            "not decided: a cloud-neutral engine",
            Questions.ASK_CLOUD);
      }
    }
    String why =
        platform.deployment() == Platform.Deployment.SERVERLESS
            ? "serverless functions open connections in bursts and sit idle between them"
            : "peak load is "
                + Facts.format(
                    Math.round(10.0 * p.workload().peakQps() / p.workload().averageQps()) / 10.0)
                + " times the average";
    return new Choice(
        chosen,
        "SEL-CLOUD-001",
        switch (chosen) {
          case AURORA_SERVERLESS -> chosen.label() + ", 0.5 to 128 ACUs, behind RDS Proxy";
          case NEON ->
              chosen.label() + ", scale to zero when idle, a branch per preview environment";
          default -> chosen.label() + ", with branches for schema changes";
        },
        Facts.of()
            .put("deployment", platform.deployment())
            .put("peakQps", p.workload().peakQps())
            .put("averageQps", p.workload().averageQps())
            .put("cloud", cloud)
            .put("vendorLockInConcern", platform.vendorLockInConcern())
            .put("budgetSensitivity", platform.budgetSensitivity())
            .put("existingDatabases", existing(p))
            .map(),
        "The load is variable ("
            + why
            + "): "
            + switch (chosen) {
              case AURORA_SERVERLESS ->
                  "on AWS, Aurora Serverless v2 follows the load in small capacity steps instead of"
                      + " paying for the peak all day.";
              case NEON ->
                  "Neon scales compute down to zero between bursts"
                      + (p.lockInConcern()
                          ? " and stays standard PostgreSQL, easy to leave"
                          : cloud == null ? " on whichever cloud is chosen" : "")
                      + (platform.budgetSensitivity() == Platform.Level.HIGH
                          ? ", so a budget-sensitive team pays nothing while idle"
                          : "")
                      + ".";
              default ->
                  "the team runs MySQL; PlanetScale serves it without instances to size and deploys"
                      + " schema changes from branches without locking tables.";
            },
        switch (chosen) {
          case AURORA_SERVERLESS ->
              "A capacity floor is paid even when idle; steady load costs more than a provisioned"
                  + " instance; AWS only.";
          case NEON ->
              "The first query after an idle spell waits for a cold start; a younger service"
                  + " with fewer regions.";
          default ->
              "Foreign keys and cross-shard transactions are limited; priced per cluster, not per"
                  + " use.";
        });
  }

  /** SEL-CLOUD-003: Aurora on AWS when the volume or read rate outgrows a single server. */
  static Choice aurora(VerdictBuilder verdict, Profile p, Technology engine) {
    Platform platform = p.platform();
    if (p.chosen() != Technology.AURORA_POSTGRESQL && p.chosen() != Technology.AURORA_MYSQL) {
      return null;
    }
    assumeManaged(verdict, p);
    if (platform.vendorLockInConcern() == null) {
      verdict.assume(
          "SEL-CLOUD-003",
          Assumption.About.VENDOR_LOCK_IN,
          Questions.LOCK_IN,
          Questions.ASSUMED_NO_LOCK_IN,
          Questions.ASK_LOCK_IN);
    }
    Technology chosen = p.chosen();
    Double gb = p.dataGb();
    Double reads = p.system().peakReadsPerSecond();
    List<String> reasons = new ArrayList<>();
    if (p.system().dataPastSingleServer()) {
      reasons.add(
          "about "
              + RequirementsSummary.grouped(Math.round(gb))
              + " GB within a year is past the ~"
              + RequirementsSummary.grouped(Math.round(p.thresholds().singleServerDataGb()))
              + " GB one server handles comfortably");
    }
    if (p.system().readsPastSingleServer()) {
      reasons.add(
          "about "
              + RequirementsSummary.grouped(Math.round(reads))
              + " reads/s at peak needs several read replicas");
    }
    return new Choice(
        chosen,
        "SEL-CLOUD-003",
        chosen.label() + ", one writer with reader instances across availability zones",
        Facts.of()
            .put("dataVolumeGb", gb)
            .put("peakReadsPerSecond", reads == null ? null : Math.round(reads))
            .put("cloud", platform.cloud())
            .put("vendorLockInConcern", platform.vendorLockInConcern())
            .map(),
        capitalize(String.join(", and ", reasons))
            + ": Aurora's shared storage grows to 128 TB without resizing and its up to 15"
            + " replicas read that storage, so they lag milliseconds and need no copy.",
        "Costs more than RDS per hour plus storage I/O; tied to AWS; writes still go to one"
            + " instance.");
  }

  private static void assumeManaged(VerdictBuilder verdict, Profile p) {
    if (p.platform().managedPreferred() == null && p.platform().opsExpertise() == null) {
      verdict.assume(
          "SEL-HOST-001",
          Assumption.About.MANAGED_PREFERENCE,
          Questions.MANAGED,
          Questions.ASSUMED_MANAGED,
          Questions.ASK_MANAGED);
    }
  }

  private static String existing(Profile p) {
    return p.platform().existingDatabases() == null
        ? null
        : String.join(", ", p.platform().existingDatabases());
  }

  private static String capitalize(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
