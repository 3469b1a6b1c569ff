package dev.dbarch.selection.rules;

import static dev.dbarch.selection.rules.Requests.assess;
import static dev.dbarch.testsupport.VerdictChecks.decision;
import static dev.dbarch.testsupport.VerdictChecks.fired;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.testsupport.VerdictChecks;
import org.junit.jupiter.api.Test;

class SchemaDesignTest {

  @Test
  void oltpIsNormalizedAndOlapIsAStarSchema() {
    assertThat(fired(assess("workload: {type: OLTP}\n")))
        .contains("SEL-SCHEMA-001")
        .doesNotContain("SEL-SCHEMA-002");
    assertThat(fired(assess("workload: {type: OLAP}\n")))
        .contains("SEL-SCHEMA-002")
        .doesNotContain("SEL-SCHEMA-001");
  }

  @Test
  void aMissingWorkloadTypeIsAssumedTransactional() {
    SectionVerdict verdict = assess("workload: {readWriteRatio: 2}\n");

    assertThat(fired(verdict)).contains("SEL-SCHEMA-001");
    assertThat(VerdictChecks.assumption(verdict, "workload type").assumed())
        .isEqualTo("transactional (OLTP)");
  }

  @Test
  void readHeavyDataIsDenormalizedOnlyPastTenReadsPerWrite() {
    SectionVerdict readHeavy =
        assess("workload: {type: OLTP, readWriteRatio: 11}\nconsistency: {level: EVENTUAL}\n");
    SectionVerdict atThreshold =
        assess("workload: {type: OLTP, readWriteRatio: 10}\nconsistency: {level: EVENTUAL}\n");

    assertThat(decision(readHeavy, "SEL-SCHEMA-003").choice())
        .startsWith("Copy frequently joined columns");
    assertThat(decision(readHeavy, "SEL-SCHEMA-003").tradeOff()).contains("copies disagree");
    assertThat(fired(atThreshold)).doesNotContain("SEL-SCHEMA-003");
  }

  @Test
  void stronglyConsistentReadHeavyDataOnlyCopiesRarelyChangingColumns() {
    SectionVerdict verdict =
        assess("workload: {type: OLTP, readWriteRatio: 30}\nconsistency: {level: STRONG}\n");

    assertThat(decision(verdict, "SEL-SCHEMA-003").choice())
        .startsWith("Copy only columns that rarely change");
  }

  @Test
  void eventSourcingSeparatesTheWriteAndReadModels() {
    assertThat(decision(assess("workload: {eventSourcing: true}\n"), "SEL-SCHEMA-004").choice())
        .contains("append-only");
    assertThat(fired(assess("workload: {eventSourcing: false}\n")))
        .doesNotContain("SEL-SCHEMA-004");
  }

  @Test
  void hierarchiesUseLtreeOnPostgresAndAClosureTableOnMysql() {
    SectionVerdict postgres = assess("dataShape: {relational: true, hierarchical: true}\n");
    SectionVerdict flat = assess("dataShape: {relational: true, hierarchical: false}\n");

    assertThat(decision(postgres, "SEL-SCHEMA-005").choice()).startsWith("ltree");
    assertThat(fired(flat)).doesNotContain("SEL-SCHEMA-005");
  }

  @Test
  void hierarchiesInADocumentStoreUseMaterializedPaths() {
    SectionVerdict verdict = assess("dataShape: {flexibleDocuments: true, hierarchical: true}\n");

    assertThat(decision(verdict, "SEL-SCHEMA-005").choice()).startsWith("A materialized path");
  }

  @Test
  void onlyTablesProjectedPastOneHundredGigabytesArePartitioned() {
    SectionVerdict verdict =
        assess(
            """
            scale:
              dataVolumeGbIn12Months: 300
              tableRows: {events: 700, users: 300}
            accessPatterns:
              - {name: recent events, table: events, filters: [user_id, "occurred_at > ?"]}
            """);

    assertThat(decision(verdict, "SEL-SCHEMA-006").choice())
        .isEqualTo(
            "Range-partition by month: events (about 210 GB, by occurred_at); detach and archive"
                + " or drop old partitions for retention");
  }

  @Test
  void oneHundredGigabytesOrLessIsNotPartitioned() {
    SectionVerdict verdict = assess("scale: {dataVolumeGbIn12Months: 100}\n");

    assertThat(fired(verdict)).doesNotContain("SEL-SCHEMA-006");
    assertThat(VerdictChecks.assumedFacts(verdict)).doesNotContain("table sizes", "data volume");
  }

  @Test
  void unknownTableSizesAndKeysAreAssumedAndAsked() {
    SectionVerdict verdict = assess("scale: {dataVolumeGb: 500}\n");

    assertThat(decision(verdict, "SEL-SCHEMA-006").choice())
        .contains("the largest table (by created_at)");
    assertThat(VerdictChecks.assumption(verdict, "table sizes").ruleId())
        .isEqualTo("SEL-SCHEMA-006");
    assertThat(VerdictChecks.assumption(verdict, "partition key").assumed())
        .isEqualTo("a creation timestamp (created_at)");
  }

  @Test
  void nonRelationalStoresGetTheirOwnModelAndRelationalOnesDoNot() {
    assertThat(
            decision(assess("dataShape: {flexibleDocuments: true}\n"), "SEL-SCHEMA-007").choice())
        .startsWith("Embed one-to-few data");
    assertThat(fired(assess("dataShape: {relational: true}\n"))).doesNotContain("SEL-SCHEMA-007");
  }
}
