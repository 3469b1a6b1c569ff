package dev.dbarch.selection.rules;

import static dev.dbarch.selection.rules.Requests.assess;
import static dev.dbarch.testsupport.VerdictChecks.decision;
import static dev.dbarch.testsupport.VerdictChecks.fired;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.events.Alternative;
import dev.dbarch.contracts.events.Decision;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.testsupport.VerdictChecks;
import org.junit.jupiter.api.Test;

/** Aurora, Aurora Serverless v2, Neon, PlanetScale and CockroachDB, each reachable from facts. */
class CloudNativeTest {

  static String primary(SectionVerdict verdict) {
    return verdict.decisions().stream()
        .filter(d -> d.topic().equals("Primary database"))
        .map(Decision::choice)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void variableLoadOnAwsGoesToAuroraServerlessV2() {
    SectionVerdict verdict = assess(Situations.SERVERLESS_AWS);

    assertThat(primary(verdict))
        .isEqualTo(
            "Amazon Aurora Serverless v2 (PostgreSQL 17-compatible), 0.5 to 128 ACUs, behind RDS"
                + " Proxy");
    assertThat(decision(verdict, "SEL-REL-001").topic()).isEqualTo("Relational engine");
    assertThat(decision(verdict, "SEL-CLOUD-001").rationale())
        .startsWith("The load is variable (serverless functions open connections in bursts");
    assertThat(fired(verdict)).doesNotContain("SEL-HOST-001", "SEL-HOST-002");
    assertThat(verdict.alternatives())
        .extracting(Alternative::approach)
        .containsExactly("Neon (serverless PostgreSQL 17)", "PostgreSQL 17");
  }

  @Test
  void aLockInConcernOrATightBudgetGoesToNeon() {
    SectionVerdict verdict = assess(Situations.NEON_PREVIEWS);

    assertThat(primary(verdict)).startsWith("Neon (serverless PostgreSQL 17), scale to zero");
    assertThat(decision(verdict, "SEL-CLOUD-001").rationale())
        .contains("peak load is 40 times the average")
        .contains("easy to leave")
        .contains("pays nothing while idle");
    assertThat(verdict.alternatives().get(0).whyNotChosen())
        .isEqualTo(
            "It is AWS-only and the team wants to avoid lock-in; its capacity floor is paid even"
                + " when idle, while Neon scales to zero for a budget-sensitive team.");
    assertThat(decision(verdict, "SEL-LOCK-001").choice())
        .contains("ruled out: Amazon Aurora (provisioned and Serverless v2)");
  }

  @Test
  void variableLoadWithNoCloudYetGoesToNeonAndAsks() {
    SectionVerdict verdict = assess("workload: {peakQps: 500, averageQps: 20}\n");

    assertThat(primary(verdict)).startsWith("Neon");
    assertThat(VerdictChecks.assumption(verdict, "cloud provider").ruleId())
        .isEqualTo("SEL-CLOUD-001");
  }

  @Test
  void serverlessPostgresIsNotOfferedOnGcpSoCloudSqlStays() {
    SectionVerdict verdict =
        assess("workload: {peakQps: 500, averageQps: 20}\nplatform: {cloud: GCP}\n");

    assertThat(fired(verdict)).doesNotContain("SEL-CLOUD-001");
    assertThat(decision(verdict, "SEL-HOST-001").choice())
        .isEqualTo("Managed: Cloud SQL for PostgreSQL (high availability)");
  }

  @Test
  void aSteadyLoadOrASelfRunTeamIsNotServerless() {
    assertThat(fired(assess("workload: {peakQps: 500, averageQps: 100}\nplatform: {cloud: AWS}\n")))
        .doesNotContain("SEL-CLOUD-001");
    assertThat(
            fired(
                assess(
                    "platform: {cloud: AWS, deployment: SERVERLESS, managedPreferred: false,"
                        + " opsExpertise: HIGH}\n")))
        .doesNotContain("SEL-CLOUD-001");
  }

  @Test
  void aMysqlTeamWithBurstyLoadGoesToPlanetScale() {
    SectionVerdict verdict =
        assess(
            """
            workload: {peakQps: 900, averageQps: 30}
            platform: {cloud: GCP, existingDatabases: [MySQL 8.0]}
            """);

    assertThat(primary(verdict)).startsWith("PlanetScale (Vitess 21, MySQL 8.0-compatible)");
    assertThat(verdict.alternatives().get(0).whyNotChosen())
        .startsWith("A fixed MySQL instance sized for the peak idles most of the day");
  }

  @Test
  void aMysqlTeamPastOnePrimaryGoesToPlanetScaleSharding() {
    SectionVerdict verdict = assess(Situations.MYSQL_AT_SCALE);

    assertThat(primary(verdict)).endsWith("sharded by the key most queries name");
    assertThat(decision(verdict, "SEL-CLOUD-002").facts())
        .containsEntry("peakWritesPerSecond", "20000");
    assertThat(verdict.alternatives().get(1).whyNotChosen())
        .startsWith("The team runs MySQL; CockroachDB speaks the PostgreSQL dialect");
  }

  @Test
  void stronglyConsistentWritesPastOnePrimaryGoToCockroachDbInOneRegion() {
    SectionVerdict verdict = assess(Situations.LEDGER_SCALE_OUT);

    assertThat(primary(verdict))
        .isEqualTo(
            "CockroachDB 25.2 in one region, three or more nodes, serializable transactions");
    assertThat(decision(verdict, "SEL-HOST-002").choice())
        .isEqualTo("Self-managed: CockroachDB 25.2 as a three-node cluster per region");
    assertThat(verdict.alternatives())
        .extracting(Alternative::whyNotChosen)
        .containsExactly(
            "About 15,000 writes/s at peak is past one PostgreSQL writer (~10,000/s); Citus could"
                + " shard it but adds a coordinator and distribution keys to run.",
            "The data needs strong consistency or ACID transactions; a wide-column store gives up"
                + " multi-row transactions and a read may miss a recent write.");
  }

  @Test
  void volumePastOneServerOnAwsGoesToAurora() {
    SectionVerdict verdict = assess(Situations.LARGE_CATALOG_AWS);

    assertThat(primary(verdict))
        .isEqualTo(
            "Amazon Aurora PostgreSQL 17, one writer with reader instances across availability"
                + " zones");
    assertThat(decision(verdict, "SEL-CLOUD-003").rationale())
        .startsWith(
            "About 3,000 GB within a year is past the ~1,000 GB one server handles comfortably,"
                + " and about 29,412 reads/s at peak needs several read replicas");
  }

  @Test
  void readsPastOneServerForAMysqlTeamGoToAuroraMysql() {
    SectionVerdict verdict =
        assess(
            """
            workload: {peakQps: 22000, readWriteRatio: 10}
            platform: {cloud: AWS, existingDatabases: [MySQL 8.0], vendorLockInConcern: false}
            """);

    assertThat(primary(verdict)).startsWith("Amazon Aurora MySQL 3 (MySQL 8.0-compatible)");
  }

  @Test
  void aLockInConcernKeepsLargeDataOnRds() {
    SectionVerdict verdict = assess(Requests.ORACLE_MIGRATION);

    assertThat(fired(verdict)).doesNotContain("SEL-CLOUD-003");
    assertThat(decision(verdict, "SEL-HOST-001").choice())
        .isEqualTo("Managed: Amazon RDS for PostgreSQL (Multi-AZ)");
    assertThat(decision(verdict, "SEL-LOCK-001").choice())
        .contains("ruled out: Amazon Aurora (provisioned and Serverless v2)");
  }
}
