package dev.dbarch.selection.rules;

import static dev.dbarch.selection.rules.Profile.yes;

import dev.dbarch.contracts.events.Assumption;
import dev.dbarch.contracts.events.Design;
import dev.dbarch.contracts.events.Heading;
import dev.dbarch.contracts.events.Risk;
import dev.dbarch.contracts.profile.ChosenTechnology;
import dev.dbarch.contracts.requirements.Consistency;
import dev.dbarch.contracts.requirements.DataShape;
import dev.dbarch.contracts.requirements.Platform;
import dev.dbarch.contracts.requirements.Workload;
import dev.dbarch.specialist.rules.Facts;
import dev.dbarch.specialist.rules.VerdictBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * The Recommended Database Technology: one primary store chosen from the data shape (the seed's
 * selection framework), then the companion stores a polyglot design needs, the lock-in stance and
 * where the primary runs.
 */
final class TechnologyChoice {

  /** A common sentence-embedding size, assumed when the team does not give one. */
  static final int ASSUMED_VECTOR_DIMENSIONS = 768;

  /** Bytes per dimension of a single-precision vector. */
  static final int BYTES_PER_DIMENSION = 4;

  private static final String PRIMARY = "Primary database";

  private TechnologyChoice() {}

  /**
   * Explains the primary store the shared kernel chose ({@link
   * dev.dbarch.contracts.profile.SystemProfile#chosen()}) and its companions; the rules below
   * record the assumptions and prose, and read the kernel's choice wherever a branch is decided.
   */
  static Technology choose(VerdictBuilder verdict, Profile p) {
    Technology explained = primary(verdict, p);
    Technology primary = p.chosen();
    if (explained != primary) {
      throw new IllegalStateException(
          "selection explained " + explained + " but the shared kernel chose " + primary);
    }
    verdict.typed(PRIMARY, primary.design());
    List<String> stores = companions(verdict, p, primary);
    storeMap(verdict, p, primary, stores);
    lockIn(verdict, p, primary);
    hosting(verdict, p, primary);
    return primary;
  }

  static Technology primary(VerdictBuilder verdict, Profile p) {
    Double writes = peakWritesPerSecond(verdict, p);
    Technology wide = wideColumn(verdict, p, writes);
    if (wide != null) {
      return wide;
    }
    DataShape shape = p.shape();
    if (p.relational()) {
      if (shape.relational() == null) {
        verdict.assume(
            "SEL-REL-001",
            Assumption.About.DATA_SHAPE,
            Questions.DATA_SHAPE,
            "related tables with a fixed schema",
            Questions.ASK_DATA_SHAPE);
      }
      Boolean multiRegion = p.availability().multiRegion();
      if (multiRegion == null) {
        verdict.assume(
            "SEL-GLOBAL-001",
            Assumption.About.MULTI_REGION,
            Questions.MULTI_REGION,
            Questions.ASSUMED_SINGLE_REGION,
            Questions.ASK_MULTI_REGION);
      }
      return yes(multiRegion) ? global(verdict, p) : relational(verdict, p, writes);
    }
    if (yes(shape.flexibleDocuments()) || yes(shape.keyValue())) {
      return documents(verdict, p);
    }
    if (yes(shape.timeSeries())) {
      return timeSeries(verdict, p, null);
    }
    if (yes(shape.graphTraversals())) {
      return graph(verdict, p, null);
    }
    return vectors(verdict, p, null);
  }

  /**
   * SEL-WIDE-001: very high write rates with eventual consistency go to a wide-column store:
   * Cassandra, or ScyllaDB when a tight p99 target or a tight budget needs more from each node.
   */
  static Technology wideColumn(VerdictBuilder verdict, Profile p, Double writes) {
    if (writes == null || writes < p.thresholds().highWritesPerSecond()) {
      return null;
    }
    Consistency.Level level = p.consistency().level();
    if (level == null && p.consistencyPerArea().isEmpty()) {
      verdict.assume(
          "SEL-WIDE-001",
          Assumption.About.CONSISTENCY,
          Questions.CONSISTENCY,
          Questions.ASSUMED_STRONG,
          Questions.ASK_CONSISTENCY);
      return null;
    }
    boolean eventualAccepted =
        level != Consistency.Level.STRONG
            && !p.anyStrongArea()
            && !yes(p.workload().acidTransactions());
    if (!eventualAccepted || p.chosen().family() != Technology.Family.WIDE_COLUMN) {
      return null;
    }
    Double p99 = tightestP99(p);
    boolean tight = p99 != null && p99 <= p.thresholds().tightP99Ms();
    boolean budget = p.platform().budgetSensitivity() == Platform.Level.HIGH;
    Technology chosen = p.chosen();
    verdict.decide(
        "SEL-WIDE-001",
        Heading.RECOMMENDED_TECHNOLOGY,
        PRIMARY,
        chosen.label() + ", replicated three ways per datacenter, with one table per query pattern",
        Facts.of()
            .put("peakWritesPerSecond", Math.round(writes))
            .put("peakQps", p.workload().peakQps())
            .put("readWriteRatio", p.workload().readWriteRatio())
            .put("consistency", level)
            .put("acidTransactions", p.workload().acidTransactions())
            .put("p99Ms", p99)
            .put("budgetSensitivity", p.platform().budgetSensitivity())
            .map(),
        "About "
            + RequirementsSummary.grouped(Math.round(writes))
            + " writes/s at peak"
            + writeArithmetic(p)
            + " is past what one relational primary absorbs comfortably (~"
            + RequirementsSummary.grouped(Math.round(p.thresholds().highWritesPerSecond()))
            + "/s),"
            + " and no data needs strong consistency or multi-row ACID: a wide-column store lets"
            + " every node accept writes and grows by adding nodes."
            + (chosen == Technology.SCYLLADB
                ? " ScyllaDB speaks Cassandra's CQL with a shard-per-core engine"
                    + (tight ? " that holds a " + Facts.format(p99) + " ms p99" : "")
                    + (tight && budget ? " and" : "")
                    + (budget ? " that needs fewer nodes for the same load" : "")
                    + "."
                : ""),
        "Query flexibility is given up: no joins, little ad-hoc querying, one table per read"
            + " pattern, and a read may briefly miss a recent write.");
    return chosen;
  }

  /** The tighter of the p99 read and write targets, or null. */
  static Double tightestP99(Profile p) {
    Double read = p.latency().p99ReadMs();
    Double write = p.latency().p99WriteMs();
    if (read == null) {
      return write;
    }
    return write == null ? read : Math.min(read, write);
  }

  /**
   * The peak write rate: peak QPS split by the read:write ratio, or the average event rate,
   * whichever is larger; null when neither is known.
   */
  static Double peakWritesPerSecond(VerdictBuilder verdict, Profile p) {
    Workload w = p.workload();
    if (w.peakQps() != null
        && w.readWriteRatio() == null
        && w.peakQps() >= p.thresholds().highWritesPerSecond()) {
      verdict.assume(
          "SEL-WIDE-001",
          Assumption.About.READ_WRITE_RATIO,
          Questions.READ_WRITE_RATIO,
          "one read per write when estimating the write rate",
          Questions.ASK_READ_WRITE);
    }
    return peakWrites(p);
  }

  /** The estimate itself, with no assumption recorded: the shared profile's. */
  static Double peakWrites(Profile p) {
    return p.system().peakWritesPerSecond();
  }

  /**
   * The shared profile's arithmetic for the peak write rate, in parentheses for the sentence that
   * states it ({@link dev.dbarch.contracts.profile.SystemProfile#peakWritesArithmetic()}).
   */
  static String writeArithmetic(Profile p) {
    String arithmetic = p.system().peakWritesArithmetic();
    return arithmetic.isEmpty() ? "" : " (" + arithmetic + ")";
  }

  /**
   * SEL-REL-001: PostgreSQL unless the team runs MySQL and needs nothing PostgreSQL adds; then the
   * cloud-native rules may place that engine on a cloud-native service (SEL-CLOUD-001..003).
   */
  static Technology relational(VerdictBuilder verdict, Profile p, Double writes) {
    List<String> needs = postgresNeeds(p);
    boolean runsMySql = p.teamRuns("mysql") || p.teamRuns("mariadb");
    boolean runsPostgres = p.teamRuns("postgres");
    if (needs.isEmpty() && p.platform().existingDatabases() == null) {
      verdict.assume(
          "SEL-REL-001",
          Assumption.About.EXISTING_DATABASES,
          "existing databases",
          "no MySQL estate to reuse",
          "Which databases does the team already run in production?");
    }
    if (p.workload().acidTransactions() == null) {
      verdict.assume(
          "SEL-REL-001",
          Assumption.About.ACID_TRANSACTIONS,
          "ACID transactions",
          "required for the core business writes",
          "Do you need ACID transactions for the core writes (for example an order with its"
              + " inventory reservation and payment)?");
    }
    boolean mysql = needs.isEmpty() && runsMySql && !runsPostgres;
    Technology engine = mysql ? Technology.MYSQL : Technology.POSTGRESQL;
    CloudNative.Choice cloud = CloudNative.choose(verdict, p, engine, writes);
    String topic = cloud == null ? PRIMARY : "Relational engine";
    Facts facts =
        Facts.of()
            .put("relational", p.shape().relational())
            .put("acidTransactions", p.workload().acidTransactions())
            .put("workloadType", p.workload().type())
            .put("readWriteRatio", p.workload().readWriteRatio())
            .put("relationshipDepth", p.shape().relationshipDepth())
            .put("sqlProficiency", p.platform().sqlProficiency())
            .put(
                "existingDatabases",
                p.platform().existingDatabases() == null
                    ? null
                    : String.join(", ", p.platform().existingDatabases()));
    if (mysql) {
      verdict.decide(
          "SEL-REL-001",
          Heading.RECOMMENDED_TECHNOLOGY,
          topic,
          Technology.MYSQL.label(),
          facts.map(),
          "The data is relational, nothing in it calls for PostgreSQL's extras, and the team"
              + " already runs MySQL: its tooling, backups and skills carry over"
              + (p.system().readHeavy()
                  ? ", and MySQL serves read-heavy web workloads well."
                  : "."),
          "Adding JSON search, hierarchies, vectors or complex analytics later is harder than on"
              + " PostgreSQL.");
    } else {
      verdict.decide(
          "SEL-REL-001",
          Heading.RECOMMENDED_TECHNOLOGY,
          topic,
          Technology.POSTGRESQL.label(),
          facts.map(),
          "The data is relational"
              + (yes(p.workload().acidTransactions()) ? " with ACID transactions" : "")
              + ", so a relational engine gives joins, constraints and referential integrity;"
              + (needs.isEmpty()
                  ? " PostgreSQL is the default because it covers the most ground as needs grow."
                  : " PostgreSQL also covers "
                      + String.join(", ", needs)
                      + " without another store."),
          "One writer node: write scaling beyond a large instance means sharding (Citus) later,"
              + " and autovacuum needs tuning under heavy updates.");
    }
    if (cloud == null) {
      return engine;
    }
    verdict.decide(
        cloud.ruleId(),
        Heading.RECOMMENDED_TECHNOLOGY,
        PRIMARY,
        cloud.choice(),
        cloud.facts(),
        cloud.rationale(),
        cloud.tradeOff());
    return cloud.technology();
  }

  /** What in the input only PostgreSQL (of the two relational engines) handles natively. */
  static List<String> postgresNeeds(Profile p) {
    List<String> needs = new ArrayList<>();
    DataShape shape = p.shape();
    if (yes(shape.flexibleDocuments())) {
      needs.add("flexible attributes (JSONB)");
    }
    if (yes(shape.hierarchical())) {
      needs.add("hierarchies (ltree)");
    }
    if (yes(shape.fullTextSearch())) {
      needs.add("full-text search");
    }
    if (yes(shape.timeSeries())) {
      needs.add("time-series tables (TimescaleDB or native partitioning)");
    }
    if (yes(shape.embeddings())) {
      needs.add("embeddings (pgvector)");
    }
    if (yes(shape.graphTraversals())) {
      needs.add("recursive queries");
    }
    Workload.WorkloadType type = p.workload().type();
    if (type == Workload.WorkloadType.OLAP || type == Workload.WorkloadType.HYBRID) {
      needs.add("analytical queries (parallel query, window functions)");
    }
    if (shape.relationshipDepth() != null && shape.relationshipDepth() >= 3) {
      needs.add("joins " + shape.relationshipDepth() + " relationships deep");
    }
    return needs;
  }

  /** SEL-GLOBAL-001: multi-region relational data goes to Aurora Global or CockroachDB. */
  static Technology global(VerdictBuilder verdict, Profile p) {
    Platform.Cloud cloud = p.platform().cloud();
    List<String> residency = p.availability().dataResidency();
    boolean pinned = residency != null && !residency.isEmpty();
    Double rpo = p.availability().rpoSeconds();
    boolean zeroLoss = rpo != null && rpo == 0;
    if (cloud == null) {
      verdict.assume(
          "SEL-GLOBAL-001",
          Assumption.About.CLOUD,
          Questions.CLOUD,
          "not decided: a cloud-neutral engine",
          Questions.ASK_CLOUD);
    }
    boolean aurora = p.chosen() == Technology.AURORA_GLOBAL;
    if (aurora && p.platform().vendorLockInConcern() == null) {
      verdict.assume(
          "SEL-GLOBAL-001",
          Assumption.About.VENDOR_LOCK_IN,
          Questions.LOCK_IN,
          Questions.ASSUMED_NO_LOCK_IN,
          Questions.ASK_LOCK_IN);
    }
    Facts facts =
        Facts.of()
            .put("multiRegion", true)
            .put("cloud", cloud)
            .put("dataResidency", pinned ? String.join(", ", residency) : null)
            .put("rpoSeconds", rpo)
            .put("vendorLockInConcern", p.platform().vendorLockInConcern());
    if (aurora) {
      verdict.decide(
          "SEL-GLOBAL-001",
          Heading.RECOMMENDED_TECHNOLOGY,
          PRIMARY,
          Technology.AURORA_GLOBAL.label() + ": one writer region, read-only secondary regions",
          facts.map(),
          "The system must span regions on AWS with no residency pinning and a recovery point above"
              + " zero: Aurora replicates storage across regions in under a second and serves"
              + " local reads in each one.",
          "Writes still go to one region (remote users pay the 40-60 ms trip), a region loss can"
              + " drop the last second of writes, and the design is tied to AWS.");
      return Technology.AURORA_GLOBAL;
    }
    List<String> reasons = new ArrayList<>();
    if (pinned) {
      reasons.add("rows must stay in " + String.join(", ", residency) + " (regional tables)");
    }
    if (zeroLoss) {
      reasons.add("no write may be lost when a region fails (consensus commits across regions)");
    }
    if (p.lockInConcern()) {
      reasons.add("the team wants to avoid provider lock-in");
    }
    if (cloud != Platform.Cloud.AWS) {
      reasons.add(
          cloud == null ? "no cloud is decided yet" : "Aurora is not available on " + cloud);
    }
    verdict.decide(
        "SEL-GLOBAL-001",
        Heading.RECOMMENDED_TECHNOLOGY,
        PRIMARY,
        Technology.COCKROACHDB.label() + ", multi-region with regional and global tables",
        facts.map(),
        "The system must span regions and " + String.join("; ", reasons) + ".",
        "Writes that need a quorum in several regions pay 40-60 ms round trips; some PostgreSQL"
            + " features and all its extensions are missing; commercial licence.");
    return Technology.COCKROACHDB;
  }

  /** SEL-DOC-001: flexible documents or key-value data: MongoDB, or DynamoDB when serverless. */
  static Technology documents(VerdictBuilder verdict, Profile p) {
    Platform.Cloud cloud = p.platform().cloud();
    boolean serverless = p.platform().deployment() == Platform.Deployment.SERVERLESS;
    boolean keyValue = yes(p.shape().keyValue());
    boolean dynamoFits = serverless || keyValue;
    if (dynamoFits && cloud == null) {
      verdict.assume(
          "SEL-DOC-001",
          Assumption.About.CLOUD,
          Questions.CLOUD,
          "not decided: a cloud-neutral engine",
          Questions.ASK_CLOUD);
    }
    boolean dynamo = p.chosen() == Technology.DYNAMODB;
    if (dynamo && p.platform().vendorLockInConcern() == null) {
      verdict.assume(
          "SEL-DOC-001",
          Assumption.About.VENDOR_LOCK_IN,
          Questions.LOCK_IN,
          Questions.ASSUMED_NO_LOCK_IN,
          Questions.ASK_LOCK_IN);
    }
    Facts facts =
        Facts.of()
            .put("flexibleDocuments", p.shape().flexibleDocuments())
            .put("keyValue", p.shape().keyValue())
            .put("deployment", p.platform().deployment())
            .put("cloud", cloud)
            .put("vendorLockInConcern", p.platform().vendorLockInConcern());
    if (dynamo) {
      verdict.decide(
          "SEL-DOC-001",
          Heading.RECOMMENDED_TECHNOLOGY,
          PRIMARY,
          Technology.DYNAMODB.label() + " in on-demand capacity mode",
          facts.map(),
          "Documents or key-value items read by key, "
              + (serverless ? "served to serverless functions " : "")
              + "on AWS: DynamoDB scales without servers or connection pools to manage.",
          "Every query must be planned as a key or secondary index up front; ad-hoc queries and"
              + " analytics need another store; the data model is AWS-specific.");
      return Technology.DYNAMODB;
    }
    verdict.decide(
        "SEL-DOC-001",
        Heading.RECOMMENDED_TECHNOLOGY,
        PRIMARY,
        Technology.MONGODB.label() + " as a three-member replica set",
        facts.map(),
        "The data is document-shaped with a schema that evolves: documents map naturally to the"
            + " application's objects and change without migrations; MongoDB adds aggregations,"
            + " change streams and multi-document transactions and runs on any platform.",
        "Joins and referential integrity move into the application; model for the access patterns"
            + " or documents degrade into a relational design without its guarantees.");
    return Technology.MONGODB;
  }

  /**
   * SEL-TS-001: time-ordered metrics. As the primary store, TimescaleDB unless the team's SQL is
   * weak and the data is pure metrics (InfluxDB); next to another primary, the cheapest fit for it.
   */
  static Technology timeSeries(VerdictBuilder verdict, Profile p, Technology primary) {
    Platform.Level sql = p.platform().sqlProficiency();
    Facts facts =
        Facts.of()
            .put("timeSeries", true)
            .put("sqlProficiency", sql)
            .put("primary", primary == null ? null : primary.label())
            .put("cloud", p.platform().cloud())
            .put("managedPreferred", p.platform().managedPreferred());
    if (primary != null && primary.postgres()) {
      boolean noTimescale =
          primary.withoutTimescale()
              || (p.wantsManaged()
                  && (p.platform().cloud() == Platform.Cloud.AWS
                      || p.platform().cloud() == Platform.Cloud.GCP));
      verdict.decide(
          "SEL-TS-001",
          Heading.RECOMMENDED_TECHNOLOGY,
          "Time-series data",
          noTimescale
              ? "Native range partitioning by time in "
                  + primary.label()
                  + " (pg_partman), BRIN"
                  + " indexes on the time column, old partitions dropped for retention"
              : "The TimescaleDB extension in the same PostgreSQL: hypertables, compression and"
                  + " retention policies",
          facts.map(),
          noTimescale
              ? "The managed PostgreSQL chosen here does not offer TimescaleDB; time partitions"
                  + " give the same pruning and cheap retention without another store."
              : "The metrics stay next to the relational data and are queried with the same SQL"
                  + " and joins.",
          noTimescale
              ? "No automatic compression or continuous aggregates; downsampling is a scheduled"
                  + " job the team writes."
              : "Rules out managed services without the extension (RDS, Aurora, Cloud SQL).");
      return primary;
    }
    if (primary != null
        && (primary.family() == Technology.Family.WIDE_COLUMN || primary == Technology.MONGODB)) {
      boolean cassandra = primary.family() == Technology.Family.WIDE_COLUMN;
      verdict.decide(
          "SEL-TS-001",
          Heading.RECOMMENDED_TECHNOLOGY,
          "Time-series data",
          cassandra
              ? "Time-bucketed partitions in "
                  + primary.label()
                  + " (one partition per source per day) with a TTL for retention"
              : "MongoDB time-series collections with an expiry for retention",
          facts.map(),
          "The primary store already handles time-ordered data well; a second engine would add"
              + " a pipeline and little else.",
          "Downsampling and rollups are jobs the team writes.");
      return primary;
    }
    if (sql == null) {
      verdict.assume(
          "SEL-TS-001",
          Assumption.About.SQL_PROFICIENCY,
          "team SQL proficiency",
          "comfortable with SQL",
          "How comfortable is the team with SQL?");
    }
    boolean influx =
        primary == null
            ? p.chosen() == Technology.INFLUXDB
            : sql == Platform.Level.LOW && !yes(p.shape().relational());
    Technology chosen = influx ? Technology.INFLUXDB : Technology.TIMESCALEDB;
    verdict.decide(
        "SEL-TS-001",
        Heading.RECOMMENDED_TECHNOLOGY,
        primary == null ? PRIMARY : "Time-series data",
        primary == null
            ? chosen.label()
            : chosen.label() + " next to " + primary.label() + " for the metrics",
        facts.map(),
        influx
            ? "Pure metrics and a team that prefers not to write SQL: tags for metadata, fields for"
                + " measurements, and built-in downsampling and retention."
            : "Time-ordered data queried with SQL and joins: TimescaleDB partitions by time,"
                + " compresses old chunks and expires them by policy.",
        influx
            ? "Joins with business data happen elsewhere; another query language to learn."
            : "Runs as a PostgreSQL extension, which some managed services do not offer.");
    return chosen;
  }

  /** SEL-GRAPH-001: multi-hop relationship traversals go to a graph engine. */
  static Technology graph(VerdictBuilder verdict, Profile p, Technology primary) {
    Platform.Cloud cloud = p.platform().cloud();
    boolean neptune =
        primary == null
            ? p.chosen() == Technology.NEPTUNE
            : cloud == Platform.Cloud.AWS && p.wantsManaged() && !p.lockInConcern();
    if (neptune && p.platform().vendorLockInConcern() == null) {
      verdict.assume(
          "SEL-GRAPH-001",
          Assumption.About.VENDOR_LOCK_IN,
          Questions.LOCK_IN,
          Questions.ASSUMED_NO_LOCK_IN,
          Questions.ASK_LOCK_IN);
    }
    Technology chosen = neptune ? Technology.NEPTUNE : Technology.NEO4J;
    verdict.decide(
        "SEL-GRAPH-001",
        Heading.RECOMMENDED_TECHNOLOGY,
        primary == null ? PRIMARY : "Graph traversals",
        primary == null
            ? chosen.label()
            : chosen.label() + " for traversal queries, fed from " + primary.label() + " by CDC",
        Facts.of()
            .put("graphTraversals", true)
            .put("relationshipDepth", p.shape().relationshipDepth())
            .put("cloud", cloud)
            .put("managedPreferred", p.platform().managedPreferred())
            .put("vendorLockInConcern", p.platform().vendorLockInConcern())
            .map(),
        "Multi-hop traversals (paths, neighbours of neighbours) are cheap in a graph engine and"
            + " grow costly as self-joins"
            + (neptune
                ? "; Neptune runs managed on AWS, as the team prefers."
                : "; Neo4j runs on any platform and keeps ACID transactions.")
            + (primary == null ? "" : " The primary stays the system of record."),
        primary == null
            ? "Tabular reporting and aggregates are weaker than in SQL; keep large blobs out of"
                + " node properties."
            : "A second store and a sync pipeline; traversals see changes a little later than the"
                + " primary.");
    return chosen;
  }

  /** SEL-VEC-001: embeddings: pgvector beside PostgreSQL, else Pinecone (managed) or Milvus. */
  static Technology vectors(VerdictBuilder verdict, Profile p, Technology primary) {
    Integer dims = p.shape().vectorDimensions();
    if (dims == null) {
      verdict.assume(
          "SEL-VEC-001",
          Assumption.About.VECTOR_DIMENSIONS,
          "vector dimensions",
          ASSUMED_VECTOR_DIMENSIONS + " dimensions",
          "How many dimensions do the embeddings have?");
    }
    int effectiveDims = dims == null ? ASSUMED_VECTOR_DIMENSIONS : dims;
    long bytesPerVector = (long) effectiveDims * BYTES_PER_DIMENSION;
    boolean besidePostgres = primary != null && primary.postgres();
    boolean cheapPostgres = primary == null && p.chosen() == Technology.PGVECTOR;
    boolean managed =
        primary == null
            ? p.chosen() == Technology.PINECONE
            : p.wantsManaged() && !p.lockInConcern();
    Technology chosen;
    if (besidePostgres || cheapPostgres) {
      verdict.assume(
          "SEL-VEC-001",
          Assumption.About.VECTOR_COUNT,
          "number of vectors",
          "a moderate collection that one PostgreSQL server can index",
          "How many embeddings will you store, and how fast must a similarity query answer?");
      chosen = Technology.PGVECTOR;
    } else if (managed) {
      if (p.platform().vendorLockInConcern() == null) {
        verdict.assume(
            "SEL-VEC-001",
            Assumption.About.VENDOR_LOCK_IN,
            Questions.LOCK_IN,
            Questions.ASSUMED_NO_LOCK_IN,
            Questions.ASK_LOCK_IN);
      }
      chosen = Technology.PINECONE;
    } else {
      chosen = Technology.MILVUS;
    }
    verdict.decide(
        "SEL-VEC-001",
        Heading.RECOMMENDED_TECHNOLOGY,
        primary == null ? PRIMARY : "Embeddings and similarity search",
        chosen.label()
            + " with an HNSW index ("
            + effectiveDims
            + " dimensions, about "
            + Facts.format(Math.round(bytesPerVector / 102.4) / 10.0)
            + " KB per vector)",
        Facts.of()
            .put("embeddings", true)
            .put("vectorDimensions", dims)
            .put("bytesPerVector", bytesPerVector)
            .put("primary", primary == null ? null : primary.label())
            .put("managedPreferred", p.platform().managedPreferred())
            .put("budgetSensitivity", p.platform().budgetSensitivity())
            .put("vendorLockInConcern", p.platform().vendorLockInConcern())
            .map(),
        switch (chosen) {
          case PGVECTOR ->
              "Vectors live beside the rows they describe, in a PostgreSQL the team runs anyway:"
                  + " no second store to sync and the cheapest option at moderate scale.";
          case PINECONE ->
              "The team prefers managed services: Pinecone serves low-latency similarity search"
                  + " without servers to operate.";
          default ->
              "Self-hosted and open source, built for very large collections with GPU"
                  + " acceleration: no provider lock-in.";
        },
        "HNSW gives fast approximate answers (~95% recall, not exact) and its index must fit in"
            + " memory; "
            + effectiveDims
            + "-dimension vectors cost about "
            + Facts.format(Math.round(bytesPerVector / 102.4) / 10.0)
            + " KB each before indexing.");
    return chosen;
  }

  /**
   * Companion stores: the shapes and workloads the primary does not serve on its own. Returns each
   * store of the design with its job, the primary first.
   */
  static List<String> companions(VerdictBuilder verdict, Profile p, Technology primary) {
    DataShape shape = p.shape();
    List<String> stores = new ArrayList<>();
    List<String> alsoInPrimary = new ArrayList<>();
    if (yes(shape.timeSeries()) && primary.family() != Technology.Family.TIME_SERIES) {
      Technology store = timeSeries(verdict, p, primary);
      if (store == primary) {
        alsoInPrimary.add("time-ordered data");
      } else {
        stores.add(store.label() + ": time-ordered metrics with retention and downsampling");
      }
    }
    if (yes(shape.graphTraversals()) && primary.family() != Technology.Family.GRAPH) {
      stores.add(graph(verdict, p, primary).label() + ": multi-hop traversals, fed by CDC");
    }
    if (yes(shape.embeddings()) && primary.family() != Technology.Family.VECTOR) {
      Technology store = vectors(verdict, p, primary);
      if (store == Technology.PGVECTOR && primary.postgres()) {
        alsoInPrimary.add("embeddings (pgvector)");
      } else {
        stores.add(store.label() + ": similarity search over embeddings");
      }
    }
    if (yes(shape.fullTextSearch())) {
      search(verdict, primary);
      if (primary.postgres()) {
        alsoInPrimary.add("full-text search");
      } else {
        stores.add(
            Technology.OPENSEARCH.label()
                + ": full-text search with ranking and facets, fed by CDC");
      }
    }
    if (p.workload().type() == Workload.WorkloadType.HYBRID) {
      analytics(verdict, p, primary);
      stores.add("a columnar warehouse: analytics in a star schema, fed by CDC");
    }
    String redis = null;
    if (yes(shape.keyValue()) && primary.sql()) {
      keyValue(verdict, primary);
      redis = "sessions, tokens, counters and other expiring keys";
    }
    if (p.system().readHeavy() && (primary.sql() || primary == Technology.MONGODB)) {
      redis =
          (redis == null ? "" : redis + "; ")
              + "cache-aside for hot reads (TTLs and hit ratio in Performance Optimization)";
    }
    if (redis != null) {
      stores.add(Technology.REDIS.label() + ": " + redis);
    }
    stores.add(
        0,
        primary.label()
            + ": system of record"
            + (yes(p.workload().acidTransactions()) ? " with ACID transactions" : "")
            + (alsoInPrimary.isEmpty() ? "" : "; also " + String.join(", ", alsoInPrimary)));
    return stores;
  }

  /** SEL-POLY-004: when the design uses more than one store, each store's job in one place. */
  static void storeMap(VerdictBuilder verdict, Profile p, Technology primary, List<String> stores) {
    if (stores.size() < 2) {
      return;
    }
    verdict.decide(
        "SEL-POLY-004",
        Heading.RECOMMENDED_TECHNOLOGY,
        "Polyglot persistence",
        stores.size() + " stores, each with one job: " + String.join("; ", stores),
        Facts.of()
            .put("primary", primary.label())
            .put("stores", stores.size())
            .put("workloadType", p.workload().type())
            .put("readWriteRatio", p.workload().readWriteRatio())
            .map(),
        "The workloads differ (transactions, search, analytics, caching, traversals): each runs on"
            + " a store built for it instead of one database doing everything and contending for"
            + " the same resources.",
        "More systems to run, secure and monitor; every copy outside the system of record lags it"
            + " and must be rebuilt from it when in doubt.");
  }

  /** SEL-POLY-001: full-text search in PostgreSQL first, else a search engine fed by CDC. */
  static void search(VerdictBuilder verdict, Technology primary) {
    boolean builtIn = primary.postgres();
    verdict.decide(
        "SEL-POLY-001",
        Heading.RECOMMENDED_TECHNOLOGY,
        "Full-text search",
        builtIn
            ? "PostgreSQL full-text search first (a tsvector column with a GIN index); add "
                + Technology.OPENSEARCH.label()
                + " fed by CDC only when relevance tuning, facets or typo tolerance outgrow it"
            : Technology.OPENSEARCH.label()
                + " for search, fed from "
                + primary.label()
                + " by change data capture",
        Facts.of().put("fullTextSearch", true).put("primary", primary.label()).map(),
        builtIn
            ? "Built-in search covers stemming and ranking with no second copy of the data."
            : "The primary store has no adequate built-in search; a search engine gives ranking,"
                + " facets and fuzzy matching.",
        builtIn
            ? "Ranking and language handling are simpler than a search engine's."
            : "A second copy of the data kept current by a pipeline; results lag writes slightly.");
  }

  /** SEL-POLY-002: a hybrid workload keeps analytics off the transactional primary. */
  static void analytics(VerdictBuilder verdict, Profile p, Technology primary) {
    verdict.decide(
        "SEL-POLY-002",
        Heading.RECOMMENDED_TECHNOLOGY,
        "Analytics store",
        "Keep transactions on "
            + primary.label()
            + "; stream changes by CDC into a columnar warehouse (for example ClickHouse, Amazon"
            + " Redshift or BigQuery) modelled as a star schema; light reporting may use a read"
            + " replica",
        Facts.of()
            .put("workloadType", p.workload().type())
            .put("batchJobs", p.workload().batchJobs())
            .map(),
        "Long analytical scans and short transactions compete for the same CPU, memory and locks;"
            + " each workload gets a store built for it.",
        "A pipeline to run and a second copy of the data; analytics lag the primary by seconds to"
            + " minutes.");
  }

  /** SEL-POLY-003: key-value data next to a relational primary. */
  static void keyValue(VerdictBuilder verdict, Technology primary) {
    verdict.decide(
        "SEL-POLY-003",
        Heading.RECOMMENDED_TECHNOLOGY,
        "Key-value data",
        Technology.REDIS.label()
            + " for short-lived key-value data (sessions, tokens, counters, rate limits); durable"
            + " key-value records stay in "
            + primary.label()
            + " tables keyed by primary key",
        Facts.of().put("keyValue", true).put("primary", primary.label()).map(),
        "High-churn keys with expiry would bloat the relational store and cost it write I/O;"
            + " an in-memory store serves them in microseconds.",
        "Redis persistence is not transactional: anything that must survive a crash belongs in"
            + " the primary.");
  }

  /** SEL-LOCK-001: a lock-in concern keeps the design to engines that run anywhere. */
  static void lockIn(VerdictBuilder verdict, Profile p, Technology primary) {
    if (!p.lockInConcern()) {
      return;
    }
    boolean aws = p.platform().cloud() == Platform.Cloud.AWS;
    DataShape shape = p.shape();
    List<String> ruledOut = new ArrayList<>();
    if (aws && p.relational() && yes(p.availability().multiRegion())) {
      ruledOut.add(Technology.AURORA_GLOBAL.label());
    }
    if (aws
        && p.relational()
        && !yes(p.availability().multiRegion())
        && primary.sql()
        && (CloudNative.auroraCase(p) || CloudNative.variable(p))) {
      ruledOut.add("Amazon Aurora (provisioned and Serverless v2)");
    }
    if (aws && !p.relational() && (yes(shape.flexibleDocuments()) || yes(shape.keyValue()))) {
      ruledOut.add(Technology.DYNAMODB.label());
    }
    if (aws && yes(shape.graphTraversals())) {
      ruledOut.add(Technology.NEPTUNE.label());
    }
    if (yes(shape.embeddings()) && !primary.postgres()) {
      ruledOut.add(Technology.PINECONE.label());
    }
    verdict.decide(
        "SEL-LOCK-001",
        Heading.RECOMMENDED_TECHNOLOGY,
        "Vendor lock-in",
        "Only engines that run on any cloud or on premises ("
            + primary.label()
            + "); stay on standard SQL and features the open-source engine has"
            + (ruledOut.isEmpty() ? "" : "; ruled out: " + String.join(", ", ruledOut)),
        Facts.of().put("vendorLockInConcern", true).put("cloud", p.platform().cloud()).map(),
        "A managed service of an open-source engine can be left with a dump or logical"
            + " replication; a proprietary API means rewriting the data layer.",
        "Provider-specific optimisations (proprietary storage engines, serverless APIs) are given"
            + " up.");
  }

  /** SEL-HOST-001/002: managed service or self-managed, and on which platform. */
  static void hosting(VerdictBuilder verdict, Profile p, Technology primary) {
    if (primary.serviceOnly()) {
      return;
    }
    Platform platform = p.platform();
    if (platform.managedPreferred() == null && platform.opsExpertise() == null) {
      verdict.assume(
          "SEL-HOST-001",
          Assumption.About.MANAGED_PREFERENCE,
          Questions.MANAGED,
          Questions.ASSUMED_MANAGED,
          Questions.ASK_MANAGED);
    }
    Facts facts =
        Facts.of()
            .put("managedPreferred", platform.managedPreferred())
            .put("opsExpertise", platform.opsExpertise())
            .put("cloud", platform.cloud())
            .put("deployment", platform.deployment());
    ChosenTechnology chosen = p.system().chosen();
    if (chosen.hosting() == Design.Hosting.MANAGED) {
      if (platform.cloud() == null) {
        verdict.assume(
            "SEL-HOST-001",
            Assumption.About.CLOUD,
            Questions.CLOUD,
            "not decided: a cloud-neutral engine",
            Questions.ASK_CLOUD);
      }
      verdict.decide(
          "SEL-HOST-001",
          Heading.RECOMMENDED_TECHNOLOGY,
          "Hosting",
          "Managed: " + managedOffering(primary, platform.cloud()),
          facts.map(),
          platform.opsExpertise() == Platform.Level.LOW
              ? "The team has little database operations experience; the provider takes over"
                  + " backups, patching, failover and monitoring."
              : "The team prefers a managed service; the provider takes over backups, patching,"
                  + " failover and monitoring.",
          "A higher price per unit (roughly a third more than self-run servers) and less control"
              + " over versions and extensions, against many hours of operations work a month.");
      verdict.typed(Design.NONE.withHosting(chosen.hosting(), chosen.cloud()));
      return;
    }
    verdict.decide(
        "SEL-HOST-002",
        Heading.RECOMMENDED_TECHNOLOGY,
        "Hosting",
        "Self-managed: " + selfManaged(primary, platform.deployment()),
        facts.map(),
        platform.cloud() == Platform.Cloud.ON_PREM
            ? "The database runs on premises, where no provider-managed service exists."
            : "The team prefers to run the database itself and has the operations skills.",
        "The team owns backups, failover, upgrades and monitoring; budget the hours for them.");
    verdict.typed(Design.NONE.withHosting(chosen.hosting(), chosen.cloud()));
    if (platform.opsExpertise() == Platform.Level.LOW) {
      verdict.risk(
          "SEL-HOST-002",
          "A self-managed database run by a team with little operations experience",
          Risk.Level.MEDIUM,
          Risk.Level.HIGH,
          "Automate backups, failover and upgrades from day one, rehearse restores, and budget"
              + " DBA time or a support contract.");
    }
  }

  static String managedOffering(Technology primary, Platform.Cloud cloud) {
    return switch (primary) {
      case POSTGRESQL, PGVECTOR ->
          cloud == null
              ? "the chosen cloud's managed PostgreSQL service"
              : switch (cloud) {
                case AWS -> "Amazon RDS for PostgreSQL (Multi-AZ)";
                case GCP -> "Cloud SQL for PostgreSQL (high availability)";
                case AZURE -> "Azure Database for PostgreSQL flexible server (zone-redundant HA)";
                case ON_PREM -> "none available on premises";
              };
      case MYSQL ->
          cloud == null
              ? "the chosen cloud's managed MySQL service"
              : switch (cloud) {
                case AWS -> "Amazon RDS for MySQL (Multi-AZ)";
                case GCP -> "Cloud SQL for MySQL (high availability)";
                case AZURE -> "Azure Database for MySQL flexible server (zone-redundant HA)";
                case ON_PREM -> "none available on premises";
              };
      case TIMESCALEDB -> "Timescale Cloud";
      case COCKROACHDB -> "CockroachDB Cloud";
      case MONGODB -> "MongoDB Atlas";
      case CASSANDRA -> "DataStax Astra DB";
      case SCYLLADB -> "ScyllaDB Cloud";
      case INFLUXDB -> "InfluxDB Cloud";
      case MILVUS -> "Zilliz Cloud";
      case NEO4J -> "Neo4j AuraDB";
      default -> "the provider's managed " + primary.label();
    };
  }

  static String selfManaged(Technology primary, Platform.Deployment deployment) {
    boolean kubernetes = deployment == Platform.Deployment.CONTAINERS;
    return switch (primary) {
      case POSTGRESQL, PGVECTOR, TIMESCALEDB ->
          primary.label()
              + (kubernetes
                  ? " on Kubernetes with the CloudNativePG operator"
                  : " on VMs with Patroni for failover");
      case MYSQL -> primary.label() + " as an InnoDB Cluster (Group Replication with MySQL Router)";
      case COCKROACHDB -> primary.label() + " as a three-node cluster per region";
      case MONGODB -> primary.label() + " as a three-member replica set";
      case CASSANDRA, SCYLLADB ->
          primary.label()
              + (kubernetes
                  ? " on Kubernetes with K8ssandra"
                  : " with three rack-aware nodes per datacenter");
      default -> primary.label() + " with automation for backups, failover and upgrades";
    };
  }
}
