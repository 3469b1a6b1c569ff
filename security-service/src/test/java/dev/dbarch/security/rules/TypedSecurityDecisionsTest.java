package dev.dbarch.security.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.events.Decision;
import dev.dbarch.contracts.events.Design;
import org.junit.jupiter.api.Test;

/** The decisions other services read carry their typed values, not just prose. */
class TypedSecurityDecisionsTest {

  private static Design design(String yaml, String ruleId) {
    return Requests.assess(yaml).decisions().stream()
        .filter(d -> d.ruleId().equals(ruleId))
        .map(Decision::design)
        .findFirst()
        .orElseThrow(() -> new AssertionError(ruleId + " did not decide"));
  }

  @Test
  void encryptionAtRestIsTypedWhetherMandatedOrBaseline() {
    assertThat(design("compliance: {regimes: [PCI-DSS]}\n", "SEC-ENC-001").encryptionAtRest())
        .isTrue();
    assertThat(design("compliance: {regimes: [GDPR]}\n", "SEC-ENC-002").encryptionAtRest())
        .isTrue();
  }
}
