package dev.dbarch.performance.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.events.AssessmentRequested;
import dev.dbarch.contracts.events.Decision;
import dev.dbarch.contracts.events.Heading;
import dev.dbarch.contracts.events.Risk;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.contracts.events.Trigger;
import dev.dbarch.contracts.requirements.Requirements;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PerformanceRulesTest {

  private static SectionVerdict assess(String yaml) {
    try {
      Requirements req = Json.yaml().readValue("systemId: s\nname: S\n" + yaml, Requirements.class);
      return PerformanceRules.assess(
          new AssessmentRequested("a", "s", Trigger.SUBMITTED, Instant.EPOCH, req));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static Decision decision(SectionVerdict verdict, String ruleId) {
    return verdict.decisions().stream()
        .filter(d -> d.ruleId().equals(ruleId))
        .findFirst()
        .orElse(null);
  }

  @Test
  void poolSizeFollowsTheCoresFormula() {
    Decision pool = decision(assess("diagnostics:\n  cpuCores: 8\n"), "PERF-POOL-001");
    assertThat(pool.choice()).contains("17 server connections");
    assertThat(pool.facts()).containsEntry("cpuCores", "8").containsEntry("poolSize", "17");
  }

  @Test
  void unknownCoresBecomeAnAssumptionAndAQuestion() {
    SectionVerdict verdict = assess("");
    assertThat(decision(verdict, "PERF-POOL-001").choice()).contains("9 server connections");
    assertThat(verdict.assumptions())
        .anySatisfy(a -> assertThat(a.ruleId()).isEqualTo("PERF-POOL-001"));
    // The question is about the primary the design chose, not an unnamed server.
    assertThat(verdict.questions())
        .contains(
            "Which instance class (how many vCPUs) will the managed PostgreSQL 17 primary run on?");
    SectionVerdict selfManaged =
        assess("platform: {cloud: GCP, managedPreferred: false, opsExpertise: HIGH}\n");
    assertThat(selfManaged.questions())
        .contains("How many CPU cores will each server running self-managed PostgreSQL 17 have?");
  }

  @Test
  void containersGetASharedPoolerAndLongLivedServersDoNot() {
    assertThat(
            decision(assess("platform:\n  deployment: CONTAINERS\n  cloud: AWS\n"), "PERF-POOL-002")
                .choice())
        .isEqualTo("Put one shared RDS Proxy between the containers and Amazon RDS for PostgreSQL");
    // Serverless functions with no cloud named: selection chooses Neon, whose endpoint pools.
    assertThat(decision(assess("platform:\n  deployment: SERVERLESS\n"), "PERF-POOL-002").choice())
        .contains("Neon's pooled connection endpoint")
        .doesNotContain("RDS Proxy");
    // Self-managed on AWS: PgBouncer, not the RDS-only proxy.
    assertThat(
            decision(
                    assess(
                        "platform: {deployment: CONTAINERS, cloud: AWS, managedPreferred: false,"
                            + " opsExpertise: HIGH}\n"),
                    "PERF-POOL-002")
                .choice())
        .contains("PgBouncer")
        .doesNotContain("RDS Proxy");
    assertThat(decision(assess("platform:\n  deployment: VMS\n"), "PERF-POOL-002")).isNull();
  }

  @Test
  void poolingModeFollowsSessionState() {
    assertThat(
            decision(assess("workload:\n  longRunningTransactions: true\n"), "PERF-POOL-003")
                .choice())
        .isEqualTo("Session pooling");
    assertThat(
            decision(
                    assess(
                        "workload:\n  preparedStatements: true\n  longRunningTransactions: false\n"),
                    "PERF-POOL-003")
                .choice())
        .isEqualTo("Session pooling");
    assertThat(
            decision(assess("workload:\n  longRunningTransactions: false\n"), "PERF-POOL-003")
                .choice())
        .isEqualTo("Transaction pooling");
  }

  @Test
  void readHeavyWorkloadsGetACacheAndReplicasJustAboveTenToOne() {
    SectionVerdict readHeavy = assess("workload:\n  readWriteRatio: 10.5\n");
    assertThat(decision(readHeavy, "PERF-CACHE-001").choice()).contains("cache-aside");
    assertThat(decision(readHeavy, "PERF-READ-001")).isNotNull();

    SectionVerdict atThreshold = assess("workload:\n  readWriteRatio: 10\n");
    assertThat(decision(atThreshold, "PERF-CACHE-001")).isNull();
    assertThat(decision(atThreshold, "PERF-READ-001")).isNull();

    assertThat(decision(assess("workload:\n  readWriteRatio: 0.5\n"), "PERF-CACHE-001").choice())
        .contains("write-through");
  }

  @Test
  void shardingOnlyPastOneServersLimits() {
    assertThat(
            decision(assess("scale:\n  dataVolumeGbIn12Months: 1000\n"), "PERF-SHARD-001").choice())
        .contains("Plan horizontal sharding");
    assertThat(decision(assess("workload:\n  peakQps: 10000\n"), "PERF-SHARD-001").choice())
        .contains("Plan horizontal sharding");
    assertThat(
            decision(
                    assess("scale:\n  dataVolumeGbIn12Months: 999\nworkload:\n  peakQps: 9999\n"),
                    "PERF-SHARD-001")
                .choice())
        .startsWith("Do not shard");
  }

  @Test
  void connectionExhaustionIsAHighRisk() {
    SectionVerdict saturated =
        assess("diagnostics:\n  maxConnections: 100\n  connectionsAtPeak: 80\n");
    assertThat(saturated.risks())
        .anySatisfy(
            r -> {
              assertThat(r.ruleId()).isEqualTo("PERF-DIAG-001");
              assertThat(r.impact()).isEqualTo(Risk.Level.HIGH);
            });
    assertThat(assess("diagnostics:\n  connectionTimeouts: true\n").risks())
        .extracting(Risk::ruleId)
        .contains("PERF-DIAG-001");
    assertThat(assess("diagnostics:\n  maxConnections: 100\n  connectionsAtPeak: 79\n").risks())
        .isEmpty();
  }

  @Test
  void aCacheMissingMostReadsIsARisk() {
    assertThat(assess("diagnostics:\n  cacheHitRatio: 0.69\n").risks())
        .extracting(Risk::ruleId)
        .containsExactly("PERF-CACHE-002");
    assertThat(assess("diagnostics:\n  cacheHitRatio: 0.70\n").risks()).isEmpty();
  }

  @Test
  void monitoringIsAlwaysAdvisedUnderItsOwnHeading() {
    Decision monitoring = decision(assess(""), "PERF-MON-001");
    assertThat(monitoring.heading()).isEqualTo(Heading.MONITORING_AND_OBSERVABILITY);
    assertThat(monitoring.choice()).contains("1 s").contains("80%").contains("10 s");
  }

  @Test
  void theSameInputGivesByteIdenticalVerdicts() {
    String yaml = "workload:\n  readWriteRatio: 20\n  peakQps: 500\ndiagnostics:\n  cpuCores: 4\n";
    assertThat(Json.toJson(assess(yaml))).isEqualTo(Json.toJson(assess(yaml)));
  }
}
