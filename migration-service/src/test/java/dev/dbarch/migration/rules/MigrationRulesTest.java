package dev.dbarch.migration.rules;

import static dev.dbarch.migration.rules.Requests.assess;
import static dev.dbarch.testsupport.VerdictChecks.decision;
import static dev.dbarch.testsupport.VerdictChecks.decisions;
import static dev.dbarch.testsupport.VerdictChecks.fired;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.events.AssessmentRequested;
import dev.dbarch.contracts.events.Decision;
import dev.dbarch.contracts.events.Heading;
import dev.dbarch.contracts.events.Risk;
import dev.dbarch.contracts.events.Section;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.contracts.schema.SchemaContext;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.testsupport.VerdictChecks;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MigrationRulesTest {

  /** The seed's third situation: 2 TB of Oracle, 500 tables, heavy procedures, no downtime. */
  static final String ORACLE_TO_POSTGRES =
      """
      scale: {dataVolumeGb: 2000, dataVolumeGbIn12Months: 2300}
      platform: {cloud: AWS}
      currentState:
        sourcePlatform: Oracle
        sourceVersion: 19c
        sizeGb: 2000
        tableCount: 500
        storedProcedures: 1200
        heavyStoredProcedures: true
        downtimeToleranceMinutes: 0
        targetPlatform: PostgreSQL
      """;

  @Nested
  class SeedSituations {

    @Test
    void oracleToPostgresIsACdcMigrationInSixPhases() {
      SectionVerdict verdict = assess(ORACLE_TO_POSTGRES);

      assertThat(decision(verdict, "MIG-PLAT-001").choice())
          .startsWith(
              "CDC-based migration from Oracle to PostgreSQL: convert the schema with ora2pg or AWS SCT")
          .contains("AWS DMS (or Debezium)");
      assertThat(decision(verdict, "MIG-ZDT-001").choice())
          .startsWith("Blue-green cutover with no downtime");
      assertThat(decisions(verdict, "MIG-PHASE-001"))
          .extracting(Decision::topic)
          .containsExactly(
              "Phase 1: Assessment (1-2 weeks; plan longer: 1200 stored procedures to convert)",
              "Phase 2: Schema migration (1 week; plan longer: 1200 stored procedures to convert)",
              "Phase 3: Initial data load (1-3 days)",
              "Phase 4: CDC synchronization (1-2 weeks)",
              "Phase 5: Cutover (1 day)",
              "Phase 6: Validation and decommission (1-2 weeks)");
      assertThat(decisions(verdict, "MIG-PHASE-001"))
          .allSatisfy(d -> assertThat(d.heading()).isEqualTo(Heading.IMPLEMENTATION_PHASES));
      assertThat(verdict.risks())
          .extracting(Risk::ruleId)
          .containsExactlyInAnyOrder("MIG-SP-001", "MIG-ORA-001", "MIG-RISK-001");
      assertThat(verdict.risks())
          .filteredOn(r -> r.ruleId().equals("MIG-SP-001"))
          .singleElement()
          .satisfies(r -> assertThat(r.risk()).startsWith("1200 heavily used stored procedures"));
      assertThat(decision(verdict, "MIG-ONLINE-001").choice())
          .startsWith(
              "Online schema changes for the largest tables. PostgreSQL: CREATE INDEX CONCURRENTLY");
      assertThat(fired(verdict)).doesNotContain("MIG-PHASE-002", "MIG-PHASE-003", "MIG-ZDT-002");
    }

    @Test
    void everyDecisionIsExplainedUnderTheSectionsHeadings() {
      SectionVerdict verdict = assess(ORACLE_TO_POSTGRES);

      for (Decision d : verdict.decisions()) {
        assertThat(Section.owning(d.heading())).isEqualTo(Section.MIGRATION);
        assertThat(d.ruleId()).startsWith("MIG-");
        assertThat(d.rationale()).isNotBlank();
        assertThat(d.tradeOff()).isNotBlank();
      }
    }

    @Test
    void aNewSystemGetsFourPhasesAndNoMigrationPlan() {
      SectionVerdict verdict = assess("");

      assertThat(decisions(verdict, "MIG-PHASE-002"))
          .extracting(Decision::topic)
          .containsExactly(
              "Phase 1: Schema design and validation",
              "Phase 2: Infrastructure setup",
              "Phase 3: Testing",
              "Phase 4: Production cutover");
      assertThat(fired(verdict)).containsExactly("MIG-VER-001", "MIG-EXP-001", "MIG-PHASE-002");
      assertThat(VerdictChecks.assumedFacts(verdict)).containsExactly("data volume");
    }

    @Test
    void theSameInputGivesByteIdenticalVerdicts() {
      assertThat(Json.toJson(assess(ORACLE_TO_POSTGRES)))
          .isEqualTo(Json.toJson(assess(ORACLE_TO_POSTGRES)));
    }
  }

  @Nested
  class PlatformChange {

    @Test
    void enginesCompareWithoutVersions() {
      assertThat(MigrationContext.engine("PostgreSQL 14")).isEqualTo("postgresql");
      assertThat(MigrationContext.engine("postgres")).isEqualTo("postgresql");
      assertThat(MigrationContext.engine("Oracle 19c")).isEqualTo("oracle");
      assertThat(MigrationContext.engine("Aurora PostgreSQL 16")).isEqualTo("aurora postgresql");
    }

    @Test
    void aVersionUpgradeIsNotAPlatformMigration() {
      SectionVerdict verdict =
          assess(
              """
              currentState: {sourcePlatform: PostgreSQL 14, targetPlatform: postgres 17}
              """);

      assertThat(fired(verdict))
          .contains("MIG-PHASE-003", "MIG-ZDT-001")
          .doesNotContain("MIG-PLAT-001", "MIG-PHASE-001", "MIG-SP-001");
      assertThat(decision(verdict, "MIG-ZDT-001").choice()).startsWith("Version upgrades");
      assertThat(VerdictChecks.assumption(verdict, "downtime tolerance").assumed())
          .isEqualTo("none: the cutover must be online");
    }

    @Test
    void mysqlToPostgresUsesPgloaderAndDebeziumOffAws() {
      SectionVerdict verdict =
          assess(
              """
              platform: {cloud: GCP}
              currentState: {sourcePlatform: MySQL 5.7, targetPlatform: PostgreSQL 17, heavyStoredProcedures: false}
              """);

      assertThat(decision(verdict, "MIG-PLAT-001").choice())
          .contains("pgloader")
          .contains("Debezium on Kafka");
      assertThat(fired(verdict)).doesNotContain("MIG-ORA-001", "MIG-SP-001");
    }

    @Test
    void anUnnamedTargetIsTheChosenTechnologyNotAQuestion() {
      SectionVerdict verdict = assess("currentState: {sourcePlatform: SQL Server 2019}\n");

      assertThat(fired(verdict)).contains("MIG-PLAT-001", "MIG-PHASE-001");
      assertThat(verdict.assumptions()).noneMatch(a -> a.fact().equals("target platform"));
      assertThat(decision(verdict, "MIG-PLAT-001").choice())
          .contains("from SQL Server 2019 to PostgreSQL 17");
      assertThat(VerdictChecks.assumption(verdict, "stored procedure usage").ruleId())
          .isEqualTo("MIG-SP-001");
    }

    @Test
    void anUnnamedSourceIsAssumedToStay() {
      SectionVerdict verdict = assess("currentState: {sizeGb: 20}\n");

      assertThat(fired(verdict)).contains("MIG-PHASE-003").doesNotContain("MIG-PLAT-001");
      assertThat(VerdictChecks.assumption(verdict, "source platform").ruleId())
          .isEqualTo("MIG-PLAT-001");
    }
  }

  @Nested
  class Cutover {

    @Test
    void aToleratedWindowIsAReadOnlyCutover() {
      SectionVerdict verdict =
          assess(
              """
              currentState: {sourcePlatform: Oracle, targetPlatform: PostgreSQL, downtimeToleranceMinutes: 30}
              """);

      assertThat(decision(verdict, "MIG-ZDT-002").choice()).contains("up to 30 minutes");
      assertThat(decisions(verdict, "MIG-PHASE-001").get(4).choice())
          .startsWith("Make the source read-only for the window of up to 30 minutes");
      assertThat(fired(verdict)).doesNotContain("MIG-ZDT-001");
    }

    @Test
    void zeroMinutesIsZeroDowntime() {
      assertThat(
              fired(
                  assess(
                      "currentState: {sourcePlatform: Oracle, targetPlatform: PostgreSQL, downtimeToleranceMinutes: 0}\n")))
          .contains("MIG-ZDT-001")
          .doesNotContain("MIG-ZDT-002");
    }
  }

  @Nested
  class LargeTables {

    @Test
    void tablesPastOneHundredGigabytesNeedOnlineDdl() {
      SectionVerdict verdict =
          assess(
              """
              scale:
                dataVolumeGbIn12Months: 400
                tableRows: {events: 300, users: 100}
              platform: {existingDatabases: [MySQL 8.0]}
              """);

      assertThat(decision(verdict, "MIG-ONLINE-001").choice())
          .startsWith("Online schema changes for events (about 300 GB). MySQL: gh-ost");
    }

    /** A monitored database's engine is a fact: no question about it, only its own tools. */
    @Test
    void theMonitoredDatabasesEngineIsNotAskedFor() {
      AssessmentRequested plain =
          VerdictChecks.request("scale: {dataVolumeGb: 400, tableRows: {orders: 1}}");
      // Nothing monitored: the chosen engine (PostgreSQL 17), never a question.
      assertThat(decision(MigrationRules.assess(plain), "MIG-ONLINE-001").facts())
          .containsEntry("engine", "PostgreSQL 17");
      AssessmentRequested monitored =
          new AssessmentRequested(
              plain.assessmentId(),
              plain.systemId(),
              plain.trigger(),
              plain.requestedAt(),
              plain.requirements(),
              new SchemaContext(
                  new SchemaSnapshot(
                      SchemaSnapshot.Engine.POSTGRESQL,
                      "catalog",
                      "shop",
                      List.of(),
                      List.of(),
                      "15.8"),
                  null,
                  null,
                  null));

      SectionVerdict verdict = MigrationRules.assess(monitored);

      assertThat(verdict.assumptions())
          .noneSatisfy(a -> assertThat(a.fact()).isEqualTo("database engine"));
      assertThat(verdict.questions()).doesNotContain("Which database engine will hold the data?");
      assertThat(decision(verdict, "MIG-ONLINE-001").choice())
          .contains("PostgreSQL: CREATE INDEX CONCURRENTLY")
          .doesNotContain("gh-ost");
    }

    @Test
    void volumeSpreadBelowOneHundredGigabytesPerTableDoesNot() {
      SectionVerdict verdict =
          assess(
              """
              scale:
                dataVolumeGb: 300
                tableRows: {a: 1, b: 1, c: 1, d: 1}
              """);

      assertThat(fired(verdict)).doesNotContain("MIG-ONLINE-001");
    }

    @Test
    void oneHundredGigabytesInAllDoesNot() {
      SectionVerdict verdict = assess("scale: {dataVolumeGb: 100}\n");

      assertThat(fired(verdict)).doesNotContain("MIG-ONLINE-001");
      assertThat(VerdictChecks.assumedFacts(verdict)).isEmpty();
    }

    @Test
    void noEngineNamedGetsTheChosenEnginesToolsAndNoQuestion() {
      SectionVerdict verdict = assess("scale: {dataVolumeGb: 500}\n");

      assertThat(decision(verdict, "MIG-ONLINE-001").choice())
          .contains("PostgreSQL:")
          .doesNotContain("MySQL:");
      assertThat(verdict.assumptions()).noneMatch(a -> a.fact().equals("database engine"));
    }

    @Test
    void aChosenMySqlGetsMySqlTools() {
      SectionVerdict verdict =
          assess("scale: {dataVolumeGb: 500}\nplatform: {existingDatabases: [MySQL 8]}\n");

      assertThat(decision(verdict, "MIG-ONLINE-001").choice())
          .contains("gh-ost")
          .doesNotContain("CREATE INDEX CONCURRENTLY");
    }

    @Test
    void anUnknownDeclaredEngineGetsToolsForBoth() {
      SectionVerdict verdict =
          assess(
              "scale: {dataVolumeGb: 500}\ncurrentState: {sourcePlatform: SQL Server,"
                  + " targetPlatform: SQL Server 2022}\n");

      assertThat(decision(verdict, "MIG-ONLINE-001").choice())
          .contains("PostgreSQL:")
          .contains("MySQL:");
    }
  }

  @Nested
  class ConversionRisks {

    @Test
    void lightStoredProceduresAreNoRisk() {
      SectionVerdict verdict =
          assess(
              "currentState: {sourcePlatform: Oracle, targetPlatform: PostgreSQL, heavyStoredProcedures: false}\n");

      assertThat(verdict.risks()).extracting(Risk::ruleId).containsExactly("MIG-ORA-001");
    }

    @Test
    void anotherSourceHasNoOracleSemanticsRisk() {
      SectionVerdict verdict =
          assess(
              "currentState: {sourcePlatform: SQL Server, targetPlatform: PostgreSQL, heavyStoredProcedures: true}\n");

      assertThat(verdict.risks()).extracting(Risk::ruleId).containsExactly("MIG-SP-001");
      assertThat(verdict.risks().get(0).risk()).startsWith("Heavy stored procedures");
    }
  }
}
