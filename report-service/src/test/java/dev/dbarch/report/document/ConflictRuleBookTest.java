package dev.dbarch.report.document;

import static dev.dbarch.report.document.ConflictRulesTest.decision;
import static dev.dbarch.report.document.ConflictRulesTest.req;
import static dev.dbarch.report.document.ConflictRulesTest.verdicts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.events.Design;
import dev.dbarch.contracts.events.Heading;
import dev.dbarch.contracts.events.Risk;
import dev.dbarch.contracts.events.Section;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.contracts.requirements.Requirements;
import dev.dbarch.testsupport.RuleBookChecks;
import dev.dbarch.testsupport.RuleBookChecks.FiringCase;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The report's conflict rules as a registered set: the book against {@code docs/rules/report.md}
 * both ways, and every rule firing on one prepared document and silent on its near miss (the same
 * document just on the other side of the rule's condition).
 */
class ConflictRuleBookTest {

  static final Path CATALOGUE = Path.of("..", "docs", "rules", "report.md");

  /** One document the rules judge: the requirements and the sections' verdicts. */
  private record Input(Requirements req, Map<Section, SectionVerdict> verdicts) {}

  /** The prepared documents, by the name a firing case uses as its input. */
  private static final Map<String, Supplier<Input>> INPUTS = new LinkedHashMap<>();

  private static void input(String name, String yaml, Supplier<Map<Section, SectionVerdict>> v) {
    INPUTS.put(name, () -> new Input(req(yaml), v.get()));
  }

  private static Map<Section, SectionVerdict> plain() {
    return verdicts(Section.SELECTION);
  }

  private static Map<Section, SectionVerdict> cassandra() {
    return verdicts(
        Section.SELECTION,
        decision(
            Heading.RECOMMENDED_TECHNOLOGY,
            "Primary database",
            Design.engine(Design.Engine.CASSANDRA, "5.0")));
  }

  private static Map<Section, SectionVerdict> security(Design design) {
    return verdicts(
        Section.SECURITY,
        design == null
            ? decision(Heading.SECURITY_AND_COMPLIANCE, "Access", "Least privilege roles")
            : decision(Heading.SECURITY_AND_COMPLIANCE, "Encryption at rest", design));
  }

  private static Map<Section, SectionVerdict> migration(Design design) {
    return verdicts(
        Section.MIGRATION,
        design == null
            ? decision(Heading.MIGRATION_AND_EVOLUTION, "Data migration", "Dump and restore")
            : decision(Heading.MIGRATION_AND_EVOLUTION, "Data migration", design));
  }

  private static Map<Section, SectionVerdict> performance(Design design) {
    return verdicts(
        Section.PERFORMANCE,
        design == null
            ? decision(Heading.PERFORMANCE_OPTIMIZATION, "Pool", "A pool of 9")
            : decision(Heading.PERFORMANCE_OPTIMIZATION, "Pooler", design));
  }

  static {
    input(
        "rpo 0 across regions, p99 write 5 ms",
        "availability: {multiRegion: true, rpoSeconds: 0}\nlatency: {p99WriteMs: 5}",
        ConflictRuleBookTest::plain);
    input(
        "rpo 1 s across regions, p99 write 5 ms",
        "availability: {multiRegion: true, rpoSeconds: 1}\nlatency: {p99WriteMs: 5}",
        ConflictRuleBookTest::plain);
    input(
        "serverless runtime, application pool only",
        "platform: {deployment: SERVERLESS}",
        () -> performance(null));
    input(
        "serverless runtime, PgBouncer",
        "platform: {deployment: SERVERLESS}",
        () -> performance(Design.pooler(Design.Pooler.PGBOUNCER)));
    input(
        "Cassandra for 50 GB and 500 QPS",
        "scale: {dataVolumeGb: 50}\nworkload: {peakQps: 500}",
        ConflictRuleBookTest::cassandra);
    input(
        "Cassandra for 5000 GB and 500 QPS",
        "scale: {dataVolumeGb: 5000}\nworkload: {peakQps: 500}",
        ConflictRuleBookTest::cassandra);
    input(
        "PCI-DSS, no encryption planned", "compliance: {regimes: [PCI-DSS]}", () -> security(null));
    input(
        "PCI-DSS, encryption at rest planned",
        "compliance: {regimes: [PCI-DSS]}",
        () -> security(Design.encryptionAtRest(true)));
    input(
        "500 GB in 240 minutes offline",
        "currentState: {sizeGb: 500, downtimeToleranceMinutes: 240}",
        () -> migration(null));
    input(
        "500 GB in 240 minutes with CDC",
        "currentState: {sizeGb: 500, downtimeToleranceMinutes: 240}",
        () -> migration(Design.migration(Design.MigrationMode.CDC)));
  }

  private static final Map<String, FiringCase> CASES =
      Map.of(
          "RPT-CONF-001",
          FiringCase.of(
              "rpo 0 across regions, p99 write 5 ms", "rpo 1 s across regions, p99 write 5 ms"),
          "RPT-CONF-002",
          FiringCase.of(
              "serverless runtime, application pool only", "serverless runtime, PgBouncer"),
          "RPT-CONF-003",
          FiringCase.of("Cassandra for 50 GB and 500 QPS", "Cassandra for 5000 GB and 500 QPS"),
          "RPT-CONF-004",
          FiringCase.of("PCI-DSS, no encryption planned", "PCI-DSS, encryption at rest planned"),
          "RPT-CONF-005",
          FiringCase.of("500 GB in 240 minutes offline", "500 GB in 240 minutes with CDC"));

  private static Collection<String> fired(String name) {
    Supplier<Input> input = INPUTS.get(name);
    assertThat(input).as("prepared input '%s'", name).isNotNull();
    Input doc = input.get();
    return ConflictRules.check(doc.req(), doc.verdicts()).stream().map(Risk::ruleId).toList();
  }

  @Test
  void theCatalogueListsExactlyTheRegisteredRules() {
    RuleBookChecks.assertCatalogueMatches(
        ConflictRules.BOOK, CATALOGUE, Pattern.compile("RPT-[A-Z]+-\\d{3}"));
  }

  @TestFactory
  Stream<DynamicTest> everyConflictRuleFiresAndMissesNarrowly() {
    return RuleBookChecks.everyRuleFiresAndMissesNarrowly(
        ConflictRules.BOOK, CASES, ConflictRuleBookTest::fired);
  }

  @Test
  void eachRuleReportsUnderItsOwnRegisteredId() {
    for (String name : INPUTS.keySet()) {
      Input doc = INPUTS.get(name).get();
      for (ConflictRules.ConflictRule rule : ConflictRules.ALL) {
        rule.evaluate(doc.req(), doc.verdicts())
            .ifPresent(r -> assertThat(r.ruleId()).as(name).isEqualTo(rule.id()));
      }
    }
    assertThat(ConflictRules.ALL.stream().map(ConflictRules.ConflictRule::id).toList())
        .containsExactlyElementsOf(List.copyOf(ConflictRules.BOOK.ids()));
  }
}
