package dev.dbarch.contracts.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Binary-mode CloudEvents headers carried by every dbarch record ({@code ce_id}, {@code ce_type},
 * {@code ce_source}, {@code ce_specversion}, {@code ce_dataschema}), plus the dead-letter reason
 * headers.
 */
public final class EventHeaders {

  public static final String ID = "ce_id";
  public static final String TYPE = "ce_type";
  public static final String SOURCE = "ce_source";
  public static final String SPEC_VERSION = "ce_specversion";
  public static final String DATA_SCHEMA = "ce_dataschema";
  public static final String CONTENT_TYPE = "content-type";

  /** Written by SmallRye's dead-letter strategy and by report-service's own dead-letter branch. */
  public static final String DEAD_LETTER_REASON = "dead-letter-reason";

  public static final String DEAD_LETTER_TOPIC = "dead-letter-topic";
  public static final String DEAD_LETTER_PARTITION = "dead-letter-partition";
  public static final String DEAD_LETTER_OFFSET = "dead-letter-offset";

  private EventHeaders() {}

  public static void put(Headers headers, String name, String value) {
    headers.remove(name);
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }

  public static String get(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }

  /** Sets the CloudEvents identity of a record. */
  public static void stamp(Headers headers, String id, EventType type, String source) {
    put(headers, SPEC_VERSION, "1.0");
    put(headers, ID, id);
    put(headers, TYPE, type.ceType());
    put(headers, SOURCE, source);
    put(headers, DATA_SCHEMA, type.dataSchema());
    put(headers, CONTENT_TYPE, "application/json");
  }
}
