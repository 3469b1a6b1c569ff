package dev.dbarch.report.aggregation;

import static dev.dbarch.report.TestVerdicts.verdict;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.events.Section;
import dev.dbarch.contracts.kafka.JsonSerde;
import org.junit.jupiter.api.Test;

/** The aggregation rule without Kafka. */
class AggregationTest {

  private final JsonSerde<SystemState> serde = new JsonSerde<>(SystemState.class);

  @Test
  void pendingStateSurvivesTheChangelogRoundTrip() {
    SystemState state = SystemState.empty();
    for (Section section : new Section[] {Section.SELECTION, Section.SECURITY}) {
      state = Aggregation.apply(state, verdict("shop", "a-1", section)).state();
    }
    byte[] stored = serde.serializer().serialize("changelog", state);
    SystemState restored = serde.deserializer().deserialize("changelog", stored);

    assertThat(restored).isEqualTo(state);
    for (Section section : new Section[] {Section.PERFORMANCE, Section.RESILIENCE}) {
      restored = Aggregation.apply(restored, verdict("shop", "a-1", section)).state();
    }
    var outcome = Aggregation.apply(restored, verdict("shop", "a-1", Section.MIGRATION));
    assertThat(outcome.recommendation()).hasValueSatisfying(r -> assertThat(r.complete()).isTrue());
  }

  @Test
  void oldPendingAssessmentsAreBoundedPerSystem() {
    SystemState state = SystemState.empty();
    for (int i = 0; i < Aggregation.MAX_PENDING + 5; i++) {
      state = Aggregation.apply(state, verdict("shop", "a-" + i, Section.SELECTION)).state();
    }
    assertThat(state.pending())
        .hasSize(Aggregation.MAX_PENDING)
        .doesNotContainKey("a-0")
        .containsKey("a-24");
  }

  @Test
  void rememberedCompletionsAreBounded() {
    SystemState state = SystemState.empty();
    for (int i = 0; i < Aggregation.REMEMBERED_COMPLETIONS + 3; i++) {
      for (Section section : Section.values()) {
        state = Aggregation.apply(state, verdict("shop", "a-" + i, section)).state();
      }
    }
    assertThat(state.lastRevision()).isEqualTo(Aggregation.REMEMBERED_COMPLETIONS + 3);
    assertThat(state.recentlyCompleted())
        .hasSize(Aggregation.REMEMBERED_COMPLETIONS)
        .doesNotContain("a-0");
  }
}
