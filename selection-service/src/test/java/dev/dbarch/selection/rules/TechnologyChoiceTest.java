package dev.dbarch.selection.rules;

import static dev.dbarch.selection.rules.Requests.assess;
import static dev.dbarch.testsupport.VerdictChecks.decision;
import static dev.dbarch.testsupport.VerdictChecks.fired;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.testsupport.VerdictChecks;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TechnologyChoiceTest {

  @Nested
  class WideColumn {

    @Test
    void highEventualWritesGoToCassandra() {
      SectionVerdict verdict =
          assess(
              """
              workload: {peakQps: 60000, readWriteRatio: 2}
              consistency: {level: EVENTUAL}
              """);

      assertThat(decision(verdict, "SEL-WIDE-001").choice()).startsWith("Apache Cassandra 5.0");
      assertThat(decision(verdict, "SEL-WIDE-001").facts())
          .containsEntry("peakWritesPerSecond", "20000");
      assertThat(fired(verdict)).contains("SEL-SCHEMA-007").doesNotContain("SEL-REL-001");
    }

    @Test
    void justBelowTenThousandWritesStaysRelational() {
      SectionVerdict verdict =
          assess(
              """
              workload: {peakQps: 29997, readWriteRatio: 2}
              consistency: {level: EVENTUAL}
              """);

      assertThat(fired(verdict)).doesNotContain("SEL-WIDE-001").contains("SEL-REL-001");
    }

    @Test
    void aStronglyConsistentAreaKeepsHighWritesRelational() {
      SectionVerdict verdict =
          assess(
              """
              workload: {peakQps: 60000, readWriteRatio: 2}
              consistency: {level: EVENTUAL, perArea: {balances: STRONG}}
              """);

      assertThat(fired(verdict)).doesNotContain("SEL-WIDE-001");
    }

    @Test
    void highWritesWithoutAConsistencyModelAssumeStrong() {
      SectionVerdict verdict = assess("workload: {peakQps: 60000}\n");

      assertThat(fired(verdict)).doesNotContain("SEL-WIDE-001");
      assertThat(VerdictChecks.assumption(verdict, "consistency model").ruleId())
          .isEqualTo("SEL-REQ-003");
      assertThat(VerdictChecks.assumption(verdict, "read:write ratio").ruleId())
          .isEqualTo("SEL-WIDE-001");
    }

    @Test
    void eventsPerDayCountAsWrites() {
      SectionVerdict verdict =
          assess(
              """
              scale: {eventsPerDay: 1000000000}
              consistency: {level: EVENTUAL}
              """);

      assertThat(fired(verdict)).contains("SEL-WIDE-001");
    }
  }

  @Nested
  class Relational {

    @Test
    void mysqlWhenTheTeamRunsItAndNeedsNothingPostgresAdds() {
      SectionVerdict verdict =
          assess(
              """
              workload: {type: OLTP, readWriteRatio: 50}
              dataShape: {relational: true}
              platform: {existingDatabases: [MySQL 8.0]}
              """);

      assertThat(decision(verdict, "SEL-REL-001").choice()).isEqualTo("MySQL 8.4 LTS");
      assertThat(decision(verdict, "SEL-REL-001").rationale()).contains("read-heavy");
    }

    @Test
    void postgresWhenTheSameTeamNeedsHierarchies() {
      SectionVerdict verdict =
          assess(
              """
              dataShape: {relational: true, hierarchical: true}
              platform: {existingDatabases: [MySQL 8.0]}
              """);

      assertThat(decision(verdict, "SEL-REL-001").choice()).isEqualTo("PostgreSQL 17");
      assertThat(decision(verdict, "SEL-REL-001").rationale()).contains("hierarchies (ltree)");
    }

    @Test
    void documentsAlongsideRelationalDataStayInPostgres() {
      SectionVerdict verdict = assess("dataShape: {relational: true, flexibleDocuments: true}\n");

      assertThat(fired(verdict))
          .contains("SEL-REL-001", "SEL-IDX-004")
          .doesNotContain("SEL-DOC-001");
    }
  }

  @Nested
  class MultiRegion {

    @Test
    void awsWithoutResidencyOrZeroRpoGetsAuroraGlobal() {
      SectionVerdict verdict =
          assess(
              """
              dataShape: {relational: true}
              availability: {multiRegion: true, rpoSeconds: 1}
              platform: {cloud: AWS, vendorLockInConcern: false}
              """);

      assertThat(decision(verdict, "SEL-GLOBAL-001").choice())
          .startsWith("Amazon Aurora PostgreSQL 17 Global Database");
      assertThat(fired(verdict)).doesNotContain("SEL-REL-001", "SEL-HOST-001", "SEL-HOST-002");
    }

    @Test
    void residencyOrZeroRpoGetsCockroachDb() {
      SectionVerdict verdict =
          assess(
              """
              dataShape: {relational: true}
              availability: {multiRegion: true, rpoSeconds: 0, dataResidency: [eu-west-1]}
              platform: {cloud: AWS}
              """);

      assertThat(decision(verdict, "SEL-GLOBAL-001").choice()).startsWith("CockroachDB 25.2");
      assertThat(decision(verdict, "SEL-GLOBAL-001").rationale())
          .contains("eu-west-1")
          .contains("no write may be lost");
    }

    @Test
    void singleRegionDoesNotFire() {
      SectionVerdict verdict =
          assess(
              """
              dataShape: {relational: true}
              availability: {multiRegion: false}
              """);

      assertThat(fired(verdict)).doesNotContain("SEL-GLOBAL-001").contains("SEL-REL-001");
      assertThat(VerdictChecks.assumedFacts(verdict)).doesNotContain("multi-region");
    }
  }

  @Nested
  class Documents {

    @Test
    void serverlessKeyValueOnAwsGetsDynamoDb() {
      SectionVerdict verdict =
          assess(
              """
              dataShape: {keyValue: true}
              platform: {cloud: AWS, deployment: SERVERLESS, vendorLockInConcern: false}
              """);

      assertThat(decision(verdict, "SEL-DOC-001").choice()).startsWith("Amazon DynamoDB");
      assertThat(verdict.indexes()).isEmpty();
    }

    @Test
    void aLockInConcernTurnsItIntoMongoDb() {
      SectionVerdict verdict =
          assess(
              """
              dataShape: {keyValue: true}
              platform: {cloud: AWS, deployment: SERVERLESS, vendorLockInConcern: true}
              """);

      assertThat(decision(verdict, "SEL-DOC-001").choice()).startsWith("MongoDB 8.0");
      assertThat(decision(verdict, "SEL-LOCK-001").choice())
          .contains("ruled out: Amazon DynamoDB (API 2012-08-10)");
    }

    @Test
    void dynamoDbWithoutASaidLockInStanceIsAnAssumption() {
      SectionVerdict verdict =
          assess(
              """
              dataShape: {keyValue: true}
              platform: {cloud: AWS}
              """);

      assertThat(decision(verdict, "SEL-DOC-001").choice()).startsWith("Amazon DynamoDB");
      assertThat(VerdictChecks.assumption(verdict, "vendor lock-in concern").ruleId())
          .isEqualTo("SEL-DOC-001");
    }
  }

  @Nested
  class SpecialisedShapes {

    @Test
    void metricsForASqlTeamGoToTimescale() {
      SectionVerdict verdict =
          assess(
              """
              dataShape: {timeSeries: true}
              platform: {sqlProficiency: HIGH}
              """);

      assertThat(decision(verdict, "SEL-TS-001").choice())
          .isEqualTo("TimescaleDB 2 on PostgreSQL 17");
      assertThat(decision(verdict, "SEL-HOST-001").choice()).isEqualTo("Managed: Timescale Cloud");
    }

    @Test
    void pureMetricsForATeamWithLittleSqlGoToInflux() {
      SectionVerdict verdict =
          assess(
              """
              dataShape: {timeSeries: true}
              platform: {sqlProficiency: LOW}
              """);

      assertThat(decision(verdict, "SEL-TS-001").choice()).isEqualTo("InfluxDB 3");
      assertThat(decision(verdict, "SEL-SCHEMA-007").choice()).startsWith("Tags for the metadata");
    }

    @Test
    void metricsNextToPostgresOnRdsUseNativePartitioning() {
      SectionVerdict verdict =
          assess(
              """
              dataShape: {relational: true, timeSeries: true}
              platform: {cloud: AWS, managedPreferred: true}
              """);

      assertThat(decision(verdict, "SEL-TS-001").choice()).startsWith("Native range partitioning");
    }

    @Test
    void noTimeSeriesNoTimeSeriesDecision() {
      assertThat(fired(assess("dataShape: {relational: true}\n"))).doesNotContain("SEL-TS-001");
    }

    @Test
    void graphTraversalsOnAwsManagedGetNeptune() {
      SectionVerdict verdict =
          assess(
              """
              dataShape: {graphTraversals: true}
              platform: {cloud: AWS, managedPreferred: true, vendorLockInConcern: false}
              """);

      assertThat(decision(verdict, "SEL-GRAPH-001").choice()).isEqualTo("Amazon Neptune 1.4");
      assertThat(decision(verdict, "SEL-GRAPH-001").topic()).isEqualTo("Primary database");
    }

    @Test
    void graphTraversalsNextToRelationalDataGetNeo4jAsACompanion() {
      SectionVerdict verdict =
          assess(
              """
              dataShape: {relational: true, graphTraversals: true}
              platform: {cloud: GCP}
              """);

      assertThat(decision(verdict, "SEL-GRAPH-001").choice())
          .isEqualTo("Neo4j 5 for traversal queries, fed from PostgreSQL 17 by CDC");
    }

    @Test
    void noGraphNoGraphDecision() {
      assertThat(fired(assess("dataShape: {relational: true}\n"))).doesNotContain("SEL-GRAPH-001");
    }

    @Test
    void embeddingsBesidePostgresUsePgvectorAndAskForTheCollectionSize() {
      SectionVerdict verdict =
          assess("dataShape: {relational: true, embeddings: true, vectorDimensions: 1536}\n");

      assertThat(decision(verdict, "SEL-VEC-001").choice())
          .isEqualTo(
              "PostgreSQL 17 with pgvector 0.8 with an HNSW index (1536 dimensions, about 6 KB per vector)");
      assertThat(VerdictChecks.assumption(verdict, "number of vectors").ruleId())
          .isEqualTo("SEL-VEC-001");
      assertThat(fired(verdict)).contains("SEL-IDX-005");
    }

    @Test
    void embeddingsAloneForAManagedTeamGoToPinecone() {
      SectionVerdict verdict =
          assess(
              """
              dataShape: {embeddings: true}
              platform: {managedPreferred: true, vendorLockInConcern: false}
              """);

      assertThat(decision(verdict, "SEL-VEC-001").choice())
          .startsWith("Pinecone serverless (API 2025-04)");
      assertThat(VerdictChecks.assumption(verdict, "vector dimensions").assumed())
          .isEqualTo("768 dimensions");
    }

    @Test
    void embeddingsAloneForASelfHostingTeamGoToMilvus() {
      SectionVerdict verdict =
          assess(
              """
              dataShape: {embeddings: true, vectorDimensions: 768}
              platform: {managedPreferred: false, opsExpertise: HIGH}
              """);

      assertThat(decision(verdict, "SEL-VEC-001").choice()).startsWith("Milvus 2.5");
      assertThat(fired(verdict)).contains("SEL-HOST-002");
    }

    @Test
    void noEmbeddingsNoVectorDecision() {
      assertThat(fired(assess(Requests.ECOMMERCE))).doesNotContain("SEL-VEC-001", "SEL-IDX-005");
    }
  }

  @Nested
  class Companions {

    @Test
    void searchOnAnotherPrimaryGoesToOpenSearch() {
      SectionVerdict verdict =
          assess(
              """
              dataShape: {flexibleDocuments: true, fullTextSearch: true}
              platform: {cloud: GCP}
              """);

      assertThat(decision(verdict, "SEL-POLY-001").choice())
          .startsWith("OpenSearch 2 for search, fed from MongoDB 8.0");
    }

    @Test
    void noSearchNoSearchStore() {
      assertThat(fired(assess("dataShape: {relational: true}\n"))).doesNotContain("SEL-POLY-001");
    }

    @Test
    void hybridWorkloadsGetAnAnalyticsStoreButOltpDoesNot() {
      assertThat(fired(assess("workload: {type: HYBRID}\n"))).contains("SEL-POLY-002");
      assertThat(fired(assess("workload: {type: OLTP}\n"))).doesNotContain("SEL-POLY-002");
    }

    @Test
    void keyValueDataNextToRelationalDataGoesToRedis() {
      SectionVerdict verdict = assess("dataShape: {relational: true, keyValue: true}\n");

      assertThat(decision(verdict, "SEL-POLY-003").choice()).startsWith("Redis 7");
      assertThat(fired(assess("dataShape: {keyValue: true}\n"))).doesNotContain("SEL-POLY-003");
    }
  }

  @Nested
  class LockInAndHosting {

    @Test
    void noLockInConcernNoLockInDecision() {
      assertThat(fired(assess("platform: {vendorLockInConcern: false}\n")))
          .doesNotContain("SEL-LOCK-001");
    }

    @Test
    void aSkilledTeamThatWantsToRunItGetsSelfManagedOnKubernetes() {
      SectionVerdict verdict =
          assess(
              """
              platform: {managedPreferred: false, opsExpertise: HIGH, deployment: CONTAINERS, cloud: AWS}
              """);

      assertThat(decision(verdict, "SEL-HOST-002").choice())
          .isEqualTo("Self-managed: PostgreSQL 17 on Kubernetes with the CloudNativePG operator");
      assertThat(fired(verdict)).doesNotContain("SEL-HOST-001");
      assertThat(verdict.risks()).isEmpty();
    }

    @Test
    void aTeamWithLittleOpsExperienceGetsManagedEvenIfItPrefersNot() {
      SectionVerdict verdict =
          assess("platform: {managedPreferred: false, opsExpertise: LOW, cloud: GCP}\n");

      assertThat(decision(verdict, "SEL-HOST-001").choice())
          .isEqualTo("Managed: Cloud SQL for PostgreSQL (high availability)");
      assertThat(fired(verdict)).doesNotContain("SEL-HOST-002");
    }

    @Test
    void onPremisesWithLittleOpsExperienceIsARisk() {
      SectionVerdict verdict = assess("platform: {cloud: ON_PREM, opsExpertise: LOW}\n");

      assertThat(decision(verdict, "SEL-HOST-002").rationale()).contains("on premises");
      assertThat(verdict.risks()).extracting(r -> r.ruleId()).containsExactly("SEL-HOST-002");
    }
  }
}
