package dev.dbarch.report.aggregation;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.events.Recommendation;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.contracts.kafka.EventHeaders;
import dev.dbarch.contracts.kafka.EventType;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Reads each verdict, folds it into its system's state and publishes the recommendation an
 * assessment completes. A record that is not a readable verdict goes to the dead-letter topic with
 * the reason and its origin in headers; processing goes on.
 */
class AggregateProcessor implements Processor<String, String, String, String> {

  private static final Logger LOG = Logger.getLogger(AggregateProcessor.class);
  static final String SOURCE = "report-service";

  private ProcessorContext<String, String> context;
  private KeyValueStore<String, SystemState> store;

  @Override
  public void init(ProcessorContext<String, String> context) {
    this.context = context;
    this.store = context.getStateStore(ReportTopology.SYSTEM_STATE_STORE);
  }

  @Override
  public void process(Record<String, String> record) {
    SectionVerdict verdict;
    try {
      verdict = read(record);
    } catch (UnreadableVerdict e) {
      deadLetter(record, e.getMessage());
      return;
    }
    MDC.put("systemId", verdict.systemId());
    MDC.put("assessmentId", verdict.assessmentId());
    try {
      SystemState state = store.get(verdict.systemId());
      Aggregation.Outcome outcome =
          Aggregation.apply(state == null ? SystemState.empty() : state, verdict);
      store.put(verdict.systemId(), outcome.state());
      if (outcome.note() != null) {
        LOG.info(outcome.note());
      }
      outcome.recommendation().ifPresent(rec -> publish(record, rec));
    } finally {
      MDC.remove("systemId");
      MDC.remove("assessmentId");
    }
  }

  private void publish(Record<String, String> input, Recommendation rec) {
    Headers headers = new RecordHeaders();
    // Deterministic id: a replay after a crash republishes the same event, never a new one.
    EventHeaders.stamp(
        headers, rec.systemId() + ":" + rec.revision(), EventType.RECOMMENDATION, SOURCE);
    context.forward(
        new Record<>(rec.systemId(), Json.toJson(rec), input.timestamp(), headers),
        ReportTopology.RECOMMENDATIONS_SINK);
    LOG.infof(
        "Published revision %d (%s)", rec.revision(), rec.complete() ? "complete" : "incomplete");
  }

  private void deadLetter(Record<String, String> record, String reason) {
    Headers headers = new RecordHeaders(record.headers().toArray());
    EventHeaders.put(headers, EventHeaders.DEAD_LETTER_REASON, reason);
    context
        .recordMetadata()
        .ifPresent(
            (RecordMetadata meta) -> {
              EventHeaders.put(headers, EventHeaders.DEAD_LETTER_TOPIC, meta.topic());
              EventHeaders.put(
                  headers, EventHeaders.DEAD_LETTER_PARTITION, Integer.toString(meta.partition()));
              EventHeaders.put(
                  headers, EventHeaders.DEAD_LETTER_OFFSET, Long.toString(meta.offset()));
            });
    context.forward(
        new Record<>(record.key(), record.value(), record.timestamp(), headers),
        ReportTopology.DEAD_LETTER_SINK);
    LOG.warnf("Dead-lettered a section verdict: %s", reason);
  }

  static SectionVerdict read(Record<String, String> record) {
    if (record.value() == null || record.value().isBlank()) {
      throw new UnreadableVerdict("report-service: empty value");
    }
    SectionVerdict verdict;
    try {
      verdict = Json.mapper().readValue(record.value(), SectionVerdict.class);
    } catch (JsonProcessingException e) {
      throw new UnreadableVerdict(
          "report-service: not a section verdict: "
              + e.getOriginalMessage().lines().findFirst().orElse(""));
    }
    if (record.key() == null || !record.key().equals(verdict.systemId())) {
      throw new UnreadableVerdict(
          "report-service: key '"
              + record.key()
              + "' differs from systemId '"
              + verdict.systemId()
              + "'");
    }
    if (verdict.trigger() == null) {
      throw new UnreadableVerdict("report-service: verdict has no trigger");
    }
    return verdict;
  }

  static final class UnreadableVerdict extends RuntimeException {
    UnreadableVerdict(String message) {
      super(message, null, false, false);
    }
  }
}
