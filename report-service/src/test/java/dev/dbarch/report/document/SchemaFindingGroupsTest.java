package dev.dbarch.report.document;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.events.Risk;
import dev.dbarch.contracts.events.Risk.Level;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the schema findings among a document's risks are grouped, ordered and named. */
class SchemaFindingGroupsTest {

  private static Risk one(String ruleId, String subject, Level level) {
    return new Risk(ruleId, subject + ": found", level, level, "fix " + subject);
  }

  private static Risk many(String ruleId, Level level, String... subjects) {
    return new Risk(
        ruleId,
        "Found " + subjects.length + " times (...). The first: " + subjects[0] + ": found",
        level,
        level,
        "fix " + subjects[0],
        null,
        List.of(subjects));
  }

  @Test
  void worstFirstThenMoreFindingsThenRuleId() {
    var groups =
        SchemaFindingGroups.groups(
            List.of(
                one("SCH-TYP-001", "public.a.doc", Level.LOW),
                one("SCH-IDX-001", "public.a.i1", Level.MEDIUM),
                one("SCH-FK-002", "public.a.b_id", Level.MEDIUM),
                one("SCH-FK-002", "public.b.c_id", Level.MEDIUM),
                one("SCH-GOD-001", "public.a", Level.MEDIUM),
                new Risk("PERF-X-001", "not a schema finding", Level.HIGH, Level.HIGH, null),
                one("SCH-PK-001", "public.c", Level.HIGH)));
    assertThat(groups.stream().map(SchemaFindingGroups.Group::ruleId))
        .containsExactly("SCH-PK-001", "SCH-FK-002", "SCH-GOD-001", "SCH-IDX-001", "SCH-TYP-001");
  }

  @Test
  void aRuleAtTwoLevelsIsOneGroupLedByItsWorstFinding() {
    var groups =
        SchemaFindingGroups.groups(
            List.of(
                many("SCH-FK-001", Level.MEDIUM, "public.a.x", "public.b.x", "public.a.y"),
                one("SCH-FK-001", "public.z.x", Level.HIGH)));
    assertThat(groups).hasSize(1);
    var fk = groups.get(0);
    assertThat(fk.worst().subject()).isEqualTo("public.z.x");
    assertThat(fk.example()).isEqualTo("public.z.x: found");
    assertThat(fk.fix()).isEqualTo("fix public.z.x");
    assertThat(SchemaFindingGroups.count(fk)).isEqualTo("4 (High 1, Medium 3)");
    assertThat(SchemaFindingGroups.namedTables(fk)).isEqualTo("3: public.z, public.a, public.b");
    assertThat(SchemaFindingGroups.all(groups).stream().map(SchemaFindingGroups.Finding::subject))
        .containsExactly("public.z.x", "public.a.x", "public.b.x", "public.a.y");
  }

  @Test
  void aManyFindingRowsExampleIsItsFirstFinding() {
    var groups =
        SchemaFindingGroups.groups(List.of(many("SCH-PK-001", Level.HIGH, "public.a", "public.b")));
    assertThat(groups.get(0).example()).isEqualTo("public.a: found");
    assertThat(SchemaFindingGroups.count(groups.get(0))).isEqualTo("2");
  }

  @Test
  void moreThanFiveTablesAreCounted() {
    var groups =
        SchemaFindingGroups.groups(
            List.of(
                many(
                    "SCH-PK-001",
                    Level.HIGH,
                    "s.t1",
                    "s.t2",
                    "s.t3",
                    "s.t4",
                    "s.t5",
                    "s.t6",
                    "s.t7")));
    assertThat(SchemaFindingGroups.namedTables(groups.get(0)))
        .isEqualTo("7: s.t1, s.t2, s.t3, s.t4, s.t5 and 2 more");
  }

  /**
   * A MySQL script without a database gives unqualified tables: one subject of a single part (a
   * table-level finding) shows it, and {@code orders.customer_id} is then a column of {@code
   * orders}, not a table.
   */
  @Test
  void unqualifiedTablesAreToldByATableLevelFinding() {
    var unqualified =
        SchemaFindingGroups.groups(
            List.of(
                one("SCH-PK-001", "audit", Level.HIGH),
                one("SCH-FK-001", "orders.customer_id", Level.MEDIUM),
                one("SCH-FK-001", "orders.product_id", Level.MEDIUM)));
    assertThat(SchemaFindingGroups.namedTables(unqualified.get(1))).isEqualTo("1: orders");
    var qualified =
        SchemaFindingGroups.groups(
            List.of(
                one("SCH-PK-001", "shop.audit", Level.HIGH),
                one("SCH-FK-001", "shop.orders.customer_id", Level.MEDIUM)));
    assertThat(SchemaFindingGroups.namedTables(qualified.get(1))).isEqualTo("1: shop.orders");
    assertThat(SchemaFindingGroups.namedTables(qualified.get(0))).isEqualTo("1: shop.audit");
  }
}
