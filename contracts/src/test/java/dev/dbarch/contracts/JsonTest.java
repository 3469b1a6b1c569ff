package dev.dbarch.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.dbarch.contracts.events.AssessmentRequested;
import dev.dbarch.contracts.events.Decision;
import dev.dbarch.contracts.events.Heading;
import dev.dbarch.contracts.events.Trigger;
import dev.dbarch.contracts.requirements.Compliance;
import dev.dbarch.contracts.requirements.Requirements;
import dev.dbarch.contracts.requirements.Workload;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void unknownFieldsAreErrorsNotSilentlyDropped() {
    assertThatThrownBy(
            () ->
                Json.mapper()
                    .readValue(
                        "{\"systemId\":\"a\",\"name\":\"b\",\"nmae\":1}", Requirements.class))
        .isInstanceOf(UnrecognizedPropertyException.class)
        .hasMessageContaining("nmae");
  }

  /**
   * Records already on the kept-forever and compacted topics were written before snapshots had
   * statistics, inheritance and bloat, and registrations their limitations: they still read.
   */
  @Test
  void recordsWrittenBeforeTheNewOptionalFieldsStillRead() throws Exception {
    var snapshot =
        Json.mapper()
            .readValue(
                """
                {"engine":"POSTGRESQL","source":"catalog","database":"shop","tables":[
                  {"schema":"public","name":"t","columns":[{"name":"id","type":"integer",
                   "nullable":false,"position":1}],"primaryKey":["id"],"indexes":[{"name":"t_pkey",
                   "columns":["id"],"unique":true,"primary":true,"method":"btree","valid":true,
                   "scans":0,"sizeBytes":8192}],"rowEstimate":0,"sizeBytes":8192}],
                 "sequences":[]}""",
                dev.dbarch.contracts.schema.SchemaSnapshot.class);
    assertThat(snapshot.statistics()).isNull();
    assertThat(snapshot.tables().get(0).inherits()).isEmpty();
    assertThat(snapshot.tables().get(0).bloatBytes()).isNull();
    assertThat(snapshot.tables().get(0).indexes().get(0).bloatBytes()).isNull();
    assertThat(snapshot.tables().get(0).columns().get(0).comment()).isNull();
    var monitor =
        Json.mapper()
            .readValue(
                """
                {"systemId":"shop","registrationId":"r-1","engine":"POSTGRESQL","host":"db",
                 "port":5432,"database":"shop","user":"u","passwordRef":"env:X","mode":"LIMITED",
                 "status":"ACTIVE"}""",
                dev.dbarch.contracts.monitor.MonitorRegistration.class);
    assertThat(monitor.limitations()).isEmpty();
  }

  @Test
  void stringsAreNotCoercedIntoNumbers() {
    assertThatThrownBy(() -> Json.mapper().readValue("{\"peakQps\":\"100\"}", Workload.class))
        .isInstanceOf(MismatchedInputException.class);
  }

  @Test
  void enumsReadCaseInsensitivelyAndRegimesByTheirUsualSpelling() throws Exception {
    Compliance compliance =
        Json.yaml().readValue("regimes: [gdpr, PCI-DSS, pci_dss, SOC2, hipaa]", Compliance.class);
    assertThat(compliance.regimes())
        .containsExactly(
            Compliance.Regime.GDPR,
            Compliance.Regime.PCI_DSS,
            Compliance.Regime.PCI_DSS,
            Compliance.Regime.SOC2,
            Compliance.Regime.HIPAA);
    assertThat(Json.toJson(compliance)).contains("\"PCI-DSS\"");
    assertThatThrownBy(() -> Json.yaml().readValue("regimes: [FERPA]", Compliance.class))
        .isInstanceOf(InvalidFormatException.class);
  }

  @Test
  void outputIsStableWhateverTheMapOrder() {
    Map<String, String> ab = new LinkedHashMap<>();
    ab.put("b", "2");
    ab.put("a", "1");
    Map<String, String> ba = new LinkedHashMap<>();
    ba.put("a", "1");
    ba.put("b", "2");
    Decision first = new Decision("R-1", Heading.SCHEMA_DESIGN, "t", "c", ab, null, null);
    Decision second = new Decision("R-1", Heading.SCHEMA_DESIGN, "t", "c", ba, null, null);
    assertThat(Json.toJson(first))
        .isEqualTo(Json.toJson(second))
        .contains("{\"a\":\"1\",\"b\":\"2\"}");
  }

  @Test
  void eventsRoundTripWithIsoInstantsAndNoNulls() throws Exception {
    AssessmentRequested request =
        new AssessmentRequested(
            "id-1",
            "sys",
            Trigger.SUBMITTED,
            Instant.parse("2026-01-02T03:04:05Z"),
            Requirements.named("sys", "Sys"));
    String json = Json.toJson(request);
    assertThat(json)
        .isEqualTo(
            "{\"tenant\":\"default\",\"assessmentId\":\"id-1\",\"systemId\":\"sys\",\"trigger\":\"SUBMITTED\","
                + "\"requestedAt\":\"2026-01-02T03:04:05Z\",\"requirements\":{\"systemId\":\"sys\",\"name\":\"Sys\"}}");
    assertThat(Json.mapper().readValue(json, AssessmentRequested.class)).isEqualTo(request);
  }

  @Test
  void aSchemaChangeRequestRoundTripsThroughTheStrictReader() throws Exception {
    var diff =
        new dev.dbarch.contracts.schema.SchemaDiff(
            java.util.List.of("public.t"), null, null, null, null, null, null, null, null);
    var change =
        new dev.dbarch.contracts.schema.SchemaChange(
            java.util.List.of("CREATE TABLE t ()"), java.util.List.of("table public.t"), diff);
    var snapshot =
        new dev.dbarch.contracts.schema.SchemaSnapshot(
            dev.dbarch.contracts.schema.SchemaSnapshot.Engine.POSTGRESQL,
            "catalog",
            "db",
            java.util.List.of(),
            java.util.List.of());
    var request =
        new AssessmentRequested(
            "a",
            "s",
            Trigger.SCHEMA_CHANGED,
            Instant.EPOCH,
            Requirements.named("s", "S"),
            new dev.dbarch.contracts.schema.SchemaContext(snapshot, null, change, null));
    String json = Json.toJson(request);
    assertThat(json).doesNotContain("\"empty\"");
    assertThat(Json.mapper().readValue(json, AssessmentRequested.class)).isEqualTo(request);
  }

  @Test
  void aRequestWhoseSystemIdDisagreesWithItsRequirementsCannotBeBuilt() {
    assertThatThrownBy(
            () ->
                new AssessmentRequested(
                    "id", "a", Trigger.SUBMITTED, null, Requirements.named("b", "B")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aPlanGivenAsAStringIsReadIntoNestedJsonAndSettingsTakeNumbersOrUnits() throws Exception {
    String yaml =
        """
        statements:
          - queryid: "42"
            query: SELECT * FROM t WHERE id = $1
            calls: 10
            total_exec_time: 2.5
            shared_blks_hit: 7
        plans:
          - plan: '[{"Plan": {"Node Type": "Result"}}]'
          - plan: [{"Plan": {"Node Type": "Seq Scan"}}]
        settings:
          workMem: 4096
          sharedBuffers: 128MB
        """;
    var diagnostics =
        Json.yaml().readValue(yaml, dev.dbarch.contracts.requirements.Diagnostics.class);
    assertThat(diagnostics.statements().get(0).queryId()).isEqualTo("42");
    assertThat(diagnostics.statements().get(0).totalMillis()).isEqualTo(2.5);
    assertThat(diagnostics.statements().get(0).meanMillis()).isEqualTo(0.25);
    assertThat(diagnostics.plans().get(0).plan().isArray()).isTrue();
    assertThat(diagnostics.plans().get(0).plan().get(0).path("Plan").path("Node Type").asText())
        .isEqualTo("Result");
    assertThat(diagnostics.plans().get(1).plan().isArray()).isTrue();
    assertThat(diagnostics.settings().workMem()).isEqualTo("4096");
    assertThat(diagnostics.settings().sharedBuffers()).isEqualTo("128MB");
    String json = Json.toJson(diagnostics);
    assertThat(json).contains("\"plan\":[{\"Plan\":{\"Node Type\":\"Result\"}}]");
    assertThat(Json.mapper().readValue(json, dev.dbarch.contracts.requirements.Diagnostics.class))
        .isEqualTo(diagnostics);
  }
}
