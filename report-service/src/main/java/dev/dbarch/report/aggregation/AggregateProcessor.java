package dev.dbarch.report.aggregation;

import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.SystemKey;
import dev.dbarch.contracts.events.AssessmentRequested;
import dev.dbarch.contracts.events.Recommendation;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.contracts.kafka.EventHeaders;
import dev.dbarch.contracts.kafka.EventType;
import dev.dbarch.contracts.kafka.RecordLimits;
import dev.dbarch.contracts.kafka.Topics;
import dev.dbarch.servicekit.tracing.RecordTracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Reads requests and verdicts, folds them into their system's state with {@link Aggregation} and
 * publishes the revisions that result. Overdue assessments are found by a wall-clock punctuation
 * over a store of deadlines ordered by time. A record that cannot be read goes to its topic's
 * dead-letter topic with the reason and its origin in headers; processing goes on.
 */
class AggregateProcessor implements Processor<String, String, String, String> {

  private static final Logger LOG = Logger.getLogger(AggregateProcessor.class);
  static final String SOURCE = "report-service";

  /**
   * A task that processed a record within this many milliseconds, and whose last record is older
   * than {@link #CATCHING_UP_LAG_MS}, is replaying a backlog (after a restart): deadlines wait, so
   * that sections already waiting in the topic are not reported missing.
   */
  static final long BUSY_WINDOW_MS = 2_000;

  static final long CATCHING_UP_LAG_MS = 5_000;

  private final ReportTopology.Settings settings;
  private final AggregationListener listener;
  private final RecordTracing tracing;
  private ProcessorContext<String, String> context;
  private KeyValueStore<String, SystemState> states;
  private KeyValueStore<String, String> deadlines;
  private long lastProcessedAt;
  private long lastRecordTimestamp;

  AggregateProcessor(
      ReportTopology.Settings settings, AggregationListener listener, RecordTracing tracing) {
    this.settings = settings;
    this.listener = listener;
    this.tracing = tracing;
  }

  @Override
  public void init(ProcessorContext<String, String> context) {
    this.context = context;
    this.states = context.getStateStore(ReportTopology.SYSTEM_STATE_STORE);
    this.deadlines = context.getStateStore(ReportTopology.DEADLINES_STORE);
    // Until the first records arrive, assume a backlog may be waiting.
    this.lastProcessedAt = context.currentSystemTimeMs();
    context.schedule(
        settings.deadlineCheckInterval(), PunctuationType.WALL_CLOCK_TIME, this::checkDeadlines);
  }

  @Override
  public void process(Record<String, String> record) {
    long now = context.currentSystemTimeMs();
    lastProcessedAt = now;
    lastRecordTimestamp = record.timestamp();
    String topic =
        context.recordMetadata().map(RecordMetadata::topic).orElse(Topics.SECTION_VERDICTS);
    // The record's trace goes on here: the revision it completes is published within this span,
    // so the revision carries the trace of the verdict (or request) that made it.
    Span span = tracing.consume("aggregate " + topic, topic, record.headers());
    try (Scope scope = span.makeCurrent()) {
      fold(record, topic, now);
    } finally {
      span.end();
    }
  }

  private void fold(Record<String, String> record, String topic, long now) {
    try {
      if (Topics.ASSESSMENT_REQUESTS.equals(topic)) {
        AssessmentRequested request = Inputs.request(record.key(), record.value());
        String system = request.systemKey().toString();
        withMdc(
            request.systemKey(),
            request.assessmentId(),
            () -> {
              Aggregation.Outcome outcome =
                  Aggregation.onRequest(
                      state(system), request, now, settings.sectionDeadline().toMillis());
              apply(system, request.assessmentId(), outcome, record.timestamp());
            });
      } else {
        SectionVerdict verdict = Inputs.verdict(record.key(), record.value());
        String system = verdict.systemKey().toString();
        withMdc(
            verdict.systemKey(),
            verdict.assessmentId(),
            () -> {
              SystemState current = expire(system, state(system), now, record.timestamp());
              apply(
                  system,
                  verdict.assessmentId(),
                  Aggregation.onVerdict(current, verdict, now),
                  record.timestamp());
            });
      }
    } catch (Inputs.Unreadable e) {
      deadLetter(record, topic, e.getMessage());
    }
  }

  private SystemState expire(String systemId, SystemState state, long now, long timestamp) {
    Aggregation.Outcome outcome =
        Aggregation.expireUnrequested(state, now, settings.unrequestedTtl().toMillis());
    if (outcome.ignored() != null) {
      apply(systemId, null, outcome, timestamp);
    }
    return outcome.state();
  }

  private void checkDeadlines(long now) {
    boolean catchingUp =
        now - lastProcessedAt < BUSY_WINDOW_MS && now - lastRecordTimestamp > CATCHING_UP_LAG_MS;
    if (catchingUp) {
      return;
    }
    List<KeyValue<String, String>> due = new ArrayList<>();
    try (KeyValueIterator<String, String> it =
        deadlines.range(DeadlineKey.from(0), DeadlineKey.from(now))) {
      it.forEachRemaining(due::add);
    }
    for (KeyValue<String, String> entry : due) {
      deadlines.delete(entry.key);
      DeadlineKey key = DeadlineKey.parse(entry.key);
      withMdc(
          systemKeyOrNull(key.systemId()),
          key.assessmentId(),
          () -> {
            SystemState state = states.get(key.systemId());
            if (state != null) {
              apply(
                  key.systemId(),
                  key.assessmentId(),
                  Aggregation.onDeadline(state, key.assessmentId()),
                  now);
            }
          });
    }
  }

  private void apply(
      String systemId, String assessmentId, Aggregation.Outcome outcome, long timestamp) {
    SystemState state = boundedState(systemId, outcome.state(), timestamp);
    states.put(systemId, state);
    outcome
        .deadline()
        .ifPresent(at -> deadlines.put(DeadlineKey.of(at, systemId, assessmentId), ""));
    if (outcome.ignored() != null) {
      LOG.infof("Ignored: %s", outcome.ignored());
      listener.ignored(outcome.ignored());
    }
    for (Recommendation rec : outcome.published()) {
      publish(rec, timestamp);
    }
  }

  /**
   * A state entry over the record limit would be refused by its changelog's producer, which under
   * exactly-once stops the stream thread (ADR 0012). Before that, the largest pending assessments
   * are closed until the state fits: each publishes an incomplete revision naming why (if it was
   * requested) and leaves a dead-letter entry.
   */
  private SystemState boundedState(String systemId, SystemState state, long timestamp) {
    long size = RecordLimits.serializedSize(state);
    while (size > settings.maxRecordBytes() && !state.pending().isEmpty()) {
      Map.Entry<String, SystemState.Pending> largest =
          state.pending().entrySet().stream()
              .max(Comparator.comparingLong(e -> RecordLimits.serializedSize(e.getValue())))
              .orElseThrow();
      String reason = Oversize.stateReason(largest.getKey(), size, settings.maxRecordBytes());
      Aggregation.Outcome closed = Aggregation.closeOversize(state, largest.getKey(), reason);
      deadLetterState(systemId, largest.getKey(), reason, timestamp);
      if (closed.ignored() != null) {
        LOG.warnf("Ignored: %s", closed.ignored());
        listener.ignored(closed.ignored());
      }
      for (Recommendation rec : closed.published()) {
        publish(rec, timestamp);
      }
      state = closed.state();
      size = RecordLimits.serializedSize(state);
    }
    return state;
  }

  private void deadLetterState(String key, String assessmentId, String reason, long timestamp) {
    Headers headers = new RecordHeaders();
    EventHeaders.put(headers, EventHeaders.DEAD_LETTER_REASON, SOURCE + ": " + reason);
    EventHeaders.put(headers, EventHeaders.DEAD_LETTER_TOPIC, ReportTopology.SYSTEM_STATE_STORE);
    context.forward(
        new Record<String, String>(key, null, timestamp, headers),
        ReportTopology.RECOMMENDATIONS_DLQ_SINK);
    listener.deadLettered(Topics.RECOMMENDATIONS);
    LOG.errorf("Assessment %s closed: %s", assessmentId, reason);
  }

  private void publish(Recommendation rec, long timestamp) {
    Headers headers = new RecordHeaders();
    tracing.inject(headers);
    // Deterministic id: a replay after a crash republishes the same event, never a new one.
    String key = rec.systemKey().toString();
    EventHeaders.stamp(headers, key + ":" + rec.revision(), EventType.RECOMMENDATION, SOURCE);
    String json = Json.toJson(rec);
    long size = json.getBytes(StandardCharsets.UTF_8).length;
    if (size > settings.maxRecordBytes()) {
      String reason = Oversize.reason(rec, size, settings.maxRecordBytes());
      rec = Oversize.withoutSections(rec, reason);
      json = Json.toJson(rec);
      deadLetterOversize(key, headers, rec.revision(), reason, timestamp);
    }
    context.forward(
        new Record<>(key, json, timestamp, headers), ReportTopology.RECOMMENDATIONS_SINK);
    context.forward(new Record<>(key, json, timestamp, headers), ReportTopology.HISTORY_SINK);
    listener.published(rec);
    LOG.infof(
        "Published revision %d (%s)",
        rec.revision(),
        rec.complete() ? "complete" : "incomplete, missing " + rec.missingSections());
  }

  /**
   * The revision that could not be published whole leaves a trace for operators: its key and
   * headers with the reason, no value (the value is what did not fit).
   */
  private void deadLetterOversize(
      String key, Headers published, long revision, String reason, long timestamp) {
    Headers headers = new RecordHeaders(published.toArray());
    EventHeaders.put(headers, EventHeaders.DEAD_LETTER_REASON, SOURCE + ": " + reason);
    EventHeaders.put(headers, EventHeaders.DEAD_LETTER_TOPIC, Topics.RECOMMENDATIONS);
    context.forward(
        new Record<String, String>(key, null, timestamp, headers),
        ReportTopology.RECOMMENDATIONS_DLQ_SINK);
    listener.deadLettered(Topics.RECOMMENDATIONS);
    LOG.errorf("Revision %d published without its sections: %s", revision, reason);
  }

  private void deadLetter(Record<String, String> record, String topic, String reason) {
    Headers headers = new RecordHeaders(record.headers().toArray());
    EventHeaders.put(headers, EventHeaders.DEAD_LETTER_REASON, reason);
    context
        .recordMetadata()
        .ifPresent(
            meta -> {
              EventHeaders.put(headers, EventHeaders.DEAD_LETTER_TOPIC, meta.topic());
              EventHeaders.put(
                  headers, EventHeaders.DEAD_LETTER_PARTITION, Integer.toString(meta.partition()));
              EventHeaders.put(
                  headers, EventHeaders.DEAD_LETTER_OFFSET, Long.toString(meta.offset()));
            });
    boolean request = Topics.ASSESSMENT_REQUESTS.equals(topic);
    context.forward(
        new Record<>(record.key(), record.value(), record.timestamp(), headers),
        request ? ReportTopology.REQUESTS_DLQ_SINK : ReportTopology.VERDICTS_DLQ_SINK);
    listener.deadLettered(topic);
    LOG.warnf("Dead-lettered a record of %s: %s", topic, reason);
  }

  private SystemState state(String systemId) {
    SystemState state = states.get(systemId);
    return state == null ? SystemState.empty() : state;
  }

  private static void withMdc(SystemKey system, String assessmentId, Runnable work) {
    if (system != null) {
      MDC.put("tenant", system.tenant());
      MDC.put("systemId", system.systemId());
    }
    if (assessmentId != null) {
      MDC.put("assessmentId", assessmentId);
    }
    try {
      work.run();
    } finally {
      MDC.remove("tenant");
      MDC.remove("systemId");
      MDC.remove("assessmentId");
    }
  }

  private static SystemKey systemKeyOrNull(String key) {
    try {
      return SystemKey.parse(key);
    } catch (IllegalArgumentException e) {
      return null; // a deadline stored before tenants, keyed by the bare system id
    }
  }

  /**
   * Deadline keys sort by time: {@code 0000001700000000000|tenant/system|assessment}; the middle
   * part is the state store's key of the system.
   */
  record DeadlineKey(long at, String systemId, String assessmentId) {

    static String of(long at, String systemId, String assessmentId) {
      return from(at) + "|" + systemId + "|" + assessmentId;
    }

    /** The smallest key at {@code at}, for range scans. */
    static String from(long at) {
      return String.format("%019d", at);
    }

    static DeadlineKey parse(String key) {
      String[] parts = key.split("\\|", 3);
      return new DeadlineKey(Long.parseLong(parts[0]), parts[1], parts[2]);
    }
  }
}
