package dev.dbarch.report.aggregation;

import static dev.dbarch.report.TestVerdicts.json;
import static dev.dbarch.report.TestVerdicts.requestJson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.events.Section;
import dev.dbarch.contracts.kafka.Topics;
import dev.dbarch.report.view.RevisionIndex;
import dev.dbarch.servicekit.tracing.RecordTracing;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
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

/**
 * Kafka Streams is not instrumented by Quarkus: the topology itself continues each input record's
 * trace and writes it onto the revisions it publishes, and the read side makes it current while it
 * tells the view of a new revision.
 */
class ReportTracingTest {

  private static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

  @TempDir Path stateDir;

  private final List<SpanData> ended = new ArrayList<>();
  private final List<Context> indexedIn = new ArrayList<>();
  private TopologyTestDriver driver;
  private SdkTracerProvider provider;

  @BeforeEach
  void start() {
    provider = SdkTracerProvider.builder().addSpanProcessor(new Collector()).build();
    OpenTelemetrySdk otel =
        OpenTelemetrySdk.builder()
            .setTracerProvider(provider)
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "report-service-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    RevisionIndex.Feed feed = (revision, timestamp) -> indexedIn.add(Context.current());
    driver =
        new TopologyTestDriver(
            ReportTopology.build(
                new ReportTopology.Settings(
                    Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofMinutes(10)),
                AggregationListener.NONE,
                feed,
                new RecordTracing(otel)),
            props,
            T0);
  }

  @AfterEach
  void stop() {
    driver.close();
    provider.close();
  }

  @Test
  void theRevisionCarriesTheTraceOfTheVerdictThatCompletedIt() {
    TestInputTopic<String, String> requests = input(Topics.ASSESSMENT_REQUESTS);
    TestInputTopic<String, String> verdicts = input(Topics.SECTION_VERDICTS);
    TestOutputTopic<String, String> history =
        driver.createOutputTopic(
            Topics.RECOMMENDATION_HISTORY, new StringDeserializer(), new StringDeserializer());

    requests.pipeInput(
        new TestRecord<>("default/shop", requestJson("shop", "a-1"), traced("00f067aa0ba90200")));
    int i = 1;
    for (Section section : Section.values()) {
      verdicts.pipeInput(
          new TestRecord<>(
              "default/shop", json("shop", "a-1", section), traced("00f067aa0ba9020" + i++)));
    }

    List<TestRecord<String, String>> published = history.readRecordsToList();
    assertThat(published).isNotEmpty();
    TestRecord<String, String> last = published.get(published.size() - 1);
    String traceparent =
        new String(last.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8);
    // 00-<trace>-<the aggregate span of the fifth verdict>-01
    assertThat(traceparent).startsWith("00-" + TRACE + "-").endsWith("-01");
    String parentOfRevision = traceparent.split("-")[2];

    assertThat(ended)
        .filteredOn(s -> s.getName().equals("aggregate " + Topics.SECTION_VERDICTS))
        .hasSize(Section.values().length)
        .allSatisfy(s -> assertThat(s.getTraceId()).isEqualTo(TRACE))
        .anySatisfy(
            s -> {
              assertThat(s.getSpanId()).isEqualTo(parentOfRevision);
              assertThat(s.getParentSpanId())
                  .isEqualTo("00f067aa0ba9020" + Section.values().length);
            });
    assertThat(ended)
        .filteredOn(s -> s.getName().equals("aggregate " + Topics.ASSESSMENT_REQUESTS))
        .singleElement()
        .satisfies(s -> assertThat(s.getParentSpanId()).isEqualTo("00f067aa0ba90200"));

    // The read side indexed the revision with the aggregation's context current.
    assertThat(indexedIn).isNotEmpty();
    assertThat(
            io.opentelemetry.api.trace.Span.fromContext(indexedIn.get(indexedIn.size() - 1))
                .getSpanContext()
                .getSpanId())
        .isEqualTo(parentOfRevision);
  }

  @Test
  void aRecordWithoutTraceContextStartsNoneAndPublishesNone() {
    TestInputTopic<String, String> requests = input(Topics.ASSESSMENT_REQUESTS);
    TestInputTopic<String, String> verdicts = input(Topics.SECTION_VERDICTS);
    TestOutputTopic<String, String> history =
        driver.createOutputTopic(
            Topics.RECOMMENDATION_HISTORY, new StringDeserializer(), new StringDeserializer());
    requests.pipeInput("default/shop", requestJson("shop", "a-1"));
    for (Section section : Section.values()) {
      verdicts.pipeInput("default/shop", json("shop", "a-1", section));
    }
    List<TestRecord<String, String>> published = history.readRecordsToList();
    assertThat(published).isNotEmpty();
    // Each record is a root of its own trace: the revision names it, never a foreign one.
    String traceparent =
        new String(
            published.get(published.size() - 1).headers().lastHeader("traceparent").value(),
            StandardCharsets.UTF_8);
    assertThat(ended)
        .filteredOn(s -> s.getName().startsWith("aggregate "))
        .allSatisfy(s -> assertThat(s.getParentSpanContext().isValid()).isFalse());
    assertThat(ended).anySatisfy(s -> assertThat(traceparent).contains(s.getSpanId()));
  }

  private TestInputTopic<String, String> input(String topic) {
    return driver.createInputTopic(
        topic, new StringSerializer(), new StringSerializer(), T0, Duration.ZERO);
  }

  private static Headers traced(String parentSpanId) {
    Headers headers = new RecordHeaders();
    headers.add(
        "traceparent",
        ("00-" + TRACE + "-" + parentSpanId + "-01").getBytes(StandardCharsets.UTF_8));
    return headers;
  }

  private final class Collector implements SpanProcessor {
    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {}

    @Override
    public boolean isStartRequired() {
      return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
      ended.add(span.toSpanData());
    }

    @Override
    public boolean isEndRequired() {
      return true;
    }
  }
}
