package dev.dbarch.workload.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dbarch.workload.WorkloadThresholds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every registered diagnosis has a unique id, a title and catalogue text, and docs/rules/
 * performance.md lists it with exactly that text; every threshold the catalogue names exists.
 */
class DiagnosesCatalogueTest {

  static final Path CATALOGUE = Path.of("..", "docs", "rules", "performance.md");

  /** The catalogue table's row of a diagnosis, as the docs must show it. */
  static String row(Diagnosis d) {
    return "| " + d.id() + " | " + d.title() + " | " + d.catalogue() + " |";
  }

  @Test
  void everyDiagnosisIsInTheCatalogueWithItsText() throws Exception {
    assumeTrue(Files.exists(CATALOGUE), "docs/rules/performance.md is not in this checkout");
    String docs = Files.readString(CATALOGUE);
    Set<String> ids = new HashSet<>();
    for (Diagnosis d : Diagnoses.ALL) {
      assertThat(ids.add(d.id())).as("unique id %s", d.id()).isTrue();
      assertThat(d.id()).matches("PERF-DIAG-0\\d\\d");
      assertThat(d.title()).isNotBlank();
      assertThat(docs).as("catalogue row of %s", d.id()).contains(row(d));
    }
  }

  @Test
  void theThresholdsTheCatalogueNamesExist() {
    Set<String> names = WorkloadThresholds.DEFAULTS.asMap().keySet();
    for (Diagnosis d : Diagnoses.ALL) {
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("`([a-z]+(-[a-z]+)+)`").matcher(d.catalogue());
      while (m.find()) {
        assertThat(names).as("threshold named in %s", d.id()).contains(m.group(1));
      }
    }
  }
}
