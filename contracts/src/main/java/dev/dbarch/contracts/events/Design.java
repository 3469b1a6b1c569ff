package dev.dbarch.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.List;

/**
 * The machine-readable part of a decision: what it fixes of the design, in a small closed
 * vocabulary. The prose of a {@link Decision} is for people and may be reworded at any time; other
 * services (the report's conflict rules, the revision diff, the dashboard) read these values only,
 * so a rewording can never switch a check off. Every field is optional: a decision sets the ones it
 * decides and leaves the rest {@code null}.
 *
 * @param engine the database engine underneath the chosen technology
 * @param engineVersion its major version as the vendor numbers it ({@code 17}, {@code 8.4})
 * @param hosting who runs the servers
 * @param cloud the provider, when the hosting is tied to one
 * @param replication how copies of the data are kept
 * @param pooler what multiplexes client connections
 * @param cache the cache in front of the database
 * @param partitioning how the largest tables or the data set are split
 * @param tier the recovery tier the system is built to ({@code 1} critical … {@code 3})
 * @param encryptionAtRest whether storage encryption is planned
 * @param migration how data moves to the target
 */
public record Design(
    Engine engine,
    String engineVersion,
    Hosting hosting,
    Cloud cloud,
    Replication replication,
    Pooler pooler,
    Cache cache,
    Partitioning partitioning,
    Integer tier,
    Boolean encryptionAtRest,
    MigrationMode migration) {

  /** Nothing decided. */
  public static final Design NONE =
      new Design(null, null, null, null, null, null, null, null, null, null, null);

  public static Design engine(Engine engine, String version) {
    return NONE.withEngine(engine, version);
  }

  public Design withEngine(Engine value, String version) {
    return new Design(
        value,
        version,
        hosting,
        cloud,
        replication,
        pooler,
        cache,
        partitioning,
        tier,
        encryptionAtRest,
        migration);
  }

  public Design withHosting(Hosting value, Cloud provider) {
    return new Design(
        engine,
        engineVersion,
        value,
        provider,
        replication,
        pooler,
        cache,
        partitioning,
        tier,
        encryptionAtRest,
        migration);
  }

  public static Design replication(Replication value) {
    return new Design(null, null, null, null, value, null, null, null, null, null, null);
  }

  public static Design pooler(Pooler value) {
    return new Design(null, null, null, null, null, value, null, null, null, null, null);
  }

  public static Design cache(Cache value) {
    return new Design(null, null, null, null, null, null, value, null, null, null, null);
  }

  public static Design partitioning(Partitioning value) {
    return new Design(null, null, null, null, null, null, null, value, null, null, null);
  }

  public static Design tier(int value) {
    return new Design(null, null, null, null, null, null, null, null, value, null, null);
  }

  public static Design encryptionAtRest(boolean value) {
    return new Design(null, null, null, null, null, null, null, null, null, value, null);
  }

  public static Design migration(MigrationMode value) {
    return new Design(null, null, null, null, null, null, null, null, null, null, value);
  }

  /** Whether no value is set. */
  @JsonIgnore
  public boolean isEmpty() {
    return equals(NONE);
  }

  /**
   * The set values as {@code name=value} pairs in declaration order, e.g. {@code engine=POSTGRESQL,
   * engineVersion=17}: what the revision diff compares and shows.
   */
  public String canonical() {
    List<String> parts = new ArrayList<>();
    add(parts, "engine", engine);
    add(parts, "engineVersion", engineVersion);
    add(parts, "hosting", hosting);
    add(parts, "cloud", cloud);
    add(parts, "replication", replication);
    add(parts, "pooler", pooler);
    add(parts, "cache", cache);
    add(parts, "partitioning", partitioning);
    add(parts, "tier", tier);
    add(parts, "encryptionAtRest", encryptionAtRest);
    add(parts, "migration", migration);
    return String.join(", ", parts);
  }

  /**
   * What differs between this and {@code after}, value by value, as {@code name: before → after}
   * ({@code none} for an unset value), in declaration order.
   */
  public List<String> changesTo(Design after) {
    Design next = after == null ? NONE : after;
    List<String> out = new ArrayList<>();
    diff(out, "engine", engine, next.engine);
    diff(out, "engineVersion", engineVersion, next.engineVersion);
    diff(out, "hosting", hosting, next.hosting);
    diff(out, "cloud", cloud, next.cloud);
    diff(out, "replication", replication, next.replication);
    diff(out, "pooler", pooler, next.pooler);
    diff(out, "cache", cache, next.cache);
    diff(out, "partitioning", partitioning, next.partitioning);
    diff(out, "tier", tier, next.tier);
    diff(out, "encryptionAtRest", encryptionAtRest, next.encryptionAtRest);
    diff(out, "migration", migration, next.migration);
    return out;
  }

  private static void diff(List<String> out, String name, Object before, Object after) {
    if (!java.util.Objects.equals(before, after)) {
      out.add(
          name
              + ": "
              + (before == null ? "none" : before)
              + " → "
              + (after == null ? "none" : after));
    }
  }

  private static void add(List<String> parts, String name, Object value) {
    if (value != null) {
      parts.add(name + "=" + value);
    }
  }

  /** Overlays {@code other}'s set values on this one (later decisions refine earlier ones). */
  public Design merge(Design other) {
    if (other == null) {
      return this;
    }
    return new Design(
        other.engine != null ? other.engine : engine,
        other.engineVersion != null ? other.engineVersion : engineVersion,
        other.hosting != null ? other.hosting : hosting,
        other.cloud != null ? other.cloud : cloud,
        other.replication != null ? other.replication : replication,
        other.pooler != null ? other.pooler : pooler,
        other.cache != null ? other.cache : cache,
        other.partitioning != null ? other.partitioning : partitioning,
        other.tier != null ? other.tier : tier,
        other.encryptionAtRest != null ? other.encryptionAtRest : encryptionAtRest,
        other.migration != null ? other.migration : migration);
  }

  /** The engine underneath a technology (an Aurora PostgreSQL service is {@code POSTGRESQL}). */
  public enum Engine {
    POSTGRESQL,
    MYSQL,
    MARIADB,
    SQL_SERVER,
    ORACLE,
    COCKROACHDB,
    MONGODB,
    DYNAMODB,
    CASSANDRA,
    SCYLLADB,
    INFLUXDB,
    PINECONE,
    MILVUS,
    NEO4J,
    NEPTUNE,
    OPENSEARCH,
    REDIS;

    /** Engines that spread one data set over many nodes by design. */
    public boolean distributed() {
      return this == COCKROACHDB || this == CASSANDRA || this == SCYLLADB || this == DYNAMODB;
    }
  }

  public enum Hosting {
    /** The team runs the servers (VMs, Kubernetes, on premises). */
    SELF_MANAGED,
    /** A provider runs provisioned instances (RDS, Cloud SQL, Aurora, Atlas). */
    MANAGED,
    /** A provider scales capacity with the load, possibly to zero (Aurora Serverless, Neon). */
    SERVERLESS
  }

  public enum Cloud {
    AWS,
    GCP,
    AZURE,
    ANY
  }

  public enum Replication {
    NONE,
    /** A synchronous standby in another zone (Multi-AZ, Patroni with synchronous commit). */
    SYNC_STANDBY,
    /** Asynchronous streaming to standbys or read replicas in the same region. */
    ASYNC_REPLICAS,
    /** Asynchronous replication to another region (Aurora Global, cross-region replicas). */
    CROSS_REGION_ASYNC,
    /** Quorum commits (Raft/Paxos), possibly across regions. */
    CONSENSUS
  }

  public enum Pooler {
    NONE,
    /** The application's own pool only. */
    APPLICATION,
    PGBOUNCER,
    RDS_PROXY,
    PROXYSQL,
    /** The provider's pooled endpoint (Neon, Supabase, Azure built-in PgBouncer). */
    PROVIDER
  }

  public enum Cache {
    NONE,
    REDIS
  }

  public enum Partitioning {
    NONE,
    /** Declarative range partitions by time inside one server. */
    RANGE_TIME,
    HASH,
    /** Horizontal sharding is planned for when one server is outgrown. */
    SHARDING_PLANNED,
    /**
     * The data is spread over shards or nodes from the start (Citus, Vitess, a distributed engine).
     */
    SHARDED
  }

  public enum MigrationMode {
    /** Nothing to migrate: a new system. */
    NONE,
    /** Stop writes, copy, switch. */
    OFFLINE,
    /** Initial load and change data capture until cutover. */
    CDC,
    /** The application writes both stores during the transition. */
    DUAL_WRITE
  }
}
