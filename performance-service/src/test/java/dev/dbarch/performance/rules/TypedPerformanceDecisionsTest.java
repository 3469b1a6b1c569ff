package dev.dbarch.performance.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.events.AssessmentRequested;
import dev.dbarch.contracts.events.Decision;
import dev.dbarch.contracts.events.Design;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.contracts.events.Trigger;
import dev.dbarch.contracts.requirements.Requirements;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The performance decisions other services read carry their typed values, not just prose. */
class TypedPerformanceDecisionsTest {

  private static Design design(String yaml, String ruleId) throws Exception {
    Requirements req = Json.yaml().readValue("systemId: s\nname: S\n" + yaml, Requirements.class);
    SectionVerdict verdict =
        PerformanceRules.assess(
            new AssessmentRequested("a", "s", Trigger.SUBMITTED, Instant.EPOCH, req));
    return verdict.decisions().stream()
        .filter(d -> d.ruleId().equals(ruleId))
        .map(Decision::design)
        .findFirst()
        .orElse(null);
  }

  @Test
  void theSharedPoolerIsTyped() throws Exception {
    assertThat(design("platform: {deployment: CONTAINERS, cloud: AWS}", "PERF-POOL-002").pooler())
        .isEqualTo(Design.Pooler.RDS_PROXY);
    assertThat(design("platform: {deployment: SERVERLESS}", "PERF-POOL-002").pooler())
        .isEqualTo(Design.Pooler.PROVIDER);
    assertThat(
            design(
                    "platform: {deployment: CONTAINERS, cloud: AWS, managedPreferred: false,"
                        + " opsExpertise: HIGH}",
                    "PERF-POOL-002")
                .pooler())
        .isEqualTo(Design.Pooler.PGBOUNCER);
  }

  @Test
  void cacheAndShardingAreTyped() throws Exception {
    assertThat(design("workload: {readWriteRatio: 20}", "PERF-CACHE-001").cache())
        .isEqualTo(Design.Cache.REDIS);
    assertThat(design("workload: {readWriteRatio: 0.5}", "PERF-CACHE-001").cache())
        .isEqualTo(Design.Cache.NONE);
    assertThat(
            design("scale: {dataVolumeGb: 5000}\nworkload: {peakQps: 100}", "PERF-SHARD-001")
                .partitioning())
        .isEqualTo(Design.Partitioning.SHARDING_PLANNED);
    // "Do not shard yet" fixes nothing typed: selection may still partition tables by time.
    Requirements small =
        Json.yaml()
            .readValue(
                "systemId: s\nname: S\nscale: {dataVolumeGb: 50}\nworkload: {peakQps: 100}",
                Requirements.class);
    assertThat(
            PerformanceRules.assess(
                    new AssessmentRequested("a", "s", Trigger.SUBMITTED, Instant.EPOCH, small))
                .decisions())
        .filteredOn(d -> d.ruleId().equals("PERF-SHARD-001"))
        .singleElement()
        .satisfies(d -> assertThat(d.design()).isNull());
  }
}
