package dev.dbarch.resilience.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.events.Risk;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * RES-LAG-001: asynchronous replication against a short RPO; likelihood from the RPO and the write
 * load, impact from the tier, silent when replication is synchronous.
 */
class ReplicationLagRiskTest {

  private static Optional<Risk> risk(String yaml) {
    return Requests.assess(yaml).risks().stream()
        .filter(r -> r.ruleId().equals("RES-LAG-001"))
        .findFirst();
  }

  @Test
  void theEcommerceTargetsStateTheRpoItsHalfAndTheWriteRate() {
    // 1500 / (20 + 1) = 71 writes a second, under 1,000: MEDIUM for an RPO of 60 s; Tier 1.
    Risk risk =
        risk("""
                availability: {rtoMinutes: 60, rpoSeconds: 60}
                workload: {peakQps: 1500, readWriteRatio: 20}
                """)
            .orElseThrow();
    assertThat(risk.risk())
        .contains("the RPO is 1 min")
        .contains("half the RPO, 30 s")
        .contains("about 71 writes a second")
        .contains("Tier 1");
    assertThat(risk.likelihood()).isEqualTo(Risk.Level.MEDIUM);
    assertThat(risk.impact()).isEqualTo(Risk.Level.HIGH);
  }

  @Test
  void aLongerRpoIsLessLikelyAndWriteHeavyLoadRaisesIt() {
    assertThat(risk("availability: {rtoMinutes: 240, rpoSeconds: 120}\n"))
        .map(Risk::likelihood)
        .contains(Risk.Level.LOW);
    assertThat(
            risk(
                "availability: {rtoMinutes: 240, rpoSeconds: 120}\n"
                    + "workload: {batchJobs: true}\n"))
        .map(Risk::likelihood)
        .contains(Risk.Level.MEDIUM);
    // 2000 / (1 + 1) = 1,000 writes a second.
    assertThat(
            risk(
                "availability: {rtoMinutes: 60, rpoSeconds: 60}\n"
                    + "workload: {peakQps: 2000, readWriteRatio: 1}\n"))
        .map(Risk::likelihood)
        .contains(Risk.Level.HIGH);
  }

  @Test
  void synchronousReplicationOrALongRpoHasNoLagRisk() {
    // RPO 30 s and RTO 2 min: synchronous (RES-REPL-001).
    assertThat(risk("availability: {rtoMinutes: 2, rpoSeconds: 30}\n")).isEmpty();
    assertThat(risk("availability: {rtoMinutes: 60, rpoSeconds: 0}\n")).isEmpty();
    assertThat(risk("availability: {rtoMinutes: 240, rpoSeconds: 300}\n")).isEmpty();
  }
}
