package dev.dbarch.schema.findings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.schema.SchemaFinding;
import dev.dbarch.schema.MachinePg15;
import java.sql.Connection;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fix of every rule, executed on PostgreSQL 15 (the machine's server) against its fixture
 * with rows: {@link EveryRuleTest} does the same on PostgreSQL 17. Version differences live here
 * (PostgreSQL 15 refuses to add an identity column to a partitioned table, for one). Each rule gets
 * a database of its own, with a unique name, dropped afterwards.
 */
class FixesOnPostgres15Test {

  @BeforeAll
  static void server() {
    MachinePg15.assumeReachable();
  }

  static Stream<String> rules() {
    return SchemaRules.ALL.stream().map(SchemaRule::id);
  }

  @ParameterizedTest
  @MethodSource("rules")
  void everyFixRunsOnPostgres15(String ruleId) throws Exception {
    RuleFixture fixture = RuleFixture.of(ruleId);
    String database = MachinePg15.createDatabase("dbarch_fix15");
    try (Connection c = MachinePg15.connect(database)) {
      assertThat(MachinePg15.majorVersion(c)).isEqualTo(15);
      RuleFixture.load(c, fixture.fires());
      List<SchemaFinding> found = RuleFixture.findings(RuleFixture.read(c), ruleId);
      assertThat(found).as(ruleId + " fires on PostgreSQL 15").isNotEmpty();
      for (SchemaFinding f : found) {
        if (RuleFixture.isSql(f.fix())) {
          RuleFixture.run(c, f.fix());
        }
      }
    } finally {
      MachinePg15.drop(database);
    }
  }
}
