package dev.dbarch.servicekit.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The trace context of a Kafka record, for code the SmallRye connector does not instrument (the
 * report's Kafka Streams topology): read from a record's W3C {@code traceparent} header, written
 * onto a produced record's headers. With the SDK disabled ({@link TracingConfigSource}) every
 * method is a no-op.
 */
public final class RecordTracing {

  /** The instrumentation scope of dbarch's own spans. */
  public static final String SCOPE = "dev.dbarch";

  private static final TextMapGetter<Headers> GETTER =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
          List<String> keys = new ArrayList<>();
          for (Header h : headers) {
            keys.add(h.key());
          }
          return keys;
        }

        @Override
        public String get(Headers headers, String key) {
          if (headers == null) {
            return null;
          }
          Header h = headers.lastHeader(key);
          return h == null || h.value() == null
              ? null
              : new String(h.value(), StandardCharsets.UTF_8);
        }
      };

  private static final TextMapSetter<Headers> SETTER =
      (headers, key, value) -> {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
      };

  private final OpenTelemetry openTelemetry;
  private final Tracer tracer;

  public RecordTracing(OpenTelemetry openTelemetry) {
    this.openTelemetry = openTelemetry;
    this.tracer = openTelemetry.getTracer(SCOPE);
  }

  /** For tests and code paths without tracing. */
  public static RecordTracing noop() {
    return new RecordTracing(OpenTelemetry.noop());
  }

  /** The context a record's producer sent along, or the root context. */
  public Context extract(Headers headers) {
    return openTelemetry
        .getPropagators()
        .getTextMapPropagator()
        .extract(Context.root(), headers, GETTER);
  }

  /** Writes the current context into {@code headers} (replacing what they carried). */
  public void inject(Headers headers) {
    openTelemetry
        .getPropagators()
        .getTextMapPropagator()
        .inject(Context.current(), headers, SETTER);
  }

  /** A span processing a consumed record, child of the span that produced it. */
  public Span consume(String name, String topic, Headers headers) {
    return tracer
        .spanBuilder(name)
        .setParent(extract(headers))
        .setSpanKind(SpanKind.CONSUMER)
        .setAttribute("messaging.system", "kafka")
        .setAttribute("messaging.destination.name", topic)
        .startSpan();
  }

  /** A span of dbarch's own work, child of the current one. */
  public SpanBuilder span(String name) {
    return tracer.spanBuilder(name).setSpanKind(SpanKind.INTERNAL);
  }
}
