package dev.dbarch.selection.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.SystemKey;
import dev.dbarch.contracts.events.AssessmentRequested;
import dev.dbarch.contracts.events.Decision;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.contracts.events.Trigger;
import dev.dbarch.contracts.requirements.Requirements;
import dev.dbarch.contracts.schema.SchemaContext;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** SEL-UPG-001: a monitored PostgreSQL older than the recommended version is told to upgrade. */
class UpgradePathTest {

  private static SectionVerdict assess(
      SchemaSnapshot.Engine engine, String source, String version) {
    SchemaContext schema =
        new SchemaContext(
            new SchemaSnapshot(engine, source, "shop", List.of(), List.of(), version),
            null,
            null,
            null);
    return SelectionRules.assess(
        new AssessmentRequested(
            SystemKey.DEFAULT_TENANT,
            "a-1",
            "shop",
            Trigger.SCHEMA_CHANGED,
            Instant.parse("2026-01-01T00:00:00Z"),
            Requirements.named("shop", "Shop"),
            schema,
            null));
  }

  private static Optional<Decision> upgrade(SectionVerdict verdict) {
    return verdict.decisions().stream()
        .filter(d -> UpgradePath.RULE.equals(d.ruleId()))
        .findFirst();
  }

  @Test
  void aMonitoredPostgreSqlFifteenIsToldToUpgradeToSeventeenWithTheFactsAndHow() {
    SectionVerdict verdict = assess(SchemaSnapshot.Engine.POSTGRESQL, "catalog", "15.8");
    Decision decision = upgrade(verdict).orElseThrow();
    assertThat(decision.choice())
        .isEqualTo(
            "Upgrade the running PostgreSQL 15.8 to PostgreSQL 17 (2 major versions) rather than"
                + " build a new database");
    assertThat(decision.facts())
        .containsEntry("live version", "15.8")
        .containsEntry("recommended version", "17")
        .containsEntry("major versions to cross", "2");
    assertThat(decision.rationale()).contains("pg_upgrade --link", "logical replication");
    assertThat(decision.tradeOff()).isNotBlank();
  }

  @Test
  void nothingIsSaidOnTheRecommendedVersionOrNewerOrWithoutALiveDatabase() {
    assertThat(upgrade(assess(SchemaSnapshot.Engine.POSTGRESQL, "catalog", "17.6"))).isEmpty();
    assertThat(upgrade(assess(SchemaSnapshot.Engine.POSTGRESQL, "catalog", "18.1"))).isEmpty();
    // A DDL script is not a running database, whatever version it was written for.
    assertThat(upgrade(assess(SchemaSnapshot.Engine.POSTGRESQL, "ddl", "15.8"))).isEmpty();
    // A monitored MariaDB is a platform change (the migration section), not an upgrade.
    assertThat(upgrade(assess(SchemaSnapshot.Engine.MARIADB, "catalog", "10.11.9-MariaDB")))
        .isEmpty();
  }
}
