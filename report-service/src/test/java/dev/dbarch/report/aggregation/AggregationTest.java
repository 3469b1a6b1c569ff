package dev.dbarch.report.aggregation;

import static dev.dbarch.report.TestVerdicts.verdict;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.events.Section;
import dev.dbarch.contracts.kafka.JsonSerde;
import dev.dbarch.contracts.requirements.Requirements;
import dev.dbarch.report.TestVerdicts;
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
}
