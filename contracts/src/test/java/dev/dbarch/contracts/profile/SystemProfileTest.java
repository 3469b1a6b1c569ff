package dev.dbarch.contracts.profile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.profile.SystemProfile.LiveDatabase;
import dev.dbarch.contracts.profile.SystemProfile.TableSize;
import dev.dbarch.contracts.requirements.Compliance.Regime;
import dev.dbarch.contracts.requirements.Requirements;
import dev.dbarch.contracts.schema.SchemaContext;
import dev.dbarch.contracts.schema.SchemaFinding;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SystemProfileTest {

  private static final long GB = 1024L * 1024 * 1024;

  private static Requirements requirements(String json) {
    return Json.fromJson("{\"systemId\":\"s\",\"name\":\"S\"," + json + "}", Requirements.class);
  }

  private static SchemaSnapshot.Table table(String name, long bytes) {
    return new SchemaSnapshot.Table(
        "public", name, null, null, null, null, null, -1, bytes, null, null);
  }

  private static SchemaFinding regulated(String table, String column, String regime) {
    return new SchemaFinding(
        SystemProfile.REGULATED_DATA_RULE,
        SchemaFinding.Severity.HIGH,
        table,
        column,
        "regulated",
        "protect it",
        Map.of("regime", regime));
  }

  @Test
  void theVolumeToCarryIsTheYearAheadWhenGivenElseToday() {
    assertThat(
            SystemProfile.of(
                    requirements("\"scale\":{\"dataVolumeGb\":400,\"dataVolumeGbIn12Months\":900}"),
                    null)
                .dataGb())
        .isEqualTo(900.0);
    assertThat(SystemProfile.of(requirements("\"scale\":{\"dataVolumeGb\":400}"), null).dataGb())
        .isEqualTo(400.0);
    assertThat(SystemProfile.of(requirements("\"workload\":{}"), null).dataGb()).isNull();
  }

  @Test
  void peakReadsAndWritesSplitThePeakByTheRatio() {
    SystemProfile p =
        SystemProfile.of(
            requirements("\"workload\":{\"peakQps\":11000,\"readWriteRatio\":10}"), null);
    assertThat(p.peakReadsPerSecond()).isEqualTo(10_000.0);
    assertThat(p.peakWritesPerSecond()).isEqualTo(1_000.0);
    // Without a ratio: no read estimate, and one read per write for the write estimate.
    SystemProfile noRatio = SystemProfile.of(requirements("\"workload\":{\"peakQps\":3000}"), null);
    assertThat(noRatio.peakReadsPerSecond()).isNull();
    assertThat(noRatio.peakWritesPerSecond()).isEqualTo(1_500.0);
    // A steady event stream faster than the split peak wins.
    SystemProfile events =
        SystemProfile.of(
            requirements(
                "\"workload\":{\"peakQps\":1000,\"readWriteRatio\":9},"
                    + "\"scale\":{\"eventsPerDay\":864000000}"),
            null);
    assertThat(events.peakWritesPerSecond()).isEqualTo(10_000.0);
    assertThat(events.writesPastOnePrimary()).isTrue();
  }

  @Test
  void readAndWriteHeavyTurnExactlyAtTheSharedRatios() {
    Thresholds t = Thresholds.DEFAULTS;
    assertThat(ratio(t.readHeavyRatio()).readHeavy()).isFalse();
    assertThat(ratio(t.readHeavyRatio() + 0.5).readHeavy()).isTrue();
    assertThat(ratio(t.writeHeavyRatio()).writeHeavy()).isFalse();
    assertThat(ratio(t.writeHeavyRatio() - 0.5).writeHeavy()).isTrue();
    assertThat(SystemProfile.of(requirements("\"workload\":{}"), null).readHeavy()).isFalse();
  }

  @Test
  void oneServersLimitsAreReachedAtTheSharedFigures() {
    SystemProfile at =
        SystemProfile.of(
            requirements("\"scale\":{\"dataVolumeGb\":1000},\"workload\":{\"peakQps\":10000}"),
            null);
    assertThat(at.dataPastSingleServer()).isTrue();
    assertThat(at.qpsPastSingleServer()).isTrue();
    SystemProfile below =
        SystemProfile.of(
            requirements("\"scale\":{\"dataVolumeGb\":999},\"workload\":{\"peakQps\":9999}"), null);
    assertThat(below.dataPastSingleServer()).isFalse();
    assertThat(below.qpsPastSingleServer()).isFalse();
    // Other thresholds move the verdict: the call sites read these, not constants of their own.
    Thresholds smaller = new Thresholds(500, 5000, 10, 1, 10_000, 100, 40, 60, 10);
    assertThat(
            SystemProfile.of(requirements("\"scale\":{\"dataVolumeGb\":999}"), null, smaller)
                .dataPastSingleServer())
        .isTrue();
  }

  @Test
  void theLiveDatabaseIsTheMonitoredCatalogsEngineAndVersion() {
    SchemaContext catalog =
        new SchemaContext(
            new SchemaSnapshot(
                SchemaSnapshot.Engine.POSTGRESQL, "catalog", "shop", List.of(), List.of(), "15.8"),
            null,
            null,
            null);
    assertThat(SystemProfile.of(Requirements.named("s", "S"), catalog).live())
        .contains(new LiveDatabase(SchemaSnapshot.Engine.POSTGRESQL, "15.8", 15, 8));
    assertThat(SystemProfile.of(Requirements.named("s", "S"), catalog).live().orElseThrow().label())
        .isEqualTo("PostgreSQL 15.8");
    SchemaContext maria =
        new SchemaContext(
            new SchemaSnapshot(
                SchemaSnapshot.Engine.MARIADB,
                "catalog",
                "shop",
                List.of(),
                List.of(),
                "10.11.19-MariaDB"),
            null,
            null,
            null);
    assertThat(SystemProfile.of(Requirements.named("s", "S"), maria).live().orElseThrow())
        .extracting(LiveDatabase::major, LiveDatabase::minor)
        .containsExactly(10, 11);
    // An uploaded script describes no running server.
    SchemaContext script =
        new SchemaContext(
            new SchemaSnapshot(SchemaSnapshot.Engine.POSTGRESQL, "ddl", null, List.of(), List.of()),
            null,
            null,
            null);
    assertThat(SystemProfile.of(Requirements.named("s", "S"), script).live()).isEmpty();
    assertThat(SystemProfile.of(Requirements.named("s", "S"), null).live()).isEmpty();
  }

  @Test
  void tablesAreListedLargestFirstAndLargeOnesPassTheSharedSize() {
    SchemaContext schema =
        new SchemaContext(
            new SchemaSnapshot(
                SchemaSnapshot.Engine.POSTGRESQL,
                "catalog",
                "shop",
                List.of(
                    table("customers", 2 * GB),
                    table("orders", 264 * GB),
                    table("unknown", -1),
                    table("events", 101 * GB)),
                List.of()),
            null,
            null,
            null);
    SystemProfile p = SystemProfile.of(Requirements.named("s", "S"), schema);
    assertThat(p.tablesBySize())
        .extracting(TableSize::table)
        .containsExactly("public.orders", "public.events", "public.customers");
    assertThat(p.largeTables())
        .containsExactly(new TableSize("public.orders", 264), new TableSize("public.events", 101));
  }

  @Test
  void regulatedColumnsTheSchemaRulesFoundBringTheirRegimesIn() {
    SchemaContext schema =
        new SchemaContext(
            new SchemaSnapshot(SchemaSnapshot.Engine.POSTGRESQL, "catalog", "shop", null, null),
            List.of(
                regulated("public.payments", "card_number", "PCI-DSS"),
                regulated("public.customers", "email", "GDPR"),
                regulated("public.customers", "ssn", "PII/GDPR"),
                regulated("public.users", "password_hash", "credentials")),
            null,
            null);
    SystemProfile undeclared = SystemProfile.of(Requirements.named("s", "S"), schema);
    assertThat(undeclared.regimesDeclared()).isFalse();
    assertThat(undeclared.schemaHoldsRegulatedData()).isTrue();
    assertThat(undeclared.regulatedColumns())
        .containsExactly(
            Map.entry("GDPR", 1),
            Map.entry("PCI-DSS", 1),
            Map.entry("PII/GDPR", 1),
            Map.entry("credentials", 1));
    assertThat(undeclared.schemaRegimes()).containsExactly(Regime.GDPR, Regime.PCI_DSS);
    SystemProfile declared =
        SystemProfile.of(requirements("\"compliance\":{\"regimes\":[\"HIPAA\"]}"), schema);
    assertThat(declared.regimes()).containsExactly(Regime.GDPR, Regime.HIPAA, Regime.PCI_DSS);
    assertThat(declared.declaredRegimes()).containsExactly(Regime.HIPAA);
  }

  private static SystemProfile ratio(double ratio) {
    return SystemProfile.of(requirements("\"workload\":{\"readWriteRatio\":" + ratio + "}"), null);
  }
}
