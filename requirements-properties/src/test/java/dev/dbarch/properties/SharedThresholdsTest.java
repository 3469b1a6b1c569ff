package dev.dbarch.properties;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.events.AssessmentRequested;
import dev.dbarch.contracts.events.Decision;
import dev.dbarch.contracts.events.Design;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.contracts.events.Trigger;
import dev.dbarch.contracts.profile.SystemProfile;
import dev.dbarch.contracts.profile.Thresholds;
import dev.dbarch.contracts.requirements.Requirements;
import dev.dbarch.migration.rules.MigrationRules;
import dev.dbarch.performance.rules.PerformanceRules;
import dev.dbarch.selection.rules.SelectionRules;
import java.time.Instant;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * The sections that once kept their own copies of "read-heavy", "write-heavy", "one server's limit"
 * and "a large table" now read the one {@link Thresholds} through {@link SystemProfile}: on either
 * side of each threshold they agree with the profile and with each other. A section that went back
 * to a constant of its own, with another value, fails here.
 */
class SharedThresholdsTest {

  private static final Thresholds T = Thresholds.DEFAULTS;

  private static AssessmentRequested request(String yaml) {
    try {
      Requirements req = Json.yaml().readValue("systemId: s\nname: S\n" + yaml, Requirements.class);
      return new AssessmentRequested("a", "s", Trigger.SUBMITTED, Instant.EPOCH, req);
    } catch (Exception e) {
      throw new IllegalArgumentException(yaml, e);
    }
  }

  private static boolean decided(SectionVerdict verdict, String ruleId) {
    return verdict.decisions().stream().anyMatch(d -> d.ruleId().equals(ruleId));
  }

  private static boolean typed(
      SectionVerdict verdict, String ruleId, java.util.function.Predicate<Design> test) {
    return verdict.decisions().stream()
        .filter(d -> d.ruleId().equals(ruleId))
        .map(Decision::design)
        .filter(Objects::nonNull)
        .anyMatch(test);
  }

  @Test
  void readHeavyMeansTheSameToPerformanceAndSelection() {
    for (double ratio :
        new double[] {T.readHeavyRatio() - 0.5, T.readHeavyRatio(), T.readHeavyRatio() + 0.5}) {
      AssessmentRequested request = request("workload: {readWriteRatio: " + ratio + "}");
      boolean heavy = SystemProfile.of(request).readHeavy();
      assertThat(heavy).as("ratio %s", ratio).isEqualTo(ratio > T.readHeavyRatio());
      SectionVerdict performance = PerformanceRules.assess(request);
      SectionVerdict selection = SelectionRules.assess(request);
      assertThat(typed(performance, "PERF-CACHE-001", d -> d.cache() == Design.Cache.REDIS))
          .as("performance cache at ratio %s", ratio)
          .isEqualTo(heavy);
      assertThat(decided(performance, "PERF-READ-001"))
          .as("read replicas at ratio %s", ratio)
          .isEqualTo(heavy);
      assertThat(decided(selection, "SEL-SCHEMA-003"))
          .as("denormalisation at ratio %s", ratio)
          .isEqualTo(heavy);
    }
  }

  @Test
  void writeHeavyMeansTheSameToPerformanceAndSelection() {
    for (double ratio :
        new double[] {T.writeHeavyRatio() - 0.5, T.writeHeavyRatio(), T.writeHeavyRatio() + 0.5}) {
      AssessmentRequested request = request("workload: {readWriteRatio: " + ratio + "}");
      boolean heavy = SystemProfile.of(request).writeHeavy();
      assertThat(heavy).as("ratio %s", ratio).isEqualTo(ratio < T.writeHeavyRatio());
      assertThat(
              typed(
                  PerformanceRules.assess(request),
                  "PERF-CACHE-001",
                  d -> d.cache() == Design.Cache.NONE))
          .as("no read cache at ratio %s", ratio)
          .isEqualTo(heavy);
      assertThat(decided(SelectionRules.assess(request), "SEL-IDX-006"))
          .as("index budget at ratio %s", ratio)
          .isEqualTo(heavy);
    }
  }

  @Test
  void oneServersDataLimitIsTheSameForShardingAndForAurora() {
    long limit = (long) T.singleServerDataGb();
    for (long gb : new long[] {limit - 1, limit}) {
      AssessmentRequested request =
          request(
              "scale: {dataVolumeGb: "
                  + gb
                  + "}\nworkload: {peakQps: 100, readWriteRatio: 4}\n"
                  + "platform: {cloud: AWS, managedPreferred: true, vendorLockInConcern: false}");
      boolean past = SystemProfile.of(request).dataPastSingleServer();
      assertThat(past).as("%s GB", gb).isEqualTo(gb >= limit);
      assertThat(
              typed(
                  PerformanceRules.assess(request),
                  "PERF-SHARD-001",
                  d -> d.partitioning() == Design.Partitioning.SHARDING_PLANNED))
          .as("sharding planned at %s GB", gb)
          .isEqualTo(past);
      assertThat(decided(SelectionRules.assess(request), "SEL-CLOUD-003"))
          .as("Aurora at %s GB", gb)
          .isEqualTo(past);
    }
  }

  @Test
  void aLargeTableIsTheSameSizeForPartitioningAndForOnlineSchemaChanges() {
    long large = (long) T.largeTableGb();
    for (long gb : new long[] {large, large + 1}) {
      AssessmentRequested request =
          request("scale: {dataVolumeGb: " + gb + ", tableRows: {orders: 1000}}");
      assertThat(decided(SelectionRules.assess(request), "SEL-SCHEMA-006"))
          .as("partitioning at %s GB", gb)
          .isEqualTo(gb > large);
      assertThat(decided(MigrationRules.assess(request), "MIG-ONLINE-001"))
          .as("online schema changes at %s GB", gb)
          .isEqualTo(gb > large);
    }
  }
}
