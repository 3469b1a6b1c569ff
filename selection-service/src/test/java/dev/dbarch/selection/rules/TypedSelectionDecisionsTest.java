package dev.dbarch.selection.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.events.Decision;
import dev.dbarch.contracts.events.Design;
import dev.dbarch.contracts.events.SectionVerdict;
import org.junit.jupiter.api.Test;

/** Selection's decisions carry the engine, version, hosting and partitioning as typed values. */
class TypedSelectionDecisionsTest {

  private static Design design(SectionVerdict verdict, String topic) {
    return verdict.decisions().stream()
        .filter(d -> d.topic().equals(topic))
        .map(Decision::design)
        .reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("no decision on " + topic));
  }

  @Test
  void theEcommerceExampleIsPostgresSeventeenManagedOnAwsPartitionedByTime() throws Exception {
    SectionVerdict verdict = EcommerceGoldenTest.ecommerce();

    assertThat(design(verdict, "Primary database"))
        .isEqualTo(Design.engine(Design.Engine.POSTGRESQL, "17"));
    assertThat(design(verdict, "Hosting"))
        .isEqualTo(Design.NONE.withHosting(Design.Hosting.MANAGED, Design.Cloud.AWS));
    assertThat(design(verdict, "Partitioning").partitioning())
        .isEqualTo(Design.Partitioning.RANGE_TIME);
  }

  @Test
  void everyTechnologyNamesItsEngine() {
    for (Technology technology : Technology.values()) {
      assertThat(technology.design().engine()).as(technology.name()).isNotNull();
      boolean postgres = technology.design().engine() == Design.Engine.POSTGRESQL;
      assertThat(postgres).as(technology.name()).isEqualTo(technology.postgres());
    }
  }

  @Test
  void serviceOnlyTechnologiesCarryTheirHosting() {
    for (Technology technology : Technology.values()) {
      if (technology.serviceOnly()) {
        assertThat(technology.design().hosting()).as(technology.name()).isNotNull();
      }
    }
  }
}
