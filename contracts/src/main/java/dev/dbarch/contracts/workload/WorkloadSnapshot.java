package dev.dbarch.contracts.workload;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.dbarch.contracts.SystemKey;
import dev.dbarch.contracts.requirements.ServerSettings;
import dev.dbarch.contracts.requirements.StatementStats;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a monitored database was doing, read from its statistics views: the heaviest statements,
 * table and index activity, buffer cache and temporary files, sessions and settings. Counters are
 * cumulative as the engine keeps them; the ratios are over the interval since the previous snapshot
 * (or since the statistics were reset, on the first). Key: {@link SystemKey} ({@code
 * tenant/systemId}); the topic is compacted.
 *
 * @param tenant the tenant that owns the system; a v1 record without one belongs to {@value
 *     SystemKey#DEFAULT_TENANT}
 * @param registrationId the monitor registration that read it; intervals compare only within one
 * @param sequence 1, 2, 3… per registration
 * @param intervalSeconds time since the previous snapshot; {@code null} on the first
 * @param limitations what could not be read and why, e.g. pg_stat_statements not installed
 * @param statements the heaviest statements by total time, cumulative counters
 * @param topStatements query ids of the statements that took the most time over the interval,
 *     heaviest first
 * @param activity buffer cache, temporary files, deadlocks and transactions of the database
 * @param indexAdvice candidate indexes, checked against the planner with HypoPG when it is there
 */
public record WorkloadSnapshot(
    String tenant,
    String systemId,
    String registrationId,
    long sequence,
    Instant capturedAt,
    SchemaSnapshot.Engine engine,
    String database,
    Double intervalSeconds,
    List<String> limitations,
    List<StatementStats> statements,
    List<String> topStatements,
    DatabaseActivity activity,
    List<TableActivity> tables,
    List<IndexActivity> indexes,
    Sessions sessions,
    ServerSettings settings,
    List<IndexAdvice> indexAdvice) {

  /** A snapshot of the default tenant, as the readers produce it before intake names the tenant. */
  public WorkloadSnapshot(
      String systemId,
      String registrationId,
      long sequence,
      Instant capturedAt,
      SchemaSnapshot.Engine engine,
      String database,
      Double intervalSeconds,
      List<String> limitations,
      List<StatementStats> statements,
      List<String> topStatements,
      DatabaseActivity activity,
      List<TableActivity> tables,
      List<IndexActivity> indexes,
      Sessions sessions,
      ServerSettings settings,
      List<IndexAdvice> indexAdvice) {
    this(
        SystemKey.DEFAULT_TENANT,
        systemId,
        registrationId,
        sequence,
        capturedAt,
        engine,
        database,
        intervalSeconds,
        limitations,
        statements,
        topStatements,
        activity,
        tables,
        indexes,
        sessions,
        settings,
        indexAdvice);
  }

  public WorkloadSnapshot {
    tenant = SystemKey.tenantOrDefault(tenant);
    Objects.requireNonNull(systemId, "systemId");
    Objects.requireNonNull(engine, "engine");
    limitations = List.copyOf(Objects.requireNonNullElse(limitations, List.of()));
    statements = List.copyOf(Objects.requireNonNullElse(statements, List.of()));
    topStatements = List.copyOf(Objects.requireNonNullElse(topStatements, List.of()));
    tables = List.copyOf(Objects.requireNonNullElse(tables, List.of()));
    indexes = List.copyOf(Objects.requireNonNullElse(indexes, List.of()));
    indexAdvice = List.copyOf(Objects.requireNonNullElse(indexAdvice, List.of()));
  }

  /** The same snapshot with the index advice measured on the live database. */
  public WorkloadSnapshot withIndexAdvice(List<IndexAdvice> advice) {
    return new WorkloadSnapshot(
        tenant,
        systemId,
        registrationId,
        sequence,
        capturedAt,
        engine,
        database,
        intervalSeconds,
        limitations,
        statements,
        topStatements,
        activity,
        tables,
        indexes,
        sessions,
        settings,
        advice);
  }

  /** The same snapshot, owned by {@code owner}. */
  public WorkloadSnapshot withTenant(String owner) {
    return new WorkloadSnapshot(
        owner,
        systemId,
        registrationId,
        sequence,
        capturedAt,
        engine,
        database,
        intervalSeconds,
        limitations,
        statements,
        topStatements,
        activity,
        tables,
        indexes,
        sessions,
        settings,
        indexAdvice);
  }

  /** The record's Kafka key. */
  @JsonIgnore
  public SystemKey systemKey() {
    return SystemKey.of(tenant, systemId);
  }

  /**
   * Database-wide counters ({@code pg_stat_database}; MySQL: global status).
   *
   * @param cacheHitRatio blocks found in the buffer cache over blocks requested, over the interval
   *     (cumulative on the first snapshot); {@code null} when nothing was read
   * @param tempBytes bytes written to temporary files by sorts and hashes that did not fit
   */
  public record DatabaseActivity(
      long blocksHit,
      long blocksRead,
      Double cacheHitRatio,
      long tempFiles,
      long tempBytes,
      long deadlocks,
      long commits,
      long rollbacks) {}

  /**
   * One table's access counters ({@code pg_stat_user_tables}).
   *
   * @param seqRowsRead rows read by sequential scans
   * @param writes rows inserted, updated and deleted
   * @param seqScanRatio sequential scans over all scans, over the interval (cumulative on the first
   *     snapshot); {@code null} when the table was not scanned
   */
  public record TableActivity(
      String schema,
      String name,
      long liveRows,
      long sizeBytes,
      long seqScans,
      long seqRowsRead,
      long indexScans,
      long writes,
      Double seqScanRatio) {

    public String qualifiedName() {
      return schema == null || schema.isEmpty() ? name : schema + "." + name;
    }
  }

  /**
   * One index's use ({@code pg_stat_user_indexes}).
   *
   * @param unique unique or primary: it enforces a constraint, so it is never proposed for removal
   */
  public record IndexActivity(
      String schema,
      String table,
      String name,
      long scans,
      long sizeBytes,
      boolean unique,
      String definition) {}

  /**
   * Sessions ({@code pg_stat_activity}; MySQL: the process list and InnoDB transactions).
   *
   * @param longest the sessions with the oldest open transactions, oldest first (no query text: it
   *     can hold literal values)
   */
  public record Sessions(int total, int active, int idleInTransaction, List<Session> longest) {
    public Sessions {
      longest = List.copyOf(Objects.requireNonNullElse(longest, List.of()));
    }
  }

  /**
   * A session with an open transaction.
   *
   * @param state {@code active}, {@code idle in transaction}, …
   * @param transactionSeconds age of its open transaction
   * @param stateSeconds time in its current state
   */
  public record Session(
      String user,
      String applicationName,
      String state,
      double transactionSeconds,
      double stateSeconds) {}
}
