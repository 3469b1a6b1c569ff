package dev.dbarch.report.document;

import static dev.dbarch.report.TestVerdicts.verdict;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.events.Decision;
import dev.dbarch.contracts.events.Design;
import dev.dbarch.contracts.events.Heading;
import dev.dbarch.contracts.events.Risk;
import dev.dbarch.contracts.events.Section;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.contracts.profile.Thresholds;
import dev.dbarch.contracts.requirements.Requirements;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each cross-section conflict fires on its case and stays quiet on the near miss. */
class ConflictRulesTest {

  static Requirements req(String yaml) {
    try {
      return Json.yaml().readValue("systemId: s\nname: S\n" + yaml, Requirements.class);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Generic verdicts for every section, with the given decisions replacing one section's. */
  static Map<Section, SectionVerdict> verdicts(Section section, Decision... decisions) {
    Map<Section, SectionVerdict> all = new EnumMap<>(Section.class);
    for (Section s : Section.values()) {
      all.put(s, verdict("s", "a", s));
    }
    SectionVerdict base = all.get(section);
    all.put(
        section,
        new SectionVerdict(
            base.assessmentId(),
            base.systemId(),
            base.systemName(),
            base.trigger(),
            section,
            List.of(decisions),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of()));
    return all;
  }

  /** A decision whose prose says nothing the rules could match: only its typed values count. */
  static Decision decision(Heading heading, String topic, Design design) {
    return new Decision("X-1", heading, topic, "reworded at will", Map.of(), null, null, design);
  }

  static Decision decision(Heading heading, String topic, String choice) {
    return new Decision("X-1", heading, topic, choice, Map.of(), null, null);
  }

  private static List<String> ids(Requirements req, Map<Section, SectionVerdict> verdicts) {
    return ConflictRules.check(req, verdicts).stream().map(Risk::ruleId).toList();
  }

  @Test
  void zeroLossAcrossRegionsAgainstAFastWriteTarget() {
    var v = verdicts(Section.SELECTION);
    assertThat(
            ids(
                req("availability: {multiRegion: true, rpoSeconds: 0}\nlatency: {p99WriteMs: 5}"),
                v))
        .contains("RPT-CONF-001");
    assertThat(
            ids(
                req("availability: {multiRegion: true, rpoSeconds: 0}\nlatency: {p99WriteMs: 60}"),
                v))
        .doesNotContain("RPT-CONF-001");
    assertThat(
            ids(
                req("availability: {multiRegion: true, rpoSeconds: 1}\nlatency: {p99WriteMs: 5}"),
                v))
        .doesNotContain("RPT-CONF-001");
    assertThat(
            ids(
                req("availability: {multiRegion: false, rpoSeconds: 0}\nlatency: {p99WriteMs: 5}"),
                v))
        .doesNotContain("RPT-CONF-001");
  }

  @Test
  void serverlessWithoutAPooler() {
    Requirements serverless = req("platform: {deployment: SERVERLESS}");
    assertThat(
            ids(
                serverless,
                verdicts(
                    Section.PERFORMANCE,
                    decision(Heading.PERFORMANCE_OPTIMIZATION, "Pool", "A pool of 9"))))
        .contains("RPT-CONF-002");
    assertThat(
            ids(
                serverless,
                verdicts(
                    Section.PERFORMANCE,
                    decision(
                        Heading.PERFORMANCE_OPTIMIZATION,
                        "Pooler",
                        Design.pooler(Design.Pooler.PGBOUNCER)))))
        .doesNotContain("RPT-CONF-002");
    assertThat(
            ids(
                serverless,
                verdicts(
                    Section.PERFORMANCE,
                    decision(
                        Heading.PERFORMANCE_OPTIMIZATION,
                        "Pool",
                        Design.pooler(Design.Pooler.APPLICATION)))))
        .as("an application pool is no shared pooler")
        .contains("RPT-CONF-002");
    var neon =
        verdicts(
            Section.SELECTION,
            decision(
                Heading.RECOMMENDED_TECHNOLOGY,
                "Primary database",
                Design.engine(Design.Engine.POSTGRESQL, "17")
                    .withHosting(Design.Hosting.SERVERLESS, Design.Cloud.ANY)));
    neon.put(Section.PERFORMANCE, verdicts(Section.PERFORMANCE).get(Section.PERFORMANCE));
    assertThat(ids(req("platform: {deployment: VMS}"), neon)).contains("RPT-CONF-002");
    assertThat(ids(req("platform: {deployment: VMS}"), verdicts(Section.SELECTION)))
        .doesNotContain("RPT-CONF-002");
  }

  @Test
  void aDistributedStoreBelowOneServersLimits() {
    var cassandra =
        verdicts(
            Section.SELECTION,
            decision(
                Heading.RECOMMENDED_TECHNOLOGY,
                "Primary database",
                Design.engine(Design.Engine.CASSANDRA, "5.0")));
    assertThat(ids(req("scale: {dataVolumeGb: 50}\nworkload: {peakQps: 500}"), cassandra))
        .contains("RPT-CONF-003");
    assertThat(ids(req("scale: {dataVolumeGb: 5000}\nworkload: {peakQps: 500}"), cassandra))
        .doesNotContain("RPT-CONF-003");
    assertThat(
            ids(
                req(
                    "scale: {dataVolumeGb: 50}\nworkload: {peakQps: 500}\navailability: {multiRegion: true}"),
                cassandra))
        .doesNotContain("RPT-CONF-003");
    var postgres =
        verdicts(
            Section.SELECTION,
            decision(
                Heading.RECOMMENDED_TECHNOLOGY,
                "Primary database",
                Design.engine(Design.Engine.POSTGRESQL, "17")));
    assertThat(ids(req("scale: {dataVolumeGb: 50}\nworkload: {peakQps: 500}"), postgres))
        .doesNotContain("RPT-CONF-003");
    var shardingPlanned =
        verdicts(
            Section.PERFORMANCE,
            decision(
                Heading.PERFORMANCE_OPTIMIZATION,
                "Sharding",
                Design.partitioning(Design.Partitioning.SHARDING_PLANNED)));
    assertThat(
            ConflictRules.check(
                req("scale: {dataVolumeGb: 50}\nworkload: {peakQps: 500}"), shardingPlanned))
        .anySatisfy(r -> assertThat(r.risk()).startsWith("Sharding is planned"));
  }

  /**
   * The report judges "fits one server" by the same shared thresholds the performance and selection
   * sections use: the conflict holds just below them and not at them.
   */
  @Test
  void distributedBelowThresholdsTurnsAtTheSharedSingleServerLimits() {
    var cassandra =
        verdicts(
            Section.SELECTION,
            decision(
                Heading.RECOMMENDED_TECHNOLOGY,
                "Primary database",
                Design.engine(Design.Engine.CASSANDRA, "5.0")));
    long gb = (long) Thresholds.DEFAULTS.singleServerDataGb();
    long qps = (long) Thresholds.DEFAULTS.singleServerQps();
    assertThat(
            ids(
                req("scale: {dataVolumeGb: " + (gb - 1) + "}\nworkload: {peakQps: 500}"),
                cassandra))
        .contains("RPT-CONF-003");
    assertThat(ids(req("scale: {dataVolumeGb: " + gb + "}\nworkload: {peakQps: 500}"), cassandra))
        .doesNotContain("RPT-CONF-003");
    assertThat(
            ids(
                req("scale: {dataVolumeGb: 50}\nworkload: {peakQps: " + (qps - 1) + "}"),
                cassandra))
        .contains("RPT-CONF-003");
    assertThat(ids(req("scale: {dataVolumeGb: 50}\nworkload: {peakQps: " + qps + "}"), cassandra))
        .doesNotContain("RPT-CONF-003");
    assertThat(
            ConflictRules.check(
                req("scale: {dataVolumeGb: 50}\nworkload: {peakQps: 500}"), cassandra))
        .anySatisfy(
            r -> assertThat(r.risk()).contains("(limits ~" + gb + " GB, ~" + qps + " QPS)"));
  }

  @Test
  void encryptionRequiredButNotPlanned() {
    var none =
        verdicts(
            Section.SECURITY,
            decision(Heading.SECURITY_AND_COMPLIANCE, "Access", "Least privilege roles"));
    assertThat(ConflictRules.check(req("compliance: {regimes: [HIPAA, PCI-DSS]}"), none))
        .anySatisfy(r -> assertThat(r.risk()).contains("HIPAA, PCI-DSS"));
    assertThat(ids(req("compliance: {regimes: [GDPR]}"), none)).doesNotContain("RPT-CONF-004");
    var planned =
        verdicts(
            Section.SECURITY,
            decision(
                Heading.SECURITY_AND_COMPLIANCE,
                "Encryption at rest",
                Design.encryptionAtRest(true)));
    assertThat(ids(req("compliance: {regimes: [HIPAA]}"), planned)).doesNotContain("RPT-CONF-004");
  }

  @Test
  void aDowntimeWindowShorterThanTheCopy() {
    var offline =
        verdicts(
            Section.MIGRATION,
            decision(Heading.MIGRATION_AND_EVOLUTION, "Data migration", "Dump and restore"));
    // 500 GB at 100 GB/h is 300 minutes.
    assertThat(ids(req("currentState: {sizeGb: 500, downtimeToleranceMinutes: 240}"), offline))
        .contains("RPT-CONF-005");
    assertThat(ids(req("currentState: {sizeGb: 500, downtimeToleranceMinutes: 300}"), offline))
        .doesNotContain("RPT-CONF-005");
    var cdc =
        verdicts(
            Section.MIGRATION,
            decision(
                Heading.MIGRATION_AND_EVOLUTION,
                "Data migration",
                Design.migration(Design.MigrationMode.CDC)));
    assertThat(ids(req("currentState: {sizeGb: 500, downtimeToleranceMinutes: 240}"), cdc))
        .doesNotContain("RPT-CONF-005");
  }

  @Test
  void proseIsNeverRead() {
    // The old rules matched these words; typed values are what counts now.
    var proseOnly =
        verdicts(
            Section.SECURITY,
            decision(
                Heading.SECURITY_AND_COMPLIANCE,
                "Encryption at rest",
                "Storage encryption at rest with KMS"));
    assertThat(ids(req("compliance: {regimes: [PCI-DSS]}"), proseOnly)).contains("RPT-CONF-004");
    var migrationProse =
        verdicts(
            Section.MIGRATION,
            decision(Heading.MIGRATION_AND_EVOLUTION, "Data migration", "CDC with Debezium"));
    assertThat(
            ids(req("currentState: {sizeGb: 500, downtimeToleranceMinutes: 240}"), migrationProse))
        .contains("RPT-CONF-005");
  }

  @Test
  void noRequirementsNoConflicts() {
    assertThat(ConflictRules.check(null, verdicts(Section.SELECTION))).isEmpty();
  }
}
