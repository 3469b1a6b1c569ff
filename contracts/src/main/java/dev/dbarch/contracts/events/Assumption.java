package dev.dbarch.contracts.events;

import dev.dbarch.contracts.requirements.Availability;
import dev.dbarch.contracts.requirements.Compliance;
import dev.dbarch.contracts.requirements.CurrentState;
import dev.dbarch.contracts.requirements.DataShape;
import dev.dbarch.contracts.requirements.Diagnostics;
import dev.dbarch.contracts.requirements.Latency;
import dev.dbarch.contracts.requirements.Platform;
import dev.dbarch.contracts.requirements.Requirements;
import dev.dbarch.contracts.requirements.Scale;
import dev.dbarch.contracts.requirements.Workload;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A fact a rule needed and did not get: what was assumed in its place, and the question that would
 * settle it.
 *
 * @param about which fact it is, from a closed vocabulary, so that the report and the tests can
 *     tell two sections assuming the same fact, or assuming one the requirements give or another
 *     section decided, without reading the prose ({@code null} on v3 records and where a rule does
 *     not name one)
 */
public record Assumption(String ruleId, String fact, String assumed, String question, About about) {

  /** An assumption that names no fact of the vocabulary (and every v3 record). */
  public Assumption(String ruleId, String fact, String assumed, String question) {
    this(ruleId, fact, assumed, question, null);
  }

  /**
   * The facts a rule may assume, each with the requirements field that states it and, where a
   * section decides it, the typed {@link Design} value that fixes it.
   */
  public enum About {
    WORKLOAD_TYPE(r -> workload(r).map(Workload::type)),
    READ_WRITE_RATIO(r -> workload(r).map(Workload::readWriteRatio)),
    ACID_TRANSACTIONS(r -> workload(r).map(Workload::acidTransactions)),
    LONG_RUNNING_TRANSACTIONS(r -> workload(r).map(Workload::longRunningTransactions)),
    /** Today's volume or the 12-month forecast. */
    DATA_VOLUME(
        r ->
            scale(r)
                .map(Scale::dataVolumeGbIn12Months)
                .or(() -> scale(r).map(Scale::dataVolumeGb))),
    /** Both the volume and the peak rate, which one rule weighs together. */
    DATA_VOLUME_AND_PEAK_RATE(
        r -> DATA_VOLUME.stated(r) ? workload(r).map(Workload::peakQps) : Optional.empty()),
    /** The key a large table is partitioned by (per subject: the table). */
    PARTITION_KEY(r -> Optional.empty()),
    TABLE_SIZES(r -> scale(r).map(Scale::tableRows).filter(m -> !m.isEmpty())),
    /** Whether the data is relational (related tables with a fixed schema). */
    DATA_SHAPE(r -> Optional.ofNullable(r.dataShape()).map(DataShape::relational)),
    /** How entities relate in a document or key-value model (per subject: the pair). */
    RELATIONSHIPS(r -> Optional.empty()),
    VECTOR_DIMENSIONS(r -> Optional.ofNullable(r.dataShape()).map(DataShape::vectorDimensions)),
    VECTOR_COUNT(r -> Optional.empty()),
    CONSISTENCY(r -> Optional.ofNullable(r.consistency()).map(c -> c.level())),
    LATENCY_TARGETS(
        r ->
            Optional.ofNullable(r.latency())
                .filter(l -> l.p99ReadMs() != null && l.p99WriteMs() != null)),
    WRITE_LATENCY_TARGET(r -> Optional.ofNullable(r.latency()).map(Latency::p99WriteMs)),
    RPO(r -> availability(r).map(Availability::rpoSeconds)),
    RTO(r -> availability(r).map(Availability::rtoMinutes)),
    MULTI_REGION(r -> availability(r).map(Availability::multiRegion)),
    AUTOMATIC_FAILOVER(r -> availability(r).map(Availability::automaticFailover)),
    COMPLIANCE_REGIMES(r -> compliance(r).map(Compliance::regimes)),
    SENSITIVE_FIELDS(r -> compliance(r).map(Compliance::sensitiveFields).filter(nonEmpty())),
    MULTI_TENANCY(r -> compliance(r).map(Compliance::multiTenancy)),
    CLOUD(
        r -> platform(r).map(Platform::cloud),
        d -> d.cloud() != null && d.cloud() != Design.Cloud.ANY),
    MANAGED_PREFERENCE(r -> platform(r).map(Platform::managedPreferred)),
    VENDOR_LOCK_IN(r -> platform(r).map(Platform::vendorLockInConcern)),
    DEPLOYMENT(r -> platform(r).map(Platform::deployment)),
    SQL_PROFICIENCY(r -> platform(r).map(Platform::sqlProficiency)),
    OPS_EXPERTISE(r -> platform(r).map(Platform::opsExpertise)),
    EXISTING_DATABASES(r -> platform(r).map(Platform::existingDatabases).filter(nonEmpty())),
    ACCESS_PATTERNS(r -> Optional.ofNullable(r.accessPatterns()).filter(nonEmpty())),
    /** The SQL or structure of one given access pattern (per subject: the pattern). */
    ACCESS_PATTERN_DETAIL(r -> Optional.empty()),
    /** How many distinct values indexed columns hold; no requirements field states it. */
    COLUMN_SELECTIVITY(r -> Optional.empty()),
    SERVER_CPU_CORES(r -> Optional.ofNullable(r.diagnostics()).map(Diagnostics::cpuCores)),
    /** What a monitored database's statistics would have shown (per subject: the database). */
    LIVE_STATISTICS(r -> Optional.empty()),
    SOURCE_PLATFORM(r -> current(r).map(CurrentState::sourcePlatform).filter(s -> !s.isBlank())),
    /** Where the data moves to: stated as the target platform, decided as the chosen engine. */
    TARGET_PLATFORM(
        r -> current(r).map(CurrentState::targetPlatform).filter(s -> !s.isBlank()),
        d -> d.engine() != null),
    /** The engine that holds the data: stated by a submitted schema's dialect, or decided. */
    ENGINE(r -> Optional.ofNullable(r.schema()).map(s -> s.dialect()), d -> d.engine() != null),
    DOWNTIME_TOLERANCE(r -> current(r).map(CurrentState::downtimeToleranceMinutes)),
    /** How heavily stored procedures are used (a bare count does not say). */
    STORED_PROCEDURES(r -> current(r).map(CurrentState::heavyStoredProcedures));

    private final Function<Requirements, Optional<?>> stated;
    private final Predicate<Design> decided;

    About(Function<Requirements, Optional<?>> stated) {
      this(stated, d -> false);
    }

    About(Function<Requirements, Optional<?>> stated, Predicate<Design> decided) {
      this.stated = stated;
      this.decided = decided;
    }

    /** Whether {@code requirements} give this fact, so no rule needs to assume it. */
    public boolean stated(Requirements requirements) {
      return requirements != null && stated.apply(requirements).isPresent();
    }

    /**
     * Whether the fact is one of a kind, told apart by its subject (which access pattern, which
     * relationship, which database): two assumptions about it are the same fact only when their
     * {@code fact} text is the same too.
     */
    public boolean perSubject() {
      return this == ACCESS_PATTERN_DETAIL
          || this == RELATIONSHIPS
          || this == LIVE_STATISTICS
          || this == PARTITION_KEY;
    }

    /** Whether {@code design} fixes this fact (only engine, target and cloud are decided). */
    public boolean decided(Design design) {
      return design != null && decided.test(design);
    }

    private static Optional<Workload> workload(Requirements r) {
      return Optional.ofNullable(r.workload());
    }

    private static Optional<Scale> scale(Requirements r) {
      return Optional.ofNullable(r.scale());
    }

    private static Optional<Availability> availability(Requirements r) {
      return Optional.ofNullable(r.availability());
    }

    private static Optional<Compliance> compliance(Requirements r) {
      return Optional.ofNullable(r.compliance());
    }

    private static Optional<Platform> platform(Requirements r) {
      return Optional.ofNullable(r.platform());
    }

    private static Optional<CurrentState> current(Requirements r) {
      return Optional.ofNullable(r.currentState());
    }

    private static <T> Predicate<T> nonEmpty() {
      return v ->
          !(v instanceof Collection<?> c && c.isEmpty())
              && !(v instanceof Map<?, ?> m && m.isEmpty());
    }
  }
}
