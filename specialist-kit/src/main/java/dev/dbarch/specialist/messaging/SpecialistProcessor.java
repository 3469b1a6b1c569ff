package dev.dbarch.specialist.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.SystemKey;
import dev.dbarch.contracts.events.AssessmentRequested;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.contracts.kafka.Channels;
import dev.dbarch.servicekit.tracing.RecordTracing;
import dev.dbarch.specialist.rules.SectionAnalyst;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Consumes assessment requests, runs the section's rules and publishes the verdict keyed by the
 * tenant-qualified system key ({@code tenant/systemId}). The incoming offset is committed only once
 * the verdict is acknowledged by the broker; a record that cannot be read or assessed is nacked,
 * which sends it to the dead-letter topic with the reason in its headers, and the consumer moves
 * on.
 */
@ApplicationScoped
public class SpecialistProcessor {

  private static final Logger LOG = Logger.getLogger(SpecialistProcessor.class);

  @Inject SectionAnalyst analyst;
  @Inject MeterRegistry registry;
  @Inject OpenTelemetry openTelemetry;
  private RecordTracing tracing;

  @PostConstruct
  void init() {
    tracing = new RecordTracing(openTelemetry);
  }

  @Incoming(Channels.ASSESSMENT_REQUESTS_IN)
  @Outgoing(Channels.SECTION_VERDICTS_OUT)
  public Record<String, SectionVerdict> assess(ConsumerRecord<String, String> record) {
    // A span per section verdict, child of the connector's span of the consumed request (current
    // while this method runs) or, failing that, of the span that produced the request.
    Context parent =
        Span.current().getSpanContext().isValid()
            ? Context.current()
            : tracing.extract(record.headers());
    Span span =
        tracing
            .span("assess " + analyst.section() + " section")
            .setParent(parent)
            .setAttribute("dbarch.section", analyst.section().name())
            .setAttribute("messaging.destination.name", record.topic())
            .startSpan();
    try (Scope scope = span.makeCurrent()) {
      return assess(record, span);
    } catch (RuntimeException e) {
      span.setStatus(StatusCode.ERROR, e.getMessage());
      throw e;
    } finally {
      span.end();
    }
  }

  private Record<String, SectionVerdict> assess(ConsumerRecord<String, String> record, Span span) {
    AssessmentRequested request = read(record, analyst.section().specialist());
    span.setAttribute("dbarch.assessment", request.assessmentId());
    MDC.put("tenant", request.tenant());
    MDC.put("systemId", request.systemId());
    MDC.put("assessmentId", request.assessmentId());
    try {
      Timer.Sample sample = Timer.start(registry);
      SectionVerdict verdict = analyst.assess(request);
      sample.stop(registry.timer("dbarch.section.assessment", "section", analyst.section().name()));
      LOG.infof(
          "Assessed %s section: %d decisions, %d risks, %d assumptions",
          analyst.section(),
          verdict.decisions().size(),
          verdict.risks().size(),
          verdict.assumptions().size());
      return Record.of(verdict.systemKey().toString(), verdict);
    } finally {
      MDC.remove("tenant");
      MDC.remove("systemId");
      MDC.remove("assessmentId");
    }
  }

  /** Reads and checks a request; the exception message becomes the dead-letter reason. */
  static AssessmentRequested read(ConsumerRecord<String, String> record, String specialist) {
    if (record.value() == null || record.value().isBlank()) {
      throw new UnreadableRecordException(
          specialist + ": empty value at offset " + record.offset());
    }
    AssessmentRequested request;
    try {
      request = Json.mapper().readValue(record.value(), AssessmentRequested.class);
    } catch (JsonProcessingException e) {
      throw new UnreadableRecordException(
          specialist
              + ": not an assessment request: "
              + e.getOriginalMessage().lines().findFirst().orElse(""));
    }
    SystemKey key;
    try {
      key = request.systemKey();
    } catch (IllegalArgumentException e) {
      throw new UnreadableRecordException(specialist + ": " + e.getMessage());
    }
    // A request of one tenant keyed as another's would mix two systems' stories.
    if (record.key() != null && !key.isKeyOf(record.key())) {
      throw new UnreadableRecordException(
          specialist + ": key '" + record.key() + "' differs from '" + key + "'");
    }
    return request;
  }

  /** A record that will never be readable, whatever the retries. */
  public static class UnreadableRecordException extends RuntimeException {
    public UnreadableRecordException(String message) {
      super(message, null, false, false);
    }
  }
}
