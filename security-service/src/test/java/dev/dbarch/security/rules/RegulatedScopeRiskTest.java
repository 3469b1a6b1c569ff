package dev.dbarch.security.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.events.Risk;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** SEC-RISK-001: regulated data in scope, likelihood from the named sensitive fields. */
class RegulatedScopeRiskTest {

  private static Optional<Risk> risk(String yaml) {
    return Requests.assess(yaml).risks().stream()
        .filter(r -> r.ruleId().equals("SEC-RISK-001"))
        .findFirst();
  }

  @Test
  void theEcommerceRegimesWithNamedFieldsAreAMediumLikelihoodHighImpact() {
    Risk risk =
        risk("compliance: {regimes: [GDPR, PCI-DSS], sensitiveFields: [customers.email,"
                + " customers.address, payments.card_token]}\n")
            .orElseThrow();
    assertThat(risk.likelihood()).isEqualTo(Risk.Level.MEDIUM);
    assertThat(risk.impact()).isEqualTo(Risk.Level.HIGH);
    assertThat(risk.risk()).contains("GDPR, PCI-DSS, 3 named sensitive fields");
    assertThat(risk.mitigation()).contains("72 hours");
  }

  @Test
  void aRegimeWithoutNamedFieldsIsLessLikely() {
    assertThat(risk("compliance: {regimes: [HIPAA]}\n"))
        .hasValueSatisfying(r -> assertThat(r.likelihood()).isEqualTo(Risk.Level.LOW));
  }

  @Test
  void soc2AloneOrNoRegimeStaysSilent() {
    assertThat(risk("compliance: {regimes: [SOC2]}\n")).isEmpty();
    assertThat(risk("")).isEmpty();
  }
}
