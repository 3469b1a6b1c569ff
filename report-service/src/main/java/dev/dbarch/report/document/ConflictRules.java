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
import dev.dbarch.contracts.rules.Rule;
import dev.dbarch.contracts.rules.RuleBook;
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
 *
 * <p>Every rule is an object in one registry, {@link #ALL}: its registered {@link Rule} (id, what
 * it decides as {@code docs/rules/report.md} says it, when it applies) and how it judges one
 * document. {@link #BOOK} is the same set as a {@link RuleBook}, which the catalogue and firing
 * tests hold against the docs and against inputs.
 */
public final class ConflictRules {

  /**
   * Round trip between distant regions; a synchronous cross-region commit cannot be faster. The
   * upper end of the shared range: the same figure the resilience section judges by.
   */
  static final double CROSS_REGION_RTT_MS = Thresholds.DEFAULTS.crossRegionRttMaxMs();

  /** Bulk copy rate assumed for an offline migration when nothing better is known. */
  static final double BULK_COPY_GB_PER_HOUR = 100;

  /** How one conflict rule judges a document; {@code id} is its registered id. */
  @FunctionalInterface
  public interface Check {
    Optional<Risk> evaluate(String id, Requirements req, Map<Section, SectionVerdict> verdicts);
  }

  /** One registered conflict rule: what the catalogue says of it, and its check. */
  public record ConflictRule(Rule rule, Check check) {

    public String id() {
      return rule.id();
    }

    /** The conflict this rule finds in the document, if any; always under the rule's own id. */
    public Optional<Risk> evaluate(Requirements req, Map<Section, SectionVerdict> verdicts) {
      return check.evaluate(rule.id(), req, verdicts);
    }
  }

  private static ConflictRule rule(String id, String decides, String appliesWhen, Check check) {
    return new ConflictRule(
        new Rule(id, Heading.RISKS_AND_MITIGATIONS, decides, appliesWhen), check);
  }

  /** Every conflict rule, in catalogue order. */
  public static final List<ConflictRule> ALL =
      List.of(
          rule(
              "RPT-CONF-001",
              "Zero data loss across regions against a write latency target below a cross-region"
                  + " round trip",
              "multi-region, RPO 0 and a p99 write target below the cross-region round trip",
              (id, req, verdicts) -> syncReplicationAcrossRegions(id, req)),
          rule(
              "RPT-CONF-002",
              "A serverless runtime or database without an external connection pooler",
              "a serverless deployment or database, and the performance section plans no shared"
                  + " pooler",
              ConflictRules::serverlessWithoutPooler),
          rule(
              "RPT-CONF-003",
              "Sharding or a distributed database below one server's limits",
              "data and peak QPS within one server's limits, one region, and a distributed or"
                  + " sharded store chosen or sharding planned",
              ConflictRules::distributedBelowThresholds),
          rule(
              "RPT-CONF-004",
              "Encryption at rest required by the regime but planned by no section",
              "HIPAA or PCI-DSS applies and the security section plans no encryption at rest",
              ConflictRules::encryptionMissing),
          rule(
              "RPT-CONF-005",
              "A migration window shorter than an offline copy of the data, with no continuous"
                  + " sync",
              "the downtime window is shorter than the bulk copy of the current data and the"
                  + " migration plans neither CDC nor dual writes",
              ConflictRules::migrationWindowTooShort));

  /** The report's own rules as a rule book: what it may emit under its own ids. */
  public static final RuleBook BOOK =
      RuleBook.of("report conflicts", ALL.stream().map(ConflictRule::rule).toList());

  private ConflictRules() {}

  public static List<Risk> check(Requirements req, Map<Section, SectionVerdict> verdicts) {
    List<Risk> conflicts = new ArrayList<>();
    if (req == null) {
      return conflicts;
    }
    for (ConflictRule rule : ALL) {
      rule.evaluate(req, verdicts).ifPresent(conflicts::add);
    }
    return conflicts;
  }

  /** RPT-CONF-001: zero data loss across regions against a write latency below a round trip. */
  static Optional<Risk> syncReplicationAcrossRegions(String id, Requirements req) {
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
            id,
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
      String id, Requirements req, Map<Section, SectionVerdict> verdicts) {
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
            id,
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
      String id, Requirements req, Map<Section, SectionVerdict> verdicts) {
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
            id,
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
  static Optional<Risk> encryptionMissing(
      String id, Requirements req, Map<Section, SectionVerdict> verdicts) {
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
            id,
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
      String id, Requirements req, Map<Section, SectionVerdict> verdicts) {
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
            id,
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
