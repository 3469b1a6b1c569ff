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

/** PERF-RISK-002: strongly consistent counters under a known write rate, with its arithmetic. */
class HotRowsRiskTest {

  private static Optional<Risk> risk(String yaml) throws Exception {
    Requirements req = Json.yaml().readValue("systemId: s\nname: S\n" + yaml, Requirements.class);
    return PerformanceRules.assess(
            new AssessmentRequested("a", "s", Trigger.SUBMITTED, Instant.EPOCH, req))
        .risks()
        .stream()
        .filter(r -> r.ruleId().equals("PERF-RISK-002"))
        .findFirst();
  }

  @Test
  void theEcommerceInventoryIsAHotRowRiskStatingTheWriteRate() throws Exception {
    // 1500 / (20 + 1) = 71.4 writes a second: from 50, MEDIUM.
    Risk risk =
        risk("""
                workload: {peakQps: 1500, readWriteRatio: 20}
                consistency: {level: STRONG, perArea: {inventory: STRONG, catalog: EVENTUAL}}
                """)
            .orElseThrow();
    assertThat(risk.risk())
        .startsWith("Hot rows: inventory must stay strongly consistent")
        .contains("about 71 writes a second (1,500 queries/s ÷ (20 reads per write + 1))")
        .doesNotContain("catalog");
    assertThat(risk.likelihood()).isEqualTo(Risk.Level.MEDIUM);
    assertThat(risk.impact()).isEqualTo(Risk.Level.MEDIUM);
  }

  @Test
  void theLikelihoodFollowsTheWriteRate() throws Exception {
    String counters = "consistency: {perArea: {account_balance: STRONG}}\n";
    // 1000 / (1 + 1) = 500: HIGH from 500.
    assertThat(risk("workload: {peakQps: 1000, readWriteRatio: 1}\n" + counters))
        .map(Risk::likelihood)
        .contains(Risk.Level.HIGH);
    // 998 / 2 = 499: MEDIUM.
    assertThat(risk("workload: {peakQps: 998, readWriteRatio: 1}\n" + counters))
        .map(Risk::likelihood)
        .contains(Risk.Level.MEDIUM);
    // 98 / 2 = 49: LOW.
    assertThat(risk("workload: {peakQps: 98, readWriteRatio: 1}\n" + counters))
        .map(Risk::likelihood)
        .contains(Risk.Level.LOW);
  }

  @Test
  void aStronglyConsistentTransactionScopeNamingStockCounts() throws Exception {
    Risk risk =
        risk("""
                workload: {peakQps: 200, readWriteRatio: 3, transactionScope: order with stock reservation}
                consistency: {level: STRONG}
                """)
            .orElseThrow();
    assertThat(risk.risk()).contains("the transaction scope (order with stock reservation)");
  }

  @Test
  void countersAreWholeWordsPluralsIncluded() {
    assertThat(PerformanceRules.counterLike("account_balances")).isTrue();
    assertThat(PerformanceRules.counterLike("Inventories")).isTrue();
    assertThat(PerformanceRules.counterLike("seat reservation")).isTrue();
    assertThat(PerformanceRules.counterLike("stockholder")).isFalse();
    assertThat(PerformanceRules.counterLike("credit_card_token")).isFalse();
    assertThat(PerformanceRules.counterLike("ticket_pool")).isTrue();
  }

  @Test
  void noRiskWithoutACounterStrongConsistencyOrAWriteRate() throws Exception {
    assertThat(
            risk(
                "workload: {peakQps: 1500, readWriteRatio: 20}\n"
                    + "consistency: {perArea: {orders: STRONG}}\n"))
        .isEmpty();
    assertThat(
            risk(
                "workload: {peakQps: 1500, readWriteRatio: 20, transactionScope: stock update}\n"
                    + "consistency: {level: EVENTUAL}\n"))
        .isEmpty();
    assertThat(risk("consistency: {perArea: {inventory: STRONG}}\n")).isEmpty();
  }
}
