package dev.dbarch.resilience.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.events.Decision;
import dev.dbarch.contracts.events.Design;
import org.junit.jupiter.api.Test;

/** The decisions other services read carry their typed values, not just prose. */
class TypedResilienceDecisionsTest {

  private static Design design(String yaml, String ruleId) {
    return Requests.assess(yaml).decisions().stream()
        .filter(d -> d.ruleId().equals(ruleId))
        .map(Decision::design)
        .findFirst()
        .orElseThrow(() -> new AssertionError(ruleId + " did not decide"));
  }

  @Test
  void tierAndReplicationAreTyped() {
    String yaml = "availability: {rtoMinutes: 60, rpoSeconds: 60}\nplatform: {cloud: AWS}\n";
    assertThat(design(yaml, "RES-TIER-001").tier()).isEqualTo(1);
    assertThat(design(yaml, "RES-REPL-002").replication())
        .isEqualTo(Design.Replication.ASYNC_REPLICAS);
    assertThat(
            design("availability: {rtoMinutes: 5, rpoSeconds: 0}\n", "RES-REPL-001").replication())
        .isEqualTo(Design.Replication.SYNC_STANDBY);
  }
}
