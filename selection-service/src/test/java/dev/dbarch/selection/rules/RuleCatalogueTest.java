package dev.dbarch.selection.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Keeps docs/rules/selection.md honest: it lists exactly the rules the code can emit. */
class RuleCatalogueTest {

  @Test
  void theSourcesEmitRules() {
    assertThat(RuleIds.inSource()).hasSizeGreaterThan(40).contains("SEL-REL-001", "SEL-ALT-001");
  }

  @Test
  void everyRuleInTheCodeIsInTheCatalogue() {
    Set<String> documented = RuleIds.inCatalogue();
    assertThat(RuleIds.inSource()).allSatisfy(id -> assertThat(documented).as(id).contains(id));
  }

  @Test
  void everyRuleInTheCatalogueIsInTheCode() {
    Set<String> emitted = RuleIds.inSource();
    assertThat(RuleIds.inCatalogue()).allSatisfy(id -> assertThat(emitted).as(id).contains(id));
  }

  @Test
  void everyRuleHasItsOwnRowInACatalogueTable() throws IOException {
    String catalogue = Files.readString(RuleIds.CATALOGUE);
    for (String id : RuleIds.inSource()) {
      assertThat(catalogue).as(id + " row").contains("| " + id + " |");
    }
  }
}
