package dev.dbarch.report.aggregation;

import static dev.dbarch.report.TestVerdicts.json;
import static dev.dbarch.report.TestVerdicts.requestJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.events.Section;
import dev.dbarch.contracts.kafka.EventHeaders;
import dev.dbarch.contracts.kafka.Topics;
import dev.dbarch.report.TestVerdicts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The aggregation topology, driven record by record with a controlled clock. */
class ReportTopologyTest {

  private static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");
  private static final ReportTopology.Settings SETTINGS =
      new ReportTopology.Settings(
          Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofMinutes(10));

  @TempDir Path stateDir;

  private TopologyTestDriver driver;
  private TestInputTopic<String, String> requests;
  private TestInputTopic<String, String> verdicts;
  private TestOutputTopic<String, String> recommendations;
  private TestOutputTopic<String, String> history;
  private TestOutputTopic<String, String> verdictDeadLetters;
  private TestOutputTopic<String, String> requestDeadLetters;

  @BeforeEach
  void start() {
    driver = newDriver();
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  private TopologyTestDriver newDriver() {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "report-service-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    TopologyTestDriver d =
        new TopologyTestDriver(ReportTopology.build(SETTINGS, AggregationListener.NONE), props, T0);
    requests =
        d.createInputTopic(
            Topics.ASSESSMENT_REQUESTS,
            new StringSerializer(),
            new StringSerializer(),
            T0,
            Duration.ZERO);
    verdicts =
        d.createInputTopic(
            Topics.SECTION_VERDICTS,
            new StringSerializer(),
            new StringSerializer(),
            T0,
            Duration.ZERO);
    recommendations =
        d.createOutputTopic(
            Topics.RECOMMENDATIONS, new StringDeserializer(), new StringDeserializer());
    history =
        d.createOutputTopic(
            Topics.RECOMMENDATION_HISTORY, new StringDeserializer(), new StringDeserializer());
    verdictDeadLetters =
        d.createOutputTopic(
            Topics.SECTION_VERDICTS_DLQ, new StringDeserializer(), new StringDeserializer());
    requestDeadLetters =
        d.createOutputTopic(
            Topics.ASSESSMENT_REQUESTS_DLQ, new StringDeserializer(), new StringDeserializer());
    return d;
  }

  private void request(String systemId, String assessmentId) {
    requests.pipeInput("default/" + systemId, requestJson(systemId, assessmentId));
  }

  private void sendAll(String systemId, String assessmentId, Section... sections) {
    for (Section section : sections) {
      verdicts.pipeInput("default/" + systemId, json(systemId, assessmentId, section));
    }
  }

  private List<JsonNode> published() {
    return recommendations.readValuesToList().stream().map(ReportTopologyTest::parse).toList();
  }

  @Test
  void publishesOneCompleteRevisionWhenTheFifthSectionArrives() {
    request("shop", "a-1");
    sendAll(
        "shop",
        "a-1",
        Section.SELECTION,
        Section.PERFORMANCE,
        Section.RESILIENCE,
        Section.SECURITY);
    assertThat(recommendations.isEmpty()).as("nothing before the fifth section").isTrue();

    sendAll("shop", "a-1", Section.MIGRATION);
    TestRecord<String, String> record = recommendations.readRecord();
    assertThat(record.key()).isEqualTo("default/shop");
    JsonNode rec = parse(record.value());
    assertThat(rec.path("revision").asLong()).isEqualTo(1);
    assertThat(rec.path("complete").asBoolean()).isTrue();
    assertThat(rec.path("assessmentId").asText()).isEqualTo("a-1");
    assertThat(rec.path("trigger").asText()).isEqualTo("SUBMITTED");
    assertThat(rec.has("previousRevision")).isFalse();
    assertThat(rec.path("sections").findValuesAsText("section"))
        .containsExactly("SELECTION", "PERFORMANCE", "RESILIENCE", "SECURITY", "MIGRATION");
    assertThat(rec.path("markdown").asText())
        .startsWith("## Database Architecture Recommendation: System shop");
    assertThat(EventHeaders.get(record.headers(), EventHeaders.ID)).isEqualTo("default/shop:1");
    assertThat(EventHeaders.get(record.headers(), EventHeaders.TYPE))
        .isEqualTo("dev.dbarch.recommendation");
    assertThat(recommendations.isEmpty()).isTrue();
    assertThat(history.readValuesToList()).containsExactly(record.value());
  }

  @Test
  void verdictsThatOvertakeTheirRequestWaitForIt() {
    sendAll("shop", "a-1", Section.values());
    assertThat(recommendations.isEmpty()).isTrue();
    request("shop", "a-1");
    assertThat(published()).extracting(r -> r.path("revision").asLong()).containsExactly(1L);
  }

  @Test
  void aSectionLatePastTheDeadlineGivesAnIncompleteRevisionThenTheCompleteOne() {
    request("shop", "a-1");
    sendAll(
        "shop",
        "a-1",
        Section.SELECTION,
        Section.PERFORMANCE,
        Section.RESILIENCE,
        Section.SECURITY);
    driver.advanceWallClockTime(Duration.ofSeconds(29));
    assertThat(recommendations.isEmpty()).as("not before the deadline").isTrue();

    driver.advanceWallClockTime(Duration.ofSeconds(2));
    JsonNode incomplete = parse(recommendations.readValue());
    assertThat(incomplete.path("revision").asLong()).isEqualTo(1);
    assertThat(incomplete.path("complete").asBoolean()).isFalse();
    assertThat(incomplete.path("missingSections").get(0).asText()).isEqualTo("MIGRATION");
    assertThat(incomplete.path("markdown").asText())
        .contains("no verdict yet from migration-service");

    driver.advanceWallClockTime(Duration.ofSeconds(60));
    assertThat(recommendations.isEmpty()).as("the deadline fires once").isTrue();

    sendAll("shop", "a-1", Section.MIGRATION);
    JsonNode complete = parse(recommendations.readValue());
    assertThat(complete.path("revision").asLong()).isEqualTo(2);
    assertThat(complete.path("complete").asBoolean()).isTrue();
    assertThat(complete.path("previousRevision").asLong()).isEqualTo(1);
    assertThat(complete.path("changes").findValuesAsText("kind"))
        .contains("DECISION_ADDED", "FINDING_NEW");
    assertThat(complete.path("changes").findValuesAsText("ruleId"))
        .contains("MIG-7", "MIG-10", "MIGRATION-RISK");
    assertThat(complete.path("markdown").asText()).contains("### What changed since revision 1");

    sendAll("shop", "a-1", Section.MIGRATION);
    assertThat(recommendations.isEmpty()).as("a redelivered verdict publishes nothing").isTrue();
  }

  @Test
  void aNewerRequestSupersedesAPendingAssessment() {
    request("shop", "a-1");
    sendAll("shop", "a-1", Section.SELECTION, Section.PERFORMANCE);
    request("shop", "a-2");
    sendAll("shop", "a-1", Section.RESILIENCE, Section.SECURITY, Section.MIGRATION);
    assertThat(recommendations.isEmpty()).as("superseded verdicts are ignored").isTrue();

    sendAll("shop", "a-2", Section.values());
    assertThat(published())
        .extracting(r -> r.path("assessmentId").asText() + "@" + r.path("revision").asLong())
        .containsExactly("a-2@1");
    driver.advanceWallClockTime(Duration.ofMinutes(2));
    assertThat(recommendations.isEmpty()).as("no deadline fires for the superseded one").isTrue();
  }

  @Test
  void verdictsOfANeverRequestedAssessmentAreIgnoredAndForgotten() {
    sendAll("shop", "ghost", Section.SELECTION, Section.PERFORMANCE);
    driver.advanceWallClockTime(Duration.ofMinutes(11));
    request("shop", "a-1");
    sendAll("shop", "a-1", Section.values());
    assertThat(published()).extracting(r -> r.path("assessmentId").asText()).containsExactly("a-1");
  }

  @Test
  void revisionsGrowPerSystemWithWhatChangedAndSystemsDoNotMix() {
    request("shop", "a-1");
    request("erp", "b-1");
    for (Section section : Section.values()) {
      verdicts.pipeInput("default/shop", json("shop", "a-1", section));
      verdicts.pipeInput("default/erp", json("erp", "b-1", section));
    }
    request("shop", "a-2");
    sendAll("shop", "a-2", Section.values());
    List<JsonNode> published = published();
    assertThat(published)
        .extracting(
            r ->
                r.path("systemId").asText()
                    + "/"
                    + r.path("assessmentId").asText()
                    + "@"
                    + r.path("revision").asLong())
        .containsExactly("shop/a-1@1", "erp/b-1@1", "shop/a-2@2");
    JsonNode second = published.get(2);
    assertThat(second.path("previousRevision").asLong()).isEqualTo(1);
    assertThat(second.path("changes")).as("same verdicts, nothing changed").isEmpty();
    assertThat(second.path("markdown").asText()).contains("_No decision or finding changed._");
  }

  @Test
  void aRedeliveredVerdictNeitherRepublishesNorCorrupts() {
    request("shop", "a-1");
    sendAll("shop", "a-1", Section.values());
    sendAll("shop", "a-1", Section.MIGRATION, Section.SELECTION);
    requests.pipeInput("default/shop", requestJson("shop", "a-1"));
    assertThat(recommendations.readValuesToList()).hasSize(1);

    request("shop", "a-2");
    sendAll(
        "shop",
        "a-2",
        Section.SELECTION,
        Section.SELECTION,
        Section.PERFORMANCE,
        Section.RESILIENCE,
        Section.SECURITY);
    assertThat(recommendations.isEmpty()).isTrue();
    sendAll("shop", "a-2", Section.MIGRATION);
    assertThat(parse(recommendations.readValue()).path("revision").asLong()).isEqualTo(2);
  }

  @Test
  void theCatalogFindingsAndScriptOfARequestStayOutOfTheStateButItsChangeReachesTheRevision()
      throws Exception {
    var request = (com.fasterxml.jackson.databind.node.ObjectNode) parse(requestJson("big", "b-1"));
    ((com.fasterxml.jackson.databind.node.ObjectNode) request.path("requirements"))
        .set(
            "schema",
            Json.mapper()
                .valueToTree(
                    java.util.Map.of(
                        "dialect", "POSTGRESQL", "ddl", "CREATE TABLE script_marker (id int);")));
    request.set(
        "schema",
        Json.mapper()
            .readTree(
                """
                {"snapshot": {"engine": "POSTGRESQL", "source": "catalog", "database": "big",
                  "serverVersion": "17.6",
                  "tables": [{"schema": "public", "name": "catalog_marker", "columns": []}],
                  "statistics": {"ageSeconds": 60}},
                 "findings": [{"ruleId": "SCH-PK-001", "severity": "HIGH",
                  "table": "public.finding_marker", "message": "no primary key"}],
                 "change": {"ddl": ["ALTER TABLE orders ADD COLUMN note text"],
                  "objects": ["table public.orders"]},
                 "unsupportedStatements": ["unsupported_marker"]}
                """));
    requests.pipeInput("default/big", Json.mapper().writeValueAsString(request));
    sendAll("big", "b-1", Section.values());

    JsonNode revision = published().get(0);
    assertThat(revision.path("complete").asBoolean()).isTrue();
    assertThat(revision.path("schemaChange").path("ddl").toString())
        .contains("ALTER TABLE orders ADD COLUMN note text");
    assertThat(requestDeadLetters.isEmpty()).isTrue();
    String state =
        driver
            .<String, Object>getKeyValueStore(ReportTopology.SYSTEM_STATE_STORE)
            .get("default/big")
            .toString();
    String everything = revision.toString() + state;
    assertThat(everything)
        .doesNotContain("script_marker")
        .doesNotContain("catalog_marker")
        .doesNotContain("finding_marker")
        .doesNotContain("unsupported_marker");
  }

  @Test
  void aWorkloadChangeIsNamedInTheRevisionFromItsTypedValues() {
    request("shop", "a-1");
    sendAll("shop", "a-1", Section.values());
    recommendations.readValue();

    var snapshot =
        new dev.dbarch.contracts.workload.WorkloadSnapshot(
            "shop",
            "r-1",
            7,
            Instant.EPOCH,
            dev.dbarch.contracts.schema.SchemaSnapshot.Engine.POSTGRESQL,
            "shop",
            60.0,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    var changes =
        List.of(
            new dev.dbarch.contracts.workload.WorkloadChange(
                dev.dbarch.contracts.workload.WorkloadChange.Kind.NEW_TOP_STATEMENT,
                "SELECT id FROM orders WHERE note = $1",
                0.01,
                0.64,
                0.1),
            new dev.dbarch.contracts.workload.WorkloadChange(
                dev.dbarch.contracts.workload.WorkloadChange.Kind.SEQ_SCAN_RATIO_JUMP,
                "public.orders",
                0.02,
                0.97,
                0.5));
    var workloadRequest =
        new dev.dbarch.contracts.events.AssessmentRequested(
            "a-2",
            "shop",
            dev.dbarch.contracts.events.Trigger.WORKLOAD_CHANGED,
            Instant.EPOCH,
            dev.dbarch.contracts.requirements.Requirements.named("shop", "System shop"),
            null,
            new dev.dbarch.contracts.workload.WorkloadContext(snapshot, changes));
    requests.pipeInput("shop", Json.toJson(workloadRequest));
    for (Section section : Section.values()) {
      var base = TestVerdicts.verdict("shop", "a-2", section);
      var risks = new java.util.ArrayList<>(base.risks());
      if (section == Section.PERFORMANCE) {
        risks.add(
            new dev.dbarch.contracts.events.Risk(
                "PERF-DIAG-010",
                "public.orders (note): sequential scans filter on (note) and keep only a few of"
                    + " the rows they read",
                dev.dbarch.contracts.events.Risk.Level.HIGH,
                dev.dbarch.contracts.events.Risk.Level.MEDIUM,
                "CREATE INDEX CONCURRENTLY orders_note_idx ON public.orders (note)"));
      }
      verdicts.pipeInput(
          "shop",
          Json.toJson(
              new dev.dbarch.contracts.events.SectionVerdict(
                  "a-2",
                  "shop",
                  base.systemName(),
                  dev.dbarch.contracts.events.Trigger.WORKLOAD_CHANGED,
                  section,
                  base.decisions(),
                  base.indexes(),
                  risks,
                  base.alternatives(),
                  base.assumptions(),
                  base.questions())));
    }
    JsonNode second = parse(recommendations.readValue());
    assertThat(second.path("trigger").asText()).isEqualTo("WORKLOAD_CHANGED");
    assertThat(second.path("workloadChanges").get(0).path("kind").asText())
        .isEqualTo("NEW_TOP_STATEMENT");
    assertThat(second.path("changes").get(0).path("ruleId").asText()).isEqualTo("PERF-DIAG-010");
    assertThat(second.path("markdown").asText())
        .contains("_System `shop` · revision 2 · assessment `a-2` · trigger workload changed_")
        .contains(
            "Triggered by a change in the workload:\n\n"
                + "- **New top statement** `SELECT id FROM orders WHERE note = $1`: 64.0% of"
                + " statement time over the interval, 1.0% before (from 10.0% it counts)\n"
                + "- **More sequential scans** on `public.orders`: 97.0% of its scans over the"
                + " interval, 2.0% before (a rise of 50.0% counts)\n")
        .contains("**New finding:** public.orders (note): sequential scans filter on (note)");
  }

  @Test
  void aSchemaChangeNamesTheDdlBehindEachNewFinding() {
    request("shop", "a-1");
    sendAll("shop", "a-1", Section.values());
    recommendations.readValue();

    var ddl = "ALTER TABLE customers ADD COLUMN card_number text";
    var change =
        new dev.dbarch.contracts.schema.SchemaChange(
            List.of(ddl), List.of("table column public.customers.card_number"), null);
    var snapshot =
        new dev.dbarch.contracts.schema.SchemaSnapshot(
            dev.dbarch.contracts.schema.SchemaSnapshot.Engine.POSTGRESQL,
            "catalog",
            "shop",
            null,
            null);
    var schemaRequest =
        new dev.dbarch.contracts.events.AssessmentRequested(
            "a-2",
            "shop",
            dev.dbarch.contracts.events.Trigger.SCHEMA_CHANGED,
            Instant.EPOCH,
            dev.dbarch.contracts.requirements.Requirements.named("shop", "System shop"),
            new dev.dbarch.contracts.schema.SchemaContext(snapshot, List.of(), change, List.of()));
    requests.pipeInput("default/shop", Json.toJson(schemaRequest));
    for (Section section : Section.values()) {
      var base = TestVerdicts.verdict("shop", "a-2", section);
      var risks = new java.util.ArrayList<>(base.risks());
      if (section == Section.SECURITY) {
        risks.add(
            new dev.dbarch.contracts.events.Risk(
                "SCH-PII-001",
                "public.customers.card_number: holds card data",
                dev.dbarch.contracts.events.Risk.Level.HIGH,
                dev.dbarch.contracts.events.Risk.Level.HIGH,
                "Tokenize it."));
      }
      var verdict =
          new dev.dbarch.contracts.events.SectionVerdict(
              "a-2",
              "shop",
              base.systemName(),
              dev.dbarch.contracts.events.Trigger.SCHEMA_CHANGED,
              section,
              base.decisions(),
              base.indexes(),
              risks,
              base.alternatives(),
              base.assumptions(),
              base.questions());
      verdicts.pipeInput("default/shop", Json.toJson(verdict));
    }
    JsonNode second = parse(recommendations.readValue());
    assertThat(second.path("trigger").asText()).isEqualTo("SCHEMA_CHANGED");
    assertThat(second.path("schemaChange").path("ddl").get(0).asText()).isEqualTo(ddl);
    JsonNode finding = second.path("changes").get(0);
    assertThat(finding.path("kind").asText()).isEqualTo("FINDING_NEW");
    assertThat(finding.path("ruleId").asText()).isEqualTo("SCH-PII-001");
    assertThat(finding.path("cause").asText()).isEqualTo(ddl);
    assertThat(second.path("markdown").asText())
        .contains("Triggered by this schema change:\n\n```sql\n" + ddl + ";\n```")
        .contains(
            "**New finding:** public.customers.card_number: holds card data `SCH-PII-001`, after `"
                + ddl
                + "`");
  }

  @Test
  void crossSectionConflictsAreReportedAsRisks() {
    String yaml =
        "systemId: geo\nname: Geo\navailability:\n  multiRegion: true\n  rpoSeconds: 0\nlatency:\n  p99WriteMs: 5\n";
    requests.pipeInput(
        "default/geo", Json.toJson(TestVerdicts.request("geo", "g-1", readYaml(yaml))));
    sendAll("geo", "g-1", Section.values());
    JsonNode rec = parse(recommendations.readValue());
    assertThat(rec.path("risks").findValuesAsText("ruleId")).contains("RPT-CONF-001");
    assertThat(rec.path("markdown").asText()).contains("RPO 0 across regions");
  }

  @Test
  void unreadableInputsAreDeadLetteredWithTheReasonAndProcessingContinues() {
    verdicts.pipeInput("default/shop", "{\"broken\":");
    verdicts.pipeInput("other-key", json("shop", "a-1", Section.SELECTION));
    verdicts.pipeInput("default/shop", (String) null);
    requests.pipeInput("default/shop", "not json");
    request("shop", "a-1");
    sendAll("shop", "a-1", Section.values());

    List<TestRecord<String, String>> dead = verdictDeadLetters.readRecordsToList();
    assertThat(dead).hasSize(3);
    assertThat(header(dead.get(0), EventHeaders.DEAD_LETTER_REASON))
        .contains("not a section verdict");
    assertThat(header(dead.get(0), EventHeaders.DEAD_LETTER_TOPIC))
        .isEqualTo(Topics.SECTION_VERDICTS);
    assertThat(header(dead.get(0), EventHeaders.DEAD_LETTER_OFFSET)).isEqualTo("0");
    assertThat(dead.get(0).value()).isEqualTo("{\"broken\":");
    assertThat(header(dead.get(1), EventHeaders.DEAD_LETTER_REASON))
        .contains("key 'other-key' differs");
    assertThat(header(dead.get(2), EventHeaders.DEAD_LETTER_REASON)).contains("empty value");
    List<TestRecord<String, String>> deadRequests = requestDeadLetters.readRecordsToList();
    assertThat(deadRequests).hasSize(1);
    assertThat(header(deadRequests.get(0), EventHeaders.DEAD_LETTER_REASON))
        .contains("report-service: not an assessment request");
    assertThat(recommendations.readValuesToList()).hasSize(1);
  }

  @Test
  void twoTenantsWithTheSameSystemIdAreAggregatedApart() {
    for (String tenant : List.of("acme", "globex")) {
      requests.pipeInput(tenant + "/shop", TestVerdicts.requestJson(tenant, "shop", tenant + "-1"));
    }
    for (Section section : Section.values()) {
      for (String tenant : List.of("acme", "globex")) {
        verdicts.pipeInput(
            tenant + "/shop", TestVerdicts.json(tenant, "shop", tenant + "-1", section));
      }
    }
    List<TestRecord<String, String>> published = recommendations.readRecordsToList();
    assertThat(published)
        .extracting(TestRecord::key)
        .containsExactlyInAnyOrder("acme/shop", "globex/shop");
    for (TestRecord<String, String> record : published) {
      JsonNode rec = parse(record.value());
      String tenant = record.key().substring(0, record.key().indexOf('/'));
      assertThat(rec.path("tenant").asText()).isEqualTo(tenant);
      assertThat(rec.path("assessmentId").asText()).isEqualTo(tenant + "-1");
      assertThat(rec.path("revision").asLong()).as("each tenant's own first revision").isEqualTo(1);
      assertThat(rec.path("complete").asBoolean()).isTrue();
      assertThat(EventHeaders.get(record.headers(), EventHeaders.ID)).isEqualTo(tenant + "/shop:1");
    }
  }

  @Test
  void aVerdictKeyedAsAnotherTenantsSystemIsDeadLettered() {
    requests.pipeInput("acme/shop", TestVerdicts.requestJson("acme", "shop", "a-1"));
    verdicts.pipeInput("globex/shop", TestVerdicts.json("acme", "shop", "a-1", Section.SELECTION));
    verdicts.pipeInput("shop", TestVerdicts.json("acme", "shop", "a-1", Section.SELECTION));
    List<TestRecord<String, String>> dead = verdictDeadLetters.readRecordsToList();
    assertThat(dead).hasSize(2);
    assertThat(header(dead.get(0), EventHeaders.DEAD_LETTER_REASON))
        .contains("key 'globex/shop' differs from 'acme/shop'");
    assertThat(header(dead.get(1), EventHeaders.DEAD_LETTER_REASON))
        .contains("key 'shop' differs from 'acme/shop'");
  }

  @Test
  void recordsWrittenBeforeTenantsAreTheDefaultTenants() {
    // Version 1: no tenant field, keyed by the bare system id.
    requests.pipeInput(
        "legacy",
        "{\"assessmentId\":\"v1\",\"systemId\":\"legacy\",\"trigger\":\"SUBMITTED\","
            + "\"requirements\":{\"systemId\":\"legacy\",\"name\":\"Legacy\"}}");
    for (Section section : Section.values()) {
      String v1 = TestVerdicts.json("legacy", "v1", section).replace("\"tenant\":\"default\",", "");
      assertThat(v1).doesNotContain("tenant");
      verdicts.pipeInput("legacy", v1);
    }
    TestRecord<String, String> record = recommendations.readRecord();
    assertThat(record.key()).isEqualTo("default/legacy");
    assertThat(parse(record.value()).path("tenant").asText()).isEqualTo("default");
    assertThat(parse(record.value()).path("complete").asBoolean()).isTrue();
  }

  @Test
  void theSameInputsGiveByteIdenticalRecommendations() throws Exception {
    request("shop", "a-1");
    sendAll("shop", "a-1", Section.values());
    String first = recommendations.readValue();
    driver.close();
    try (var files = Files.walk(stateDir)) {
      files
          .sorted(Comparator.reverseOrder())
          .filter(p -> !p.equals(stateDir))
          .forEach(p -> p.toFile().delete());
    }
    driver = newDriver();
    request("shop", "a-1");
    sendAll("shop", "a-1", Section.values());
    assertThat(recommendations.readValue()).isEqualTo(first);
  }

  private static String header(TestRecord<String, String> record, String name) {
    return EventHeaders.get(record.headers(), name);
  }

  private static dev.dbarch.contracts.requirements.Requirements readYaml(String yaml) {
    try {
      return Json.yaml().readValue(yaml, dev.dbarch.contracts.requirements.Requirements.class);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static JsonNode parse(String json) {
    try {
      return Json.mapper().readTree(json);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
