package dev.dbarch.selection.rules;

import static dev.dbarch.selection.rules.Requests.assess;
import static dev.dbarch.testsupport.VerdictChecks.decision;
import static dev.dbarch.testsupport.VerdictChecks.fired;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.events.Risk;
import dev.dbarch.contracts.events.SectionVerdict;
import org.junit.jupiter.api.Test;

/** Contradictory facts are reported with their rule id and a question, never silently resolved. */
class ConflictsTest {

  @Test
  void everyContradictionInOneDocumentIsReported() {
    SectionVerdict verdict = assess(Situations.CONTRADICTIONS);

    assertThat(verdict.risks())
        .filteredOn(r -> r.ruleId().startsWith("SEL-CONFLICT-"))
        .extracting(Risk::ruleId)
        .containsExactly(
            "SEL-CONFLICT-001",
            "SEL-CONFLICT-002",
            "SEL-CONFLICT-005",
            "SEL-CONFLICT-007",
            "SEL-CONFLICT-007",
            "SEL-CONFLICT-008",
            "SEL-CONFLICT-009");
    assertThat(verdict.risks())
        .allSatisfy(
            r -> {
              assertThat(r.risk()).startsWith("Conflicting facts: ");
              assertThat(r.likelihood()).isEqualTo(Risk.Level.HIGH);
              assertThat(r.mitigation()).isNotBlank();
            });
    assertThat(verdict.questions())
        .contains(
            "Which data needs ACID transactions, and which areas may be eventually consistent?",
            "Which reads need the 5 ms target: dashboards over pre-computed figures, or ad-hoc"
                + " analysis?",
            "What are the peak and the average query rates per second?");
  }

  @Test
  void theTransactionsWinOverADeclaredEventualLevel() {
    SectionVerdict verdict =
        assess(
            """
            workload: {type: OLTP, readWriteRatio: 30, acidTransactions: true}
            consistency: {level: EVENTUAL}
            """);

    assertThat(fired(verdict)).contains("SEL-CONFLICT-001");
    assertThat(decision(verdict, "SEL-SCHEMA-003").choice())
        .startsWith("Copy only columns that rarely change");
  }

  @Test
  void globalGraphsAndFastGlobalWritesAreReported() {
    SectionVerdict verdict = assess(Situations.GLOBAL_GRAPH_CONFLICT);

    assertThat(verdict.risks())
        .extracting(Risk::ruleId)
        .containsExactly("SEL-CONFLICT-003", "SEL-CONFLICT-004", "SEL-CONFLICT-006");
    assertThat(verdict.risks().get(1).risk())
        .contains("within 20 ms at p99; one cross-region round trip alone takes 40-60 ms");
    assertThat(decision(verdict, "SEL-HOST-001").choice()).isEqualTo("Managed: CockroachDB Cloud");
  }

  @Test
  void consistentFactsRaiseNoConflict() {
    assertThat(fired(assess(Requests.ECOMMERCE))).noneMatch(id -> id.startsWith("SEL-CONFLICT-"));
    assertThat(fired(assess(""))).noneMatch(id -> id.startsWith("SEL-CONFLICT-"));
  }
}
