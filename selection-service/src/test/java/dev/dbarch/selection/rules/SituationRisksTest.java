package dev.dbarch.selection.rules;

import static dev.dbarch.selection.rules.Requests.assess;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.events.Risk;
import dev.dbarch.contracts.events.SectionVerdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SEL-RISK-001..003: the risks the chosen technology brings to this team and budget, with
 * likelihood and impact from the facts the text names.
 */
class SituationRisksTest {

  private static List<Risk> risks(SectionVerdict verdict, String ruleId) {
    return verdict.risks().stream().filter(r -> r.ruleId().equals(ruleId)).toList();
  }

  private static Risk only(String yaml, String ruleId) {
    List<Risk> found = risks(assess(yaml), ruleId);
    assertThat(found).as(ruleId + " for\n" + yaml).hasSize(1);
    return found.get(0);
  }

  @Test
  void anEngineTheTeamHasNotRunIsASkillsRiskNamingWhatItRuns() {
    Risk risk =
        only(
            "platform: {existingDatabases: [Oracle 19c], managedPreferred: true}\n",
            "SEL-RISK-001");
    assertThat(risk.risk()).contains("Oracle 19c").contains("PostgreSQL 17");
    assertThat(risk.likelihood()).isEqualTo(Risk.Level.MEDIUM);
    assertThat(risk.impact()).isEqualTo(Risk.Level.MEDIUM);
  }

  @Test
  void runningTheUnknownEngineWithoutStrongOperationsSkillsIsLikely() {
    Risk risk =
        only(
            "platform: {existingDatabases: [Oracle 19c], managedPreferred: false,"
                + " opsExpertise: MEDIUM}\n",
            "SEL-RISK-001");
    assertThat(risk.likelihood()).isEqualTo(Risk.Level.HIGH);
    assertThat(risk.risk()).contains("MEDIUM operations expertise");
    assertThat(risk.mitigation()).contains("managed service");
  }

  @Test
  void aNewNonRelationalModelHasAHighImpact() {
    Risk risk =
        only(
            "dataShape: {keyValue: true}\n"
                + "platform: {cloud: AWS, deployment: SERVERLESS, vendorLockInConcern: false,"
                + " existingDatabases: [PostgreSQL]}\n",
            "SEL-RISK-001");
    assertThat(risk.risk()).contains("DynamoDB").contains("key-value");
    assertThat(risk.impact()).isEqualTo(Risk.Level.HIGH);
  }

  @Test
  void mariaDbCountsAsMySqlAndWeakSqlOnASqlEngineIsARisk() {
    assertThat(
            risks(
                assess("platform: {existingDatabases: [MariaDB 10.11], managedPreferred: true}\n"),
                "SEL-RISK-001"))
        .isEmpty();
    Risk risk = only("platform: {sqlProficiency: LOW, managedPreferred: true}\n", "SEL-RISK-001");
    assertThat(risk.risk()).contains("SQL proficiency LOW");
  }

  @Test
  void noSkillsRiskWithoutFactsAboutTheTeam() {
    assertThat(risks(assess(""), "SEL-RISK-001")).isEmpty();
  }

  @Test
  void aProprietaryApiIsAHighImpactLockInAndAnUnstatedConcernMakesItLikelier() {
    Risk accepted =
        only(
            "dataShape: {keyValue: true}\n"
                + "platform: {cloud: AWS, deployment: SERVERLESS, vendorLockInConcern: false}\n",
            "SEL-RISK-002");
    assertThat(accepted.impact()).isEqualTo(Risk.Level.HIGH);
    assertThat(accepted.likelihood()).isEqualTo(Risk.Level.LOW);
    assertThat(accepted.risk()).contains("DynamoDB").contains("rewriting");
  }

  @Test
  void anOpenEngineOnAManagedServiceIsNoLockInRisk() {
    assertThat(risks(assess(Requests.ECOMMERCE), "SEL-RISK-002")).isEmpty();
    assertThat(risks(assess("platform: {cloud: AWS, managedPreferred: true}\n"), "SEL-RISK-002"))
        .isEmpty();
  }

  @Test
  void costDriversAreNamedWithTheirNumbersAndSetTheLikelihood() {
    Risk one =
        only(
            "platform: {cloud: AWS, managedPreferred: true, budgetSensitivity: MEDIUM}\n",
            "SEL-RISK-003");
    assertThat(one.risk()).contains("managed hosting, about 30% more per unit");
    assertThat(one.likelihood()).isEqualTo(Risk.Level.LOW);
    assertThat(one.impact()).isEqualTo(Risk.Level.MEDIUM);
    assertThat(one.mitigation()).contains("30%").contains("60%");

    Risk two =
        only(
            "scale: {dataVolumeGb: 50, dataVolumeGbIn12Months: 400}\n"
                + "platform: {cloud: AWS, managedPreferred: true, budgetSensitivity: HIGH}\n",
            "SEL-RISK-003");
    assertThat(two.risk()).contains("from 50 GB to 400 GB").contains("8 times");
    assertThat(two.likelihood()).isEqualTo(Risk.Level.HIGH);
  }

  @Test
  void noCostRiskForALowSensitivityOrWithoutADriver() {
    assertThat(
            risks(
                assess("platform: {cloud: AWS, managedPreferred: true, budgetSensitivity: LOW}\n"),
                "SEL-RISK-003"))
        .isEmpty();
    assertThat(
            risks(
                assess(
                    "platform: {managedPreferred: false, opsExpertise: HIGH,"
                        + " budgetSensitivity: HIGH}\n"),
                "SEL-RISK-003"))
        .isEmpty();
  }
}
