package dev.dbarch.e2e;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * A minimal OTLP/HTTP trace receiver (protobuf), standing in for the collector: the services of the
 * suite export their spans here ({@code DBARCH_OTEL_ENDPOINT}), the tests look at what arrived.
 * Keeps the newest {@link #CAPACITY} spans, so a long suite cannot fill the heap with them.
 */
final class TraceReceiver implements AutoCloseable {

  static final int CAPACITY = 200_000;

  /** One received span; ids in lower-case hex, parent empty for a root. */
  record ReceivedSpan(
      String service,
      String traceId,
      String spanId,
      String parentSpanId,
      String name,
      String kind,
      Map<String, String> attributes) {

    boolean isRoot() {
      return parentSpanId.isEmpty();
    }
  }

  private final HttpServer server;
  private final ConcurrentLinkedDeque<ReceivedSpan> spans = new ConcurrentLinkedDeque<>();
  private final AtomicInteger size = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();

  private TraceReceiver(HttpServer server) {
    this.server = server;
  }

  static TraceReceiver start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    TraceReceiver receiver = new TraceReceiver(server);
    // Any path: the exporter posts to <endpoint>/v1/traces.
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            byte[] body;
            try (InputStream in =
                "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                    ? new GZIPInputStream(exchange.getRequestBody())
                    : exchange.getRequestBody()) {
              body = in.readAllBytes();
            }
            int status = 200;
            try {
              receiver.take(ExportTraceServiceRequest.parseFrom(body));
            } catch (IOException | RuntimeException e) {
              status = 400;
            }
            // An empty ExportTraceServiceResponse: everything accepted.
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(status, -1);
          }
        });
    server.start();
    return receiver;
  }

  /** What a service needs in its environment to export here, every 200 ms. */
  Map<String, String> environment() {
    return Map.of(
        "DBARCH_OTEL_ENDPOINT",
        "http://127.0.0.1:" + server.getAddress().getPort(),
        "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL",
        "http/protobuf",
        "QUARKUS_OTEL_BSP_SCHEDULE_DELAY",
        "200ms");
  }

  private void take(ExportTraceServiceRequest request) {
    requests.incrementAndGet();
    HexFormat hex = HexFormat.of();
    for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
      String service = attribute(resourceSpans.getResource(), "service.name");
      for (ScopeSpans scope : resourceSpans.getScopeSpansList()) {
        for (io.opentelemetry.proto.trace.v1.Span span : scope.getSpansList()) {
          spans.add(
              new ReceivedSpan(
                  service,
                  hex.formatHex(span.getTraceId().toByteArray()),
                  hex.formatHex(span.getSpanId().toByteArray()),
                  hex.formatHex(span.getParentSpanId().toByteArray()),
                  span.getName(),
                  span.getKind().name(),
                  span.getAttributesList().stream()
                      .collect(
                          Collectors.toMap(
                              KeyValue::getKey, kv -> text(kv.getValue()), (a, b) -> b))));
          if (size.incrementAndGet() > CAPACITY) {
            spans.pollFirst();
            size.decrementAndGet();
          }
        }
      }
    }
  }

  /** Every span received of one trace. */
  List<ReceivedSpan> trace(String traceId) {
    List<ReceivedSpan> out = new ArrayList<>();
    for (ReceivedSpan s : spans) {
      if (s.traceId().equals(traceId)) {
        out.add(s);
      }
    }
    return out;
  }

  /** Spans received so far that carry {@code key=value}. */
  List<ReceivedSpan> withAttribute(String key, String value) {
    List<ReceivedSpan> out = new ArrayList<>();
    for (ReceivedSpan s : spans) {
      if (value.equals(s.attributes().get(key))) {
        out.add(s);
      }
    }
    return out;
  }

  int requests() {
    return requests.get();
  }

  private static String attribute(Resource resource, String key) {
    return resource.getAttributesList().stream()
        .filter(kv -> kv.getKey().equals(key))
        .map(kv -> text(kv.getValue()))
        .findFirst()
        .orElse("");
  }

  private static String text(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case INT_VALUE -> Long.toString(value.getIntValue());
      case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
      case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
      default -> value.toString();
    };
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
