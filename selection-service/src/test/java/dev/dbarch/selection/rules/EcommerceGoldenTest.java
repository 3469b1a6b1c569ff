package dev.dbarch.selection.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.events.AssessmentRequested;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.contracts.events.Trigger;
import dev.dbarch.contracts.requirements.Requirements;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The seed's e-commerce situation (examples/ecommerce.yaml, as a team would submit it) rendered as
 * Markdown and compared byte for byte with a reviewed golden file. Run with {@code
 * -Dgolden.update=true} to rewrite the file after an intended change, then review the diff.
 */
class EcommerceGoldenTest {

  static final Path EXAMPLE = Path.of("..", "examples", "ecommerce.yaml");
  static final Path GOLDEN =
      Path.of("src", "test", "resources", "golden", "selection-ecommerce.md");

  static SectionVerdict ecommerce() throws IOException {
    Requirements requirements = Json.yaml().readValue(EXAMPLE.toFile(), Requirements.class);
    return SelectionRules.assess(
        new AssessmentRequested(
            "golden-ecommerce",
            requirements.systemId(),
            Trigger.SUBMITTED,
            Instant.parse("2026-01-01T00:00:00Z"),
            requirements));
  }

  @Test
  void theEcommerceSectionMatchesTheReviewedGoldenFile() throws IOException {
    String actual = VerdictMarkdown.render(ecommerce());

    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(GOLDEN.getParent());
      Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
    }
    assertThat(GOLDEN).as("golden file; run with -Dgolden.update=true to create it").exists();
    assertThat(actual).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
  }

  /** The brief's own words only: every clarifying question still open. */
  @Test
  void theBriefAsStatedMatchesItsGoldenFile() throws IOException {
    String actual = VerdictMarkdown.render(Requests.assess(Situations.ECOMMERCE_BRIEF));
    Path golden = GOLDEN.resolveSibling("selection-ecommerce-brief.md");

    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
    }
    assertThat(golden).as("golden file; run with -Dgolden.update=true to create it").exists();
    assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }

  @Test
  void theEcommerceSectionIsByteIdenticalAcrossRuns() throws IOException {
    assertThat(Json.toJson(ecommerce())).isEqualTo(Json.toJson(ecommerce()));
  }
}
