package dev.dbarch.report.view;

import dev.dbarch.contracts.SystemKey;
import dev.dbarch.report.view.RecommendationView.Revision;
import dev.dbarch.report.view.RecommendationView.Slice;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The read side's questions, asked of the {@link RevisionIndex} store: point reads, one page of a
 * key range, or a range walked in chunks. Each store iterator is closed before the answer is
 * returned; nothing is kept between questions.
 */
final class RevisionQueries {

  /** Revisions read per store iterator while replaying; each chunk opens and closes its own. */
  static final int REPLAY_CHUNK = 200;

  private final Supplier<ReadOnlyKeyValueStore<String, String>> store;

  RevisionQueries(Supplier<ReadOnlyKeyValueStore<String, String>> store) {
    this.store = store;
  }

  Optional<Revision> latest(SystemKey system) {
    ReadOnlyKeyValueStore<String, String> index = store.get();
    String latest = index.get(RevisionIndex.latestKey(system));
    return latest == null
        ? Optional.empty()
        : Optional.ofNullable(
            RevisionIndex.revision(
                index.get(RevisionIndex.revisionKey(system, Long.parseLong(latest)))));
  }

  Optional<Revision> revision(SystemKey system, long revision) {
    return Optional.ofNullable(
        RevisionIndex.revision(store.get().get(RevisionIndex.revisionKey(system, revision))));
  }

  Slice<Revision> revisions(SystemKey system, int page, int size) {
    return slice(
        store.get(),
        RevisionIndex.revisionPrefix(system),
        page,
        size,
        (key, json) -> RevisionIndex.revision(json));
  }

  Slice<Revision> systems(String tenant, int page, int size) {
    ReadOnlyKeyValueStore<String, String> index = store.get();
    return slice(
        index,
        RevisionIndex.latestPrefix(tenant),
        page,
        size,
        (key, latest) -> {
          SystemKey system = SystemKey.parse(key.substring(RevisionIndex.LATEST.length()));
          return RevisionIndex.revision(
              index.get(RevisionIndex.revisionKey(system, Long.parseLong(latest))));
        });
  }

  Iterable<Revision> replay(String tenant, SystemKey only, long fromRevision) {
    String prefix =
        only == null ? RevisionIndex.REVISION + tenant + "/" : RevisionIndex.revisionPrefix(only);
    return () -> new ChunkedRange(prefix, r -> r.recommendation().revision() >= fromRevision);
  }

  /** Maps one stored entry to a list item, or null to leave it out. */
  @FunctionalInterface
  private interface Reader {
    Revision read(String key, String value);
  }

  private static Slice<Revision> slice(
      ReadOnlyKeyValueStore<String, String> index,
      String prefix,
      int page,
      int size,
      Reader reader) {
    long from = (long) page * size;
    List<Revision> items = new ArrayList<>();
    int total = 0;
    try (KeyValueIterator<String, String> range =
        index.range(prefix, RevisionIndex.after(prefix))) {
      while (range.hasNext()) {
        KeyValue<String, String> entry = range.next();
        if (total >= from && items.size() < size) {
          Revision item = reader.read(entry.key, entry.value);
          if (item != null) {
            items.add(item);
          }
        }
        total++;
      }
    }
    return new Slice<>(items, total);
  }

  /** Walks a key range in chunks, each read with its own short-lived store iterator. */
  private final class ChunkedRange implements Iterator<Revision> {
    private final String end;
    private final Predicate<Revision> wanted;
    private String cursor;
    private boolean exhausted;
    private Iterator<Revision> chunk = List.<Revision>of().iterator();

    ChunkedRange(String prefix, Predicate<Revision> wanted) {
      this.end = RevisionIndex.after(prefix);
      this.wanted = wanted;
      this.cursor = prefix;
    }

    @Override
    public boolean hasNext() {
      while (!chunk.hasNext() && !exhausted) {
        chunk = nextChunk().iterator();
      }
      return chunk.hasNext();
    }

    @Override
    public Revision next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return chunk.next();
    }

    private List<Revision> nextChunk() {
      List<Revision> read = new ArrayList<>();
      int seen = 0;
      try (KeyValueIterator<String, String> range = store.get().range(cursor, end)) {
        while (range.hasNext() && seen < REPLAY_CHUNK) {
          KeyValue<String, String> entry = range.next();
          if (entry.key.equals(cursor)) {
            continue; // the range is inclusive: the previous chunk's last key
          }
          cursor = entry.key;
          seen++;
          Revision revision = RevisionIndex.revision(entry.value);
          if (revision != null && wanted.test(revision)) {
            read.add(revision);
          }
        }
        exhausted = seen < REPLAY_CHUNK;
      }
      return read;
    }
  }
}
