package dev.dbarch.contracts.profile;

import dev.dbarch.contracts.events.Design;
import dev.dbarch.contracts.requirements.AccessPattern;
import dev.dbarch.contracts.requirements.Availability;
import dev.dbarch.contracts.requirements.Consistency;
import dev.dbarch.contracts.requirements.DataShape;
import dev.dbarch.contracts.requirements.Latency;
import dev.dbarch.contracts.requirements.Platform;
import dev.dbarch.contracts.requirements.Requirements;
import dev.dbarch.contracts.requirements.Workload;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The primary database a request is designed around and where it runs: the seed's selection
 * framework as a pure function of the request (and of the monitored database, when there is one).
 * Selection explains this choice in prose; every other section reads it from here, so no section
 * sizes a server, names tools or plans failover for a technology the document did not choose.
 *
 * <p>Deterministic and without side effects: five services derive it on their own and agree. The
 * order of the checks is the order selection's rules document (docs/rules/selection.md): a wide-
 * column store for eventual writes past one primary (SEL-WIDE-001), then relational (SEL-GLOBAL-001
 * across regions, SEL-REL-001 and the cloud-native services SEL-CLOUD-001..003), documents
 * (SEL-DOC-001), time series (SEL-TS-001), graphs (SEL-GRAPH-001) and vectors (SEL-VEC-001); the
 * hosting follows SEL-HOST-001/002.
 *
 * @param product the primary store, engine and version
 * @param hosting who runs its servers
 * @param cloud the provider it runs on, when the hosting is tied to one (null when not decided)
 */
public record ChosenTechnology(Product product, Design.Hosting hosting, Design.Cloud cloud) {

  /** Ours: a peak this many times the average counts as variable, unpredictable load. */
  public static final double VARIABLE_PEAK_TO_AVERAGE = 10;

  /**
   * The technologies a primary (or a companion) store can be, each with the name and version the
   * document shows. Versions live here and only here: moving to a new release is a one-line change.
   */
  public enum Product {
    POSTGRESQL("PostgreSQL 17", Design.Engine.POSTGRESQL, "17", null, null),
    MYSQL("MySQL 8.4 LTS", Design.Engine.MYSQL, "8.4", null, null),
    AURORA_GLOBAL(
        "Amazon Aurora PostgreSQL 17 Global Database",
        Design.Engine.POSTGRESQL,
        "17",
        Design.Hosting.MANAGED,
        Design.Cloud.AWS),
    AURORA_POSTGRESQL(
        "Amazon Aurora PostgreSQL 17",
        Design.Engine.POSTGRESQL,
        "17",
        Design.Hosting.MANAGED,
        Design.Cloud.AWS),
    AURORA_MYSQL(
        "Amazon Aurora MySQL 3 (MySQL 8.0-compatible)",
        Design.Engine.MYSQL,
        "8.0",
        Design.Hosting.MANAGED,
        Design.Cloud.AWS),
    AURORA_SERVERLESS(
        "Amazon Aurora Serverless v2 (PostgreSQL 17-compatible)",
        Design.Engine.POSTGRESQL,
        "17",
        Design.Hosting.SERVERLESS,
        Design.Cloud.AWS),
    NEON(
        "Neon (serverless PostgreSQL 17)",
        Design.Engine.POSTGRESQL,
        "17",
        Design.Hosting.SERVERLESS,
        Design.Cloud.ANY),
    PLANETSCALE(
        "PlanetScale (Vitess 21, MySQL 8.0-compatible)",
        Design.Engine.MYSQL,
        "8.0",
        Design.Hosting.MANAGED,
        Design.Cloud.ANY),
    COCKROACHDB("CockroachDB 25.2", Design.Engine.COCKROACHDB, "25.2", null, null),
    MONGODB("MongoDB 8.0", Design.Engine.MONGODB, "8.0", null, null),
    DYNAMODB(
        "Amazon DynamoDB (API 2012-08-10)",
        Design.Engine.DYNAMODB,
        null,
        Design.Hosting.SERVERLESS,
        Design.Cloud.AWS),
    CASSANDRA("Apache Cassandra 5.0", Design.Engine.CASSANDRA, "5.0", null, null),
    SCYLLADB("ScyllaDB 2025.1", Design.Engine.SCYLLADB, "2025.1", null, null),
    TIMESCALEDB("TimescaleDB 2 on PostgreSQL 17", Design.Engine.POSTGRESQL, "17", null, null),
    INFLUXDB("InfluxDB 3", Design.Engine.INFLUXDB, "3", null, null),
    PGVECTOR("PostgreSQL 17 with pgvector 0.8", Design.Engine.POSTGRESQL, "17", null, null),
    PINECONE(
        "Pinecone serverless (API 2025-04)",
        Design.Engine.PINECONE,
        null,
        Design.Hosting.SERVERLESS,
        Design.Cloud.ANY),
    MILVUS("Milvus 2.5", Design.Engine.MILVUS, "2.5", null, null),
    NEO4J("Neo4j 5", Design.Engine.NEO4J, "5", null, null),
    NEPTUNE(
        "Amazon Neptune 1.4",
        Design.Engine.NEPTUNE,
        "1.4",
        Design.Hosting.MANAGED,
        Design.Cloud.AWS),
    OPENSEARCH("OpenSearch 2", Design.Engine.OPENSEARCH, "2", null, null),
    REDIS("Redis 7", Design.Engine.REDIS, "7", null, null);

    private final String label;
    private final Design.Engine engine;
    private final String version;
    private final Design.Hosting serviceHosting;
    private final Design.Cloud serviceCloud;

    Product(
        String label,
        Design.Engine engine,
        String version,
        Design.Hosting serviceHosting,
        Design.Cloud serviceCloud) {
      this.label = label;
      this.engine = engine;
      this.version = version;
      this.serviceHosting = serviceHosting;
      this.serviceCloud = serviceCloud;
    }

    /** The name and version as the document shows it. */
    public String label() {
      return label;
    }

    public Design.Engine engine() {
      return engine;
    }

    /** The major version as the vendor numbers it; null for a versionless service API. */
    public String version() {
      return version;
    }

    /** Offered only as one provider's service: the hosting comes with the product. */
    public boolean serviceOnly() {
      return serviceHosting != null;
    }

    /**
     * What choosing this product fixes, as typed values: the engine and its version, and for a
     * service offered by one provider only, its hosting (and what the service implies: Aurora
     * Global replicates across regions, PlanetScale shards).
     */
    public Design design() {
      Design d = Design.engine(engine, version);
      if (serviceHosting != null) {
        d = d.withHosting(serviceHosting, serviceCloud);
      }
      if (this == AURORA_GLOBAL) {
        d = d.merge(Design.replication(Design.Replication.CROSS_REGION_ASYNC));
      }
      if (this == PLANETSCALE) {
        d = d.merge(Design.partitioning(Design.Partitioning.SHARDED));
      }
      return d;
    }

    /** A PostgreSQL server underneath, so PostgreSQL tools, extensions and poolers apply. */
    public boolean postgres() {
      return engine == Design.Engine.POSTGRESQL;
    }

    /** A MySQL server underneath. */
    public boolean mysql() {
      return engine == Design.Engine.MYSQL;
    }
  }

  /**
   * The engine, version, hosting and cloud as one typed value: what selection's "Primary database"
   * and "Hosting" decisions carry together.
   */
  public Design design() {
    Design d = product.design();
    return product.serviceOnly() ? d : d.withHosting(hosting, cloud);
  }

  /**
   * The service or setup the primary runs on, as a reader would name it (no article): "Amazon RDS
   * for PostgreSQL", "Amazon Aurora PostgreSQL 17", "self-managed PostgreSQL 17".
   */
  public String service() {
    if (product.serviceOnly()) {
      return product.label();
    }
    if (hosting == Design.Hosting.SELF_MANAGED) {
      return "self-managed " + product.label();
    }
    if (cloud != null && (product.postgres() || product.mysql())) {
      String engine = product.postgres() ? "PostgreSQL" : "MySQL";
      return switch (cloud) {
        case AWS -> "Amazon RDS for " + engine;
        case GCP -> "Cloud SQL for " + engine;
        case AZURE -> "Azure Database for " + engine + " flexible server";
        case ANY -> "managed " + product.label();
      };
    }
    return "managed " + product.label();
  }

  /** The primary runs on servers (instances or nodes) whose size someone picks. */
  public boolean sizedServers() {
    return hosting != Design.Hosting.SERVERLESS;
  }

  /** The choice for {@code profile}'s request. */
  static ChosenTechnology of(Requirements req, SystemProfile profile) {
    In in = new In(req, profile);
    Product product = primary(in);
    if (product.serviceOnly()) {
      return new ChosenTechnology(product, product.serviceHosting, product.serviceCloud);
    }
    Platform.Cloud cloud = in.platform().cloud();
    if (in.wantsManaged() && cloud != Platform.Cloud.ON_PREM) {
      return new ChosenTechnology(
          product,
          Design.Hosting.MANAGED,
          cloud == null ? null : Design.Cloud.valueOf(cloud.name()));
    }
    return new ChosenTechnology(product, Design.Hosting.SELF_MANAGED, null);
  }

  private static Product primary(In in) {
    Product wide = wideColumn(in);
    if (wide != null) {
      return wide;
    }
    DataShape shape = in.shape();
    if (in.relational()) {
      return yes(in.availability().multiRegion()) ? global(in) : relational(in);
    }
    if (yes(shape.flexibleDocuments()) || yes(shape.keyValue())) {
      boolean dynamoFits =
          in.platform().deployment() == Platform.Deployment.SERVERLESS || yes(shape.keyValue());
      return dynamoFits && in.platform().cloud() == Platform.Cloud.AWS && !in.lockInConcern()
          ? Product.DYNAMODB
          : Product.MONGODB;
    }
    if (yes(shape.timeSeries())) {
      return in.platform().sqlProficiency() == Platform.Level.LOW && !yes(shape.relational())
          ? Product.INFLUXDB
          : Product.TIMESCALEDB;
    }
    if (yes(shape.graphTraversals())) {
      return in.platform().cloud() == Platform.Cloud.AWS && in.wantsManaged() && !in.lockInConcern()
          ? Product.NEPTUNE
          : Product.NEO4J;
    }
    if (in.runs("postgres") || in.platform().budgetSensitivity() == Platform.Level.HIGH) {
      return Product.PGVECTOR;
    }
    return in.wantsManaged() && !in.lockInConcern() ? Product.PINECONE : Product.MILVUS;
  }

  /** SEL-WIDE-001: eventual writes past one primary go to Cassandra or ScyllaDB. */
  private static Product wideColumn(In in) {
    Double writes = in.profile().peakWritesPerSecond();
    if (writes == null || writes < in.profile().thresholds().highWritesPerSecond()) {
      return null;
    }
    Consistency.Level level = in.consistency().level();
    if (level == null && in.perArea().isEmpty()) {
      return null;
    }
    boolean eventualAccepted =
        level != Consistency.Level.STRONG
            && !in.perArea().containsValue(Consistency.Level.STRONG)
            && !yes(in.workload().acidTransactions());
    if (!eventualAccepted) {
      return null;
    }
    // The seed's veto: a wide-column store answers one query per table and joins nothing, so
    // data whose queries join related tables keeps SQL, spread over nodes (SEL-CLOUD-002).
    if (joinsNeeded(in.shape(), in.req().accessPatterns())) {
      return null;
    }
    Double p99 = tightestP99(in.latency());
    boolean tight = p99 != null && p99 <= in.profile().thresholds().tightP99Ms();
    boolean budget = in.platform().budgetSensitivity() == Platform.Level.HIGH;
    return tight || budget ? Product.SCYLLADB : Product.CASSANDRA;
  }

  /** Relationships this deep or deeper are read with joins (the seed's "complex joins"). */
  public static final int JOIN_DEPTH = 3;

  private static final Pattern SQL_JOIN = Pattern.compile("(?i)\\bjoin\\b");

  /**
   * Whether the data is read with joins: relationships {@link #JOIN_DEPTH} or more levels deep, or
   * an access pattern that joins tables (its {@code joins}, or a JOIN in its SQL).
   */
  public static boolean joinsNeeded(DataShape shape, List<AccessPattern> patterns) {
    if (shape != null
        && shape.relationshipDepth() != null
        && shape.relationshipDepth() >= JOIN_DEPTH) {
      return true;
    }
    if (patterns == null) {
      return false;
    }
    for (AccessPattern pattern : patterns) {
      if (pattern == null) {
        continue;
      }
      if (pattern.joins() != null && !pattern.joins().isEmpty()) {
        return true;
      }
      if (pattern.sql() != null && SQL_JOIN.matcher(pattern.sql()).find()) {
        return true;
      }
    }
    return false;
  }

  /** The tighter of the p99 read and write targets, or null. */
  public static Double tightestP99(Latency latency) {
    if (latency == null) {
      return null;
    }
    Double read = latency.p99ReadMs();
    Double write = latency.p99WriteMs();
    if (read == null) {
      return write;
    }
    return write == null ? read : Math.min(read, write);
  }

  /** SEL-GLOBAL-001: Aurora Global on AWS unless residency, zero loss or lock-in rule it out. */
  private static Product global(In in) {
    List<String> residency = in.availability().dataResidency();
    boolean pinned = residency != null && !residency.isEmpty();
    Double rpo = in.availability().rpoSeconds();
    boolean zeroLoss = rpo != null && rpo == 0;
    return in.platform().cloud() == Platform.Cloud.AWS
            && !pinned
            && !zeroLoss
            && !in.lockInConcern()
        ? Product.AURORA_GLOBAL
        : Product.COCKROACHDB;
  }

  /**
   * SEL-REL-001: PostgreSQL unless the team runs MySQL (or the monitored database is MySQL or
   * MariaDB) and needs nothing only PostgreSQL has; then SEL-CLOUD-002, -001 and -003 in that
   * order.
   */
  private static Product relational(In in) {
    boolean mysql =
        !postgresNeeded(in) && (in.runs("mysql") || in.runs("mariadb")) && !in.runs("postgres");
    Product engine = mysql ? Product.MYSQL : Product.POSTGRESQL;
    Platform platform = in.platform();
    Platform.Cloud cloud = platform.cloud();
    if (in.profile().writesPastOnePrimary()) {
      boolean planetScale =
          mysql
              && in.wantsManaged()
              && cloud != Platform.Cloud.ON_PREM
              && cloud != Platform.Cloud.AZURE;
      return planetScale ? Product.PLANETSCALE : Product.COCKROACHDB;
    }
    if (variable(in) && in.wantsManaged() && cloud != Platform.Cloud.ON_PREM) {
      if (mysql) {
        if (cloud != Platform.Cloud.AZURE) {
          return Product.PLANETSCALE;
        }
      } else if (cloud == Platform.Cloud.AWS
          && !in.lockInConcern()
          && platform.budgetSensitivity() != Platform.Level.HIGH) {
        return Product.AURORA_SERVERLESS;
      } else if (cloud != Platform.Cloud.GCP) {
        return Product.NEON;
      }
    }
    if (cloud == Platform.Cloud.AWS
        && in.wantsManaged()
        && !in.lockInConcern()
        && auroraCase(in.profile())) {
      return mysql ? Product.AURORA_MYSQL : Product.AURORA_POSTGRESQL;
    }
    return engine;
  }

  /** Aurora's case, lock-in aside: past one server's volume or read rate (SEL-CLOUD-003). */
  public static boolean auroraCase(SystemProfile profile) {
    return profile.dataPastSingleServer() || profile.readsPastSingleServer();
  }

  /** Serverless functions, or a peak at least ten times the average (SEL-CLOUD-001). */
  public static boolean variable(Platform platform, Workload workload) {
    if (platform != null && platform.deployment() == Platform.Deployment.SERVERLESS) {
      return true;
    }
    return workload != null
        && workload.peakQps() != null
        && workload.averageQps() != null
        && workload.averageQps() > 0
        && (double) workload.peakQps() / workload.averageQps() >= VARIABLE_PEAK_TO_AVERAGE;
  }

  private static boolean variable(In in) {
    return variable(in.platform(), in.workload());
  }

  /** Something in the input that only PostgreSQL, of the two relational engines, has natively. */
  private static boolean postgresNeeded(In in) {
    DataShape s = in.shape();
    Workload.WorkloadType type = in.workload().type();
    return yes(s.flexibleDocuments())
        || yes(s.hierarchical())
        || yes(s.fullTextSearch())
        || yes(s.timeSeries())
        || yes(s.embeddings())
        || yes(s.graphTraversals())
        || type == Workload.WorkloadType.OLAP
        || type == Workload.WorkloadType.HYBRID
        || (s.relationshipDepth() != null && s.relationshipDepth() >= JOIN_DEPTH);
  }

  private static boolean yes(Boolean flag) {
    return Boolean.TRUE.equals(flag);
  }

  /** The request's groups, never null, as the choice reads them. */
  private record In(Requirements req, SystemProfile profile) {

    Workload workload() {
      return req.workload() != null
          ? req.workload()
          : new Workload(null, null, null, null, null, null, null, null, null, null);
    }

    DataShape shape() {
      return req.dataShape() != null
          ? req.dataShape()
          : new DataShape(null, null, null, null, null, null, null, null, null, null);
    }

    Consistency consistency() {
      return req.consistency() != null ? req.consistency() : new Consistency(null, null);
    }

    Map<String, Consistency.Level> perArea() {
      return consistency().perArea() == null ? Map.of() : consistency().perArea();
    }

    Latency latency() {
      return req.latency() != null ? req.latency() : new Latency(null, null);
    }

    Availability availability() {
      return req.availability() != null
          ? req.availability()
          : new Availability(null, null, null, null, null);
    }

    Platform platform() {
      return req.platform() != null
          ? req.platform()
          : new Platform(null, null, null, null, null, null, null, null);
    }

    /** Relational when the team says so, or when nothing points to a specialised store. */
    boolean relational() {
      DataShape s = shape();
      boolean specialised =
          yes(s.flexibleDocuments())
              || yes(s.keyValue())
              || yes(s.timeSeries())
              || yes(s.graphTraversals())
              || yes(s.embeddings());
      return yes(s.relational()) || !specialised;
    }

    boolean lockInConcern() {
      return yes(platform().vendorLockInConcern());
    }

    /** Managed unless the team prefers to run the database itself and has the skills to. */
    boolean wantsManaged() {
      return !Boolean.FALSE.equals(platform().managedPreferred())
          || platform().opsExpertise() == Platform.Level.LOW;
    }

    /** The team runs {@code engine}: it lists it, or it is the monitored database's engine. */
    boolean runs(String engine) {
      return profile.runs(engine);
    }
  }

  /** Whether a monitored engine counts as {@code engine} ("postgres", "mysql", "mariadb"). */
  static boolean liveIs(SchemaSnapshot.Engine live, String engine) {
    return live != null && live.name().toLowerCase(Locale.ROOT).contains(engine);
  }
}
