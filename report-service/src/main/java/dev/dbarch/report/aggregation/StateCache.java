package dev.dbarch.report.aggregation;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The states one aggregation task wrote or read last, so that the next record of the same system
 * does not read its state back from the store and parse it again. Bounded by the size of the
 * states' JSON (a stand-in for their heap), least recently used first out. Only the task's own
 * processor writes its store, so an entry is the store's value for as long as the processor lives;
 * it is cleared whenever the processor is (re)initialised or closed, as after an aborted
 * transaction, where the store is rolled back under it.
 */
final class StateCache {

  /** Per task; the report runs one task per partition of its inputs (three by default). */
  static final long DEFAULT_MAX_BYTES = 2L * 1024 * 1024;

  private record Entry(SystemState state, long bytes) {}

  private final long maxBytes;
  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
  private long bytes;

  StateCache(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  SystemState get(String systemId) {
    Entry entry = entries.get(systemId);
    return entry == null ? null : entry.state();
  }

  /** Remembers a state whose JSON is {@code size} bytes; one larger than the whole cache is not. */
  void put(String systemId, SystemState state, long size) {
    Entry previous = entries.remove(systemId);
    if (previous != null) {
      bytes -= previous.bytes();
    }
    if (size > maxBytes) {
      return;
    }
    entries.put(systemId, new Entry(state, size));
    bytes += size;
    Iterator<Map.Entry<String, Entry>> oldest = entries.entrySet().iterator();
    while (bytes > maxBytes && oldest.hasNext()) {
      bytes -= oldest.next().getValue().bytes();
      oldest.remove();
    }
  }

  void clear() {
    entries.clear();
    bytes = 0;
  }

  int size() {
    return entries.size();
  }

  long bytes() {
    return bytes;
  }
}
