package dev.dbarch.report.document;

import static dev.dbarch.report.TestVerdicts.verdict;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.events.Assumption;
import dev.dbarch.contracts.events.Heading;
import dev.dbarch.contracts.events.Recommendation;
import dev.dbarch.contracts.events.Section;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.contracts.events.Trigger;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The rendered document against golden files a reviewer can read. Regenerate them after an intended
 * change with {@code -Dgolden.update=true} and review the diff.
 */
class MarkdownRendererTest {

  private static final Path GOLDEN = Path.of("src/test/resources/golden");

  private static Recommendation assemble(Section... sections) {
    Map<Section, SectionVerdict> verdicts = new EnumMap<>(Section.class);
    for (Section s : sections) {
      verdicts.put(s, verdict("shop", "a-1", s));
    }
    return ReportAssembler.assemble(
        dev.dbarch.contracts.SystemKey.of("default", "shop"),
        "Shop platform",
        "a-1",
        3,
        Trigger.SUBMITTED,
        verdicts,
        null,
        null,
        ReportAssembler.Previous.NONE);
  }

  @Test
  void completeDocumentMatchesGolden() throws IOException {
    Recommendation rec = assemble(Section.values());
    assertThat(rec.complete()).isTrue();
    assertGolden("recommendation-complete.md", rec.markdown());
  }

  @Test
  void incompleteDocumentSaysWhichSectionsHaveNotSpoken() throws IOException {
    Recommendation rec = assemble(Section.SELECTION, Section.SECURITY);
    assertThat(rec.complete()).isFalse();
    assertThat(rec.missingSections())
        .containsExactly(Section.PERFORMANCE, Section.RESILIENCE, Section.MIGRATION);
    assertThat(rec.markdown())
        .contains(
            "> **Incomplete:** no verdict yet from performance-service, resilience-service, migration-service.")
        .contains("_Not assessed yet: resilience-service has not reported for this assessment._");
    assertGolden("recommendation-incomplete.md", rec.markdown());
  }

  @Test
  void everyHeadingOfTheOutputFormatIsPresentInOrder() {
    String md = assemble(Section.PERFORMANCE).markdown();
    int last = -1;
    for (Heading heading : Heading.values()) {
      int at = md.indexOf("\n### " + heading.title() + "\n");
      assertThat(at).as(heading.title()).isGreaterThan(last);
      last = at;
    }
  }

  @Test
  void theSummaryOpensTheDocumentWithTypedKeyDecisionsAndTheTopRisks() {
    String md = assemble(Section.values()).markdown();

    int summary = md.indexOf("**Summary**");
    assertThat(summary).isPositive().isLessThan(md.indexOf("### Requirements Summary"));
    String head = md.substring(summary, md.indexOf("### Requirements Summary"));
    assertThat(head)
        .contains("`engine=POSTGRESQL, engineVersion=17, hosting=MANAGED, cloud=AWS` | SELECTION")
        .contains("`replication=SYNC_STANDBY` | RESILIENCE");
    assertThat(head.lines().filter(l -> l.startsWith("- ")).count())
        .isEqualTo(MarkdownRenderer.TOP_RISKS);
  }

  @Test
  void anAssumptionTwoSectionsShareIsListedOnce() {
    String md = assemble(Section.values()).markdown();
    assertThat(md.split("\\| a missing fact \\|", -1)).hasSize(2);
  }

  @Test
  void oneTypedFactAssumedInOtherWordsIsListedAndAskedOnce() {
    Map<Section, SectionVerdict> verdicts = new EnumMap<>(Section.class);
    verdicts.put(
        Section.SELECTION,
        withAssumption(
            verdict("shop", "a-1", Section.SELECTION),
            new Assumption(
                "SEL-HOST-001",
                "cloud provider",
                "not decided: a cloud-neutral engine",
                "Which cloud will run it?",
                Assumption.About.CLOUD)));
    verdicts.put(
        Section.SECURITY,
        withAssumption(
            verdict("shop", "a-1", Section.SECURITY),
            new Assumption(
                "SEC-ENC-002",
                "hosting provider",
                "not decided",
                "Which cloud or on-premises environment will host the database?",
                Assumption.About.CLOUD)));

    String md =
        ReportAssembler.assemble(
                dev.dbarch.contracts.SystemKey.of("default", "shop"),
                "Shop",
                "a-1",
                1,
                Trigger.SUBMITTED,
                verdicts,
                null,
                null,
                ReportAssembler.Previous.NONE)
            .markdown();

    assertThat(md)
        .contains("| cloud provider | not decided: a cloud-neutral engine | `SEL-HOST-001` |");
    assertThat(md).doesNotContain("hosting provider", "on-premises environment");
    assertThat(md).contains("- Which cloud will run it?");
  }

  private static SectionVerdict withAssumption(SectionVerdict v, Assumption assumption) {
    return new SectionVerdict(
        v.tenant(),
        v.assessmentId(),
        v.systemId(),
        v.systemName(),
        v.trigger(),
        v.section(),
        v.decisions(),
        v.indexes(),
        v.risks(),
        v.alternatives(),
        java.util.List.of(assumption),
        java.util.List.of(assumption.question()));
  }

  @Test
  void aChangedDecisionNamesTheTypedValuesThatChanged() {
    Recommendation rec = assemble(Section.values());
    Recommendation revised =
        new Recommendation(
            rec.tenant(),
            rec.systemId(),
            rec.systemName(),
            rec.assessmentId(),
            4,
            Trigger.SUBMITTED,
            true,
            java.util.List.of(),
            rec.sections(),
            rec.risks(),
            3L,
            java.util.List.of(
                new dev.dbarch.contracts.events.Change(
                    dev.dbarch.contracts.events.Change.Kind.DECISION_CHANGED,
                    Section.SELECTION,
                    "SEL-REL-001",
                    "Primary database",
                    "PostgreSQL 16",
                    "PostgreSQL 17",
                    null,
                    dev.dbarch.contracts.events.Design.engine(
                        dev.dbarch.contracts.events.Design.Engine.POSTGRESQL, "16"),
                    dev.dbarch.contracts.events.Design.engine(
                        dev.dbarch.contracts.events.Design.Engine.POSTGRESQL, "17"))),
            null,
            null,
            null);
    assertThat(MarkdownRenderer.render(revised))
        .contains(
            "**Decision changed** (Primary database): PostgreSQL 16 → PostgreSQL 17"
                + " (engineVersion: 16 → 17) `SEL-REL-001`");
  }

  @Test
  void tableCellsCannotBreakTheTable() {
    var verdicts = new EnumMap<Section, SectionVerdict>(Section.class);
    SectionVerdict base = verdict("shop", "a-1", Section.SELECTION);
    verdicts.put(
        Section.SELECTION,
        base.withRisks(
            java.util.List.of(
                new dev.dbarch.contracts.events.Risk(
                    "R-1", "pipe | and\nnewline", null, null, null))));
    String md =
        ReportAssembler.assemble(
                dev.dbarch.contracts.SystemKey.of("default", "shop"),
                "Shop",
                "a-1",
                1,
                Trigger.SUBMITTED,
                verdicts,
                null,
                null,
                ReportAssembler.Previous.NONE)
            .markdown();
    assertThat(md).contains("| pipe \\| and newline | - | - | - | `R-1` |");
  }

  @Test
  void eachKindOfWorkloadChangeIsWordedFromItsValues() {
    assertThat(
            MarkdownRenderer.describe(
                new dev.dbarch.contracts.workload.WorkloadChange(
                    dev.dbarch.contracts.workload.WorkloadChange.Kind.CACHE_HIT_BELOW_TARGET,
                    "shop",
                    0.995,
                    0.552,
                    0.99)))
        .isEqualTo(
            "**Buffer cache hit ratio below target** in `shop`: 55.2%, 99.5% before (target"
                + " 99.0%)");
    assertThat(
            MarkdownRenderer.describe(
                new dev.dbarch.contracts.workload.WorkloadChange(
                    dev.dbarch.contracts.workload.WorkloadChange.Kind.FIRST_READ,
                    "shop",
                    null,
                    null,
                    null)))
        .isEqualTo("**First workload statistics** of `shop`");
    assertThat(
            MarkdownRenderer.describe(
                new dev.dbarch.contracts.workload.WorkloadChange(
                    dev.dbarch.contracts.workload.WorkloadChange.Kind.NEW_TOP_STATEMENT,
                    "SELECT `x` FROM t",
                    0.0,
                    0.5,
                    0.1)))
        .startsWith("**New top statement** `SELECT 'x' FROM t`: 50.0%");
  }

  private static void assertGolden(String name, String actual) throws IOException {
    Path file = GOLDEN.resolve(name);
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(file, actual, StandardCharsets.UTF_8);
    }
    assertThat(file).as("golden file %s (create it with -Dgolden.update=true)", file).exists();
    assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
  }
}
