package dev.dbarch.report.aggregation;

import static dev.dbarch.report.TestVerdicts.verdict;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.events.AssessmentRequested;
import dev.dbarch.contracts.events.Recommendation;
import dev.dbarch.contracts.events.Risk;
import dev.dbarch.contracts.events.Section;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.contracts.events.Trigger;
import dev.dbarch.contracts.kafka.JsonSerde;
import dev.dbarch.contracts.requirements.Requirements;
import dev.dbarch.contracts.schema.SchemaChange;
import dev.dbarch.contracts.schema.SchemaContext;
import dev.dbarch.contracts.schema.SchemaDiff;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.contracts.schema.StatementRisk;
import dev.dbarch.report.TestVerdicts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The aggregation rules without Kafka. */
class AggregationTest {

  private static final long DEADLINE = 30_000;
  private final JsonSerde<SystemState> serde = new JsonSerde<>(SystemState.class);

  private static SystemState requested(String assessmentId) {
    return Aggregation.onRequest(
            SystemState.empty(),
            TestVerdicts.request("shop", assessmentId, Requirements.named("shop", "Shop")),
            0,
            DEADLINE)
        .state();
  }

  @Test
  void pendingStateSurvivesTheChangelogRoundTrip() {
    SystemState state = requested("a-1");
    for (Section section : new Section[] {Section.SELECTION, Section.SECURITY}) {
      state = Aggregation.onVerdict(state, verdict("shop", "a-1", section), 1).state();
    }
    byte[] stored = serde.serializer().serialize("changelog", state);
    SystemState restored = serde.deserializer().deserialize("changelog", stored);

    assertThat(restored).isEqualTo(state);
    for (Section section : new Section[] {Section.PERFORMANCE, Section.RESILIENCE}) {
      restored = Aggregation.onVerdict(restored, verdict("shop", "a-1", section), 2).state();
    }
    var outcome = Aggregation.onVerdict(restored, verdict("shop", "a-1", Section.MIGRATION), 3);
    assertThat(outcome.published())
        .singleElement()
        .satisfies(r -> assertThat(r.complete()).isTrue());
  }

  @Test
  void anAssessmentClosedForItsStateSizePublishesOnceWithoutSectionsAndIgnoresTheRest() {
    SystemState state = requested("a-1");
    state = Aggregation.onVerdict(state, verdict("shop", "a-1", Section.SELECTION), 1).state();

    var closed = Aggregation.closeOversize(state, "a-1", "pending state of assessment a-1 is big");

    assertThat(closed.published())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.revision()).isEqualTo(1);
              assertThat(r.complete()).isFalse();
              assertThat(r.sections()).isEmpty();
              assertThat(r.missingSections()).containsExactly(Section.values());
              assertThat(r.markdown()).contains("pending state of assessment a-1 is big");
            });
    assertThat(closed.state().pending()).isEmpty();
    var late = Aggregation.onVerdict(closed.state(), verdict("shop", "a-1", Section.SECURITY), 2);
    assertThat(late.published()).isEmpty();
    assertThat(late.ignored()).isNotNull();
  }

  @Test
  void unrequestedVerdictsClosedForTheirSizeAreDroppedWithoutARevision() {
    SystemState state =
        Aggregation.onVerdict(SystemState.empty(), verdict("shop", "a-2", Section.SELECTION), 1)
            .state();

    var closed = Aggregation.closeOversize(state, "a-2", "too big");

    assertThat(closed.published()).isEmpty();
    assertThat(closed.ignored()).contains("too big");
    assertThat(closed.state().pending()).isEmpty();
    assertThat(closed.state().lastRevision()).isZero();
  }

  @Test
  void aRequestSchedulesItsDeadline() {
    var outcome =
        Aggregation.onRequest(
            SystemState.empty(),
            TestVerdicts.request("shop", "a-1", Requirements.named("shop", "S")),
            1_000,
            DEADLINE);
    assertThat(outcome.deadline()).contains(31_000L);
  }

  @Test
  void unrequestedPendingAssessmentsAreBoundedPerSystem() {
    SystemState state = SystemState.empty();
    for (int i = 0; i < Aggregation.MAX_PENDING + 5; i++) {
      state = Aggregation.onVerdict(state, verdict("shop", "a-" + i, Section.SELECTION), i).state();
    }
    assertThat(state.pending())
        .hasSize(Aggregation.MAX_PENDING)
        .doesNotContainKey("a-0")
        .containsKey("a-24");
  }

  @Test
  void rememberedCompletionsAreBounded() {
    SystemState state = SystemState.empty();
    for (int i = 0; i < Aggregation.REMEMBERED_IDS + 3; i++) {
      state =
          Aggregation.onRequest(
                  state,
                  TestVerdicts.request("shop", "a-" + i, Requirements.named("shop", "S")),
                  i,
                  DEADLINE)
              .state();
      for (Section section : Section.values()) {
        state = Aggregation.onVerdict(state, verdict("shop", "a-" + i, section), i).state();
      }
    }
    assertThat(state.lastRevision()).isEqualTo(Aggregation.REMEMBERED_IDS + 3);
    assertThat(state.recentlyCompleted()).hasSize(Aggregation.REMEMBERED_IDS).doesNotContain("a-0");
  }

  @Test
  void aDeadlineForACompleteOrUnknownAssessmentDoesNothing() {
    SystemState state = requested("a-1");
    assertThat(Aggregation.onDeadline(state, "other").published()).isEmpty();
    for (Section section : Section.values()) {
      state = Aggregation.onVerdict(state, verdict("shop", "a-1", section), 1).state();
    }
    assertThat(Aggregation.onDeadline(state, "a-1").published()).isEmpty();
  }

  private static AssessmentRequested schemaChanged(String assessmentId, String ddl, String table) {
    SchemaDiff diff =
        new SchemaDiff(
            List.of("public." + table),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of());
    return new AssessmentRequested(
        "t",
        assessmentId,
        "shop",
        Trigger.SCHEMA_CHANGED,
        Instant.EPOCH,
        Requirements.named("shop", "Shop"),
        new SchemaContext(
            new SchemaSnapshot(
                SchemaSnapshot.Engine.POSTGRESQL, "monitor", "shop", List.of(), List.of()),
            List.of(),
            new SchemaChange(List.of(ddl), List.of("public." + table), diff),
            null));
  }

  private static AssessmentRequested workloadChanged(String assessmentId) {
    return new AssessmentRequested(
        "t",
        assessmentId,
        "shop",
        Trigger.WORKLOAD_CHANGED,
        Instant.EPOCH,
        Requirements.named("shop", "Shop"),
        null);
  }

  private static List<Recommendation> completeAll(SystemState[] state, String assessmentId) {
    List<Recommendation> published = new ArrayList<>();
    for (Section section : Section.values()) {
      var outcome =
          Aggregation.onVerdict(state[0], verdict("t", "shop", assessmentId, section), 10);
      state[0] = outcome.state();
      published.addAll(outcome.published());
    }
    return published;
  }

  @Test
  void aWorkloadChangeSupersedingAPendingSchemaChangeKeepsItsDdl() {
    SystemState[] state = {SystemState.empty()};
    state[0] =
        Aggregation.onRequest(
                state[0], schemaChanged("a-1", "CREATE TABLE audit (m text)", "audit"), 0, DEADLINE)
            .state();
    state[0] = Aggregation.onRequest(state[0], workloadChanged("a-2"), 1, DEADLINE).state();

    assertThat(completeAll(state, "a-1"))
        .as("the superseded assessment publishes nothing")
        .isEmpty();
    List<Recommendation> published = completeAll(state, "a-2");

    assertThat(published)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.trigger()).isEqualTo(Trigger.WORKLOAD_CHANGED);
              assertThat(r.schemaChange()).isNotNull();
              assertThat(r.schemaChange().ddl()).containsExactly("CREATE TABLE audit (m text)");
              assertThat(r.schemaChange().diff().tablesAdded()).containsExactly("public.audit");
            });
  }

  @Test
  void schemaChangesSupersededInARowAllReachTheNextRevisionInOrder() {
    SystemState[] state = {SystemState.empty()};
    for (int i = 1; i <= 3; i++) {
      state[0] =
          Aggregation.onRequest(
                  state[0],
                  schemaChanged("a-" + i, "CREATE TABLE t" + i + " (id int)", "t" + i),
                  i,
                  DEADLINE)
              .state();
    }
    List<Recommendation> published = completeAll(state, "a-3");

    assertThat(published)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.schemaChange().ddl())
                  .containsExactly(
                      "CREATE TABLE t1 (id int)",
                      "CREATE TABLE t2 (id int)",
                      "CREATE TABLE t3 (id int)");
              assertThat(r.schemaChange().objects())
                  .containsExactly("public.t1", "public.t2", "public.t3");
              assertThat(r.schemaChange().diff().tablesAdded())
                  .containsExactly("public.t1", "public.t2", "public.t3");
            });
  }

  @Test
  void ddlAlreadyPublishedInAnIncompleteRevisionIsNotRepeated() {
    SystemState[] state = {SystemState.empty()};
    state[0] =
        Aggregation.onRequest(
                state[0], schemaChanged("a-1", "CREATE TABLE once (id int)", "once"), 0, DEADLINE)
            .state();
    var overdue = Aggregation.onDeadline(state[0], "a-1");
    assertThat(overdue.published())
        .singleElement()
        .satisfies(
            r -> assertThat(r.schemaChange().ddl()).containsExactly("CREATE TABLE once (id int)"));
    state[0] = overdue.state();
    state[0] = Aggregation.onRequest(state[0], workloadChanged("a-2"), 1, DEADLINE).state();

    assertThat(completeAll(state, "a-2"))
        .singleElement()
        .satisfies(r -> assertThat(r.schemaChange()).isNull());
  }

  /** A migration verdict that flags entry {@code ddlIndex} of its own request's DDL. */
  private static SectionVerdict migrationFlagging(String assessmentId, String statement) {
    SectionVerdict plain = verdict("t", "shop", assessmentId, Section.MIGRATION);
    List<Risk> risks = new ArrayList<>(plain.risks());
    risks.add(
        new Risk(
            "MIG-DDL-TX-001",
            "Risky: " + statement,
            Risk.Level.LOW,
            Risk.Level.LOW,
            "Set a lock timeout.",
            new StatementRisk(
                0,
                1,
                statement,
                "public.t",
                List.of(),
                null,
                null,
                StatementRisk.TableWork.NONE,
                false,
                false,
                -1,
                -1,
                StatementRisk.SizeSource.CATALOG,
                "17.0",
                "SET lock_timeout = '2s';")));
    return plain.withRisks(risks);
  }

  private static List<String> statementRisksOf(Recommendation rec) {
    return rec.sections().stream()
        .filter(v -> v.section() == Section.MIGRATION)
        .flatMap(v -> v.risks().stream())
        .filter(r -> r.statement() != null)
        .map(r -> r.statement().ddlIndex() + ": " + r.statement().statement())
        .toList();
  }

  /** A system with one revision already, so the next one says what changed. */
  private static SystemState[] published() {
    SystemState[] state = {SystemState.empty()};
    state[0] = Aggregation.onRequest(state[0], workloadChanged("a-0"), 0, DEADLINE).state();
    assertThat(completeAll(state, "a-0")).hasSize(1);
    return state;
  }

  private static SystemState apply(SystemState state, SectionVerdict verdict) {
    return Aggregation.onVerdict(state, verdict, 5).state();
  }

  @Test
  void carriedStatementsKeepTheMigrationRisksTheirOwnAssessmentFound() {
    SystemState[] state = published();
    String first = "ALTER TABLE t ADD COLUMN a text";
    String second = "ALTER TABLE t ADD COLUMN b text";
    state[0] =
        Aggregation.onRequest(state[0], schemaChanged("a-1", first, "t"), 0, DEADLINE).state();
    state[0] = apply(state[0], migrationFlagging("a-1", first));
    state[0] =
        Aggregation.onRequest(state[0], schemaChanged("a-2", second, "t"), 1, DEADLINE).state();
    for (Section section : Section.values()) {
      if (section != Section.MIGRATION) {
        state[0] = apply(state[0], verdict("t", "shop", "a-2", section));
      }
    }
    var outcome = Aggregation.onVerdict(state[0], migrationFlagging("a-2", second), 10);

    assertThat(outcome.published())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.schemaChange().ddl()).containsExactly(first, second);
              assertThat(r.schemaChange().unassessed()).isEmpty();
              // The newer verdict's own entry 0 is entry 1 of the merged list.
              assertThat(statementRisksOf(r)).containsExactly("0: " + first, "1: " + second);
              assertThat(r.markdown())
                  .doesNotContain("no migration risk found")
                  .contains("1. `" + first + "`\n   - **Low** `MIG-DDL-TX-001`: Risky: " + first)
                  .contains("2. `" + second + "`\n   - **Low** `MIG-DDL-TX-001`: Risky: " + second);
            });
  }

  private static final String SSN_COLUMN = "ALTER TABLE customers ADD COLUMN ssn text";

  /** Schema change a-1 still pending when workload change a-2 supersedes it. */
  private static SystemState[] ddlSupersededByAWorkloadChange(String ddl) {
    SystemState[] state = published();
    state[0] =
        Aggregation.onRequest(state[0], schemaChanged("a-1", ddl, "customers"), 0, DEADLINE)
            .state();
    state[0] = Aggregation.onRequest(state[0], workloadChanged("a-2"), 1, DEADLINE).state();
    return state;
  }

  @Test
  void aSupersededAssessmentsLateMigrationVerdictStillReachesTheStatementsItCarried() {
    String ddl = SSN_COLUMN;
    SystemState[] state = ddlSupersededByAWorkloadChange(ddl);
    // The migration section answers a-1 before a-2, as it reads a system's requests in order.
    var late = Aggregation.onVerdict(state[0], migrationFlagging("a-1", ddl), 2);
    assertThat(late.published()).isEmpty();
    state[0] = late.state();
    byte[] stored = serde.serializer().serialize("changelog", state[0]);
    state[0] = serde.deserializer().deserialize("changelog", stored);

    assertThat(completeAll(state, "a-2"))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.trigger()).isEqualTo(Trigger.WORKLOAD_CHANGED);
              assertThat(statementRisksOf(r)).containsExactly("0: " + ddl);
              assertThat(r.markdown()).contains("`MIG-DDL-TX-001`: Risky: " + ddl);
            });
  }

  @Test
  void aCarriedStatementWhoseVerdictNeverCameIsShownAsNotAssessed() {
    String ddl = SSN_COLUMN;
    SystemState[] state = ddlSupersededByAWorkloadChange(ddl);

    assertThat(completeAll(state, "a-2"))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.schemaChange().unassessed()).containsExactly(0);
              assertThat(statementRisksOf(r)).isEmpty();
              assertThat(r.markdown())
                  .contains("1. `" + ddl + "`: not assessed: a newer assessment replaced")
                  .doesNotContain("no migration risk found");
            });
    // A verdict for it after that revision changes nothing.
    var after = Aggregation.onVerdict(state[0], migrationFlagging("a-1", ddl), 20);
    assertThat(after.published()).isEmpty();
    assertThat(after.ignored()).contains("superseded");
  }

  @Test
  void aChainOfSupersededChangesKeepsEachStatementsRisksAtItsEntry() {
    SystemState[] state = published();
    state[0] =
        Aggregation.onRequest(state[0], schemaChanged("a-1", "S1", "t1"), 0, DEADLINE).state();
    state[0] = apply(state[0], migrationFlagging("a-1", "S1"));
    state[0] =
        Aggregation.onRequest(state[0], schemaChanged("a-2", "S2", "t2"), 1, DEADLINE).state();
    state[0] =
        Aggregation.onRequest(state[0], schemaChanged("a-3", "S3", "t3"), 2, DEADLINE).state();
    // a-2 was superseded before its migration verdict; it comes late, after a-3's request.
    state[0] = apply(state[0], migrationFlagging("a-2", "S2"));
    for (Section section : Section.values()) {
      if (section != Section.MIGRATION) {
        state[0] = apply(state[0], verdict("t", "shop", "a-3", section));
      }
    }
    var outcome = Aggregation.onVerdict(state[0], migrationFlagging("a-3", "S3"), 10);

    assertThat(outcome.published())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.schemaChange().ddl()).containsExactly("S1", "S2", "S3");
              assertThat(r.schemaChange().unassessed()).isEmpty();
              assertThat(statementRisksOf(r)).containsExactly("0: S1", "1: S2", "2: S3");
            });
  }
}
