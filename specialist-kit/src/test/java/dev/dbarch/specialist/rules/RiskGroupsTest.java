package dev.dbarch.specialist.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.events.Risk;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RiskGroupsTest {

  private static RiskGroups.Occurrence finding(String ruleId, Risk.Level level, int table) {
    String subject = "public.t" + table;
    return new RiskGroups.Occurrence(
        subject, new Risk(ruleId, subject + ": no primary key", level, level, "Add one."));
  }

  private static List<RiskGroups.Occurrence> findings(String ruleId, Risk.Level level, int n) {
    return IntStream.range(0, n).mapToObj(i -> finding(ruleId, level, i)).toList();
  }

  @Test
  void upToTheLimitEveryFindingIsItsOwnRow() {
    List<Risk> rows =
        RiskGroups.rows(findings("SCH-PK-001", Risk.Level.HIGH, RiskGroups.MAX_SEPARATE_ROWS));
    assertThat(rows).hasSize(RiskGroups.MAX_SEPARATE_ROWS);
    assertThat(rows).allSatisfy(r -> assertThat(r.subjects()).isNull());
  }

  @Test
  void pastTheLimitOneRowNamesTheCountTheFirstSubjectsAndListsThemAll() {
    List<Risk> rows = RiskGroups.rows(findings("SCH-PK-001", Risk.Level.HIGH, 2924));
    assertThat(rows).hasSize(1);
    Risk row = rows.get(0);
    assertThat(row.ruleId()).isEqualTo("SCH-PK-001");
    assertThat(row.impact()).isEqualTo(Risk.Level.HIGH);
    assertThat(row.mitigation()).isEqualTo("Add one.");
    assertThat(row.risk())
        .isEqualTo(
            "Found 2,924 times (public.t0, public.t1, public.t2 and 2,921 more; all of them under"
                + " subjects). The first: public.t0: no primary key");
    assertThat(row.subjects()).hasSize(2924).startsWith("public.t0").endsWith("public.t2923");
  }

  @Test
  void rulesAndLevelsGroupApartInTheOrderTheyFirstAppear() {
    List<RiskGroups.Occurrence> mixed = new ArrayList<>();
    mixed.add(finding("SCH-FK-001", Risk.Level.MEDIUM, 0));
    mixed.addAll(findings("SCH-PK-001", Risk.Level.HIGH, 11));
    mixed.addAll(findings("SCH-PK-001", Risk.Level.LOW, 3));
    List<Risk> rows = RiskGroups.rows(mixed);
    assertThat(rows)
        .extracting(Risk::ruleId, Risk::impact)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("SCH-FK-001", Risk.Level.MEDIUM),
            org.assertj.core.groups.Tuple.tuple("SCH-PK-001", Risk.Level.HIGH),
            org.assertj.core.groups.Tuple.tuple("SCH-PK-001", Risk.Level.LOW),
            org.assertj.core.groups.Tuple.tuple("SCH-PK-001", Risk.Level.LOW),
            org.assertj.core.groups.Tuple.tuple("SCH-PK-001", Risk.Level.LOW));
  }

  @Test
  void aSingleRowReadsAsInVersionThreeAndAGroupedRowRoundTrips() {
    Risk single = finding("SCH-PK-001", Risk.Level.HIGH, 1).risk();
    assertThat(Json.toJson(single)).doesNotContain("subjects");
    Risk grouped = RiskGroups.rows(findings("SCH-PK-001", Risk.Level.HIGH, 12)).get(0);
    assertThat(Json.fromJson(Json.toJson(grouped), Risk.class)).isEqualTo(grouped);
  }
}
