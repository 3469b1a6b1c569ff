package dev.dbarch.selection.rules;

import static dev.dbarch.selection.rules.Profile.yes;

import dev.dbarch.contracts.events.Assumption;
import dev.dbarch.contracts.events.Design;
import dev.dbarch.contracts.events.Heading;
import dev.dbarch.contracts.requirements.Consistency;
import dev.dbarch.contracts.requirements.Workload.WorkloadType;
import dev.dbarch.specialist.rules.Facts;
import dev.dbarch.specialist.rules.VerdictBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The Schema Design: normalization for transactions, a star schema for analytics, selective
 * denormalization for read-heavy data, event sourcing, hierarchies, partitioning of very large
 * tables, and the model a non-relational store needs.
 */
final class SchemaDesign {

  private static final Pattern TIME_COLUMN =
      Pattern.compile(
          "(created|updated|occurred|recorded|placed)_?(at|on)|.*_(at|date|time|ts)|date|time|timestamp|ts");

  private SchemaDesign() {}

  static void design(VerdictBuilder verdict, Profile p, Technology primary) {
    WorkloadType type = p.workload().type();
    if (type == null) {
      verdict.assume(
          "SEL-SCHEMA-001",
          Assumption.About.WORKLOAD_TYPE,
          Questions.WORKLOAD_TYPE,
          Questions.ASSUMED_OLTP,
          Questions.ASK_WORKLOAD);
    }
    WorkloadType effective = type == null ? WorkloadType.OLTP : type;
    if (primary.sql()) {
      if (effective != WorkloadType.OLAP) {
        normalized(verdict, p, effective);
      }
      if (effective != WorkloadType.OLTP) {
        starSchema(verdict, effective);
      }
      if (effective != WorkloadType.OLAP) {
        denormalization(verdict, p);
      }
      partitioning(verdict, p, primary);
    } else {
      storeModel(verdict, p, primary);
      DocumentModel.design(verdict, p, primary);
    }
    eventSourcing(verdict, p);
    hierarchy(verdict, p, primary);
  }

  /** SEL-SCHEMA-001: transactional data in third normal form. */
  static void normalized(VerdictBuilder verdict, Profile p, WorkloadType type) {
    Set<String> entities = entities(p);
    verdict.decide(
        "SEL-SCHEMA-001",
        Heading.SCHEMA_DESIGN,
        "Normalization",
        "Third normal form for the transactional data: one table per entity, a foreign key for"
            + " every relationship, constraints for every business rule the database can hold"
            + (entities.isEmpty() ? "" : "; key entities so far: " + String.join(", ", entities)),
        Facts.of()
            .put("workloadType", type)
            .put("entities", entities.isEmpty() ? null : entities.size())
            .map(),
        "Each fact is stored once, so an update cannot leave copies disagreeing, and the schema"
            + " stays easy to change.",
        "Reads join more tables, and queries are a little longer to write.");
  }

  /** SEL-SCHEMA-002: analytical data as a star schema. */
  static void starSchema(VerdictBuilder verdict, WorkloadType type) {
    verdict.decide(
        "SEL-SCHEMA-002",
        Heading.SCHEMA_DESIGN,
        "Analytical model",
        "Star schema"
            + (type == WorkloadType.HYBRID ? " in the analytics store" : "")
            + ": fact tables (one row per business event, numeric measures, keys to each"
            + " dimension) around denormalized dimension tables (customer, product, date)",
        Facts.of().put("workloadType", type).map(),
        "Aggregations touch one wide fact table and a few small dimensions, so they stay fast and"
            + " the SQL stays simple.",
        "Dimension data is repeated and updates are harder; storage grows.");
  }

  /** SEL-SCHEMA-003: selective denormalization for read-heavy data, and its consistency cost. */
  static void denormalization(VerdictBuilder verdict, Profile p) {
    Double ratio = p.workload().readWriteRatio();
    if (ratio == null) {
      verdict.assume(
          "SEL-SCHEMA-003",
          Assumption.About.READ_WRITE_RATIO,
          Questions.READ_WRITE_RATIO,
          "fewer than "
              + Facts.format(p.thresholds().readHeavyRatio())
              + " reads per write: no denormalization",
          Questions.ASK_READ_WRITE);
      return;
    }
    if (!p.system().readHeavy()) {
      return;
    }
    Consistency.Level level = p.consistency().level();
    if (level == null && p.consistencyPerArea().isEmpty()) {
      verdict.assume(
          "SEL-SCHEMA-003",
          Assumption.About.CONSISTENCY,
          Questions.CONSISTENCY,
          Questions.ASSUMED_STRONG,
          Questions.ASK_CONSISTENCY);
    }
    List<String> eventual = p.eventualAreas();
    boolean relaxed =
        !eventual.isEmpty()
            || (level == Consistency.Level.EVENTUAL && !yes(p.workload().acidTransactions()));
    verdict.decide(
        "SEL-SCHEMA-003",
        Heading.SCHEMA_DESIGN,
        "Selective denormalization",
        relaxed
            ? "Copy frequently joined columns into the tables that read them"
                + (eventual.isEmpty()
                    ? ""
                    : ", in the eventually consistent areas only ("
                        + String.join(", ", eventual)
                        + ")")
                + ", kept in sync by triggers or asynchronous events"
            : "Copy only columns that rarely change, updated in the same transaction as their"
                + " source; keep strongly consistent data normalized",
        Facts.of()
            .put("readWriteRatio", ratio)
            .put("consistency", level)
            .put("eventualAreas", eventual.isEmpty() ? null : String.join(", ", eventual))
            .map(),
        "With "
            + Facts.format(ratio)
            + " reads per write the joins are paid far more often than the extra writes a copy"
            + " costs.",
        "Every copy must change when its source does: more write work, more code, and a window"
            + " where copies disagree if they are synchronised asynchronously.");
  }

  /** SEL-SCHEMA-004: event sourcing with separate write and read models. */
  static void eventSourcing(VerdictBuilder verdict, Profile p) {
    if (!yes(p.workload().eventSourcing())) {
      return;
    }
    verdict.decide(
        "SEL-SCHEMA-004",
        Heading.SCHEMA_DESIGN,
        "Event sourcing and CQRS",
        "An append-only, normalized event log is the source of truth; denormalized read models"
            + " are projections that event handlers update asynchronously",
        Facts.of().put("eventSourcing", true).map(),
        "Commands and queries each get a model shaped for them, and the full history is kept.",
        "Read models lag the log; event versioning, replays and snapshots need discipline and"
            + " tooling.");
  }

  /** SEL-SCHEMA-005: hierarchical data. */
  static void hierarchy(VerdictBuilder verdict, Profile p, Technology primary) {
    if (!yes(p.shape().hierarchical())) {
      return;
    }
    String choice;
    if (primary.postgres()) {
      choice =
          "ltree paths (for example 'electronics.audio.headphones') with a GiST index for subtree"
              + " queries, alongside a parent_id foreign key";
    } else if (primary.sql()) {
      choice =
          "A closure table (ancestor, descendant, depth) alongside a parent_id foreign key;"
              + " recursive CTEs for ad-hoc walks";
    } else {
      choice = "A materialized path or ancestors array on each node, indexed";
    }
    verdict.decide(
        "SEL-SCHEMA-005",
        Heading.SCHEMA_DESIGN,
        "Hierarchical data",
        choice,
        Facts.of().put("hierarchical", true).put("primary", primary.label()).map(),
        "Subtree and ancestor queries become one indexed lookup instead of a query per level.",
        "Moving a subtree rewrites the path (or closure rows) of every node beneath it: cheap"
            + " reads, costlier restructuring.");
  }

  /** How a large table is split, and the column queries must name for pruning. */
  enum Strategy {
    TIME_RANGE,
    LIST,
    HASH
  }

  record PartitionKey(String column, Strategy strategy) {}

  /**
   * SEL-SCHEMA-006 (time-based range partitions) and SEL-SCHEMA-008 (list or hash partitions) for
   * tables projected past 100 GB, keyed by the column their queries filter on.
   */
  static void partitioning(VerdictBuilder verdict, Profile p, Technology primary) {
    if (primary == Technology.COCKROACHDB || primary == Technology.PLANETSCALE) {
      return;
    }
    Double dataGb = p.dataGb();
    if (dataGb == null) {
      verdict.assume(
          "SEL-SCHEMA-006",
          Assumption.About.DATA_VOLUME,
          Questions.DATA_VOLUME,
          "small: well under " + Facts.format(p.thresholds().largeTableGb()) + " GB within a year",
          Questions.ASK_DATA_VOLUME);
      return;
    }
    if (dataGb <= p.thresholds().largeTableGb()) {
      return;
    }
    List<String> byTime = new ArrayList<>();
    List<String> byKey = new ArrayList<>();
    if (p.tableRows().isEmpty()) {
      verdict.assume(
          "SEL-SCHEMA-006",
          Assumption.About.TABLE_SIZES,
          "table sizes",
          "the largest table holds most of the " + Facts.format(dataGb) + " GB",
          "Which tables hold most of the data, and how large is each?");
      PartitionKey key = partitionKey(verdict, p, null);
      (key.strategy() == Strategy.TIME_RANGE ? byTime : byKey)
          .add("the largest table (" + describe(key, dataGb) + ")");
    } else {
      long totalRows = p.tableRows().values().stream().mapToLong(Long::longValue).sum();
      for (Map.Entry<String, Long> table : p.tableRows().entrySet()) {
        double estimate = totalRows == 0 ? 0 : dataGb * table.getValue() / totalRows;
        if (estimate > p.thresholds().largeTableGb()) {
          PartitionKey key = partitionKey(verdict, p, table.getKey());
          (key.strategy() == Strategy.TIME_RANGE ? byTime : byKey)
              .add(
                  table.getKey()
                      + " (about "
                      + Math.round(estimate)
                      + " GB, "
                      + describe(key, estimate)
                      + ")");
        }
      }
    }
    Facts facts =
        Facts.of()
            .put("dataVolumeGb", dataGb)
            .put("partitionThresholdGb", p.thresholds().largeTableGb())
            .put("tablesWithRowCounts", p.tableRows().isEmpty() ? null : p.tableRows().size());
    if (!byTime.isEmpty()) {
      verdict.decide(
          "SEL-SCHEMA-006",
          Heading.SCHEMA_DESIGN,
          "Partitioning",
          "Range-partition by month: "
              + String.join(", ", byTime)
              + "; detach and archive or drop old partitions for retention",
          facts.map(),
          "Past about 100 GB a table's indexes and maintenance (VACUUM, rebuilds) get slow; queries"
              + " that filter on time touch only the partitions they need, and retention becomes"
              + " dropping a partition instead of a mass DELETE. Sizes are estimated from the"
              + " projected volume shared by row count.",
          "Queries that do not filter on the partition key scan every partition; primary keys and"
              + " unique constraints must include the partition key.");
      verdict.typed(Design.partitioning(Design.Partitioning.RANGE_TIME));
    }
    if (!byKey.isEmpty()) {
      verdict.decide(
          "SEL-SCHEMA-008",
          Heading.SCHEMA_DESIGN,
          "Partitioning by key",
          "Partition by the key the queries name: "
              + String.join(", ", byKey)
              + "; every query on these tables should filter on that key so the planner prunes",
          facts.map(),
          "Past about 100 GB a table's indexes and maintenance get slow; its queries filter on a"
              + " key rather than on time, so splitting by that key keeps each lookup inside one"
              + " partition. LIST fits a handful of known values (region, country), HASH spreads a"
              + " high-cardinality key evenly.",
          "No cheap retention by dropping partitions; queries without the key visit every"
              + " partition; primary keys and unique constraints must include the key; changing the"
              + " partition count later means rewriting the table.");
      verdict.typed(Design.partitioning(Design.Partitioning.HASH));
    }
  }

  /** Ours: hash partitions are sized to hold about this much each. */
  static final double HASH_PARTITION_GB = 50;

  static String describe(PartitionKey key, double gb) {
    return switch (key.strategy()) {
      case TIME_RANGE -> "by " + key.column();
      case LIST -> "LIST by " + key.column();
      case HASH -> "HASH by " + key.column() + " into " + hashPartitions(gb) + " partitions";
    };
  }

  /** A power of two, at least 4, so each partition holds about 50 GB. */
  static int hashPartitions(double gb) {
    int wanted = (int) Math.ceil(gb / HASH_PARTITION_GB);
    int partitions = 4;
    while (partitions < wanted) {
      partitions *= 2;
    }
    return partitions;
  }

  /**
   * The partition key of {@code table} (all tables when null): a time column its queries filter or
   * sort by (range by time); else a low-cardinality equality column (list) or a selective one
   * (hash); assumed to be created_at when no query says.
   */
  static PartitionKey partitionKey(VerdictBuilder verdict, Profile p, String table) {
    List<Query> queries = table == null ? p.queries() : p.queriesOn(table);
    for (Query query : queries) {
      List<String> columns = new ArrayList<>();
      query.filters().forEach(f -> columns.add(f.column()));
      columns.addAll(query.orderBy());
      for (String column : columns) {
        if (column != null && TIME_COLUMN.matcher(column).matches()) {
          return new PartitionKey(column, Strategy.TIME_RANGE);
        }
      }
    }
    if (table != null) {
      String high = null;
      for (Query query : queries) {
        for (IndexingStrategy.Filter f : query.filters()) {
          if (f.kind() != IndexingStrategy.Kind.EQUALITY
              && f.kind() != IndexingStrategy.Kind.FIXED_VALUE) {
            continue;
          }
          IndexingStrategy.Cardinality cardinality = IndexingStrategy.cardinality(f.column());
          if (cardinality == IndexingStrategy.Cardinality.LOW) {
            return new PartitionKey(f.column(), Strategy.LIST);
          }
          if (high == null && cardinality == IndexingStrategy.Cardinality.HIGH) {
            high = f.column();
          }
        }
      }
      if (high != null) {
        return new PartitionKey(high, Strategy.HASH);
      }
    }
    verdict.assume(
        "SEL-SCHEMA-006",
        Assumption.About.PARTITION_KEY,
        "partition key" + (table == null ? "" : " of " + table),
        "a creation timestamp (created_at)",
        "Which time column do queries on "
            + (table == null ? "the largest table" : table)
            + " filter by?");
    return new PartitionKey("created_at", Strategy.TIME_RANGE);
  }

  /** SEL-SCHEMA-007: the data model a non-relational primary needs. */
  static void storeModel(VerdictBuilder verdict, Profile p, Technology primary) {
    String model =
        switch (primary.family()) {
          case DOCUMENT ->
              primary == Technology.DYNAMODB
                  ? "Single-table design: composite partition and sort keys per entity, a global"
                      + " secondary index per further access pattern, validation in the"
                      + " application"
                  : "Embed one-to-few data that is read together (order lines inside the order);"
                      + " reference one-to-many and many-to-many data that grows or is read on its"
                      + " own; cap array growth; JSON Schema validation on every collection";
          case WIDE_COLUMN ->
              "Query-first tables: one table per read pattern, a partition key that bounds"
                  + " partition size (bucketed by time where rows accumulate), clustering columns"
                  + " for the sort order";
          case TIME_SERIES ->
              primary == Technology.INFLUXDB
                  ? "Tags for the metadata queries filter on (source, region, device); fields for"
                      + " the measured values; a retention period per bucket with downsampling"
                      + " tasks"
                  : "Hypertables partitioned by time, segmented by source; continuous aggregates"
                      + " for rollups";
          case GRAPH ->
              "Property graph: entities as nodes, relationships as typed edges with few"
                  + " properties; large payloads stored elsewhere and referenced by id";
          case VECTOR ->
              "One collection (or namespace) per embedding model, metadata fields for filtering;"
                  + " the source records stay in the system of record";
          default -> "Model the data for its access patterns";
        };
    verdict.decide(
        "SEL-SCHEMA-007",
        Heading.SCHEMA_DESIGN,
        "Data model",
        model,
        Facts.of()
            .put("primary", primary.label())
            .put("accessPatterns", p.accessPatterns().isEmpty() ? null : p.accessPatterns().size())
            .map(),
        "A non-relational store is fast for the queries it was modelled for; normalizing it as if"
            + " it were relational throws that away.",
        "A new query may need a new table, index or copy of the data; the model is harder to"
            + " change than a normalized schema.");
  }

  /** The tables the input names: the biggest tables and the tables of the access patterns. */
  static Set<String> entities(Profile p) {
    Set<String> entities = new TreeSet<>();
    p.tableRows().keySet().forEach(t -> entities.add(t.toLowerCase(Locale.ROOT)));
    for (Query query : p.queries()) {
      if (query.table() != null && !query.table().isBlank()) {
        entities.add(query.table());
      }
    }
    return entities;
  }
}
