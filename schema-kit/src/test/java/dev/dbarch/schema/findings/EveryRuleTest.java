package dev.dbarch.schema.findings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.requirements.SchemaSource;
import dev.dbarch.contracts.schema.SchemaFinding;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.schema.EmbeddedPg;
import dev.dbarch.schema.ddl.DdlParser;
import java.sql.Connection;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One generic test for every registered rule, on real PostgreSQL 17: its fixture makes it fire, and
 * its near miss keeps it silent. Where a script alone holds the facts (every rule but those needing
 * live statistics), the DDL path finds exactly what the catalog path finds. Every fix the rule
 * proposes is then executed on the database that produced it, rows included.
 */
class EveryRuleTest {

  static Stream<String> rules() {
    return SchemaRules.ALL.stream().map(SchemaRule::id);
  }

  @Test
  void everyRuleHasAFixture() {
    for (SchemaRule rule : SchemaRules.ALL) {
      RuleFixture.of(rule.id());
    }
  }

  @ParameterizedTest
  @MethodSource("rules")
  void firesOnItsFixtureAndItsFixesRun(String ruleId) throws Exception {
    RuleFixture fixture = RuleFixture.of(ruleId);
    DataSource ds = EmbeddedPg.freshDatabase(fixture.database("fires"));
    try (Connection c = ds.getConnection()) {
      RuleFixture.load(c, fixture.fires());
      SchemaSnapshot live = RuleFixture.read(c);
      List<SchemaFinding> found = RuleFixture.findings(live, ruleId);
      assertThat(found).as(ruleId + " fires on its fixture").isNotEmpty();
      if (!RuleFixture.LIVE_ONLY.contains(ruleId)) {
        SchemaSnapshot parsed =
            new DdlParser().parse(fixture.fires(), SchemaSource.Dialect.POSTGRESQL).snapshot();
        assertThat(keys(RuleFixture.findings(parsed, ruleId)))
            .as(ruleId + ": the DDL path finds what the catalog path finds")
            .isEqualTo(keys(found));
      }
      for (SchemaFinding f : found) {
        if (RuleFixture.isSql(f.fix())) {
          RuleFixture.run(c, f.fix());
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("rules")
  void staysSilentOnTheNearMiss(String ruleId) throws Exception {
    RuleFixture fixture = RuleFixture.of(ruleId);
    DataSource ds = EmbeddedPg.freshDatabase(fixture.database("miss"));
    try (Connection c = ds.getConnection()) {
      RuleFixture.load(c, fixture.nearMiss());
      if (ruleId.equals(SchemaRules.UNUSED_INDEX)) {
        scanEveryIndexOnce(c);
      }
      assertThat(RuleFixture.findings(RuleFixture.read(c), ruleId))
          .as(ruleId + " stays silent on its near miss")
          .isEmpty();
    }
  }

  private static void scanEveryIndexOnce(Connection c) throws Exception {
    try (var st = c.createStatement()) {
      st.execute("SET enable_seqscan = off");
      st.execute("SELECT count(*) FROM fx.tickets WHERE opened_at < now()");
      st.execute("SELECT pg_stat_force_next_flush()");
      st.execute("RESET enable_seqscan");
    }
  }

  static List<String> keys(List<SchemaFinding> findings) {
    return findings.stream().map(f -> f.table() + " " + f.object() + " " + f.fix()).toList();
  }
}
