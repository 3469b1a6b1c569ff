package dev.dbarch.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.lint.rules.MigrationRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Keeps docs/rules/migration.md honest: every rule is catalogued, and nothing else is. */
class RuleCatalogueDocTest {

  @Test
  void theCatalogueListsExactlyTheRegisteredRules() throws IOException {
    String doc = Files.readString(Path.of("..", "docs", "rules", "migration.md"));
    Set<String> registered = new Linter().registry().ids();
    for (MigrationRule rule : new Linter().registry().rules()) {
      assertThat(doc)
          .as("the catalogue row of %s", rule.id())
          .contains("| " + rule.id() + " | " + rule.title() + " |");
    }
    Set<String> mentioned = new HashSet<>();
    Matcher m = Pattern.compile("MIG-DDL-[A-Z]+-\\d{3}").matcher(doc);
    while (m.find()) {
      mentioned.add(m.group());
    }
    assertThat(registered).containsAll(mentioned);
  }

  @Test
  void everySquawkRuleAndStrongMigrationsCheckIsMapped() throws IOException {
    String doc = Files.readString(Path.of("..", "docs", "rules", "migration.md"));
    long squawk = doc.lines().filter(l -> l.matches("\\| `[a-z-]+` \\| .*")).count();
    // Squawk's 39 rules and require-timeout-settings, its alias for two of them.
    assertThat(squawk).as("Squawk rows").isEqualTo(40);
    int start = doc.indexOf("| strong_migrations check |");
    long strong =
        doc.substring(start)
            .lines()
            .filter(l -> l.startsWith("| ") && !l.startsWith("| strong") && !l.startsWith("|---"))
            .count();
    assertThat(strong).as("strong_migrations rows").isEqualTo(25);
  }
}
