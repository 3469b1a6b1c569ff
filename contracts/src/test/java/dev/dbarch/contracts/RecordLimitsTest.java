package dev.dbarch.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.kafka.RecordLimits;
import dev.dbarch.contracts.kafka.Topics;
import dev.dbarch.contracts.requirements.Requirements;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The record limits of ADR 0012 are consistent and applied to every topic dbarch creates. */
class RecordLimitsTest {

  @Test
  void theCountedSizeIsTheSerializedSize() {
    Random random = new Random(9);
    for (int i = 0; i < 200; i++) {
      StringBuilder name = new StringBuilder();
      int length = random.nextInt(300);
      for (int c = 0; c < length; c++) {
        // ASCII, accented and multi-byte characters: the count is of UTF-8 bytes.
        name.append((char) (random.nextBoolean() ? 'a' + random.nextInt(26) : 0xE0 + c % 200));
      }
      Requirements requirements = Requirements.named("sys-" + i, name.toString());
      assertThat(RecordLimits.serializedSize(requirements))
          .as("case %d (seed 9)", i)
          .isEqualTo(Json.toBytes(requirements).length);
    }
  }

  @Test
  void everyTopicTakesTheLargestCompressedRecord() {
    for (Topics.TopicSpec spec : Topics.ALL) {
      assertThat(spec.configs())
          .as(spec.name())
          .containsEntry(
              Topics.MAX_MESSAGE_BYTES, Integer.toString(RecordLimits.MAX_TOPIC_MESSAGE_BYTES));
    }
  }

  @Test
  void theLimitsFitTogether() {
    assertThat(RecordLimits.MAX_VALUE_BYTES).isLessThan(RecordLimits.MAX_RECORD_BYTES);
    assertThat(RecordLimits.PRODUCER_BUFFER_BYTES).isGreaterThan(RecordLimits.MAX_RECORD_BYTES);
    // The largest record fits a topic batch once compressed 4x; dbarch's JSON compresses 6-10x
    // (ADR 0012). Incompressible content past that is refused by the broker: 413, not 503.
    assertThat((long) RecordLimits.MAX_TOPIC_MESSAGE_BYTES * 4)
        .isGreaterThanOrEqualTo(RecordLimits.MAX_RECORD_BYTES);
    assertThat(RecordLimits.describe(RecordLimits.MAX_RECORD_BYTES)).isEqualTo("64 MiB");
    assertThat(Map.of("max", RecordLimits.describe(1_000_000))).containsEntry("max", "977 KiB");
    assertThat(RecordLimits.describe(3 * 1024 * 1024 / 2)).isEqualTo("1.5 MiB");
  }
}
