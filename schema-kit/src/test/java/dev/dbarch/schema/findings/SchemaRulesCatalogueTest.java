package dev.dbarch.schema.findings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/rules/schema.md and the registry, held against each other both ways. */
class SchemaRulesCatalogueTest {

  private static final Pattern ROW =
      Pattern.compile("(?m)^\\| (SCH-[A-Z]+-\\d{3}) \\| ([^|]+) \\|");

  @Test
  void everyRegisteredRuleIsARowOfTheCatalogueWithItsTitleAndEveryRowIsARule() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "rules", "schema.md"));
    Map<String, String> rows = new LinkedHashMap<>();
    Matcher m = ROW.matcher(doc);
    while (m.find()) {
      assertThat(rows.put(m.group(1), m.group(2).strip())).as("row " + m.group(1)).isNull();
    }
    Map<String, String> registered = new LinkedHashMap<>();
    SchemaRules.ALL.forEach(r -> registered.put(r.id(), r.title()));
    assertThat(rows).isEqualTo(registered);
  }

  @Test
  void ruleIdsAreUniqueAndEveryRuleExplainsItself() {
    assertThat(SchemaRules.ALL.stream().map(SchemaRule::id)).doesNotHaveDuplicates();
    for (SchemaRule rule : SchemaRules.ALL) {
      assertThat(rule.id()).matches("SCH-[A-Z]+-\\d{3}");
      assertThat(rule.title()).as(rule.id()).isNotBlank();
      assertThat(rule.rationale()).as(rule.id()).endsWith(".");
    }
  }
}
