package dev.dbarch.selection.rules;

import static dev.dbarch.selection.rules.Requests.assess;
import static dev.dbarch.testsupport.VerdictChecks.decision;
import static dev.dbarch.testsupport.VerdictChecks.fired;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.events.Alternative;
import dev.dbarch.contracts.events.AssessmentRequested;
import dev.dbarch.contracts.events.Decision;
import dev.dbarch.contracts.events.Section;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.contracts.events.Trigger;
import dev.dbarch.contracts.requirements.Requirements;
import dev.dbarch.testsupport.VerdictChecks;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Situations beyond the e-commerce golden file: one or more per technology family, polyglot
 * designs, contradictory and sparse inputs. Each test states what a reviewer would expect; the
 * factories check what must hold for every situation.
 */
class SituationsTest {

  static Decision primary(SectionVerdict verdict) {
    List<Decision> primaries =
        verdict.decisions().stream().filter(d -> d.topic().equals("Primary database")).toList();
    assertThat(primaries).as("exactly one primary database").hasSize(1);
    return primaries.get(0);
  }

  static SectionVerdict of(String yaml) {
    return assess(yaml);
  }

  // --- relational and cloud-native ---------------------------------------------------------

  @Test
  void theBriefAsStatedAsksTheSeedsOpeningQuestions() {
    SectionVerdict verdict = of(Situations.ECOMMERCE_BRIEF);

    assertThat(primary(verdict).choice()).isEqualTo("PostgreSQL 17");
    assertThat(decision(verdict, "SEL-SCHEMA-005").choice()).startsWith("ltree");
    assertThat(verdict.questions())
        .contains(
            "Do you need ACID transactions for the core writes (for example an order with its"
                + " inventory reservation and payment)?",
            "Which data must be strongly consistent, and where is eventual consistency acceptable?",
            "What query latency is acceptable at the 99th percentile, for reads and for writes?");
  }

  @Test
  void aMysqlShopWithSqlPatternsStaysOnMysqlWithACache() {
    SectionVerdict verdict = of(Situations.MYSQL_WEB_APP);

    assertThat(primary(verdict).choice()).isEqualTo("MySQL 8.4 LTS");
    assertThat(decision(verdict, "SEL-HOST-001").choice())
        .isEqualTo("Managed: Cloud SQL for MySQL (high availability)");
    assertThat(decision(verdict, "SEL-POLY-004").choice()).contains("Redis 7: cache-aside");
    assertThat(verdict.indexes())
        .extracting(i -> i.table() + " " + i.type())
        .containsExactly(
            "users B-tree (email, name)", "posts B-tree (user_id, status, created_at, title)");
  }

  @Test
  void serverlessFunctionsOnAwsGetAuroraServerless() {
    assertThat(primary(of(Situations.SERVERLESS_AWS)).ruleId()).isEqualTo("SEL-CLOUD-001");
    assertThat(primary(of(Situations.SERVERLESS_AWS)).choice())
        .startsWith("Amazon Aurora Serverless v2");
  }

  @Test
  void previewEnvironmentsOnATightBudgetGetNeon() {
    SectionVerdict verdict = of(Situations.NEON_PREVIEWS);

    assertThat(primary(verdict).choice()).startsWith("Neon");
    assertThat(fired(verdict)).contains("SEL-IDX-004", "SEL-LOCK-001");
  }

  @Test
  void aMysqlEstatePastOnePrimaryGetsPlanetScale() {
    assertThat(primary(of(Situations.MYSQL_AT_SCALE)).choice()).startsWith("PlanetScale");
  }

  @Test
  void aLedgerPastOnePrimaryGetsCockroachDbInOneRegion() {
    SectionVerdict verdict = of(Situations.LEDGER_SCALE_OUT);

    assertThat(primary(verdict).ruleId()).isEqualTo("SEL-CLOUD-002");
    assertThat(fired(verdict)).doesNotContain("SEL-WIDE-001", "SEL-SCHEMA-006");
  }

  @Test
  void globalPaymentsWithResidencyGetCockroachDb() {
    SectionVerdict verdict = of(Situations.GLOBAL_PAYMENTS);

    assertThat(primary(verdict).choice())
        .isEqualTo("CockroachDB 25.2, multi-region with regional and global tables");
    assertThat(primary(verdict).rationale())
        .contains("eu-central-1, us-east-1")
        .contains("no write may be lost")
        .contains("avoid provider lock-in");
  }

  @Test
  void aReadHeavyGlobalAwsSystemGetsAuroraGlobal() {
    assertThat(primary(of(Situations.GLOBAL_AWS_READS)).choice())
        .startsWith("Amazon Aurora PostgreSQL 17 Global Database");
  }

  @Test
  void aLargeCatalogOnAwsGetsAuroraAndPartitionsItsHistory() {
    SectionVerdict verdict = of(Situations.LARGE_CATALOG_AWS);

    assertThat(primary(verdict).choice()).startsWith("Amazon Aurora PostgreSQL 17");
    assertThat(decision(verdict, "SEL-SCHEMA-006").choice())
        .contains("price_history (about 2935 GB, by recorded_at)");
    assertThat(verdict.indexes().get(0).type())
        .isEqualTo("B-tree (category_id, price) INCLUDE (id, name) WHERE status = 'active'");
  }

  // --- document, wide-column, time-series ---------------------------------------------------

  @Test
  void flexibleContentOnGcpGetsMongoDbWithItsDocumentModel() {
    SectionVerdict verdict = of(Situations.CONTENT_MONGODB);

    assertThat(primary(verdict).choice()).isEqualTo("MongoDB 8.0 as a three-member replica set");
    assertThat(fired(verdict)).contains("SEL-DOCM-001", "SEL-DOCM-002", "SEL-DOCM-003");
    assertThat(verdict.indexes().get(1).type())
        .isEqualTo("Compound index {author_id: 1, published_at: 1}");
  }

  @Test
  void serverlessKeyValueOnAwsGetsDynamoDbSingleTableDesign() {
    SectionVerdict verdict = of(Situations.SERVERLESS_DYNAMODB);

    assertThat(primary(verdict).choice()).startsWith("Amazon DynamoDB");
    assertThat(fired(verdict)).contains("SEL-DDB-001", "SEL-DDB-002").doesNotContain("SEL-IDX-001");
  }

  @Test
  void billionsOfEventsWithEventualConsistencyGetCassandra() {
    SectionVerdict verdict = of(Situations.IOT_CASSANDRA);

    assertThat(primary(verdict).choice()).startsWith("Apache Cassandra 5.0");
    assertThat(decision(verdict, "SEL-TS-001").choice())
        .startsWith("Time-bucketed partitions in Apache Cassandra 5.0");
    assertThat(verdict.indexes().get(0).type())
        .isEqualTo("Query table PRIMARY KEY ((device_id), recorded_at)");
    assertThat(fired(verdict)).doesNotContain("SEL-GLOBAL-001");
  }

  @Test
  void aTightTailLatencyAtHighWritesGetsScyllaDb() {
    SectionVerdict verdict = of(Situations.ADTECH_SCYLLA);

    assertThat(primary(verdict).choice()).startsWith("ScyllaDB 2025.1");
    assertThat(primary(verdict).rationale()).contains("holds a 5 ms p99");
    assertThat(verdict.alternatives())
        .extracting(Alternative::approach)
        .containsExactly("Apache Cassandra 5.0", "PostgreSQL 17");
    assertThat(verdict.alternatives().get(0).whyNotChosen()).startsWith("A p99 target of 5 ms");
  }

  @Test
  void pureMetricsForATeamWithoutSqlGetInfluxDb() {
    SectionVerdict verdict = of(Situations.METRICS_INFLUX);

    assertThat(primary(verdict).choice()).isEqualTo("InfluxDB 3");
    assertThat(decision(verdict, "SEL-HOST-001").choice()).isEqualTo("Managed: InfluxDB Cloud");
  }

  @Test
  void metricsForASqlTeamOnPremisesGetSelfRunTimescaleDbAndAWarehouse() {
    SectionVerdict verdict = of(Situations.METRICS_TIMESCALE);

    assertThat(primary(verdict).choice()).isEqualTo("TimescaleDB 2 on PostgreSQL 17");
    assertThat(fired(verdict)).contains("SEL-HOST-002", "SEL-POLY-002", "SEL-POLY-004");
  }

  // --- vector and graph --------------------------------------------------------------------

  @Test
  void ragBesidePostgresGetsPgvectorWithHnswAndGinRows() {
    SectionVerdict verdict = of(Situations.RAG_PGVECTOR);

    assertThat(primary(verdict).choice()).isEqualTo("PostgreSQL 17");
    assertThat(decision(verdict, "SEL-VEC-001").choice())
        .startsWith("PostgreSQL 17 with pgvector 0.8 with an HNSW index (1536 dimensions");
    assertThat(verdict.indexes())
        .extracting(i -> i.ruleId() + " " + i.type())
        .containsExactly(
            "SEL-IDX-001 B-tree (tenant_id) INCLUDE (id, chunk)",
            "SEL-IDX-004 GIN (search_vector)",
            "SEL-IDX-005 HNSW (embedding vector_cosine_ops)");
  }

  @Test
  void managedSemanticSearchGetsPinecone() {
    assertThat(primary(of(Situations.SEMANTIC_PINECONE)).choice())
        .startsWith("Pinecone serverless (API 2025-04) with an HNSW index (384 dimensions");
  }

  @Test
  void selfHostedVectorsWithALockInConcernGetMilvus() {
    SectionVerdict verdict = of(Situations.VECTORS_MILVUS);

    assertThat(primary(verdict).choice()).startsWith("Milvus 2.5");
    assertThat(decision(verdict, "SEL-LOCK-001").choice()).contains("ruled out: Pinecone");
  }

  @Test
  void deepTraversalsOnAwsGetNeptune() {
    SectionVerdict verdict = of(Situations.FRAUD_NEPTUNE);

    assertThat(primary(verdict).choice()).isEqualTo("Amazon Neptune 1.4");
    assertThat(verdict.alternatives().get(1).whyNotChosen()).contains("(5 levels here)");
  }

  // --- polyglot ------------------------------------------------------------------------------

  @Test
  void aSocialProductGetsFourStoresEachWithItsJob() {
    SectionVerdict verdict = of(Situations.SOCIAL_POLYGLOT);

    assertThat(primary(verdict).choice()).isEqualTo("PostgreSQL 17");
    assertThat(decision(verdict, "SEL-POLY-004").choice())
        .isEqualTo(
            "4 stores, each with one job: PostgreSQL 17: system of record with ACID transactions;"
                + " also full-text search; Neo4j 5: multi-hop traversals, fed by CDC; a columnar"
                + " warehouse: analytics in a star schema, fed by CDC; Redis 7: sessions, tokens,"
                + " counters and other expiring keys; cache-aside for hot reads (TTLs and hit ratio"
                + " in Performance Optimization)");
  }

  @Test
  void documentsWithSearchAndAnalyticsGetMongoOpenSearchAndAWarehouse() {
    SectionVerdict verdict = of(Situations.DOCUMENTS_WITH_SEARCH_AND_ANALYTICS);

    assertThat(primary(verdict).choice()).startsWith("MongoDB 8.0");
    assertThat(decision(verdict, "SEL-POLY-001").choice()).startsWith("OpenSearch 2 for search");
    assertThat(decision(verdict, "SEL-POLY-004").choice()).startsWith("4 stores");
  }

  // --- contradictory and sparse ---------------------------------------------------------------

  @Test
  void contradictoryFactsAreReportedAndTheDesignStillComes() {
    SectionVerdict verdict = of(Situations.CONTRADICTIONS);

    assertThat(primary(verdict).choice()).isEqualTo("PostgreSQL 17");
    assertThat(fired(verdict))
        .contains("SEL-CONFLICT-001", "SEL-CONFLICT-002", "SEL-CONFLICT-005", "SEL-HOST-002");
  }

  @Test
  void aGlobalGraphWithFastWritesIsReported() {
    assertThat(fired(of(Situations.GLOBAL_GRAPH_CONFLICT)))
        .contains("SEL-GLOBAL-001", "SEL-GRAPH-001", "SEL-CONFLICT-003", "SEL-CONFLICT-004");
  }

  @Test
  void sqlOnlyPatternsGiveIndexesWarningsAndQuestions() {
    SectionVerdict verdict = of(Situations.SQL_ONLY_PATTERNS);

    assertThat(fired(verdict))
        .contains(
            "SEL-IDX-001",
            "SEL-IDX-006",
            "SEL-IDX-007",
            "SEL-IDX-008",
            "SEL-IDX-009",
            "SEL-IDX-010",
            "SEL-IDX-011");
    assertThat(VerdictChecks.assumption(verdict, "SQL of access pattern 'broken export'"))
        .isNotNull();
  }

  @Test
  void aDocumentWithNothingButANameStillGetsAUsefulSection() {
    SectionVerdict verdict =
        SelectionRules.assess(
            new AssessmentRequested(
                "a-1",
                "bare",
                Trigger.SUBMITTED,
                Instant.parse("2026-01-01T00:00:00Z"),
                Requirements.named("bare", "Bare system")));

    assertThat(primary(verdict).choice()).isEqualTo("PostgreSQL 17");
    assertThat(fired(verdict))
        .contains("SEL-REL-001", "SEL-HOST-001", "SEL-SCHEMA-001", "SEL-IDX-003", "SEL-ALT-001");
    assertThat(verdict.alternatives()).hasSize(3);
    assertThat(VerdictChecks.assumedFacts(verdict))
        .containsExactly(
            "workload type",
            "latency targets",
            "data volume",
            "consistency model",
            "compliance regimes",
            "data shape",
            "multi-region",
            "existing databases",
            "ACID transactions",
            "managed service preference",
            "cloud provider",
            "read:write ratio",
            "access patterns");
    assertThat(verdict.questions()).hasSize(13);
    assertThat(verdict.risks()).isEmpty();
  }

  // --- for every situation -----------------------------------------------------------------

  static Stream<Map.Entry<String, String>> situations() {
    return Situations.all().entrySet().stream();
  }

  @Test
  void thereAreAtLeastFifteenSituationsBeyondTheEcommerceOne() {
    assertThat(Situations.all()).hasSizeGreaterThanOrEqualTo(16);
  }

  @Test
  void theSituationsReachEveryEngineTheRulesCanChooseAsPrimary() {
    List<String> primaries =
        situations().map(s -> primary(of(s.getValue())).choice()).distinct().toList();

    for (String engine :
        List.of(
            "PostgreSQL 17",
            "MySQL 8.4 LTS",
            "Amazon Aurora PostgreSQL 17,",
            "Amazon Aurora PostgreSQL 17 Global Database",
            "Amazon Aurora Serverless v2",
            "Neon",
            "PlanetScale",
            "CockroachDB",
            "MongoDB",
            "Amazon DynamoDB",
            "Apache Cassandra",
            "ScyllaDB",
            "InfluxDB",
            "TimescaleDB",
            "Pinecone",
            "Milvus",
            "Amazon Neptune")) {
      assertThat(primaries).as(engine).anyMatch(p -> p.startsWith(engine));
    }
  }

  @TestFactory
  Stream<DynamicTest> everySituationGivesACompleteTraceableSection() {
    return situations()
        .map(
            s ->
                DynamicTest.dynamicTest(
                    s.getKey(),
                    () -> {
                      SectionVerdict verdict = of(s.getValue());
                      Decision primary = primary(verdict);
                      assertThat(primary.choice()).as("names a version").containsPattern("\\d");
                      assertThat(verdict.alternatives()).hasSizeBetween(2, 3);
                      for (Alternative a : verdict.alternatives()) {
                        assertThat(a.whyNotChosen()).isNotBlank().doesNotStartWith(".");
                        assertThat(Character.isUpperCase(a.whyNotChosen().charAt(0))).isTrue();
                        assertThat(primary.choice()).doesNotStartWith(a.approach());
                      }
                      for (Decision d : verdict.decisions()) {
                        assertThat(Section.owning(d.heading())).isEqualTo(Section.SELECTION);
                        assertThat(d.rationale()).as(d.ruleId()).isNotBlank();
                        assertThat(d.tradeOff()).as(d.ruleId()).isNotBlank();
                      }
                      verdict
                          .assumptions()
                          .forEach(a -> assertThat(verdict.questions()).contains(a.question()));
                    }));
  }

  @TestFactory
  Stream<DynamicTest> everySituationIsByteIdenticalAcrossRuns() {
    return situations()
        .map(
            s ->
                DynamicTest.dynamicTest(
                    s.getKey(),
                    () ->
                        assertThat(Json.toJson(of(s.getValue())))
                            .isEqualTo(Json.toJson(of(s.getValue())))));
  }
}
