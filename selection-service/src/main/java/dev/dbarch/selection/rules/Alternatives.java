package dev.dbarch.selection.rules;

import static dev.dbarch.selection.rules.Profile.yes;

import dev.dbarch.contracts.events.Heading;
import dev.dbarch.contracts.requirements.Platform;
import dev.dbarch.specialist.rules.Facts;
import dev.dbarch.specialist.rules.VerdictBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * SEL-ALT-001: the Alternatives Considered table. For each primary, the two or three closest
 * runners-up, each with the reason this input rules it out.
 */
final class Alternatives {

  private Alternatives() {}

  static void compare(VerdictBuilder verdict, Profile p, Technology primary) {
    List<Technology> runnersUp = runnersUp(p, primary);
    for (Technology alternative : runnersUp) {
      verdict.alternative(
          alternative.label(),
          alternative.pros(),
          alternative.cons(),
          whyNot(p, primary, alternative));
    }
    verdict.decide(
        "SEL-ALT-001",
        Heading.ALTERNATIVES_CONSIDERED,
        "Runners-up",
        "Compared "
            + primary.label()
            + " with "
            + String.join(", ", runnersUp.stream().map(Technology::label).toList()),
        Facts.of().put("primary", primary.label()).put("family", primary.family()).map(),
        "The nearest engines in the same family, and the nearest store of another kind, each"
            + " rejected for a reason found in this input.",
        "Each rejection rests on the facts given; if one of them changes, the runner-up may win.");
  }

  static List<Technology> runnersUp(Profile p, Technology primary) {
    boolean aws = p.platform().cloud() == Platform.Cloud.AWS;
    return switch (primary) {
      case POSTGRESQL -> List.of(Technology.MYSQL, Technology.MONGODB, Technology.COCKROACHDB);
      case MYSQL -> List.of(Technology.POSTGRESQL, Technology.MONGODB);
      case AURORA_POSTGRESQL -> List.of(Technology.POSTGRESQL, Technology.COCKROACHDB);
      case AURORA_MYSQL -> List.of(Technology.MYSQL, Technology.PLANETSCALE);
      case AURORA_SERVERLESS -> List.of(Technology.NEON, Technology.POSTGRESQL);
      case NEON -> List.of(Technology.AURORA_SERVERLESS, Technology.POSTGRESQL);
      case PLANETSCALE -> List.of(Technology.MYSQL, Technology.COCKROACHDB);
      case AURORA_GLOBAL -> List.of(Technology.COCKROACHDB, Technology.POSTGRESQL);
      case COCKROACHDB ->
          yes(p.availability().multiRegion())
              ? List.of(Technology.AURORA_GLOBAL, Technology.POSTGRESQL)
              : List.of(Technology.POSTGRESQL, Technology.CASSANDRA);
      case MONGODB -> List.of(Technology.DYNAMODB, Technology.POSTGRESQL);
      case DYNAMODB -> List.of(Technology.MONGODB, Technology.POSTGRESQL);
      case CASSANDRA, SCYLLADB -> {
        List<Technology> list =
            new ArrayList<>(
                List.of(
                    primary == Technology.CASSANDRA ? Technology.SCYLLADB : Technology.CASSANDRA,
                    Technology.POSTGRESQL));
        if (aws) {
          list.add(Technology.DYNAMODB);
        }
        yield list;
      }
      case TIMESCALEDB -> List.of(Technology.INFLUXDB, Technology.CASSANDRA);
      case INFLUXDB -> List.of(Technology.TIMESCALEDB, Technology.CASSANDRA);
      case NEO4J -> List.of(Technology.NEPTUNE, Technology.POSTGRESQL);
      case NEPTUNE -> List.of(Technology.NEO4J, Technology.POSTGRESQL);
      case PGVECTOR -> List.of(Technology.PINECONE, Technology.MILVUS);
      case PINECONE -> List.of(Technology.PGVECTOR, Technology.MILVUS);
      case MILVUS -> List.of(Technology.PINECONE, Technology.PGVECTOR);
      default -> List.of(Technology.POSTGRESQL);
    };
  }

  /** Why the load counts as variable, for the serverless choices. */
  static String variableLoad(Profile p) {
    return p.platform().deployment() == Platform.Deployment.SERVERLESS
        ? "serverless functions connect in bursts and idle in between"
        : "peak load is "
            + Facts.format(
                Math.round(10.0 * p.workload().peakQps() / p.workload().averageQps()) / 10.0)
            + " times the average";
  }

  /** Why Aurora's storage and replicas were needed. */
  static String auroraNeed(Profile p) {
    Double gb = p.dataGb();
    Double reads = p.system().peakReadsPerSecond();
    List<String> reasons = new ArrayList<>();
    if (p.system().dataPastSingleServer()) {
      reasons.add("about " + RequirementsSummary.grouped(Math.round(gb)) + " GB within a year");
    }
    if (p.system().readsPastSingleServer()) {
      reasons.add("about " + RequirementsSummary.grouped(Math.round(reads)) + " reads/s at peak");
    }
    return String.join(" and ", reasons);
  }

  /** The estimated peak write rate, formatted. */
  static String writes(Profile p) {
    Double writes = TechnologyChoice.peakWrites(p);
    return writes == null
        ? "the peak write rate"
        : "about " + RequirementsSummary.grouped(Math.round(writes)) + " writes/s at peak";
  }

  static String whyNot(Profile p, Technology primary, Technology alternative) {
    Platform platform = p.platform();
    boolean aws = platform.cloud() == Platform.Cloud.AWS;
    return switch (alternative) {
      case MYSQL ->
          switch (primary) {
            case AURORA_MYSQL ->
                "Amazon RDS for MySQL keeps the data on one server's storage and copies it to each"
                    + " replica; "
                    + auroraNeed(p)
                    + " is past what that handles comfortably.";
            case PLANETSCALE ->
                CloudNative.variable(p) && !scaleOut(p)
                    ? "A fixed MySQL instance sized for the peak idles most of the day ("
                        + variableLoad(p)
                        + "), and bursts of connections exhaust it."
                    : capitalize(writes(p))
                        + " is past one MySQL primary (~10,000/s); sharding it by hand means"
                        + " running Vitess yourselves.";
            default -> {
              List<String> needs = TechnologyChoice.postgresNeeds(p);
              if (!needs.isEmpty()) {
                yield "This input needs "
                    + String.join(", ", needs)
                    + ", which MySQL lacks or handles less well.";
              }
              yield p.teamRuns("postgres")
                  ? "The team already runs PostgreSQL; a second relational engine would split skills"
                      + " and tooling."
                  : "The team does not already run MySQL, and nothing in the input favours it.";
            }
          };
      case POSTGRESQL ->
          switch (primary) {
            case MYSQL ->
                "The team already runs MySQL and this input needs nothing PostgreSQL adds; a second"
                    + " engine would split skills and tooling.";
            case AURORA_POSTGRESQL ->
                "Amazon RDS for PostgreSQL keeps the data on one server's storage and copies it to"
                    + " each replica; "
                    + auroraNeed(p)
                    + " is past what that handles comfortably.";
            case AURORA_SERVERLESS, NEON ->
                "A provisioned instance is sized for the peak and paid for all day, while "
                    + variableLoad(p)
                    + ".";
            case COCKROACHDB ->
                yes(p.availability().multiRegion())
                    ? multiRegionPostgres()
                    : capitalize(writes(p))
                        + " is past one PostgreSQL writer (~10,000/s); Citus could shard it but adds"
                        + " a coordinator and distribution keys to run.";
            case AURORA_GLOBAL -> multiRegionPostgres();
            default ->
                switch (primary.family()) {
                  case DOCUMENT ->
                      "The data is documents with a changing schema, not related tables; JSONB would"
                          + " hold it but without the document store's native modelling"
                          + (primary == Technology.DYNAMODB ? " or serverless scaling." : ".");
                  case WIDE_COLUMN ->
                      "The peak write rate would need sharding (Citus) on PostgreSQL; with eventual"
                          + " consistency accepted, a store built to spread writes is simpler.";
                  case GRAPH ->
                      "Multi-hop traversals become recursive self-joins that slow down with every"
                          + " level"
                          + (p.shape().relationshipDepth() == null
                              ? "."
                              : " (" + p.shape().relationshipDepth() + " levels here).");
                  default -> "Fits this input less well than " + primary.label() + ".";
                };
          };
      case MONGODB ->
          primary == Technology.DYNAMODB
              ? "On AWS with key-based or serverless access, DynamoDB needs no cluster or connection"
                  + " management; MongoDB would add one to run."
              : "The data is relational"
                  + (yes(p.workload().acidTransactions())
                      ? " with ACID transactions"
                          + (p.workload().transactionScope() == null
                              ? ""
                              : " (" + p.workload().transactionScope() + ")")
                      : "")
                  + "; documents would push joins and integrity checks into the application.";
      case DYNAMODB -> {
        List<String> reasons = new ArrayList<>();
        if (!aws) {
          reasons.add(
              platform.cloud() == null ? "no cloud is chosen yet" : "the system is not on AWS");
        }
        if (p.lockInConcern()) {
          reasons.add("the team wants to avoid lock-in and DynamoDB is AWS-only");
        }
        if (primary.family() == Technology.Family.WIDE_COLUMN) {
          reasons.add("at this write rate per-request pricing grows quickly");
        } else if (platform.deployment() != Platform.Deployment.SERVERLESS
            && !yes(p.shape().keyValue())) {
          reasons.add(
              "access is by rich document queries, not key lookups, and DynamoDB needs every query"
                  + " designed as a key or index");
        }
        yield capitalize(String.join("; ", reasons)) + ".";
      }
      case COCKROACHDB ->
          switch (primary) {
            case AURORA_GLOBAL ->
                "No residency pinning or zero-loss regional failover is required, and the team is"
                    + " on AWS: Aurora keeps full PostgreSQL compatibility as a managed service.";
            case PLANETSCALE ->
                "The team runs MySQL; CockroachDB speaks the PostgreSQL dialect, so queries, drivers"
                    + " and tools would change.";
            default ->
                (p.availability().multiRegion() == null
                        ? "Multi-region was not asked for (one region assumed)"
                        : "The system runs in one region")
                    + (scaleOut(p) ? "" : " and its writes fit one primary")
                    + ": consensus replication would add write latency and cost with no need for"
                    + " it.";
          };
      case AURORA_GLOBAL -> {
        List<String> reasons = new ArrayList<>();
        List<String> residency = p.availability().dataResidency();
        if (residency != null && !residency.isEmpty()) {
          reasons.add("it cannot pin rows to " + String.join(", ", residency));
        }
        Double rpo = p.availability().rpoSeconds();
        if (rpo != null && rpo == 0) {
          reasons.add("its cross-region replication is asynchronous and the RPO is zero");
        }
        if (p.lockInConcern()) {
          reasons.add("it is AWS-only and the team wants to avoid lock-in");
        }
        if (!aws) {
          reasons.add("it exists only on AWS");
        }
        yield capitalize(String.join("; ", reasons)) + ".";
      }
      case AURORA_SERVERLESS -> {
        List<String> reasons = new ArrayList<>();
        if (!aws) {
          reasons.add(
              platform.cloud() == null
                  ? "no cloud is chosen yet and it exists only on AWS"
                  : "it exists only on AWS");
        }
        if (p.lockInConcern()) {
          reasons.add("it is AWS-only and the team wants to avoid lock-in");
        }
        if (platform.budgetSensitivity() == Platform.Level.HIGH) {
          reasons.add(
              "its capacity floor is paid even when idle, while Neon scales to zero for a"
                  + " budget-sensitive team");
        }
        yield capitalize(String.join("; ", reasons)) + ".";
      }
      case NEON ->
          "On AWS without a lock-in concern or a tight budget, Aurora Serverless v2 keeps the data"
              + " in the team's own AWS account with Aurora's replicas and fast failover.";
      case PLANETSCALE ->
          "The MySQL data fits one writer on AWS; sharding with Vitess adds shard keys and limits"
              + " on cross-shard transactions with no need for them.";
      case SCYLLADB ->
          "Cassandra has the larger community and an Apache licence; ScyllaDB speaks the same CQL"
              + " and is the upgrade path if per-node throughput or tail latency becomes the"
              + " limit.";
      case INFLUXDB ->
          "The team "
              + (platform.sqlProficiency() == null
                  ? "is assumed comfortable with SQL"
                  : "has "
                      + platform.sqlProficiency().name().toLowerCase(java.util.Locale.ROOT)
                      + " SQL proficiency")
              + (yes(p.shape().relational()) ? " and the metrics join relational data" : "")
              + "; InfluxDB would add a second query language and store.";
      case TIMESCALEDB ->
          "The data is pure metrics and the team's SQL proficiency is low; InfluxDB's tags and"
              + " fields with built-in downsampling need no SQL.";
      case CASSANDRA ->
          switch (primary) {
            case COCKROACHDB ->
                "The data needs strong consistency or ACID transactions; a wide-column store gives"
                    + " up multi-row transactions and a read may miss a recent write.";
            case SCYLLADB ->
                (TechnologyChoice.tightestP99(p) != null
                            && TechnologyChoice.tightestP99(p) <= p.thresholds().tightP99Ms()
                        ? "A p99 target of "
                            + Facts.format(TechnologyChoice.tightestP99(p))
                            + " ms is easier to hold on ScyllaDB's shard-per-core engine"
                        : "The budget is tight and ScyllaDB serves the same load with fewer nodes")
                    + "; both speak CQL, so the data model is the same.";
            default ->
                "Peak writes stay within one server's reach and ad-hoc time-range queries matter; a"
                    + " wide-column cluster would add operations and give up query flexibility.";
          };
      case NEPTUNE -> {
        List<String> reasons = new ArrayList<>();
        if (!aws) {
          reasons.add(
              platform.cloud() == null ? "no cloud is chosen yet" : "the system is not on AWS");
        }
        if (p.lockInConcern()) {
          reasons.add("the team wants to avoid lock-in");
        }
        if (!p.wantsManaged()) {
          reasons.add("the team prefers to run its own infrastructure");
        }
        yield capitalize(String.join("; ", reasons)) + ".";
      }
      case NEO4J ->
          "The team prefers managed services on AWS; Neptune removes running a graph cluster.";
      case PINECONE ->
          primary == Technology.PGVECTOR
              ? "The vectors sit beside PostgreSQL data; a managed service would add a second store,"
                  + " a sync pipeline and a per-vector bill"
                  + (p.lockInConcern() ? ", and it is proprietary." : ".")
              : p.lockInConcern()
                  ? "Proprietary service, and the team wants to avoid lock-in."
                  : "The team prefers to run its own infrastructure.";
      case MILVUS ->
          primary == Technology.PGVECTOR
              ? "A distributed engine built for billions of vectors is more than a moderate"
                  + " collection needs."
              : "The team prefers managed services; Milvus is self-hosted.";
      case PGVECTOR ->
          "No PostgreSQL in the design to host the vectors; pgvector would mean running one just"
              + " for them.";
      default -> "Fits this input less well than " + primary.label() + ".";
    };
  }

  private static String multiRegionPostgres() {
    return "One region with an asynchronous cross-region replica means slow, manual regional"
        + " failover and remote writes for every other region; the system must span regions.";
  }

  /** Whether the peak write rate is past one primary. */
  private static boolean scaleOut(Profile p) {
    return p.system().writesPastOnePrimary();
  }

  private static String capitalize(String text) {
    return text.isEmpty()
        ? "Fits this input less well than the choice made"
        : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
