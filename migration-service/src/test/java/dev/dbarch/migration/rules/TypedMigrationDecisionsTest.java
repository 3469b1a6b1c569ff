package dev.dbarch.migration.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.events.Decision;
import dev.dbarch.contracts.events.Design;
import org.junit.jupiter.api.Test;

/** The decisions other services read carry their typed values, not just prose. */
class TypedMigrationDecisionsTest {

  private static Design design(String yaml, String ruleId) {
    return Requests.assess(yaml).decisions().stream()
        .filter(d -> d.ruleId().equals(ruleId))
        .map(Decision::design)
        .findFirst()
        .orElseThrow(() -> new AssertionError(ruleId + " did not decide"));
  }

  @Test
  void aPlatformChangeMovesDataByCdcAndAWindowedUpgradeOffline() {
    assertThat(design(MigrationRulesTest.ORACLE_TO_POSTGRES, "MIG-PLAT-001").migration())
        .isEqualTo(Design.MigrationMode.CDC);
    assertThat(design(MigrationRulesTest.ORACLE_TO_POSTGRES, "MIG-ZDT-001").migration())
        .isEqualTo(Design.MigrationMode.CDC);
    assertThat(
            design("currentState: {sizeGb: 10, downtimeToleranceMinutes: 60}", "MIG-ZDT-002")
                .migration())
        .isEqualTo(Design.MigrationMode.OFFLINE);
  }
}
