package dev.dbarch.resilience.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.events.Risk;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RES-RISK-001: a demanding tier in one region, impact from the tier, never for Tier 3. */
class SingleRegionRiskTest {

  private static Optional<Risk> risk(String yaml) {
    return Requests.assess(yaml).risks().stream()
        .filter(r -> r.ruleId().equals("RES-RISK-001"))
        .findFirst();
  }

  @Test
  void theEcommerceTargetsInOneRegionAreAHighImpactRisk() {
    Risk risk = risk("availability: {rtoMinutes: 60, rpoSeconds: 60}\n").orElseThrow();
    assertThat(risk.likelihood()).isEqualTo(Risk.Level.LOW);
    assertThat(risk.impact()).isEqualTo(Risk.Level.HIGH);
    assertThat(risk.risk()).contains("RTO of 1 h").contains("Tier 1");
  }

  @Test
  void tierTwoIsAMediumImpact() {
    assertThat(risk("availability: {rtoMinutes: 240, rpoSeconds: 3600}\n"))
        .hasValueSatisfying(r -> assertThat(r.impact()).isEqualTo(Risk.Level.MEDIUM));
  }

  @Test
  void nearMissesStaySilent() {
    assertThat(risk("availability: {rtoMinutes: 60, rpoSeconds: 60, multiRegion: true}\n"))
        .isEmpty();
    assertThat(risk("availability: {rtoMinutes: 1440, rpoSeconds: 86400}\n")).isEmpty();
  }
}
