package dev.dbarch.report.document;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.events.Change;
import dev.dbarch.contracts.events.Design;
import dev.dbarch.contracts.events.Section;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RevisionDiffTest {

  @Test
  void reportsEveryKindOfChangeWithItsRule() {
    Fingerprint before =
        new Fingerprint(
            Map.of(
                "SELECTION|SEL-1|Primary database", "MySQL 8.4", "SECURITY|SEC-2|Audit", "pgaudit"),
            Map.of("PERF-DIAG-001|Pool exhausted", "Pool exhausted"));
    Fingerprint after =
        new Fingerprint(
            Map.of(
                "SELECTION|SEL-1|Primary database",
                "PostgreSQL 17",
                "MIGRATION|MIG-1|Migrations",
                "Flyway"),
            Map.of("SCH-PK-001|Table t has no primary key", "Table t has no primary key"));

    assertThat(RevisionDiff.between(before, after))
        .containsExactly(
            new Change(
                Change.Kind.DECISION_ADDED,
                Section.MIGRATION,
                "MIG-1",
                "Migrations",
                null,
                "Flyway",
                null),
            new Change(
                Change.Kind.DECISION_CHANGED,
                Section.SELECTION,
                "SEL-1",
                "Primary database",
                "MySQL 8.4",
                "PostgreSQL 17",
                null),
            new Change(
                Change.Kind.DECISION_REMOVED,
                Section.SECURITY,
                "SEC-2",
                "Audit",
                "pgaudit",
                null,
                null),
            new Change(
                Change.Kind.FINDING_NEW,
                null,
                "SCH-PK-001",
                "Table t has no primary key",
                null,
                null,
                null),
            new Change(
                Change.Kind.FINDING_RESOLVED,
                null,
                "PERF-DIAG-001",
                "Pool exhausted",
                null,
                null,
                null));
  }

  private static final String PRIMARY = "SELECTION|SEL-REL-001|Primary database";

  @Test
  void rewordingATypedDecisionIsNoChange() {
    Design postgres = Design.engine(Design.Engine.POSTGRESQL, "17");
    Fingerprint before =
        new Fingerprint(Map.of(PRIMARY, "PostgreSQL 17"), Map.of(), Map.of(PRIMARY, postgres));
    Fingerprint after =
        new Fingerprint(
            Map.of(PRIMARY, "PostgreSQL 17 (community edition)"),
            Map.of(),
            Map.of(PRIMARY, postgres));

    assertThat(RevisionDiff.between(before, after)).isEmpty();
  }

  @Test
  void aTypedValueChangeIsAChangeCarryingBothValues() {
    Design v16 = Design.engine(Design.Engine.POSTGRESQL, "16");
    Design v17 = Design.engine(Design.Engine.POSTGRESQL, "17");
    Fingerprint before =
        new Fingerprint(Map.of(PRIMARY, "PostgreSQL"), Map.of(), Map.of(PRIMARY, v16));
    Fingerprint after =
        new Fingerprint(Map.of(PRIMARY, "PostgreSQL"), Map.of(), Map.of(PRIMARY, v17));

    assertThat(RevisionDiff.between(before, after))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.kind()).isEqualTo(Change.Kind.DECISION_CHANGED);
              assertThat(c.designBefore()).isEqualTo(v16);
              assertThat(c.designAfter()).isEqualTo(v17);
            });
  }

  @Test
  void aRevisionWithoutTypedValuesIsComparedByItsChoice() {
    Fingerprint v2 = new Fingerprint(Map.of(PRIMARY, "MySQL 8.4 LTS"), Map.of());
    Fingerprint v3 =
        new Fingerprint(
            Map.of(PRIMARY, "PostgreSQL 17"),
            Map.of(),
            Map.of(PRIMARY, Design.engine(Design.Engine.POSTGRESQL, "17")));

    assertThat(RevisionDiff.between(v2, v3))
        .singleElement()
        .satisfies(c -> assertThat(c.before()).isEqualTo("MySQL 8.4 LTS"));
  }

  @Test
  void identicalRevisionsHaveNoChanges() {
    Fingerprint same =
        new Fingerprint(Map.of("SELECTION|SEL-1|Primary database", "PostgreSQL 17"), Map.of());
    assertThat(RevisionDiff.between(same, same)).isEmpty();
  }
}
