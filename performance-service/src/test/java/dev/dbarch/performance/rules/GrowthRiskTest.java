package dev.dbarch.performance.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.events.AssessmentRequested;
import dev.dbarch.contracts.events.Risk;
import dev.dbarch.contracts.events.Trigger;
import dev.dbarch.contracts.requirements.Requirements;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** PERF-RISK-001: growth towards one server's limit, stating its arithmetic. */
class GrowthRiskTest {

  private static Optional<Risk> risk(String yaml) throws Exception {
    Requirements req = Json.yaml().readValue("systemId: s\nname: S\n" + yaml, Requirements.class);
    return PerformanceRules.assess(
            new AssessmentRequested("a", "s", Trigger.SUBMITTED, Instant.EPOCH, req))
        .risks()
        .stream()
        .filter(r -> r.ruleId().equals("PERF-RISK-001"))
        .findFirst();
  }

  @Test
  void theEcommerceGrowthStatesThePaceAndWhenTheLimitIsReached() throws Exception {
    // 50 -> 400 GB: 29.2 GB a month; (1000 - 400) / 29.2 = 20.6, so 21 months after the first
    // 12: 33 months from today.
    Risk risk = risk("scale: {dataVolumeGb: 50, dataVolumeGbIn12Months: 400}").orElseThrow();
    assertThat(risk.risk())
        .isEqualTo(
            "Data grows from 50 GB to 400 GB in 12 months (about 29 GB a month); at that pace one"
                + " server's comfortable ~1000 GB is reached in about 33 months");
    assertThat(risk.likelihood()).isEqualTo(Risk.Level.MEDIUM);
  }

  @Test
  void passingTheLimitWithinTheYearIsLikely() throws Exception {
    assertThat(risk("scale: {dataVolumeGb: 500, dataVolumeGbIn12Months: 1500}"))
        .hasValueSatisfying(r -> assertThat(r.likelihood()).isEqualTo(Risk.Level.HIGH));
  }

  @Test
  void nearMissesStaySilent() throws Exception {
    assertThat(risk("scale: {dataVolumeGb: 50, dataVolumeGbIn12Months: 399}")).isEmpty();
    assertThat(risk("scale: {dataVolumeGb: 500, dataVolumeGbIn12Months: 500}")).isEmpty();
    assertThat(risk("scale: {dataVolumeGb: 50}")).isEmpty();
  }
}
