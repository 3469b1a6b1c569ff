package dev.dbarch.selection.rules;

import dev.dbarch.contracts.events.Design;
import dev.dbarch.contracts.profile.ChosenTechnology;

/**
 * The engines the selection rules choose between, with their strengths and weaknesses as the
 * Alternatives table shows them. Each is one of the shared kernel's {@link
 * ChosenTechnology.Product}s, which holds its name, engine and version (versions live there and
 * only there) and decides which one is the primary store.
 */
enum Technology {
  POSTGRESQL(
      Family.RELATIONAL,
      true,
      "Rich SQL (window functions, CTEs, parallel query), JSONB, extensions such as ltree, PostGIS"
          + " and pgvector; runs everywhere, managed on every cloud",
      "One writer node; scaling writes past one large server needs sharding (Citus) later;"
          + " VACUUM needs attention under heavy updates"),
  MYSQL(
      Family.RELATIONAL,
      true,
      "Simple to operate, fast primary-key reads, GTID replication, a very large web ecosystem",
      "Fewer advanced SQL features and no extension ecosystem (no ltree, weaker JSON indexing,"
          + " no vector type)"),
  AURORA_GLOBAL(
      Family.DISTRIBUTED_SQL,
      false,
      "Fully managed PostgreSQL-compatible engine; one writer region with up to five read-only"
          + " regions replicated in under a second; fast regional failover",
      "AWS only; cross-region replication is asynchronous, so a region loss can lose the last"
          + " second of writes; costs more than a single-region instance"),
  AURORA_POSTGRESQL(
      Family.CLOUD_NATIVE,
      false,
      "Shared storage that grows to 128 TB without resizing, up to 15 low-lag read replicas on"
          + " that storage, failover in about 30 seconds; PostgreSQL-compatible",
      "AWS only; costs more than RDS per instance-hour plus storage I/O; some extensions"
          + " (TimescaleDB among them) are not offered"),
  AURORA_MYSQL(
      Family.CLOUD_NATIVE,
      false,
      "Shared storage that grows to 128 TB, up to 15 low-lag read replicas, fast failover;"
          + " MySQL-compatible, so the team's tools and skills carry over",
      "AWS only; costs more than RDS for MySQL; lags community MySQL releases"),
  AURORA_SERVERLESS(
      Family.CLOUD_NATIVE,
      false,
      "Capacity follows the load in small steps (0.5 to 128 ACUs) with no instance to size;"
          + " Aurora storage, replicas and failover",
      "AWS only; a capacity floor is paid even when idle; steady load costs more per hour than a"
          + " provisioned instance; bursts of connections still need a pooler (RDS Proxy)"),
  NEON(
      Family.CLOUD_NATIVE,
      true,
      "Compute scales to zero when idle and back on demand; instant copy-on-write branches for"
          + " previews and tests; standard PostgreSQL with its extensions",
      "The first query after an idle period waits for a cold start; a younger service offered on"
          + " fewer regions (AWS and Azure)"),
  PLANETSCALE(
      Family.CLOUD_NATIVE,
      true,
      "Managed Vitess: horizontal sharding behind one MySQL endpoint, branches with non-blocking"
          + " schema deploys; the engine underneath is open source",
      "Cross-shard transactions and foreign keys are limited; MySQL dialect only; priced per"
          + " cluster"),
  COCKROACHDB(
      Family.DISTRIBUTED_SQL,
      true,
      "Multi-region by design with consensus replication; rows can be pinned to regions;"
          + " PostgreSQL wire protocol; runs on any cloud or on premises",
      "Cross-region quorum writes pay the 40-60 ms round trip; only part of PostgreSQL's features"
          + " and none of its extensions; commercial licence"),
  MONGODB(
      Family.DOCUMENT,
      true,
      "Rich documents with schema validation, aggregation pipelines, change streams,"
          + " multi-document transactions; runs anywhere or as Atlas",
      "Joins and referential integrity move into the application; unbounded arrays and"
          + " over-referencing are easy mistakes"),
  DYNAMODB(
      Family.DOCUMENT,
      false,
      "Serverless key-value and document store with automatic scaling and single-digit"
          + " millisecond reads; global tables",
      "AWS only; every query must be designed up front as a key or secondary index; ad-hoc"
          + " queries and analytics are hard; transactions are limited to 100 items"),
  CASSANDRA(
      Family.WIDE_COLUMN,
      true,
      "Linear write scaling, multi-datacenter replication, tunable consistency per query",
      "No joins and little ad-hoc querying: each query needs its own table; eventual consistency"
          + " by default"),
  SCYLLADB(
      Family.WIDE_COLUMN,
      true,
      "Cassandra-compatible with higher throughput per node and lower tail latency",
      "Smaller community than Cassandra; source-available licence; the same modelling limits as"
          + " Cassandra"),
  TIMESCALEDB(
      Family.TIME_SERIES,
      true,
      "Time partitioning, compression and retention policies inside PostgreSQL: full SQL and"
          + " joins with relational data",
      "Not offered by every managed PostgreSQL service (RDS, Aurora and Cloud SQL lack it)"),
  INFLUXDB(
      Family.TIME_SERIES,
      true,
      "Purpose-built for metrics: tags and fields, downsampling and retention out of the box,"
          + " simple to deploy",
      "Weak at joins and at relational data; another query language and store to learn"),
  PGVECTOR(
      Family.VECTOR,
      true,
      "Embeddings next to the relational data they describe, HNSW indexes, one store to run",
      "Fits a moderate number of vectors on one server; very large collections need a dedicated"
          + " engine"),
  PINECONE(
      Family.VECTOR,
      false,
      "Managed vector search with low query latency and no servers to run",
      "Proprietary service; data leaves your database; cost grows with stored vectors"),
  MILVUS(
      Family.VECTOR,
      true,
      "Open-source vector engine for very large collections, GPU acceleration, self-hosted",
      "A distributed system of its own to operate"),
  NEO4J(
      Family.GRAPH,
      true,
      "Property graphs with Cypher, ACID transactions, fast multi-hop traversals",
      "Another store to keep in sync with the system of record; large properties belong elsewhere"),
  NEPTUNE(
      Family.GRAPH,
      false,
      "Managed graph database on AWS supporting Gremlin, openCypher and SPARQL",
      "AWS only; fewer tuning controls than a self-run graph engine"),
  OPENSEARCH(
      Family.SEARCH,
      true,
      "Relevance ranking, facets, fuzzy matching and analyzers per language",
      "A second copy of the data, kept current by a pipeline, and a cluster to run"),
  REDIS(
      Family.KEY_VALUE,
      true,
      "In-memory key-value store with rich data structures and TTLs",
      "Memory-bound and not a transactional system of record");

  enum Family {
    RELATIONAL,
    /** A relational engine offered as a provider's cloud-native service. */
    CLOUD_NATIVE,
    DISTRIBUTED_SQL,
    DOCUMENT,
    WIDE_COLUMN,
    TIME_SERIES,
    VECTOR,
    GRAPH,
    SEARCH,
    KEY_VALUE
  }

  private final Family family;
  private final boolean portable;
  private final String pros;
  private final String cons;

  Technology(Family family, boolean portable, String pros, String cons) {
    this.family = family;
    this.portable = portable;
    this.pros = pros;
    this.cons = cons;
  }

  /** The name and version as the recommendation shows it. */
  String label() {
    return product().label();
  }

  /** The kernel's product of the same name. */
  ChosenTechnology.Product product() {
    return ChosenTechnology.Product.valueOf(name());
  }

  /** The selection technology for the kernel's product. */
  static Technology of(ChosenTechnology.Product product) {
    return valueOf(product.name());
  }

  Family family() {
    return family;
  }

  /** Runs on any cloud or on premises, so choosing it does not tie the team to one provider. */
  boolean portable() {
    return portable;
  }

  String pros() {
    return pros;
  }

  String cons() {
    return cons;
  }

  /**
   * What choosing this technology fixes, as typed values: the engine underneath and its version,
   * and for a service offered by one provider only, its hosting (nothing else to decide there).
   */
  Design design() {
    return product().design();
  }

  /** A PostgreSQL server underneath, so PostgreSQL extensions and features are available. */
  boolean postgres() {
    return this == POSTGRESQL
        || this == AURORA_GLOBAL
        || this == AURORA_POSTGRESQL
        || this == AURORA_SERVERLESS
        || this == NEON
        || this == TIMESCALEDB
        || this == PGVECTOR;
  }

  /** A MySQL server underneath: no partial indexes, no INCLUDE, InnoDB clustered on the key. */
  boolean mysql() {
    return this == MYSQL || this == AURORA_MYSQL || this == PLANETSCALE;
  }

  /** Queried with SQL over tables, so B-tree indexes and foreign keys apply. */
  boolean sql() {
    return postgres() || mysql() || this == COCKROACHDB;
  }

  /** A PostgreSQL service on which the full TimescaleDB extension is not offered. */
  boolean withoutTimescale() {
    return this == AURORA_GLOBAL
        || this == AURORA_POSTGRESQL
        || this == AURORA_SERVERLESS
        || this == NEON;
  }

  /** Offered only as a provider's managed service: there is nothing to host. */
  boolean serviceOnly() {
    return product().serviceOnly();
  }
}
