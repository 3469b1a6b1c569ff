package dev.dbarch.selection.rules;

import dev.dbarch.contracts.events.Design;
import dev.dbarch.contracts.events.Risk;
import dev.dbarch.contracts.profile.ChosenTechnology;
import dev.dbarch.contracts.profile.ChosenTechnology.Product;
import dev.dbarch.contracts.requirements.Platform;
import dev.dbarch.specialist.rules.Facts;
import dev.dbarch.specialist.rules.VerdictBuilder;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The risks the chosen technology itself brings to this team and budget: an engine the team has not
 * run (SEL-RISK-001), a service only one provider sells (SEL-RISK-002), and cost drivers under a
 * tight budget (SEL-RISK-003). Each reads the choice the shared kernel made ({@link
 * ChosenTechnology}) and the platform facts; likelihood and impact follow from named facts only.
 */
final class SituationRisks {

  /**
   * What a team lists among its existing databases when it runs an engine (lower case, matched as a
   * substring, as {@code SystemProfile.runs} does).
   */
  static final Map<Design.Engine, List<String>> ENGINE_NAMES = new EnumMap<>(Design.Engine.class);

  static {
    ENGINE_NAMES.put(Design.Engine.POSTGRESQL, List.of("postgres"));
    ENGINE_NAMES.put(Design.Engine.MYSQL, List.of("mysql", "mariadb"));
    ENGINE_NAMES.put(Design.Engine.MARIADB, List.of("mariadb", "mysql"));
    ENGINE_NAMES.put(Design.Engine.SQL_SERVER, List.of("sql server", "sqlserver", "mssql"));
    ENGINE_NAMES.put(Design.Engine.ORACLE, List.of("oracle"));
    ENGINE_NAMES.put(Design.Engine.COCKROACHDB, List.of("cockroach"));
    ENGINE_NAMES.put(Design.Engine.MONGODB, List.of("mongo"));
    ENGINE_NAMES.put(Design.Engine.DYNAMODB, List.of("dynamo"));
    ENGINE_NAMES.put(Design.Engine.CASSANDRA, List.of("cassandra", "scylla"));
    ENGINE_NAMES.put(Design.Engine.SCYLLADB, List.of("scylla", "cassandra"));
    ENGINE_NAMES.put(Design.Engine.INFLUXDB, List.of("influx"));
    ENGINE_NAMES.put(Design.Engine.PINECONE, List.of("pinecone"));
    ENGINE_NAMES.put(Design.Engine.MILVUS, List.of("milvus"));
    ENGINE_NAMES.put(Design.Engine.NEO4J, List.of("neo4j"));
    ENGINE_NAMES.put(Design.Engine.NEPTUNE, List.of("neptune"));
    ENGINE_NAMES.put(Design.Engine.OPENSEARCH, List.of("opensearch", "elasticsearch"));
    ENGINE_NAMES.put(Design.Engine.REDIS, List.of("redis", "valkey"));
  }

  /**
   * Services of one provider whose data layer does not move with a dump: a proprietary API
   * (DynamoDB, Neptune's managed graph, Pinecone) means rewriting the application's data access;
   * Aurora keeps the PostgreSQL or MySQL protocol, so leaving it is a migration of data and of the
   * Aurora-only features in use, not a rewrite. The same products SEL-LOCK-001 rules out.
   */
  static final Map<Product, Risk.Level> LOCK_IN_IMPACT = new EnumMap<>(Product.class);

  static {
    LOCK_IN_IMPACT.put(Product.DYNAMODB, Risk.Level.HIGH);
    LOCK_IN_IMPACT.put(Product.NEPTUNE, Risk.Level.HIGH);
    LOCK_IN_IMPACT.put(Product.PINECONE, Risk.Level.HIGH);
    LOCK_IN_IMPACT.put(Product.AURORA_GLOBAL, Risk.Level.MEDIUM);
    LOCK_IN_IMPACT.put(Product.AURORA_POSTGRESQL, Risk.Level.MEDIUM);
    LOCK_IN_IMPACT.put(Product.AURORA_MYSQL, Risk.Level.MEDIUM);
    LOCK_IN_IMPACT.put(Product.AURORA_SERVERLESS, Risk.Level.MEDIUM);
  }

  /** Seed: a managed service costs about 30% more per unit than servers the team runs. */
  static final int MANAGED_PREMIUM_PERCENT = 30;

  /** Seed: reserved capacity saves about 30% on a one-year term... */
  static final int RESERVED_ONE_YEAR_SAVING_PERCENT = 30;

  /** ...and about 60% on a three-year term. */
  static final int RESERVED_THREE_YEAR_SAVING_PERCENT = 60;

  /** Ours: data at least this many times today's within 12 months is a cost driver. */
  static final double COST_GROWTH_FACTOR = 2;

  private SituationRisks() {}

  static void assess(VerdictBuilder verdict, Profile p) {
    ChosenTechnology chosen = p.system().chosen();
    teamSkills(verdict, p, chosen);
    vendorLockIn(verdict, p, chosen);
    cost(verdict, p, chosen);
  }

  /**
   * SEL-RISK-001: the chosen engine is new to the team (it lists the databases it runs and this one
   * is not among them, nor is a monitored database of it), or a SQL engine for a team that says its
   * SQL is weak. Likelihood HIGH when the team would also run the servers without strong operations
   * skills; impact HIGH when the engine's data model is not relational, because keys and documents
   * designed without experience are costly to change once data is in them.
   */
  static void teamSkills(VerdictBuilder verdict, Profile p, ChosenTechnology chosen) {
    Platform platform = p.platform();
    Design.Engine engine = chosen.product().engine();
    List<String> names = ENGINE_NAMES.getOrDefault(engine, List.of());
    boolean listsDatabases =
        platform.existingDatabases() != null && !platform.existingDatabases().isEmpty();
    boolean newEngine = listsDatabases && names.stream().noneMatch(p::teamRuns);
    boolean sql = Technology.of(chosen.product()).sql();
    boolean weakSql = sql && platform.sqlProficiency() == Platform.Level.LOW;
    if (!newEngine && !weakSql) {
      return;
    }
    boolean selfRunWithoutSkills =
        chosen.hosting() == Design.Hosting.SELF_MANAGED
            && platform.opsExpertise() != Platform.Level.HIGH;
    Risk.Level likelihood = selfRunWithoutSkills ? Risk.Level.HIGH : Risk.Level.MEDIUM;
    Risk.Level impact = sql ? Risk.Level.MEDIUM : Risk.Level.HIGH;
    List<String> gaps = new ArrayList<>();
    if (newEngine) {
      gaps.add(
          "the team runs "
              + String.join(", ", platform.existingDatabases())
              + " and has not run "
              + chosen.product().label());
    }
    if (weakSql) {
      gaps.add("the team rates its SQL proficiency LOW and the design is built on SQL");
    }
    verdict.risk(
        "SEL-RISK-001",
        "Skills: "
            + String.join("; ", gaps)
            + (selfRunWithoutSkills
                ? ", and it would also run the servers itself with "
                    + level(platform.opsExpertise())
                    + " operations expertise"
                : "")
            + (sql
                ? ""
                : "; a "
                    + model(engine)
                    + " data model designed without experience is costly to change once data is"
                    + " in it"),
        likelihood,
        impact,
        "Budget training and a spike on the real access patterns before the design is frozen;"
            + " have someone who has run "
            + chosen.product().label()
            + " review the schema or key design"
            + (selfRunWithoutSkills ? "; prefer the managed service while the team learns" : "")
            + ".");
  }

  /**
   * SEL-RISK-002: the primary is a service one provider sells. Impact from how much moving costs
   * ({@link #LOCK_IN_IMPACT}); likelihood MEDIUM when the team has not said whether lock-in
   * matters, LOW when it accepted it. A team that said it matters gets an open engine instead
   * (SEL-LOCK-001), so this never fires for it.
   */
  static void vendorLockIn(VerdictBuilder verdict, Profile p, ChosenTechnology chosen) {
    Risk.Level impact = LOCK_IN_IMPACT.get(chosen.product());
    Boolean concern = p.platform().vendorLockInConcern();
    if (impact == null || Boolean.TRUE.equals(concern)) {
      return;
    }
    Risk.Level likelihood = concern == null ? Risk.Level.MEDIUM : Risk.Level.LOW;
    boolean proprietaryApi = impact == Risk.Level.HIGH;
    verdict.risk(
        "SEL-RISK-002",
        "Vendor lock-in: "
            + chosen.product().label()
            + " is sold by one provider"
            + (proprietaryApi
                ? " behind its own API, so leaving it means rewriting the data access layer"
                : "; it speaks the open engine's protocol, but leaving it is a data migration and"
                    + " a replacement for every provider-only feature in use")
            + (concern == null
                ? " (the requirements do not say whether lock-in matters)"
                : " (the team accepted lock-in)"),
        likelihood,
        impact,
        proprietaryApi
            ? "Keep the data access behind one repository layer, keep a regular export in an open"
                + " format, and write down which provider features the design depends on."
            : "Stay on features the open-source engine has, keep a logical export or replica"
                + " outside the service, and rehearse a restore into the open engine once a year.");
  }

  /**
   * SEL-RISK-003: a budget that is sensitive (MEDIUM or HIGH) against what makes this design cost
   * more: managed hosting (about {@value #MANAGED_PREMIUM_PERCENT}% more per unit), a copy in every
   * region, serverless capacity under steady load, or data growing at least {@value
   * #COST_GROWTH_FACTOR} times in a year. Likelihood HIGH with a HIGH sensitivity and two drivers
   * or more, MEDIUM with either, LOW otherwise; impact MEDIUM (an overrun forces cuts or a later
   * redesign, it loses no data).
   */
  static void cost(VerdictBuilder verdict, Profile p, ChosenTechnology chosen) {
    Platform.Level sensitivity = p.platform().budgetSensitivity();
    if (sensitivity == null || sensitivity == Platform.Level.LOW) {
      return;
    }
    List<String> drivers = new ArrayList<>();
    Design.Hosting hosting = chosen.design().hosting();
    if (hosting == Design.Hosting.MANAGED) {
      drivers.add(
          "managed hosting, about "
              + MANAGED_PREMIUM_PERCENT
              + "% more per unit than servers the team runs (it buys back operations hours)");
    }
    if (Boolean.TRUE.equals(p.availability().multiRegion())) {
      drivers.add("a full copy of the data in every region, and cross-region transfer billed");
    }
    if (hosting == Design.Hosting.SERVERLESS
        && !ChosenTechnology.variable(p.platform(), p.workload())
        && p.workload().peakQps() != null) {
      drivers.add(
          "serverless capacity under a steady load (peak "
              + p.workload().peakQps()
              + " against average "
              + p.workload().averageQps()
              + " queries a second, under "
              + Facts.format(ChosenTechnology.VARIABLE_PEAK_TO_AVERAGE)
              + " times), where provisioned capacity costs less");
    }
    Double today = p.scale().dataVolumeGb();
    Double inAYear = p.scale().dataVolumeGbIn12Months();
    if (today != null && inAYear != null && today > 0 && inAYear >= today * COST_GROWTH_FACTOR) {
      drivers.add(
          "data growing from "
              + Facts.format(today)
              + " GB to "
              + Facts.format(inAYear)
              + " GB in 12 months ("
              + Facts.format(Math.round(inAYear / today * 10) / 10.0)
              + " times, at or above "
              + Facts.format(COST_GROWTH_FACTOR)
              + ")");
    }
    if (drivers.isEmpty()) {
      return;
    }
    boolean high = sensitivity == Platform.Level.HIGH;
    boolean several = drivers.size() >= 2;
    Risk.Level likelihood =
        high && several ? Risk.Level.HIGH : high || several ? Risk.Level.MEDIUM : Risk.Level.LOW;
    verdict.risk(
        "SEL-RISK-003",
        "Cost: budget sensitivity is "
            + sensitivity
            + " and the design pays for "
            + String.join("; ", drivers),
        likelihood,
        Risk.Level.MEDIUM,
        "Size instances from measured load, not the peak forecast; once the load is steady, commit"
            + " to reserved capacity (about "
            + RESERVED_ONE_YEAR_SAVING_PERCENT
            + "% off for one year, about "
            + RESERVED_THREE_YEAR_SAVING_PERCENT
            + "% for three), but not while it is still growing fast; archive or tier data past"
            + " its hot period; compare the monthly bill with the forecast.");
  }

  private static String model(Design.Engine engine) {
    return switch (engine) {
      case MONGODB -> "document";
      case DYNAMODB -> "key-value";
      case CASSANDRA, SCYLLADB -> "wide-column";
      case NEO4J, NEPTUNE -> "graph";
      case INFLUXDB -> "time-series";
      case PINECONE, MILVUS -> "vector";
      case OPENSEARCH -> "search-index";
      case REDIS -> "in-memory key-value";
      default -> "non-relational";
    };
  }

  private static String level(Platform.Level level) {
    return level == null ? "unstated" : level.name();
  }
}
