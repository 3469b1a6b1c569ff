package dev.dbarch.report.aggregation;

import static dev.dbarch.report.TestVerdicts.verdict;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.events.AssessmentRequested;
import dev.dbarch.contracts.events.Recommendation;
import dev.dbarch.contracts.events.Section;
import dev.dbarch.contracts.events.Trigger;
import dev.dbarch.contracts.kafka.JsonSerde;
import dev.dbarch.contracts.requirements.Requirements;
import dev.dbarch.contracts.schema.SchemaChange;
import dev.dbarch.contracts.schema.SchemaContext;
import dev.dbarch.contracts.schema.SchemaDiff;
import dev.dbarch.contracts.schema.SchemaSnapshot;
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
}
