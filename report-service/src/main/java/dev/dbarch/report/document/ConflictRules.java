package dev.dbarch.report.document;

import dev.dbarch.contracts.events.Decision;
import dev.dbarch.contracts.events.Design;
import dev.dbarch.contracts.events.Heading;
import dev.dbarch.contracts.events.Risk;
import dev.dbarch.contracts.events.Section;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.contracts.profile.SystemProfile;
import dev.dbarch.contracts.profile.Thresholds;
import dev.dbarch.contracts.requirements.Availability;
import dev.dbarch.contracts.requirements.Compliance;
import dev.dbarch.contracts.requirements.CurrentState;
import dev.dbarch.contracts.requirements.Latency;
import dev.dbarch.contracts.requirements.Platform;
import dev.dbarch.contracts.requirements.Requirements;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Checks the sections against each other and against the requirements. Each conflict becomes a risk
 * whose mitigation lists the ways to resolve it; the report never silently picks one. The rules
 * read the typed values of the decisions ({@link Design}), never their prose: a section may reword
 * its sentences without switching a check off here.
 */
public final class ConflictRules {

  /**
   * Round trip between distant regions; a synchronous cross-region commit cannot be faster. The
   * upper end of the shared range: the same figure the resilience section judges by.
   */
  static final double CROSS_REGION_RTT_MS = Thresholds.DEFAULTS.crossRegionRttMaxMs();

  /** Bulk copy rate assumed for an offline migration when nothing better is known. */
  static final double BULK_COPY_GB_PER_HOUR = 100;

  private ConflictRules() {}

  public static List<Risk> check(Requirements req, Map<Section, SectionVerdict> verdicts) {
    List<Risk> conflicts = new ArrayList<>();
    if (req == null) {
      return conflicts;
    }
    syncReplicationAcrossRegions(req).ifPresent(conflicts::add);
    serverlessWithoutPooler(req, verdicts).ifPresent(conflicts::add);
    distributedBelowThresholds(req, verdicts).ifPresent(conflicts::add);
    encryptionMissing(req, verdicts).ifPresent(conflicts::add);
    migrationWindowTooShort(req, verdicts).ifPresent(conflicts::add);
    return conflicts;
  }

  /** RPT-CONF-001: zero data loss across regions against a write latency below a round trip. */
  static Optional<Risk> syncReplicationAcrossRegions(Requirements req) {
    Availability availability = req.availability();
    Latency latency = req.latency();
    if (availability == null || latency == null || latency.p99WriteMs() == null) {
      return Optional.empty();
    }
    boolean zeroLossAcrossRegions =
        Boolean.TRUE.equals(availability.multiRegion())
            && availability.rpoSeconds() != null
            && availability.rpoSeconds() == 0;
    if (!zeroLossAcrossRegions || latency.p99WriteMs() >= CROSS_REGION_RTT_MS) {
      return Optional.empty();
    }
    return Optional.of(
        new Risk(
            "RPT-CONF-001",
            "RPO 0 across regions needs synchronous cross-region commits (about "
                + (int) CROSS_REGION_RTT_MS
                + " ms each), which the p99 write target of "
                + format(latency.p99WriteMs())
                + " ms cannot absorb",
            Risk.Level.HIGH,
            Risk.Level.HIGH,
            "Choose one: accept an RPO of about a second with asynchronous cross-region replication"
                + " (e.g. Aurora Global); keep synchronous replication inside one region and"
                + " asynchronous across regions; or geo-partition data (CockroachDB) so each write"
                + " commits in its home region and accept the higher latency for cross-region rows."));
  }

  /** RPT-CONF-002: a serverless database or runtime with no external pooler in the plan. */
  static Optional<Risk> serverlessWithoutPooler(
      Requirements req, Map<Section, SectionVerdict> verdicts) {
    Platform platform = req.platform();
    boolean serverlessRuntime =
        platform != null && platform.deployment() == Platform.Deployment.SERVERLESS;
    boolean serverlessDatabase =
        designs(verdicts, Section.SELECTION)
            .anyMatch(d -> d.hosting() == Design.Hosting.SERVERLESS);
    if (!serverlessRuntime && !serverlessDatabase) {
      return Optional.empty();
    }
    if (!verdicts.containsKey(Section.PERFORMANCE)) {
      return Optional.empty();
    }
    boolean pooler =
        designs(verdicts, Section.PERFORMANCE)
            .anyMatch(
                d ->
                    d.pooler() != null
                        && d.pooler() != Design.Pooler.NONE
                        && d.pooler() != Design.Pooler.APPLICATION);
    if (pooler) {
      return Optional.empty();
    }
    return Optional.of(
        new Risk(
            "RPT-CONF-002",
            "A serverless "
                + (serverlessDatabase ? "database" : "runtime")
                + " is planned without an external connection pooler",
            Risk.Level.HIGH,
            Risk.Level.HIGH,
            "Add a shared pooler (PgBouncer in transaction mode, RDS Proxy or the provider's pooled"
                + " endpoint), or run the application on long-lived servers with a bounded pool."));
  }

  /** RPT-CONF-003: a distributed or sharded store below one server's limits. */
  static Optional<Risk> distributedBelowThresholds(
      Requirements req, Map<Section, SectionVerdict> verdicts) {
    SystemProfile profile = SystemProfile.of(req, null);
    Double dataGb = profile.dataGb();
    Long qps = profile.peakQps();
    boolean multiRegion =
        req.availability() != null && Boolean.TRUE.equals(req.availability().multiRegion());
    if (dataGb == null
        || qps == null
        || profile.dataPastSingleServer()
        || profile.qpsPastSingleServer()
        || multiRegion) {
      return Optional.empty();
    }
    boolean shardingPlanned =
        designs(verdicts, Section.PERFORMANCE)
            .anyMatch(d -> d.partitioning() == Design.Partitioning.SHARDING_PLANNED);
    Optional<String> distributed =
        verdicts.containsKey(Section.SELECTION)
            ? verdicts.get(Section.SELECTION).decisions().stream()
                .filter(d -> d.heading() == Heading.RECOMMENDED_TECHNOLOGY && d.design() != null)
                .map(Decision::design)
                .filter(
                    d ->
                        (d.engine() != null && d.engine().distributed())
                            || d.partitioning() == Design.Partitioning.SHARDED)
                .map(
                    d ->
                        d.engine() == null
                            ? "sharded"
                            : d.partitioning() == Design.Partitioning.SHARDED
                                ? "sharded " + engineName(d.engine())
                                : engineName(d.engine()))
                .findFirst()
            : Optional.empty();
    if (distributed.isEmpty() && !shardingPlanned) {
      return Optional.empty();
    }
    return Optional.of(
        new Risk(
            "RPT-CONF-003",
            (shardingPlanned
                    ? "Sharding is planned"
                    : "A distributed database (" + distributed.get() + ") is chosen")
                + " although "
                + format(dataGb)
                + " GB and "
                + qps
                + " QPS fit one server (limits ~"
                + format(profile.thresholds().singleServerDataGb())
                + " GB, ~"
                + format(profile.thresholds().singleServerQps())
                + " QPS)",
            Risk.Level.MEDIUM,
            Risk.Level.MEDIUM,
            "Start on a single primary with read replicas and revisit when growth nears the limits;"
                + " or keep the distributed choice for a reason the requirements do not state"
                + " (write availability, data residency) and record it."));
  }

  /** RPT-CONF-004: a regime that requires encryption at rest, and no section planned it. */
  static Optional<Risk> encryptionMissing(Requirements req, Map<Section, SectionVerdict> verdicts) {
    Compliance compliance = req.compliance();
    if (compliance == null
        || compliance.regimes() == null
        || !verdicts.containsKey(Section.SECURITY)) {
      return Optional.empty();
    }
    List<Compliance.Regime> requiring =
        compliance.regimes().stream()
            .filter(r -> r == Compliance.Regime.HIPAA || r == Compliance.Regime.PCI_DSS)
            .distinct()
            .toList();
    if (requiring.isEmpty()) {
      return Optional.empty();
    }
    boolean planned =
        designs(verdicts, Section.SECURITY)
            .anyMatch(d -> Boolean.TRUE.equals(d.encryptionAtRest()));
    if (planned) {
      return Optional.empty();
    }
    return Optional.of(
        new Risk(
            "RPT-CONF-004",
            "Encryption at rest is required by "
                + String.join(", ", requiring.stream().map(ConflictRules::regimeName).toList())
                + " but no section plans it",
            Risk.Level.HIGH,
            Risk.Level.HIGH,
            "Enable storage encryption with a managed key (KMS, Key Vault, Vault) on the chosen tier,"
                + " or move to a tier that offers it; encrypt the most sensitive fields in the"
                + " application as well."));
  }

  /** RPT-CONF-005: a downtime window shorter than an offline copy of the data would take. */
  static Optional<Risk> migrationWindowTooShort(
      Requirements req, Map<Section, SectionVerdict> verdicts) {
    CurrentState current = req.currentState();
    if (current == null || current.sizeGb() == null || current.downtimeToleranceMinutes() == null) {
      return Optional.empty();
    }
    double copyMinutes = current.sizeGb() / BULK_COPY_GB_PER_HOUR * 60;
    if (current.downtimeToleranceMinutes() >= copyMinutes
        || !verdicts.containsKey(Section.MIGRATION)) {
      return Optional.empty();
    }
    boolean continuousSync =
        designs(verdicts, Section.MIGRATION)
            .anyMatch(
                d ->
                    d.migration() == Design.MigrationMode.CDC
                        || d.migration() == Design.MigrationMode.DUAL_WRITE);
    if (continuousSync) {
      return Optional.empty();
    }
    return Optional.of(
        new Risk(
            "RPT-CONF-005",
            "The downtime window of "
                + format(current.downtimeToleranceMinutes())
                + " minutes is shorter than an offline copy of "
                + format(current.sizeGb())
                + " GB (about "
                + format(Math.ceil(copyMinutes))
                + " minutes at "
                + format(BULK_COPY_GB_PER_HOUR)
                + " GB/h), and the plan has no continuous sync",
            Risk.Level.HIGH,
            Risk.Level.HIGH,
            "Load history ahead of the window and keep it in sync with CDC (Debezium, AWS DMS) so the"
                + " cutover only drains the lag; or negotiate a longer window; or migrate in slices."));
  }

  /** The typed values of a section's decisions (a v2 verdict has none). */
  private static Stream<Design> designs(Map<Section, SectionVerdict> verdicts, Section section) {
    SectionVerdict verdict = verdicts.get(section);
    if (verdict == null) {
      return Stream.empty();
    }
    return verdict.decisions().stream().map(Decision::design).filter(Objects::nonNull);
  }

  private static String engineName(Design.Engine engine) {
    return switch (engine) {
      case COCKROACHDB -> "CockroachDB";
      case SCYLLADB -> "ScyllaDB";
      case DYNAMODB -> "DynamoDB";
      case CASSANDRA -> "Cassandra";
      case MYSQL -> "MySQL";
      case POSTGRESQL -> "PostgreSQL";
      default -> engine.name().toLowerCase(Locale.ROOT);
    };
  }

  private static String regimeName(Compliance.Regime regime) {
    return regime == Compliance.Regime.PCI_DSS ? "PCI-DSS" : regime.name();
  }

  private static String format(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
