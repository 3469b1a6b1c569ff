package dev.dbarch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SseParseTest {

  @Test
  void takesTheRecordsOwnFieldsNotNestedOnes() {
    String json =
        "{\"tenant\":\"bench\",\"systemId\":\"bench-x-r20-7\",\"systemName\":\"Shop\","
            + "\"assessmentId\":\"a-1\",\"revision\":42,\"trigger\":\"SUBMITTED\","
            + "\"complete\":true,\"missingSections\":[],"
            + "\"schemaChange\":{\"systemId\":\"other\",\"revision\":7}}";

    Sse.Event e = Sse.parse(json, 123L);

    assertThat(e.systemId()).isEqualTo("bench-x-r20-7");
    assertThat(e.revision()).isEqualTo(42);
    assertThat(e.assessmentId()).isEqualTo("a-1");
    assertThat(e.trigger()).isEqualTo("SUBMITTED");
    assertThat(e.complete()).isTrue();
    assertThat(e.arrivedNanos()).isEqualTo(123L);
  }

  @Test
  void anIncompleteRevisionIsNotComplete() {
    Sse.Event e =
        Sse.parse("{\"systemId\":\"s\",\"revision\":1,\"complete\":false,\"x\":\"complete\"}", 0);

    assertThat(e.complete()).isFalse();
    assertThat(e.assessmentId()).isNull();
  }
}
