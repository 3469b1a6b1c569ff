package dev.dbarch.resilience.rules;

import dev.dbarch.contracts.events.AssessmentRequested;
import dev.dbarch.contracts.events.Assumption;
import dev.dbarch.contracts.events.Design;
import dev.dbarch.contracts.events.Heading;
import dev.dbarch.contracts.events.Risk;
import dev.dbarch.contracts.events.Section;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.contracts.profile.ChosenTechnology;
import dev.dbarch.contracts.profile.SystemProfile;
import dev.dbarch.contracts.profile.Thresholds;
import dev.dbarch.contracts.requirements.Availability;
import dev.dbarch.contracts.requirements.Latency;
import dev.dbarch.contracts.requirements.Platform;
import dev.dbarch.contracts.requirements.Requirements;
import dev.dbarch.contracts.requirements.Workload;
import dev.dbarch.specialist.rules.Facts;
import dev.dbarch.specialist.rules.VerdictBuilder;
import java.util.List;

/**
 * The High Availability &amp; Disaster Recovery section: the recovery tier, replication mode,
 * failover, multi-region topology, backups and drills, following the seed's replication and RTO/RPO
 * frameworks.
 */
public final class ResilienceRules {

  /**
   * Below this RPO (seconds), with an RTO under {@link #FAST_RTO_MINUTES}, replicate synchronously.
   */
  static final double NEAR_ZERO_RPO_SECONDS = 60;

  /** An RTO below this (minutes) leaves no time for a person to fail over by hand. */
  static final double FAST_RTO_MINUTES = 5;

  /**
   * Round trip between distant regions: the floor under any cross-region synchronous commit (the
   * shared thresholds, which the report's conflict rules read too).
   */
  static final double CROSS_REGION_RTT_MIN_MS = Thresholds.DEFAULTS.crossRegionRttMinMs();

  static final double CROSS_REGION_RTT_MAX_MS = Thresholds.DEFAULTS.crossRegionRttMaxMs();

  static final String MULTI_REGION = "multi-region";
  static final String ASSUMED_SINGLE_REGION = "one region (with standbys across zones)";
  static final String ASK_MULTI_REGION =
      "Must the database serve or survive the loss of more than one region?";

  private ResilienceRules() {}

  public static SectionVerdict assess(AssessmentRequested request) {
    Requirements req = request.requirements();
    VerdictBuilder verdict =
        new VerdictBuilder(request, Section.RESILIENCE, ResilienceRuleBook.BOOK);
    Availability availability =
        req.availability() != null
            ? req.availability()
            : new Availability(null, null, null, null, null);
    Latency latency = req.latency() != null ? req.latency() : new Latency(null, null);
    Platform platform =
        req.platform() != null
            ? req.platform()
            : new Platform(null, null, null, null, null, null, null, null);

    // The primary selection chose and where it runs: failover and topology follow it.
    SystemProfile profile = SystemProfile.of(request);
    ChosenTechnology chosen = profile.chosen();
    double rpo = rpo(verdict, availability);
    double rto = rto(verdict, availability);
    RecoveryTier tier = tier(verdict, availability, rpo, rto);
    // Across regions with consensus (RES-GEO-001), every write is replicated by quorum: a
    // streaming standby in the same region would contradict it, so RES-GEO-001 decides alone.
    if (!consensusAcrossRegions(availability, chosen)) {
      replication(verdict, availability, rpo, rto);
    }
    failover(verdict, availability, platform, rto, chosen);
    multiRegion(verdict, availability, platform, latency, rpo, chosen);
    residency(verdict, availability);
    backups(verdict, availability, tier, rpo);
    drills(verdict, tier);
    selfRunHighAvailability(verdict, platform, tier, chosen);
    singleRegion(verdict, availability, tier, rto);
    replicationLag(verdict, availability, req.workload(), profile, tier, rpo, rto, chosen);
    return verdict.build();
  }

  /**
   * RES-RISK-001: a Tier 1 or Tier 2 system in one region. Zone failures are covered by the
   * standby; a whole region is not, and restoring elsewhere takes longer than the RTO of such a
   * system. Regional outages are rare (likelihood LOW); the impact follows the tier.
   */
  static void singleRegion(
      VerdictBuilder verdict, Availability availability, RecoveryTier tier, double rto) {
    if (Boolean.TRUE.equals(availability.multiRegion()) || tier == RecoveryTier.TIER_3) {
      return;
    }
    verdict.risk(
        "RES-RISK-001",
        "Everything runs in one region: a regional outage stops the system for longer than its"
            + " RTO of "
            + duration(rto * 60)
            + " ("
            + tier.label()
            + "), and only backups copied out of the region survive it",
        Risk.Level.LOW,
        tier == RecoveryTier.TIER_1 ? Risk.Level.HIGH : Risk.Level.MEDIUM,
        "Copy backups and WAL to a second region and rehearse a restore there; add a"
            + " cross-region read replica to promote when the RTO must hold through a region"
            + " loss.");
  }

  /** The recovery point target, or Tier 2's when the team gives none. */
  static double rpo(VerdictBuilder verdict, Availability availability) {
    if (availability.rpoSeconds() != null) {
      return availability.rpoSeconds();
    }
    verdict.assume(
        "RES-TIER-002",
        Assumption.About.RPO,
        "recovery point objective (RPO)",
        "up to 1 hour of writes may be lost (Tier 2)",
        "How much data, in minutes of writes, could the business lose in a failure?");
    return RecoveryTier.TIER_2.rpoSeconds();
  }

  /** The recovery time target, or Tier 2's when the team gives none. */
  static double rto(VerdictBuilder verdict, Availability availability) {
    if (availability.rtoMinutes() != null) {
      return availability.rtoMinutes();
    }
    verdict.assume(
        "RES-TIER-002",
        Assumption.About.RTO,
        "recovery time objective (RTO)",
        "an outage of up to 4 hours is tolerable (Tier 2)",
        "How long can the system be down before the business is seriously hurt?");
    return RecoveryTier.TIER_2.rtoMinutes();
  }

  /** RES-TIER-001/002/003: the tier the targets call for. */
  static RecoveryTier tier(
      VerdictBuilder verdict, Availability availability, double rpo, double rto) {
    RecoveryTier tier = RecoveryTier.needed(rpo, rto);
    verdict.decide(
        tier.ruleId(),
        Heading.HIGH_AVAILABILITY_AND_DR,
        "RTO/RPO targets",
        tier.label()
            + ": built for RPO under "
            + duration(tier.rpoSeconds())
            + " and RTO under "
            + duration(tier.rtoMinutes() * 60)
            + " (targets: RPO "
            + duration(rpo)
            + ", RTO "
            + duration(rto * 60)
            + ")",
        Facts.of()
            .put("rpoSeconds", availability.rpoSeconds())
            .put("rtoMinutes", availability.rtoMinutes())
            .map(),
        "The least demanding tier whose recovery point and time both fall within the targets.",
        switch (tier) {
          case TIER_1 ->
              "Standbys, automation and drills cost roughly a second production environment.";
          case TIER_2 -> "A failure may lose up to an hour of writes and take hours to recover.";
          case TIER_3 -> "A failure may lose up to a day of writes and a day of service.";
        });
    verdict.typed(Design.tier(tier.ordinal() + 1));
    return tier;
  }

  /** RES-REPL-001 (synchronous) or RES-REPL-002 (asynchronous). */
  static void replication(
      VerdictBuilder verdict, Availability availability, double rpo, double rto) {
    boolean zeroLoss = rpo == 0;
    boolean sync = synchronous(rpo, rto);
    Facts facts =
        Facts.of()
            .put("rpoSeconds", availability.rpoSeconds())
            .put("rtoMinutes", availability.rtoMinutes());
    if (sync) {
      verdict.decide(
          "RES-REPL-001",
          Heading.HIGH_AVAILABILITY_AND_DR,
          "Replication",
          "Synchronous replication to a standby in another availability zone: a commit returns"
              + " only once the standby has it (PostgreSQL synchronous_commit = on with"
              + " synchronous_standby_names; managed: RDS Multi-AZ or Aurora's quorum storage)",
          facts.map(),
          zeroLoss
              ? "No committed write may be lost, so every commit must exist on two machines"
                  + " before it is acknowledged."
              : "Under a minute of data loss and under "
                  + Facts.format(FAST_RTO_MINUTES)
                  + " minutes of outage leave no room for replication lag.",
          "Every commit waits for the standby: a few milliseconds more write latency in one"
              + " region; with a single standby its outage stalls writes, so run two and wait for"
              + " any one (ANY 1).");
      verdict.typed(Design.replication(Design.Replication.SYNC_STANDBY));
      return;
    }
    verdict.decide(
        "RES-REPL-002",
        Heading.HIGH_AVAILABILITY_AND_DR,
        "Replication",
        "Asynchronous streaming replication to a standby (and read replicas); alert when lag"
            + " passes half the RPO of "
            + duration(rpo),
        facts.map(),
        "Some loss is acceptable, so commits need not wait for a replica: writes stay fast and"
            + " replicas may sit further away.",
        "A primary failure loses the writes not yet shipped, up to the replication lag at that"
            + " moment.");
    verdict.typed(Design.replication(Design.Replication.ASYNC_REPLICAS));
  }

  /** RES-REPL-001 rather than RES-REPL-002: no loss, or under a minute with a fast RTO. */
  static boolean synchronous(double rpo, double rto) {
    return rpo == 0 || (rpo < NEAR_ZERO_RPO_SECONDS && rto < FAST_RTO_MINUTES);
  }

  /**
   * Ours: an RPO under this (seconds) is one asynchronous replication lag can eat (seed: "seconds
   * to minutes").
   */
  static final double LAG_RISK_RPO_SECONDS = 300;

  /** Ours: peak writes a second from which replication lag spikes are likely. */
  static final double LAG_RISK_WRITES = 1_000;

  /**
   * RES-LAG-001: asynchronous replication (RES-REPL-002) with an RPO under {@link
   * #LAG_RISK_RPO_SECONDS}: a standby that falls behind by more than the RPO turns a primary
   * failure into more loss than agreed. Likelihood MEDIUM for an RPO of a minute or less, LOW
   * above, one level higher under write-heavy load (at least {@link #LAG_RISK_WRITES} writes a
   * second at peak, or batch jobs); impact HIGH, since an RPO that short makes the system Tier 1.
   */
  static void replicationLag(
      VerdictBuilder verdict,
      Availability availability,
      Workload workload,
      SystemProfile profile,
      RecoveryTier tier,
      double rpo,
      double rto,
      ChosenTechnology chosen) {
    if (synchronous(rpo, rto)
        || consensusAcrossRegions(availability, chosen)
        || rpo >= LAG_RISK_RPO_SECONDS) {
      return;
    }
    Double writes = profile.peakWritesPerSecond();
    boolean batches = workload != null && Boolean.TRUE.equals(workload.batchJobs());
    boolean writeHeavy = (writes != null && writes >= LAG_RISK_WRITES) || batches;
    Risk.Level likelihood = rpo <= NEAR_ZERO_RPO_SECONDS ? Risk.Level.MEDIUM : Risk.Level.LOW;
    if (writeHeavy) {
      likelihood = likelihood == Risk.Level.LOW ? Risk.Level.MEDIUM : Risk.Level.HIGH;
    }
    verdict.risk(
        "RES-LAG-001",
        "Replication lag against the RPO: the standby is asynchronous and the RPO is "
            + duration(rpo)
            + ", so a lag past it (a burst of writes, a bulk load, a long query on the standby)"
            + " loses more than agreed if the primary fails then; the lag alert fires at half the"
            + " RPO, "
            + duration(rpo / 2)
            + (writes == null
                ? ""
                : ", with about " + Math.round(writes) + " writes a second at peak")
            + (batches ? ", and batch jobs write in bulk" : "")
            + "; the system is "
            + tier.label(),
        likelihood,
        Risk.Level.HIGH,
        "Watch the standby's replay lag and alert at half the RPO; throttle bulk loads and keep"
            + " long queries off the failover standby; commit the writes that must not be lost"
            + " synchronously (a quorum of standbys) and leave the rest asynchronous.");
  }

  /** RES-FAILOVER-001 (automated, managed HA) or RES-FAILOVER-002 (rehearsed manual). */
  static void failover(
      VerdictBuilder verdict,
      Availability availability,
      Platform platform,
      double rto,
      ChosenTechnology chosen) {
    Boolean requested = availability.automaticFailover();
    boolean automated = Boolean.TRUE.equals(requested) || rto < FAST_RTO_MINUTES;
    if (requested == null && !automated) {
      verdict.assume(
          "RES-FAILOVER-002",
          Assumption.About.AUTOMATIC_FAILOVER,
          "automatic failover",
          "a rehearsed manual failover is acceptable",
          "Must failover happen automatically, or may an on-call engineer promote the standby?");
    }
    Facts facts =
        Facts.of()
            .put("automaticFailover", requested)
            .put("rtoMinutes", availability.rtoMinutes())
            .put("cloud", platform.cloud());
    if (automated) {
      verdict.decide(
          "RES-FAILOVER-001",
          Heading.HIGH_AVAILABILITY_AND_DR,
          "Failover",
          "Automated failover with " + automatedHa(chosen),
          facts.map(),
          Boolean.TRUE.equals(requested)
              ? chosen.hosting() == Design.Hosting.SELF_MANAGED
                  ? "The team asks for automatic failover; on servers it runs itself that takes"
                      + " automation it installs, tests and watches."
                  : "The team asks for automatic failover; the managed mechanism is tested by the"
                      + " provider at scale."
              : "An RTO under "
                  + Facts.format(FAST_RTO_MINUTES)
                  + " minutes is too short for a person to be paged, diagnose and promote.",
          "The standby costs as much as the primary while it waits; clients must reconnect and"
              + " retry the transactions in flight when the endpoint moves.");
      return;
    }
    verdict.decide(
        "RES-FAILOVER-002",
        Heading.HIGH_AVAILABILITY_AND_DR,
        "Failover",
        "Manual promotion of the standby by the on-call engineer, following a written and"
            + " rehearsed runbook",
        facts.map(),
        "An RTO of "
            + duration(rto * 60)
            + " leaves time for a person to decide, and avoids promoting a standby on a false"
            + " alarm.",
        "Recovery depends on someone being reachable; expect tens of minutes of downtime.");
  }

  /**
   * The failover mechanism of the chosen primary where it runs: a managed service's own, or the
   * automation a self-managed engine needs.
   */
  static String automatedHa(ChosenTechnology chosen) {
    ChosenTechnology.Product product = chosen.product();
    if (chosen.hosting() == Design.Hosting.SELF_MANAGED) {
      if (product.postgres()) {
        return "Patroni and a consensus store (etcd) behind a proxy or virtual IP";
      }
      if (product.mysql()) {
        return "MySQL InnoDB Cluster (Group Replication) behind MySQL Router";
      }
      return switch (product.engine()) {
        case MONGODB -> "the replica set's own election of a new primary (about ten seconds)";
        case COCKROACHDB, CASSANDRA, SCYLLADB ->
            "the cluster itself: replicas in other zones keep serving when a node fails";
        default -> "automation the team runs for " + product.label();
      };
    }
    return switch (product) {
      case AURORA_GLOBAL, AURORA_POSTGRESQL, AURORA_MYSQL, AURORA_SERVERLESS ->
          "Aurora's promotion of a reader in another zone (about 30 seconds)";
      case DYNAMODB -> "DynamoDB's replication across three zones (nothing to fail over)";
      case POSTGRESQL, MYSQL, TIMESCALEDB, PGVECTOR ->
          chosen.cloud() == null || chosen.cloud() == Design.Cloud.ANY
              ? "the provider's managed high availability"
              : managedHa(Platform.Cloud.valueOf(chosen.cloud().name()));
      default -> "the managed service's own failover (" + chosen.service() + ")";
    };
  }

  static String managedHa(Platform.Cloud cloud) {
    if (cloud == null) {
      return "the provider's managed high availability (or Patroni when self-hosted)";
    }
    return switch (cloud) {
      case AWS -> "Amazon RDS Multi-AZ (failover in about one to two minutes)";
      case GCP -> "Cloud SQL high availability (regional instance)";
      case AZURE -> "zone-redundant high availability (Azure Database flexible server)";
      case ON_PREM -> "Patroni and a consensus store (etcd) behind a proxy or virtual IP";
    };
  }

  /**
   * Whether RES-GEO-001 plans a consensus-replicated database across regions: multi-region, and the
   * shared kernel chose something other than Aurora Global (whose copies stream instead).
   */
  static boolean consensusAcrossRegions(Availability availability, ChosenTechnology chosen) {
    return Boolean.TRUE.equals(availability.multiRegion())
        && chosen.product() != ChosenTechnology.Product.AURORA_GLOBAL;
  }

  /** RES-GEO-001: the multi-region topology; RES-GEO-002: synchronous commits across regions. */
  static void multiRegion(
      VerdictBuilder verdict,
      Availability availability,
      Platform platform,
      Latency latency,
      double rpo,
      ChosenTechnology chosen) {
    Boolean multiRegion = availability.multiRegion();
    if (multiRegion == null) {
      verdict.assume(
          "RES-GEO-001",
          Assumption.About.MULTI_REGION,
          MULTI_REGION,
          ASSUMED_SINGLE_REGION,
          ASK_MULTI_REGION);
    }
    if (!Boolean.TRUE.equals(multiRegion)) {
      return;
    }
    List<String> residency = availability.dataResidency();
    boolean pinned = residency != null && !residency.isEmpty();
    boolean zeroLoss = rpo == 0;
    // Aurora Global exactly when selection chose it (the shared kernel's choice).
    boolean aurora = chosen.product() == ChosenTechnology.Product.AURORA_GLOBAL;
    verdict.decide(
        "RES-GEO-001",
        Heading.HIGH_AVAILABILITY_AND_DR,
        "Multi-region topology",
        aurora
            ? "Aurora Global Database: the writer in one region, read-only secondaries in the others"
                + " replicated at the storage layer (typically under a second), managed promotion"
                + " of a secondary when a region fails"
            : chosen.product() == ChosenTechnology.Product.COCKROACHDB
                ? "CockroachDB across at least three regions, configured to survive a region"
                    + " failure, with regional tables so each row's writes stay near its users"
                : chosen.product().label()
                    + " replicated to at least three regions (replicas or datacenters per region),"
                    + " each region serving its local reads",
        Facts.of()
            .put("multiRegion", true)
            .put("cloud", platform.cloud())
            .put("rpoSeconds", availability.rpoSeconds())
            .put("dataResidency", pinned ? String.join(", ", residency) : null)
            .put("vendorLockInConcern", platform.vendorLockInConcern())
            .map(),
        aurora
            ? "Local reads in every region and a recovery point of about a second after losing a"
                + " whole region, fully managed on AWS."
            : chosen.product() == ChosenTechnology.Product.COCKROACHDB
                ? "A consensus-replicated database keeps every committed write when a region"
                    + " fails"
                    + (pinned ? " and can keep rows inside " + String.join(", ", residency) : "")
                    + "."
                : "The store selection chose spreads its copies over regions, so losing one region"
                    + " leaves the others serving.",
        "Anything that must agree across regions pays the speed of light: 40-60 ms between"
            + " distant regions, on every such write.");
    verdict.typed(
        Design.replication(
            aurora
                ? Design.Replication.CROSS_REGION_ASYNC
                : chosen.product() == ChosenTechnology.Product.COCKROACHDB
                    ? Design.Replication.CONSENSUS
                    : Design.Replication.CROSS_REGION_ASYNC));
    if (!zeroLoss) {
      return;
    }
    Double writeTarget = latency.p99WriteMs();
    if (writeTarget == null) {
      verdict.assume(
          "RES-GEO-002",
          Assumption.About.WRITE_LATENCY_TARGET,
          "p99 write latency target",
          "no write target below the cross-region round trip",
          "What p99 latency must a write meet?");
      return;
    }
    if (writeTarget >= CROSS_REGION_RTT_MAX_MS) {
      return;
    }
    verdict.risk(
        "RES-GEO-002",
        "Zero data loss across regions means each commit waits for another region (40-60 ms),"
            + " which cannot meet the p99 write target of "
            + Facts.format(writeTarget)
            + " ms",
        writeTarget < CROSS_REGION_RTT_MIN_MS ? Risk.Level.HIGH : Risk.Level.MEDIUM,
        Risk.Level.HIGH,
        "Replicate synchronously inside the home region (no loss when a zone fails) and"
            + " asynchronously across regions (about a second lost if a whole region fails); or"
            + " relax the write target above 60 ms; or keep each row's quorum in its users' region.");
  }

  /** RES-GEO-003: replicas and backups stay inside the regions the data may live in. */
  static void residency(VerdictBuilder verdict, Availability availability) {
    List<String> residency = availability.dataResidency();
    if (residency == null || residency.isEmpty()) {
      return;
    }
    verdict.decide(
        "RES-GEO-003",
        Heading.HIGH_AVAILABILITY_AND_DR,
        "Data residency",
        "Place every replica, backup and snapshot copy inside "
            + String.join(", ", residency)
            + "; the DR region must be one of them",
        Facts.of().put("dataResidency", String.join(", ", residency)).map(),
        "A disaster-recovery copy is still a copy of the data: residency rules apply to it too.",
        "The DR site cannot be chosen for distance alone; one allowed region may leave no second"
            + " region for DR.");
  }

  /** RES-BACKUP-001 (continuous, PITR) or RES-BACKUP-002 (daily snapshots). */
  static void backups(
      VerdictBuilder verdict, Availability availability, RecoveryTier tier, double rpo) {
    Facts facts =
        Facts.of()
            .put("rpoSeconds", availability.rpoSeconds())
            .put("tier", tier.label())
            .put("retentionDays", tier.backupRetentionDays());
    if (rpo < RecoveryTier.TIER_3.rpoSeconds()) {
      verdict.decide(
          "RES-BACKUP-001",
          Heading.HIGH_AVAILABILITY_AND_DR,
          "Backup strategy",
          "Continuous backup with point-in-time recovery (WAL archiving, or the managed service's"
              + " automated backups), kept "
              + tier.backupRetentionDays()
              + " days, plus daily snapshots"
              + (tier == RecoveryTier.TIER_1 ? " copied to a second region or account" : ""),
          facts.map(),
          "Replicas copy mistakes as faithfully as data; only a backup with a point-in-time"
              + " restore undoes a bad migration or a mass delete, to the second before it.",
          "Archived logs and snapshots cost storage, and restoring a large database takes hours:"
              + " it is the last line of defence, not the failover plan.");
      return;
    }
    verdict.decide(
        "RES-BACKUP-002",
        Heading.HIGH_AVAILABILITY_AND_DR,
        "Backup strategy",
        "Daily snapshots kept "
            + tier.backupRetentionDays()
            + " days; test a restore "
            + tier.drillCadence(),
        facts.map(),
        "Up to a day of lost writes is acceptable, so a daily copy meets the recovery point.",
        "A failure loses everything since the last snapshot.");
  }

  /** RES-DRILL-001: failover and restore drills for Tier 1 and Tier 2 systems. */
  static void drills(VerdictBuilder verdict, RecoveryTier tier) {
    if (tier == RecoveryTier.TIER_3) {
      return;
    }
    verdict.decide(
        "RES-DRILL-001",
        Heading.HIGH_AVAILABILITY_AND_DR,
        "DR drills",
        "Fail over and restore a backup into a fresh instance "
            + tier.drillCadence()
            + "; record the RTO and RPO actually achieved against the targets",
        Facts.of().put("tier", tier.label()).map(),
        "An untested failover or restore is a hope, not a plan; drills find the broken runbook"
            + " before an outage does.",
        "Each drill takes engineering time and a short, planned disruption.");
  }

  /** RES-OPS-001: Tier 1 on self-run infrastructure without strong operations skills. */
  static void selfRunHighAvailability(
      VerdictBuilder verdict, Platform platform, RecoveryTier tier, ChosenTechnology chosen) {
    // Self-run exactly when the chosen hosting is (a team with little operations experience is
    // given a managed service even when it prefers to run the database).
    boolean selfRun = chosen.hosting() == Design.Hosting.SELF_MANAGED;
    if (tier != RecoveryTier.TIER_1 || !selfRun) {
      return;
    }
    if (platform.opsExpertise() == null) {
      verdict.assume(
          "RES-OPS-001",
          Assumption.About.OPS_EXPERTISE,
          "operations expertise",
          "enough to run Tier 1 high availability",
          "How experienced is the team at operating databases in production?");
      return;
    }
    if (platform.opsExpertise() == Platform.Level.HIGH) {
      return;
    }
    verdict.risk(
        "RES-OPS-001",
        "Tier 1 recovery targets on self-run high availability with "
            + platform.opsExpertise().name().toLowerCase(java.util.Locale.ROOT)
            + " operations expertise",
        Risk.Level.MEDIUM,
        Risk.Level.HIGH,
        "Use a managed HA service where possible; otherwise automate failover (Patroni), monitor"
            + " replication lag and rehearse failover quarterly with the people on call.");
  }

  /** A duration in the largest unit that reads naturally: seconds, minutes or hours. */
  static String duration(double seconds) {
    if (seconds < 60) {
      return Facts.format(seconds) + " s";
    }
    double minutes = seconds / 60;
    if (minutes < 60) {
      return Facts.format(Math.round(minutes * 10) / 10.0) + " min";
    }
    return Facts.format(Math.round(minutes / 6) / 10.0) + " h";
  }
}
