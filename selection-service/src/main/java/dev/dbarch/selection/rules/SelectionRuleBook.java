package dev.dbarch.selection.rules;

import dev.dbarch.contracts.events.Heading;
import dev.dbarch.contracts.rules.Rule;
import dev.dbarch.contracts.rules.RuleBook;
import dev.dbarch.schema.findings.SchemaRule;
import dev.dbarch.schema.findings.SchemaRules;
import dev.dbarch.specialist.rules.SchemaFindings;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Every rule the selection section may emit, registered once, in the order of
 * docs/rules/selection.md. Each {@code decides} is the text of the rule's catalogue row
 * (RuleCatalogueTest holds the two equal, both ways) and RuleFiringTest fires every rule once and
 * shows a near miss. The section's verdict builder refuses any other id.
 *
 * <p>The book also holds the live schema's structural findings this section reports ({@link
 * #SCHEMA_FINDINGS}); those rules, their text and their tests belong to schema-kit
 * (docs/rules/schema.md) and are registered here from its registry.
 */
public final class SelectionRuleBook {

  /** The schema findings that land in this section (regulated data is the security section's). */
  static final Predicate<String> SCHEMA_FINDINGS =
      SchemaFindings.prefixed(
          "SCH-FK-",
          "SCH-PK-",
          "SCH-IDX-",
          "SCH-GOD-",
          "SCH-NUL-",
          "SCH-LOB-",
          "SCH-SEQ-",
          "SCH-CON-",
          "SCH-TYP-",
          "SCH-BLT-");

  /** The selection rules proper (SEL-*), as docs/rules/selection.md lists them. */
  public static final RuleBook SELECTION = RuleBook.of("selection (SEL-*)", selection());

  /**
   * What the section's verdict builder accepts: its own rules and the schema findings it reports.
   */
  public static final RuleBook BOOK = RuleBook.of("selection", all());

  private SelectionRuleBook() {}

  private static List<Rule> all() {
    List<Rule> rules = new ArrayList<>(SELECTION.rules());
    for (SchemaRule schema : SchemaRules.ALL) {
      if (SCHEMA_FINDINGS.test(schema.id())) {
        rules.add(
            new Rule(
                schema.id(),
                Heading.RISKS_AND_MITIGATIONS,
                schema.title(),
                "the request's schema (a live catalog or a submitted script) has a finding of this"
                    + " schema-kit rule"));
      }
    }
    return rules;
  }

  private static List<Rule> selection() {
    return List.of(
        rule(
            "SEL-REQ-001",
            Heading.REQUIREMENTS_SUMMARY,
            "Workload as given: type, reads per write, peak/average QPS, ACID scope, event sourcing, batch jobs, p99 targets",
            "Fires when `workload` is given; missing latency targets become an assumption"),
        rule(
            "SEL-REQ-002",
            Heading.REQUIREMENTS_SUMMARY,
            "Scale as given: volume now and in 12 months, growth, orders/events per day, users, largest tables",
            "Fires when `scale` is given"),
        rule(
            "SEL-REQ-003",
            Heading.REQUIREMENTS_SUMMARY,
            "Consistency as given: overall level, per area (sorted), transaction scope",
            "Fires when `consistency` is given"),
        rule(
            "SEL-REQ-004",
            Heading.REQUIREMENTS_SUMMARY,
            "Compliance as given: regimes, sensitive fields, tenancy",
            "Fires when `compliance` is given"),
        rule(
            "SEL-REQ-005",
            Heading.REQUIREMENTS_SUMMARY,
            "What was stated when none of the groups above was: the parts the team gave, and that the design rests on the assumptions listed at the end",
            "Fires when `workload`, `scale`, `consistency` and `compliance` are all missing"),
        rule(
            "SEL-CONFLICT-001",
            Heading.RISKS_AND_MITIGATIONS,
            "Eventual consistency for everything, yet ACID transactions",
            "Level EVENTUAL, ACID true, no STRONG area"),
        rule(
            "SEL-CONFLICT-002",
            Heading.RISKS_AND_MITIGATIONS,
            "Analytical workload with an interactive p99 read target",
            "OLAP and p99 read ≤ 10 ms (ours)"),
        rule(
            "SEL-CONFLICT-003",
            Heading.RISKS_AND_MITIGATIONS,
            "Graph traversals strongly consistent across regions",
            "Graph, multi-region, and STRONG level, a STRONG area or ACID"),
        rule(
            "SEL-CONFLICT-004",
            Heading.RISKS_AND_MITIGATIONS,
            "Writes agreed across regions, faster than one cross-region trip",
            "Multi-region, strong (or RPO 0), p99 write < 40 ms (seed: 40-60 ms per cross-region trip)"),
        rule(
            "SEL-CONFLICT-005",
            Heading.RISKS_AND_MITIGATIONS,
            "Managed service preferred, database on premises",
            "`managedPreferred: true` and `ON_PREM`"),
        rule(
            "SEL-CONFLICT-006",
            Heading.RISKS_AND_MITIGATIONS,
            "The team wants to run the database but has few operations skills",
            "`managedPreferred: false`, ops expertise LOW, not on premises"),
        rule(
            "SEL-CONFLICT-007",
            Heading.RISKS_AND_MITIGATIONS,
            "Scale figures that contradict each other",
            "Positive growth but 12-month volume (or orders/day) below today's; average QPS above peak"),
        rule(
            "SEL-CONFLICT-008",
            Heading.RISKS_AND_MITIGATIONS,
            "Residency in several places, declared single-region",
            "Two or more residency entries and `multiRegion: false`"),
        rule(
            "SEL-CONFLICT-009",
            Heading.RISKS_AND_MITIGATIONS,
            "\"Not relational\" with no other shape named",
            "`relational: false` and no documents, key-value, time series, graph or embeddings"),
        rule(
            "SEL-WIDE-001",
            Heading.RECOMMENDED_TECHNOLOGY,
            "Apache Cassandra 5.0, or ScyllaDB 2025.1; RF 3 per datacenter, one table per query",
            "Peak writes ≥ 10,000/s (seed's single-server limit), writes = peakQps / (ratio + 1) or eventsPerDay / 86,400, whichever is larger; level not STRONG, no STRONG area, no ACID. ScyllaDB when a p99 target ≤ 10 ms (ours) or budget sensitivity HIGH"),
        rule(
            "SEL-REL-001",
            Heading.RECOMMENDED_TECHNOLOGY,
            "PostgreSQL 17, or MySQL 8.4 LTS",
            "MySQL only when nothing needs PostgreSQL (JSONB, ltree, full-text, time series, vectors, recursive queries, OLAP/hybrid, relationship depth ≥ 3) and the team runs MySQL but not PostgreSQL"),
        rule(
            "SEL-GLOBAL-001",
            Heading.RECOMMENDED_TECHNOLOGY,
            "Aurora PostgreSQL 17 Global Database, or CockroachDB 25.2",
            "Relational + multi-region. Aurora only on AWS with no residency list, RPO > 0 and no lock-in concern"),
        rule(
            "SEL-CLOUD-001",
            Heading.RECOMMENDED_TECHNOLOGY,
            "Serverless relational: Aurora Serverless v2 (0.5-128 ACUs, seed), Neon (scale to zero, branches), or PlanetScale for MySQL teams",
            "Single region, managed wanted, not on premises, and variable load: serverless deployment or peak ≥ 10 × average (ours). PostgreSQL: Aurora Serverless v2 on AWS without lock-in concern or HIGH budget sensitivity; Neon otherwise (not on GCP, where the rule does not fire). MySQL: PlanetScale (not on Azure)"),
        rule(
            "SEL-CLOUD-002",
            Heading.RECOMMENDED_TECHNOLOGY,
            "Distributed SQL past one primary: CockroachDB 25.2 in one region, or PlanetScale (Vitess) for MySQL teams",
            "Peak writes ≥ 10,000/s (seed) but SEL-WIDE-001 declined because strong consistency or ACID is needed (or assumed). PlanetScale when the engine is MySQL, managed wanted, not on premises or Azure"),
        rule(
            "SEL-CLOUD-003",
            Heading.RECOMMENDED_TECHNOLOGY,
            "Amazon Aurora PostgreSQL 17, or Aurora MySQL 3",
            "AWS, managed, no lock-in concern, and 12-month volume ≥ 1,000 GB or peak reads ≥ 10,000/s (seed: ~1 TB and ~10k QPS per server)"),
        rule(
            "SEL-DOC-001",
            Heading.RECOMMENDED_TECHNOLOGY,
            "MongoDB 8.0 replica set, or Amazon DynamoDB on-demand",
            "DynamoDB when AWS, (serverless or key-value) and no lock-in concern"),
        rule(
            "SEL-TS-001",
            Heading.RECOMMENDED_TECHNOLOGY,
            "Primary: TimescaleDB 2 on PostgreSQL 17, or InfluxDB 3. Beside PostgreSQL: the TimescaleDB extension, or native time partitioning (pg_partman + BRIN) where the host lacks it (RDS, Cloud SQL, Aurora, Neon). Beside Cassandra/ScyllaDB/MongoDB: their own time layouts",
            "InfluxDB only for LOW SQL proficiency and non-relational data"),
        rule(
            "SEL-GRAPH-001",
            Heading.RECOMMENDED_TECHNOLOGY,
            "Neo4j 5 or Amazon Neptune 1.4, as primary or as a CDC-fed companion",
            "Neptune when AWS, managed and no lock-in concern"),
        rule(
            "SEL-VEC-001",
            Heading.RECOMMENDED_TECHNOLOGY,
            "pgvector 0.8, Pinecone serverless or Milvus 2.5, with HNSW; size per vector stated",
            "pgvector beside a PostgreSQL primary (or when the team runs PostgreSQL / is budget-sensitive); else Pinecone when managed and no lock-in; else Milvus. 4 bytes per dimension (seed: 768 dims ≈ 3 KB)"),
        rule(
            "SEL-POLY-001",
            Heading.RECOMMENDED_TECHNOLOGY,
            "PostgreSQL full-text (tsvector + GIN) first, OpenSearch 2 later; or OpenSearch fed by CDC for non-PostgreSQL primaries",
            "Full-text search is needed"),
        rule(
            "SEL-POLY-002",
            Heading.RECOMMENDED_TECHNOLOGY,
            "Analytics in a columnar warehouse fed by CDC, star schema there",
            "`HYBRID`"),
        rule(
            "SEL-POLY-003",
            Heading.RECOMMENDED_TECHNOLOGY,
            "Redis 7 for short-lived key-value data",
            "Key-value data beside a SQL primary"),
        rule(
            "SEL-POLY-004",
            Heading.RECOMMENDED_TECHNOLOGY,
            "Polyglot persistence: every store of the design with its one job (system of record, search, analytics, cache, sessions, traversals, embeddings)",
            "Two or more stores. A Redis cache-aside entry joins when reads per write > 10 (seed) on a SQL or MongoDB primary; its sizing is the performance section's"),
        rule(
            "SEL-LOCK-001",
            Heading.RECOMMENDED_TECHNOLOGY,
            "Engines that run anywhere; lists the proprietary options this input ruled out (Aurora, Aurora Global, DynamoDB, Neptune, Pinecone)",
            "Lock-in concern is true"),
        rule(
            "SEL-HOST-001",
            Heading.RECOMMENDED_TECHNOLOGY,
            "Managed service per engine and cloud (RDS, Cloud SQL, Azure flexible server, Atlas, Astra DB, ScyllaDB Cloud, Timescale Cloud, ...)",
            "Managed unless `managedPreferred` is false and ops expertise is not LOW; not on premises; skipped for service-only engines (Aurora, Neon, PlanetScale, DynamoDB, Pinecone, Neptune)"),
        rule(
            "SEL-HOST-002",
            Heading.RECOMMENDED_TECHNOLOGY,
            "Self-managed (CloudNativePG on containers, Patroni on VMs, InnoDB Cluster, K8ssandra, ...); risk when ops expertise is LOW",
            "Otherwise (incl. on premises)"),
        rule(
            "SEL-UPG-001",
            Heading.RECOMMENDED_TECHNOLOGY,
            "Upgrade the monitored PostgreSQL to the recommended major version (pg_upgrade --link, or logical replication and a switchover for near-zero downtime), rehearsed on a copy",
            "A monitored PostgreSQL whose major version is below the recommended one (e.g. 15 against 17)"),
        rule(
            "SEL-SCHEMA-001",
            Heading.SCHEMA_DESIGN,
            "Third normal form; lists the entities named in the input",
            "SQL primary, OLTP or HYBRID"),
        rule(
            "SEL-SCHEMA-002",
            Heading.SCHEMA_DESIGN,
            "Star schema (in the analytics store for HYBRID)",
            "SQL primary, OLAP or HYBRID"),
        rule(
            "SEL-SCHEMA-003",
            Heading.SCHEMA_DESIGN,
            "Selective denormalization: in eventually consistent areas only, or only rarely-changing columns updated in the same transaction; the consistency cost is named",
            "Ratio > 10 (seed), not OLAP. An EVENTUAL level with ACID counts as strong (see SEL-CONFLICT-001)"),
        rule(
            "SEL-SCHEMA-004",
            Heading.SCHEMA_DESIGN,
            "Event log as source of truth, projections as read models (CQRS)",
            "Event sourcing is true"),
        rule(
            "SEL-SCHEMA-005",
            Heading.SCHEMA_DESIGN,
            "ltree + GiST (PostgreSQL); closure table (other SQL); materialized path (non-SQL)",
            "Hierarchical is true"),
        rule(
            "SEL-SCHEMA-006",
            Heading.SCHEMA_DESIGN,
            "Time-based partitioning: monthly range partitions on the time column, old partitions dropped for retention",
            "A table estimated above 100 GB (seed); size per table = volume × its share of the listed rows. Chosen when the table's queries filter or sort on a time column, or when no query says (created_at assumed). Not for CockroachDB or PlanetScale, which shard by themselves"),
        rule(
            "SEL-SCHEMA-008",
            Heading.SCHEMA_DESIGN,
            "Key partitioning: LIST by a low-cardinality column the queries name (region, country), else HASH by a selective one (customer_id), with the count to keep each partition near 50 GB (ours, power of two, at least 4)",
            "Same size threshold (seed), for tables whose queries name no time column but an equality key"),
        rule(
            "SEL-SCHEMA-007",
            Heading.SCHEMA_DESIGN,
            "The model a non-relational store needs (embed vs reference, single-table design, query-first tables, tags vs fields, property graph, collections)",
            "Non-SQL primary"),
        rule(
            "SEL-DOCM-001",
            Heading.SCHEMA_DESIGN,
            "Embed one-to-few children that are read with their parent (inside the document, or a list attribute of the DynamoDB item)",
            "MongoDB or DynamoDB; children per parent = child rows / parent rows ≤ 10 (ours: \"few\"), and no pattern reads the child on its own"),
        rule(
            "SEL-DOCM-002",
            Heading.SCHEMA_DESIGN,
            "Reference the rest: own collection with the parent id (MongoDB), separate items in the parent's item collection (DynamoDB)",
            "More than 10 per parent, count unknown (assumed, asked), or read on its own"),
        rule(
            "SEL-DOCM-003",
            Heading.RISKS_AND_MITIGATIONS,
            "Risk (medium/high): an unbounded array if the child were embedded; cap it (subset pattern) or keep it referenced",
            "More than 10 children per parent (ours); limits 16 MB per MongoDB document, 400 KB per DynamoDB item"),
        rule(
            "SEL-DDB-001",
            Heading.SCHEMA_DESIGN,
            "DynamoDB single-table design: base key PK/SK and one GSI per further key shape, from the access patterns: partition key = first equality attribute (selective first), sort key = remaining equality attributes then the sort or range attribute, entity-type prefixes (CUSTOMER#, ORDER#); a pattern reading an entity by its own id becomes the base key; shapes that are a prefix of another share it",
            "DynamoDB primary with at least one pattern naming an equality key"),
        rule(
            "SEL-DDB-002",
            Heading.RISKS_AND_MITIGATIONS,
            "Risk (high/medium): a pattern with no equality key is a full-table Scan",
            "DynamoDB primary"),
        rule(
            "SEL-IDX-001",
            Heading.INDEXING_STRATEGY,
            "One composite B-tree per query: equality columns (high-cardinality first, low last), then ORDER BY columns, then range columns; an index whose columns are a leftmost prefix of another's is folded into it (seed's leftmost-prefix rule). No index for a primary-key lookup (`id = ?`)",
            "An indexable primary (SQL, MongoDB, wide-column; DynamoDB uses SEL-DDB-001)"),
        rule(
            "SEL-IDX-002",
            Heading.INDEXING_STRATEGY,
            "Partial index for a fixed value (`status = 'active'`, `IN` of literals on a low-cardinality column, boolean literal, `IS [NOT] NULL`)",
            "PostgreSQL, CockroachDB, MongoDB. MySQL engines have no partial indexes: the column joins the key instead"),
        rule(
            "SEL-IDX-003",
            Heading.INDEXING_STRATEGY,
            "Index every foreign key; rows for join columns not already leading an index",
            "SQL primary"),
        rule(
            "SEL-IDX-004",
            Heading.INDEXING_STRATEGY,
            "GIN on JSONB, array and tsvector columns (rows for the columns the SQL searches with `@>`, `?`, `@@`, `&&`, `= ANY`)",
            "PostgreSQL-based primary"),
        rule(
            "SEL-IDX-005",
            Heading.INDEXING_STRATEGY,
            "HNSW on the embedding column; rows with the operator class of the SQL's distance (`<=>` cosine, `<->` L2, `<#>` inner product)",
            "Embeddings present, or a pgvector distance in the SQL on a PostgreSQL-based primary"),
        rule(
            "SEL-IDX-006",
            Heading.INDEXING_STRATEGY,
            "Index only the listed patterns; review unused indexes monthly",
            "Ratio < 1 (ours: more writes than reads)"),
        rule(
            "SEL-IDX-007",
            Heading.RISKS_AND_MITIGATIONS,
            "Risk (high/medium): a filter no index serves as written (function or operator around the column, negation, leading wildcard)",
            "Filter class"),
        rule(
            "SEL-IDX-008",
            Heading.INDEXING_STRATEGY,
            "Covering index: the returned columns the key lacks go in `INCLUDE` (PostgreSQL 11+), `STORING` (CockroachDB), or trail the key (MySQL, where the primary key is already in every secondary index, and MongoDB)",
            "SQL with an explicit column list; at most 4 extra columns per index (ours)"),
        rule(
            "SEL-IDX-009",
            Heading.RISKS_AND_MITIGATIONS,
            "Risk (medium/low): `SELECT *` returns every column and rules out a covering index",
            "`*` or `t.*` of the queried table"),
        rule(
            "SEL-IDX-010",
            Heading.RISKS_AND_MITIGATIONS,
            "Risk (medium/medium): an index led by a low-cardinality column (under 100 distinct values, seed), or a DynamoDB key partitioned by one (hot partitions, high/medium)",
            "Leading column low, index not partial"),
        rule(
            "SEL-IDX-011",
            Heading.RISKS_AND_MITIGATIONS,
            "Risk (medium/medium): a write-heavy table carrying many suggested indexes",
            "Ratio < 1 and 3 or more suggested indexes on one table (ours)"),
        rule(
            "SEL-IDX-012",
            Heading.INDEXING_STRATEGY,
            "Without an index derived from the access patterns, on a primary that is not SQL: only the key the engine indexes by itself; a secondary index per query once the queries are known",
            "No index row derived (no pattern given, or none an index follows from) and a primary that is not SQL (SQL gets SEL-IDX-003)"),
        rule(
            "SEL-ALT-001",
            Heading.ALTERNATIVES_CONSIDERED,
            "Two or three runners-up per primary (PostgreSQL → MySQL, MongoDB, CockroachDB; Aurora Serverless v2 → Neon, provisioned PostgreSQL; CockroachDB in one region → PostgreSQL, Cassandra; ...), each with pros, cons and the reason this input rules it out",
            "Fires for every input: a baseline, so it has no near miss"),
        rule(
            "SEL-RISK-001",
            Heading.RISKS_AND_MITIGATIONS,
            "Risk: the chosen engine is new to the team (its existing databases do not include it), or SQL for a team whose SQL proficiency is LOW; likelihood HIGH when the team would also run the servers without HIGH operations expertise, else MEDIUM; impact HIGH for a non-relational data model, MEDIUM for SQL",
            "platform.existingDatabases given without the chosen engine, or platform.sqlProficiency LOW with a SQL engine"),
        rule(
            "SEL-RISK-002",
            Heading.RISKS_AND_MITIGATIONS,
            "Risk: vendor lock-in on a service one provider sells (DynamoDB, Neptune, Pinecone: impact HIGH, a rewrite of the data access; Aurora: impact MEDIUM, a data migration); likelihood MEDIUM when lock-in is not stated, LOW when the team accepted it",
            "The primary is DynamoDB, Neptune, Pinecone or an Aurora service and platform.vendorLockInConcern is not true"),
        rule(
            "SEL-RISK-003",
            Heading.RISKS_AND_MITIGATIONS,
            "Risk: cost against a MEDIUM or HIGH budget sensitivity, naming each driver (managed hosting at about 30% more per unit, a copy per region, serverless under steady load, data at least doubling in 12 months); likelihood HIGH for HIGH sensitivity with two drivers or more, MEDIUM for either, LOW otherwise; impact MEDIUM",
            "platform.budgetSensitivity MEDIUM or HIGH and at least one cost driver"));
  }

  private static Rule rule(String id, Heading heading, String decides, String appliesWhen) {
    return new Rule(id, heading, decides, appliesWhen);
  }
}
