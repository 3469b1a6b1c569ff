package dev.dbarch.selection.rules;

import static dev.dbarch.selection.rules.Requests.assess;
import static dev.dbarch.testsupport.VerdictChecks.decision;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.events.Alternative;
import dev.dbarch.contracts.events.SectionVerdict;
import org.junit.jupiter.api.Test;

class AlternativesTest {

  @Test
  void postgresIsComparedWithMysqlMongoAndCockroachForReasonsInTheInput() {
    SectionVerdict verdict = assess(Requests.ECOMMERCE);

    assertThat(verdict.alternatives()).hasSize(3);
    assertThat(verdict.alternatives().get(0).whyNotChosen())
        .isEqualTo(
            "This input needs hierarchies (ltree), full-text search, joins 3 relationships deep,"
                + " which MySQL lacks or handles less well.");
    assertThat(verdict.alternatives().get(1).whyNotChosen())
        .contains("ACID transactions (order placement with inventory reservation)");
    assertThat(verdict.alternatives().get(2).whyNotChosen())
        .startsWith("Multi-region was not asked for");
    assertThat(verdict.alternatives())
        .allSatisfy(
            a -> {
              assertThat(a.pros()).isNotBlank();
              assertThat(a.cons()).isNotBlank();
            });
    assertThat(decision(verdict, "SEL-ALT-001").choice())
        .isEqualTo("Compared PostgreSQL 17 with MySQL 8.4 LTS, MongoDB 8.0, CockroachDB 25.2");
  }

  @Test
  void cockroachExplainsWhyAuroraLost() {
    SectionVerdict verdict =
        assess(
            """
            dataShape: {relational: true}
            availability: {multiRegion: true, dataResidency: [eu-central-1]}
            platform: {cloud: AWS}
            """);

    assertThat(verdict.alternatives())
        .extracting(Alternative::approach)
        .containsExactly("Amazon Aurora PostgreSQL 17 Global Database", "PostgreSQL 17");
    assertThat(verdict.alternatives().get(0).whyNotChosen())
        .isEqualTo("It cannot pin rows to eu-central-1.");
  }

  @Test
  void cassandraOnAwsAlsoWeighsDynamoDb() {
    SectionVerdict verdict =
        assess(
            """
            workload: {peakQps: 40000, readWriteRatio: 1}
            consistency: {level: EVENTUAL}
            platform: {cloud: AWS}
            """);

    assertThat(verdict.alternatives())
        .extracting(Alternative::approach)
        .containsExactly("ScyllaDB 2025.1", "PostgreSQL 17", "Amazon DynamoDB (API 2012-08-10)");
    assertThat(verdict.alternatives().get(2).whyNotChosen())
        .isEqualTo("At this write rate per-request pricing grows quickly.");
  }
}
