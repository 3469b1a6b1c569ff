package dev.dbarch.security.rules;

import static dev.dbarch.security.rules.Requests.assess;
import static dev.dbarch.testsupport.VerdictChecks.decision;
import static dev.dbarch.testsupport.VerdictChecks.fired;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.events.Decision;
import dev.dbarch.contracts.events.Heading;
import dev.dbarch.contracts.events.Risk;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.security.rules.SensitiveFields.Protection;
import dev.dbarch.testsupport.VerdictChecks;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SecurityRulesTest {

  static final String ECOMMERCE =
      """
      compliance:
        regimes: [GDPR, PCI-DSS]
        sensitiveFields: [payments.card_token, customers.email, customers.address]
      platform: {cloud: AWS}
      """;

  @Nested
  class SeedSituations {

    @Test
    void ecommercePlatformGetsPciAndGdprControlsAndFieldProtection() {
      SectionVerdict verdict = assess(ECOMMERCE);

      assertThat(decision(verdict, "SEC-ENC-001").choice())
          .startsWith("Required: storage encryption with keys in AWS KMS");
      assertThat(decision(verdict, "SEC-AUDIT-001").choice())
          .endsWith(
              "kept 1 year with the last 3 months online (PCI-DSS: 3 months searchable online and"
                  + " 1 year in total)");
      assertThat(decision(verdict, "SEC-FIELD-001").choice())
          .isEqualTo(
              "customers.address: encrypt in the application before storing; customers.email:"
                  + " encrypt in the application and store a keyed hash (HMAC) beside it for"
                  + " exact-match lookups; payments.card_token: already a token: keep the card"
                  + " number itself out of the database");
      assertThat(fired(verdict))
          .contains("SEC-TLS-001", "SEC-KEY-001", "SEC-ACCESS-001", "SEC-GDPR-001", "SEC-PCI-001")
          .doesNotContain("SEC-ENC-002", "SEC-AUDIT-002", "SEC-PCI-002", "SEC-HIPAA-001");
      assertThat(VerdictChecks.assumption(verdict, "multi-tenancy model").assumed())
          .isEqualTo("a single tenant");
    }

    @Test
    void everyDecisionIsExplainedUnderTheOneHeading() {
      SectionVerdict verdict = assess(ECOMMERCE);

      for (Decision d : verdict.decisions()) {
        assertThat(d.heading()).isEqualTo(Heading.SECURITY_AND_COMPLIANCE);
        assertThat(d.ruleId()).startsWith("SEC-");
        assertThat(d.rationale()).isNotBlank();
        assertThat(d.tradeOff()).isNotBlank();
      }
    }

    @Test
    void aBareRequestGetsTheBaselineAndItsQuestions() {
      SectionVerdict verdict = assess("");

      assertThat(fired(verdict))
          .containsExactly("SEC-ENC-002", "SEC-TLS-001", "SEC-ACCESS-001", "SEC-AUDIT-002");
      assertThat(VerdictChecks.assumedFacts(verdict))
          .containsExactly(
              "compliance regimes", "cloud provider", "multi-tenancy model", "sensitive fields");
      assertThat(verdict.questions()).hasSize(4);
    }

    @Test
    void theSameInputGivesByteIdenticalVerdicts() {
      assertThat(Json.toJson(assess(ECOMMERCE))).isEqualTo(Json.toJson(assess(ECOMMERCE)));
    }
  }

  @Nested
  class Encryption {

    @Test
    void hipaaMakesEncryptionAtRestMandatory() {
      SectionVerdict verdict = assess("compliance: {regimes: [HIPAA]}\nplatform: {cloud: AZURE}\n");

      assertThat(decision(verdict, "SEC-ENC-001").rationale())
          .startsWith("Under HIPAA stored data");
      assertThat(decision(verdict, "SEC-ENC-001").choice()).contains("Azure Key Vault");
      assertThat(fired(verdict)).doesNotContain("SEC-ENC-002");
    }

    @Test
    void gdprAloneKeepsEncryptionAtRestABaseline() {
      SectionVerdict verdict =
          assess("compliance: {regimes: [GDPR]}\nplatform: {cloud: ON_PREM}\n");

      assertThat(decision(verdict, "SEC-ENC-002").choice()).contains("HashiCorp Vault");
      assertThat(fired(verdict)).doesNotContain("SEC-ENC-001");
    }

    @Test
    void transitEncryptionAlwaysValidatesCertificates() {
      assertThat(decision(assess(""), "SEC-TLS-001").choice()).contains("verify-full");
      assertThat(decision(assess(ECOMMERCE), "SEC-TLS-001").rationale())
          .contains("under PCI-DSS encrypted transport is also required");
    }

    @Test
    void plaintextIsRefusedWhereTheChosenDatabaseRuns() {
      // The e-commerce platform runs on Amazon RDS for PostgreSQL: a parameter, not pg_hba.conf.
      assertThat(decision(assess(ECOMMERCE), "SEC-TLS-001").choice())
          .contains("rds.force_ssl = 1 in the parameter group of Amazon RDS for PostgreSQL")
          .doesNotContain("hostssl")
          .doesNotContain("MySQL");
      assertThat(
              decision(
                      assess("platform: {cloud: ON_PREM, managedPreferred: false}\n"),
                      "SEC-TLS-001")
                  .choice())
          .contains("only hostssl rules in pg_hba.conf")
          .doesNotContain("rds.force_ssl");
    }

    @Test
    void customerManagedKeysForRegulatedOrFieldEncryptedData() {
      assertThat(
              fired(
                  assess("compliance: {regimes: [GDPR], sensitiveFields: [patients.diagnosis]}\n")))
          .contains("SEC-KEY-001");
      assertThat(fired(assess("compliance: {regimes: [GDPR], sensitiveFields: []}\n")))
          .doesNotContain("SEC-KEY-001");
    }
  }

  @Nested
  class TenantsAndAudit {

    @Test
    void aSharedSchemaGetsRowLevelSecurity() {
      SectionVerdict verdict = assess("compliance: {multiTenancy: SHARED_SCHEMA}\n");

      assertThat(decision(verdict, "SEC-RLS-001").choice()).contains("FORCE ROW LEVEL SECURITY");
      assertThat(fired(verdict)).doesNotContain("SEC-TENANT-001");
    }

    @Test
    void aSchemaPerTenantGetsARolePerTenantInstead() {
      SectionVerdict verdict = assess("compliance: {multiTenancy: SCHEMA_PER_TENANT}\n");

      assertThat(decision(verdict, "SEC-TENANT-001").choice()).contains("its own schema");
      assertThat(fired(verdict)).doesNotContain("SEC-RLS-001");
    }

    @Test
    void aSingleTenantNeedsNeither() {
      SectionVerdict verdict = assess("compliance: {multiTenancy: SINGLE_TENANT}\n");

      assertThat(fired(verdict)).doesNotContain("SEC-RLS-001", "SEC-TENANT-001");
      assertThat(VerdictChecks.assumedFacts(verdict)).doesNotContain("multi-tenancy model");
    }

    @Test
    void soc2KeepsAuditLogsAYear() {
      SectionVerdict verdict = assess("compliance: {regimes: [SOC2]}\n");

      assertThat(decision(verdict, "SEC-AUDIT-001").facts()).containsEntry("retentionDays", "365");
      assertThat(fired(verdict)).contains("SEC-SOC2-001").doesNotContain("SEC-AUDIT-002");
    }

    @Test
    void hipaaAuditsEveryPhiAccessWithoutASetYear() {
      SectionVerdict verdict = assess("compliance: {regimes: [HIPAA]}\n");

      assertThat(decision(verdict, "SEC-AUDIT-001").choice())
          .contains("every read and change of PHI")
          .doesNotContain("kept 1 year");
      assertThat(fired(verdict)).contains("SEC-HIPAA-001");
    }

    @Test
    void gdprAloneGetsTheBaselineAuditTrail() {
      SectionVerdict verdict = assess("compliance: {regimes: [GDPR]}\n");

      assertThat(decision(verdict, "SEC-AUDIT-002").choice()).endsWith("keep 90 days");
      assertThat(fired(verdict)).contains("SEC-GDPR-001").doesNotContain("SEC-AUDIT-001");
    }

    @Test
    void noRegimeNoRegimeControls() {
      assertThat(fired(assess("compliance: {regimes: []}\n")))
          .doesNotContain("SEC-GDPR-001", "SEC-HIPAA-001", "SEC-PCI-001", "SEC-SOC2-001");
    }
  }

  @Nested
  class Fields {

    @Test
    void fieldNamesDecideTheProtection() {
      assertThat(SensitiveFields.classify("payments.card_number")).isEqualTo(Protection.TOKENIZE);
      assertThat(SensitiveFields.classify("payments.pan")).isEqualTo(Protection.TOKENIZE);
      assertThat(SensitiveFields.classify("payments.card_token"))
          .isEqualTo(Protection.ALREADY_TOKENIZED);
      assertThat(SensitiveFields.classify("payments.cvv")).isEqualTo(Protection.NEVER_STORE);
      assertThat(SensitiveFields.classify("payments.cardholder_name"))
          .isEqualTo(Protection.ENCRYPT);
      assertThat(SensitiveFields.classify("users.email"))
          .isEqualTo(Protection.ENCRYPT_WITH_KEYED_HASH);
      assertThat(SensitiveFields.classify("patients.diagnosis")).isEqualTo(Protection.ENCRYPT);
    }

    @Test
    void cardNumbersOutsideADeclaredPciScopeAreARisk() {
      SectionVerdict verdict =
          assess("compliance: {regimes: [GDPR], sensitiveFields: [orders.card_number]}\n");

      assertThat(withoutScopeRisk(verdict))
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.ruleId()).isEqualTo("SEC-PCI-002");
                assertThat(r.risk()).contains("orders.card_number");
                assertThat(r.impact()).isEqualTo(Risk.Level.HIGH);
              });
    }

    @Test
    void cardNumbersInsidePciScopeAreNoSuchRisk() {
      assertThat(
              fired(
                  assess(
                      "compliance: {regimes: [PCI-DSS], sensitiveFields: [orders.card_number]}\n")))
          .doesNotContain("SEC-PCI-002");
    }

    @Test
    void aStoredSecurityCodeIsARiskEvenInPciScope() {
      SectionVerdict verdict =
          assess("compliance: {regimes: [PCI-DSS], sensitiveFields: [payments.cvv]}\n");

      assertThat(withoutScopeRisk(verdict))
          .extracting(Risk::risk)
          .containsExactly("Card security codes (payments.cvv) are planned for storage");
    }

    @Test
    void anEmptyListIsAnAnswerAndAMissingOneIsAQuestion() {
      assertThat(fired(assess("compliance: {sensitiveFields: []}\n")))
          .doesNotContain("SEC-FIELD-001");
      assertThat(VerdictChecks.assumedFacts(assess("compliance: {sensitiveFields: []}\n")))
          .doesNotContain("sensitive fields");
      assertThat(
              VerdictChecks.assumption(
                      assess("compliance: {regimes: [HIPAA]}\n"), "sensitive fields")
                  .ruleId())
          .isEqualTo("SEC-FIELD-001");
    }
  }

  /** The risks other than SEC-RISK-001, which every regulated input raises. */
  static java.util.List<Risk> withoutScopeRisk(SectionVerdict verdict) {
    return verdict.risks().stream().filter(r -> !r.ruleId().equals("SEC-RISK-001")).toList();
  }
}
