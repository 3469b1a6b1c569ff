package dev.dbarch.selection.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.rules.Rule;
import dev.dbarch.schema.findings.SchemaRules;
import dev.dbarch.testsupport.RuleBookChecks;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/rules/selection.md honest: its rows of SEL-* ids are exactly the selection rule book's
 * own rules, each with the book's text. The schema findings the book also registers are catalogued
 * in docs/rules/schema.md and checked by schema-kit.
 */
class RuleCatalogueTest {

  static final Path CATALOGUE = Path.of("..", "docs", "rules", "selection.md");

  @Test
  void theCatalogueListsExactlyTheSelectionRulesWithTheirText() {
    RuleBookChecks.assertCatalogueMatches(
        SelectionRuleBook.SELECTION, CATALOGUE, Pattern.compile("SEL-[A-Z]+-\\d{3}"));
  }

  @Test
  void theBookIsTheSelectionRulesAndTheSchemaFindingsThisSectionReports() {
    assertThat(SelectionRuleBook.SELECTION.rules()).hasSizeGreaterThan(40);
    assertThat(SelectionRuleBook.BOOK.rules())
        .containsAll(SelectionRuleBook.SELECTION.rules())
        .filteredOn(r -> !r.id().startsWith("SEL-"))
        .extracting(Rule::id, Rule::decides)
        .containsExactlyElementsOf(
            SchemaRules.ALL.stream()
                .filter(r -> SelectionRuleBook.SCHEMA_FINDINGS.test(r.id()))
                .map(r -> org.assertj.core.groups.Tuple.tuple(r.id(), r.title()))
                .toList());
    assertThat(SelectionRuleBook.BOOK.contains("SCH-PII-001"))
        .as("regulated data is the security section's")
        .isFalse();
  }
}
