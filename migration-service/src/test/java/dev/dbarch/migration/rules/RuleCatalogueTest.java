package dev.dbarch.migration.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.rules.Rule;
import dev.dbarch.lint.rules.MigrationRule;
import dev.dbarch.lint.rules.RuleRegistry;
import dev.dbarch.testsupport.RuleBookChecks;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/rules/migration.md honest about this section's own rules: the rows of the Migration
 * &amp; Evolution and Implementation Phases tables are exactly the book's MIG rules, each with the
 * book's text. The linter's MIG-DDL-* rows are ddl-lint's to check (RuleCatalogueDocTest); here
 * only that the book registers every one of them under the linter's title.
 */
class RuleCatalogueTest {

  static final Path CATALOGUE = Path.of("..", "docs", "rules", "migration.md");

  /** The section's own ids: MIG-AREA-000, leaving out the linter's MIG-DDL-AREA-000. */
  static final Pattern SECTION_IDS = Pattern.compile("MIG-(?!DDL-)[A-Z]+-\\d{3}");

  @Test
  void theCatalogueListsExactlyTheSectionRulesWithTheirText() {
    RuleBookChecks.assertCatalogueMatches(MigrationRuleBook.SECTION, CATALOGUE, SECTION_IDS);
  }

  @Test
  void theBookIsTheSectionRulesAndEveryLinterRule() {
    assertThat(MigrationRuleBook.SECTION.rules()).hasSize(12);
    assertThat(MigrationRuleBook.BOOK.rules())
        .containsAll(MigrationRuleBook.SECTION.rules())
        .filteredOn(r -> !SECTION_IDS.matcher(r.id()).matches())
        .extracting(Rule::id, Rule::decides)
        .containsExactlyElementsOf(
            RuleRegistry.standard().rules().stream()
                .map(r -> Tuple.tuple(r.id(), r.title()))
                .toList());
    assertThat(RuleRegistry.standard().rules())
        .extracting(MigrationRule::id)
        .allMatch(id -> id.startsWith("MIG-DDL-"));
  }
}
