package dev.dbarch.contracts.kafka;

import dev.dbarch.contracts.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * How large a record dbarch produces may be (ADR 0012). Kafka's defaults stop at 1 MiB, which a
 * schema of a few hundred tables already passes; a 5,000-table, 200,000-column schema makes an
 * assessment request of about 40 MB of JSON, 4.5 MB once zstd-compressed. So every dbarch producer
 * compresses with zstd and accepts records up to {@link #MAX_RECORD_BYTES} before compression, and
 * every topic dbarch creates accepts compressed batches up to {@link #MAX_TOPIC_MESSAGE_BYTES}.
 * Producers check the size of what they are about to send against {@link #MAX_VALUE_BYTES} and
 * refuse up front (413/422 naming the field and the limit) rather than fail in the broker.
 */
public final class RecordLimits {

  /** Producer {@code max.request.size}: the largest record, uncompressed (what Kafka checks). */
  public static final int MAX_RECORD_BYTES = 64 * 1024 * 1024;

  /**
   * The largest event value a producer sends: the record limit less room for the key, the
   * CloudEvents headers and the batch overhead.
   */
  public static final int MAX_VALUE_BYTES = MAX_RECORD_BYTES - 64 * 1024;

  /**
   * Topic {@code max.message.bytes}: the largest compressed batch a dbarch topic accepts. JSON
   * compresses 8 to 10 times with zstd, so a record at {@link #MAX_RECORD_BYTES} fits with room to
   * spare; the brokers' own default (1 MiB) is left alone for everyone else's topics.
   */
  public static final int MAX_TOPIC_MESSAGE_BYTES = 16 * 1024 * 1024;

  /**
   * Producer {@code buffer.memory}: a record larger than the buffer is refused by the producer, so
   * it holds two of the largest records.
   */
  public static final long PRODUCER_BUFFER_BYTES = 2L * MAX_RECORD_BYTES;

  /** Producer {@code compression.type}: zstd compresses dbarch's JSON best for its CPU cost. */
  public static final String COMPRESSION = "zstd";

  private RecordLimits() {}

  /** The size of an event as the shared serializer writes it, without holding the bytes. */
  public static long serializedSize(Object event) {
    CountingStream counter = new CountingStream();
    try {
      Json.mapper().writeValue(counter, event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return counter.count;
  }

  /** Whether an event can be sent as one record. */
  public static boolean fits(long serializedBytes) {
    return serializedBytes <= MAX_VALUE_BYTES;
  }

  /** "64 MiB", "12.5 MiB", "195 KiB" */
  public static String describe(long bytes) {
    if (bytes % (1024 * 1024) == 0) {
      return bytes / (1024 * 1024) + " MiB";
    }
    if (bytes < 1024 * 1024) {
      return (bytes + 1023) / 1024 + " KiB";
    }
    return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
  }

  private static final class CountingStream extends OutputStream {
    private long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}
