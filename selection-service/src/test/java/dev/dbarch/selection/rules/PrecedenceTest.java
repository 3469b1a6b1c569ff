package dev.dbarch.selection.rules;

import static dev.dbarch.selection.rules.Requests.assess;
import static dev.dbarch.testsupport.VerdictChecks.decision;
import static dev.dbarch.testsupport.VerdictChecks.fired;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.events.Decision;
import dev.dbarch.contracts.events.SectionVerdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The order in which competing facts decide the primary store (docs/rules/selection.md, "Precedence
 * when rules compete"): each pair is shown from both sides, on inputs that differ only in the fact
 * that should tip the choice.
 */
class PrecedenceTest {

  /** 60,000 QPS at two reads per write: 20,000 writes/s, past one primary (10,000/s). */
  private static final String PAST_ONE_PRIMARY = "workload: {peakQps: 60000, readWriteRatio: 2";

  /** 29,997 QPS at two reads per write: 9,999 writes/s, one short of the threshold. */
  private static final String WITHIN_ONE_PRIMARY = "workload: {peakQps: 29997, readWriteRatio: 2";

  private static Decision primary(SectionVerdict verdict) {
    List<Decision> primaries =
        verdict.decisions().stream().filter(d -> d.topic().equals("Primary database")).toList();
    assertThat(primaries).as("exactly one primary database").hasSize(1);
    return primaries.get(0);
  }

  @Test
  void strongConsistencyOrAcidBeatsTheWriteRate() {
    for (String consistency :
        List.of(
            "}\nconsistency: {level: STRONG}",
            "}\nconsistency: {level: EVENTUAL, perArea: {balances: STRONG}}",
            ", acidTransactions: true}\nconsistency: {level: EVENTUAL}")) {
      SectionVerdict verdict = assess(PAST_ONE_PRIMARY + consistency + "\n");

      assertThat(primary(verdict).ruleId()).as(consistency).isEqualTo("SEL-CLOUD-002");
      assertThat(primary(verdict).choice()).as(consistency).startsWith("CockroachDB");
      assertThat(fired(verdict)).as(consistency).doesNotContain("SEL-WIDE-001");
    }
  }

  @Test
  void theWriteRateWinsOnceEventualConsistencyIsDeclared() {
    SectionVerdict verdict = assess(PAST_ONE_PRIMARY + "}\nconsistency: {level: EVENTUAL}\n");

    assertThat(primary(verdict).ruleId()).isEqualTo("SEL-WIDE-001");
  }

  @Test
  void anUnstatedConsistencyModelIsReadAsStrong() {
    SectionVerdict verdict = assess(PAST_ONE_PRIMARY + "}\n");

    assertThat(primary(verdict).ruleId()).isEqualTo("SEL-CLOUD-002");
    assertThat(decision(verdict, "SEL-CLOUD-002").rationale())
        .contains("strong consistency (assumed)");
  }

  @Test
  void joinsBeatTheWriteRateForAWideColumnStore() {
    String eventual = "}\nconsistency: {level: EVENTUAL}\n";
    for (String joins :
        List.of(
            "dataShape: {relationalDepth: 3}\n".replace("relationalDepth", "relationshipDepth"),
            "accessPatterns:\n  - {name: order page, table: orders, filters: [id],"
                + " joins: [\"order_items.order_id = orders.id\"]}\n",
            "accessPatterns:\n  - {name: order page, sql: \"SELECT * FROM orders o JOIN"
                + " order_items i ON i.order_id = o.id WHERE o.id = ?\"}\n")) {
      SectionVerdict verdict = assess(PAST_ONE_PRIMARY + eventual + joins);

      assertThat(primary(verdict).ruleId()).as(joins).isEqualTo("SEL-CLOUD-002");
      assertThat(primary(verdict).choice()).as(joins).startsWith("CockroachDB");
      assertThat(decision(verdict, "SEL-CLOUD-002").rationale())
          .as(joins)
          .contains("20,000 writes/s at peak (60,000 queries/s ÷ (2 reads per write + 1))")
          .contains("joins across related tables");
      assertThat(fired(verdict)).as(joins).doesNotContain("SEL-WIDE-001");
    }
    // The near miss: relationships two deep and a pattern that reads one table keep the write
    // rate's choice.
    SectionVerdict flat =
        assess(
            PAST_ONE_PRIMARY
                + eventual
                + "dataShape: {relationshipDepth: 2}\n"
                + "accessPatterns:\n  - {name: order page, table: orders, filters: [id]}\n");
    assertThat(primary(flat).ruleId()).isEqualTo("SEL-WIDE-001");
    assertThat(primary(flat).rationale())
        .contains("20,000 writes/s at peak (60,000 queries/s ÷ (2 reads per write + 1))");
  }

  @Test
  void theWriteRateBeatsSqlSkillsAndAPostgresEstate() {
    String team =
        "}\nconsistency: {level: EVENTUAL}\n"
            + "dataShape: {relational: true}\n"
            + "platform: {sqlProficiency: HIGH, existingDatabases: [PostgreSQL 16]}\n";

    SectionVerdict past = assess(PAST_ONE_PRIMARY + team);
    assertThat(primary(past).ruleId()).isEqualTo("SEL-WIDE-001");
    assertThat(fired(past)).doesNotContain("SEL-REL-001");

    SectionVerdict within = assess(WITHIN_ONE_PRIMARY + team);
    assertThat(primary(within).ruleId()).isEqualTo("SEL-REL-001");
    assertThat(primary(within).choice()).isEqualTo("PostgreSQL 17");
  }

  @Test
  void multiRegionBeatsTheWriteRateForStronglyConsistentData() {
    String strong = "}\nconsistency: {level: STRONG}\n";

    SectionVerdict global =
        assess(PAST_ONE_PRIMARY + strong + "availability: {multiRegion: true}\n");
    assertThat(primary(global).ruleId()).isEqualTo("SEL-GLOBAL-001");
    assertThat(fired(global)).doesNotContain("SEL-CLOUD-002", "SEL-WIDE-001");

    SectionVerdict oneRegion =
        assess(PAST_ONE_PRIMARY + strong + "availability: {multiRegion: false}\n");
    assertThat(primary(oneRegion).ruleId()).isEqualTo("SEL-CLOUD-002");
  }

  @Test
  void writesComeBeforeVariableLoadWhichComesBeforeVolume() {
    String aws =
        "scale: {dataVolumeGbIn12Months: 1500}\n"
            + "consistency: {level: STRONG}\n"
            + "platform: {cloud: AWS, managedPreferred: true, vendorLockInConcern: false}\n";

    // 60,000 / 3 = 20,000 writes/s, a peak 20 times the average, 1,500 GB: all three apply.
    SectionVerdict all =
        assess("workload: {peakQps: 60000, averageQps: 3000, readWriteRatio: 2}\n" + aws);
    assertThat(primary(all).ruleId()).isEqualTo("SEL-CLOUD-002");

    // 6,000 / 3 = 2,000 writes/s, a peak 12 times the average, 1,500 GB.
    SectionVerdict spiky =
        assess("workload: {peakQps: 6000, averageQps: 500, readWriteRatio: 2}\n" + aws);
    assertThat(primary(spiky).ruleId()).isEqualTo("SEL-CLOUD-001");

    // The same with a steady load: only the volume is left.
    SectionVerdict steady =
        assess("workload: {peakQps: 6000, averageQps: 3000, readWriteRatio: 2}\n" + aws);
    assertThat(primary(steady).ruleId()).isEqualTo("SEL-CLOUD-003");
  }

  @Test
  void theWriteRateBeatsTheTimeSeriesShapeAndSqlSkillsOnlyPickTheTimeSeriesEngine() {
    String metrics =
        "}\nconsistency: {level: EVENTUAL}\n"
            + "dataShape: {relational: false, timeSeries: true}\n"
            + "platform: {sqlProficiency: LOW}\n";

    SectionVerdict past = assess(PAST_ONE_PRIMARY + metrics);
    assertThat(primary(past).ruleId()).isEqualTo("SEL-WIDE-001");
    assertThat(decision(past, "SEL-TS-001").choice()).doesNotContain("InfluxDB");

    SectionVerdict within = assess(WITHIN_ONE_PRIMARY + metrics);
    assertThat(primary(within).ruleId()).isEqualTo("SEL-TS-001");
    assertThat(primary(within).choice()).isEqualTo("InfluxDB 3");
  }
}
