package dev.dbarch.servicekit.kafka;

import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.SystemKey;
import dev.dbarch.servicekit.state.BoundedRocksDb;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The latest value of every key of a topic (typically compacted), kept on disk in a RocksDB store
 * of its own under {@code directory} and kept current: a tombstone removes the key. What a service
 * writes can be applied at once with {@link #put} so it reads its own writes before the reader sees
 * them.
 *
 * <p>Each batch of records is written together with the position reached in every partition (one
 * {@link WriteBatch}), so a restart resumes from there instead of reading the topic from its
 * beginning, and the heap holds no value: they are read from disk, and deserialized, on every
 * {@link #get}. A directory that cannot be opened (corrupt) is deleted and rebuilt from the
 * beginning of the topic, as is one whose positions the topic no longer has (the topic was created
 * again, told by its id, or records were deleted). Off-heap memory is the process's {@link
 * BoundedRocksDb} cache (ADR 0011).
 */
public final class LatestByKey<T> {

  private static final Logger LOG = Logger.getLogger(LatestByKey.class);

  /** Key prefixes: one byte, so values and positions never collide. */
  private static final byte VALUE = 'v';

  private static final byte POSITION = 'p';

  /** The id of the topic the positions belong to. */
  private static final byte[] TOPIC_ID = {'m', 't'};

  private final String topic;
  private final Class<T> type;
  private final Function<String, T> reader;
  private final Path directory;
  private final TopicReplayer replayer;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final AtomicLong recordsRead = new AtomicLong();
  private final Map<Integer, Long> written = new HashMap<>();
  private Options options;
  private RocksDB db;
  private Path openedAt;
  private boolean closed;

  public LatestByKey(
      String topic, Class<T> type, Map<String, Object> clientConfig, Path directory) {
    this(topic, type, json -> Json.fromJson(json, type), clientConfig, directory);
  }

  /** With a reader of its own, e.g. one that also reads an older version of the record. */
  public LatestByKey(
      String topic,
      Class<T> type,
      Function<String, T> reader,
      Map<String, Object> clientConfig,
      Path directory) {
    this.topic = topic;
    this.type = type;
    this.reader = reader;
    this.directory = directory;
    this.replayer = new TopicReplayer(topic, clientConfig, new Store());
  }

  /** Opens the store (rebuilding it if unreadable) and starts reading the topic. */
  public LatestByKey<T> start() {
    open();
    replayer.start();
    return this;
  }

  /** Stops reading and closes the store, releasing its lock for the next process. */
  public void stop() {
    replayer.stop();
    lock.writeLock().lock();
    try {
      if (!replayer.isStopped()) {
        // The reader is stuck in a call; closing RocksDB under it would crash the process.
        LOG.warnf("The reader of %s did not stop; leaving its store open", topic);
        return;
      }
      closed = true;
      if (db != null) {
        db.close();
        options.close();
        db = null;
      }
      if (openedAt != null && !openedAt.equals(directory)) {
        deleteRecursively(openedAt);
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  public Optional<T> get(String key) {
    String json = read(key);
    return json == null ? Optional.empty() : Optional.of(reader.apply(json));
  }

  /**
   * The value of a system: under {@code tenant/systemId}, or for the default tenant also under the
   * bare system id that records written before tenants were keyed by.
   */
  public Optional<T> get(SystemKey key) {
    Optional<T> value = get(key.toString());
    if (value.isEmpty() && SystemKey.DEFAULT_TENANT.equals(key.tenant())) {
      value = get(key.systemId());
    }
    return value;
  }

  /** Every value, in key order. Reads the whole store: for small topics only. */
  public List<T> values() {
    return values(key -> true);
  }

  /** The values whose key passes {@code keys}; the others are not deserialized. */
  public List<T> values(Predicate<String> keys) {
    List<T> found = new ArrayList<>();
    lock.readLock().lock();
    try {
      ensureOpen();
      try (RocksIterator it = db.newIterator()) {
        for (it.seek(new byte[] {VALUE}); it.isValid() && it.key()[0] == VALUE; it.next()) {
          String key = new String(it.key(), 1, it.key().length - 1, StandardCharsets.UTF_8);
          if (keys.test(key)) {
            found.add(reader.apply(new String(it.value(), StandardCharsets.UTF_8)));
          }
        }
      }
    } finally {
      lock.readLock().unlock();
    }
    return found;
  }

  /** Applies a value this service wrote (and the broker acknowledged); null removes the key. */
  public void put(String key, T value) {
    lock.readLock().lock();
    try {
      ensureOpen();
      if (value == null) {
        db.delete(valueKey(key));
      } else {
        db.put(valueKey(key), Json.toJson(value).getBytes(StandardCharsets.UTF_8));
      }
    } catch (RocksDBException e) {
      throw new IllegalStateException("Cannot write the local copy of " + topic, e);
    } finally {
      lock.readLock().unlock();
    }
  }

  public boolean isCaughtUp() {
    return replayer.isCaughtUp();
  }

  public boolean awaitCaughtUp(Duration timeout) {
    return replayer.awaitCaughtUp(timeout);
  }

  public Optional<String> failure() {
    return Optional.ofNullable(replayer.failure());
  }

  /**
   * How many records this process has read from the topic (a resumed start reads only new ones).
   */
  public long recordsRead() {
    return recordsRead.get();
  }

  private String read(String key) {
    lock.readLock().lock();
    try {
      ensureOpen();
      byte[] value = db.get(valueKey(key));
      return value == null ? null : new String(value, StandardCharsets.UTF_8);
    } catch (RocksDBException e) {
      throw new IllegalStateException("Cannot read the local copy of " + topic, e);
    } finally {
      lock.readLock().unlock();
    }
  }

  private void ensureOpen() {
    if (closed || db == null) {
      throw new IllegalStateException("The local copy of " + topic + " is closed");
    }
  }

  private void open() {
    lock.writeLock().lock();
    try {
      // RocksDB's own log: warnings only, and not one more file per start forever.
      options =
          new Options()
              .setCreateIfMissing(true)
              .setInfoLogLevel(InfoLogLevel.WARN_LEVEL)
              .setKeepLogFileNum(3);
      BoundedRocksDb.apply(options);
      Files.createDirectories(directory);
      openedAt = directory;
      try {
        db = RocksDB.open(options, directory.toString());
      } catch (RocksDBException e) {
        if (isLockHeld(e)) {
          // Another process (or another instance in this JVM) has this directory: read the topic
          // into a directory of our own instead of failing, and remove it at stop.
          openedAt =
              Files.createTempDirectory(directory.getParent(), directory.getFileName() + "-");
          LOG.warnf(
              "%s is in use by another process; reading %s from its beginning into %s",
              directory, topic, openedAt);
        } else {
          LOG.warnf(
              "The local copy of %s at %s cannot be opened (%s); rebuilding it from the topic",
              topic, directory, e.getMessage());
          deleteRecursively(directory);
          Files.createDirectories(directory);
        }
        db = RocksDB.open(options, openedAt.toString());
      }
    } catch (IOException | RocksDBException e) {
      throw new IllegalStateException("Cannot open the local copy of " + topic, e);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** RocksDB's words for a LOCK file another process (or this one) holds. */
  private static boolean isLockHeld(RocksDBException e) {
    String message = String.valueOf(e.getMessage());
    return message.contains("While lock file") || message.contains("lock hold by current process");
  }

  private static byte[] valueKey(String key) {
    byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
    byte[] prefixed = new byte[bytes.length + 1];
    prefixed[0] = VALUE;
    System.arraycopy(bytes, 0, prefixed, 1, bytes.length);
    return prefixed;
  }

  private static byte[] positionKey(int partition) {
    return ByteBuffer.allocate(5).put(POSITION).putInt(partition).array();
  }

  private static void deleteRecursively(Path path) {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new IllegalStateException("Cannot delete " + path, e);
    }
  }

  /** Called by the replayer's thread only. */
  private final class Store implements TopicReplayer.Sink {

    @Override
    public Map<TopicPartition, Long> resumeFrom(
        String topicId, Map<TopicPartition, Long> beginning, Map<TopicPartition, Long> end) {
      lock.readLock().lock();
      try {
        ensureOpen();
        Map<TopicPartition, Long> stored = new HashMap<>();
        try (RocksIterator it = db.newIterator()) {
          for (it.seek(new byte[] {POSITION}); it.isValid() && it.key()[0] == POSITION; it.next()) {
            int partition = ByteBuffer.wrap(it.key(), 1, 4).getInt();
            stored.put(new TopicPartition(topic, partition), ByteBuffer.wrap(it.value()).getLong());
          }
        }
        String stale = null;
        byte[] storedId = db.get(TOPIC_ID);
        String previousId = storedId == null ? null : new String(storedId, StandardCharsets.UTF_8);
        if (previousId != null && !previousId.equals(topicId)) {
          stale = "the topic was created again: id " + topicId + ", was " + previousId;
        }
        for (Map.Entry<TopicPartition, Long> e : stored.entrySet()) {
          if (stale != null) {
            break;
          }
          Long first = beginning.get(e.getKey());
          Long last = end.get(e.getKey());
          if (first == null || last == null || e.getValue() > last || e.getValue() < first) {
            stale = e.getKey() + " at " + e.getValue() + ", topic has " + first + ".." + last;
            break;
          }
        }
        written.clear();
        if (stale != null) {
          LOG.warnf(
              "The local copy of %s does not match the topic (%s); rebuilding it", topic, stale);
          clear();
        }
        if (!topicId.equals(previousId)) {
          db.put(TOPIC_ID, topicId.getBytes(StandardCharsets.UTF_8));
        }
        if (stale != null) {
          return Map.of();
        }
        stored.forEach((p, offset) -> written.put(p.partition(), offset));
        if (!stored.isEmpty()) {
          LOG.infof("Resuming %s from %s", topic, stored);
        }
        return stored;
      } catch (RocksDBException e) {
        throw new IllegalStateException("Cannot read the local copy of " + topic, e);
      } finally {
        lock.readLock().unlock();
      }
    }

    private void clear() throws RocksDBException {
      try (RocksIterator it = db.newIterator();
          WriteBatch batch = new WriteBatch();
          WriteOptions write = new WriteOptions()) {
        for (it.seekToFirst(); it.isValid(); it.next()) {
          batch.delete(it.key());
        }
        db.write(write, batch);
      }
    }

    @Override
    public void accept(
        ConsumerRecords<String, String> records, Map<TopicPartition, Long> positions) {
      lock.readLock().lock();
      try (WriteBatch batch = new WriteBatch();
          WriteOptions write = new WriteOptions()) {
        ensureOpen();
        for (ConsumerRecord<String, String> record : records) {
          recordsRead.incrementAndGet();
          apply(record, batch);
        }
        Map<Integer, Long> moved = new HashMap<>();
        positions.forEach(
            (p, offset) -> {
              if (!offset.equals(written.get(p.partition()))) {
                moved.put(p.partition(), offset);
              }
            });
        for (Map.Entry<Integer, Long> e : moved.entrySet()) {
          batch.put(positionKey(e.getKey()), ByteBuffer.allocate(8).putLong(e.getValue()).array());
        }
        if (batch.count() > 0) {
          db.write(write, batch);
          written.putAll(moved);
        }
      } catch (RocksDBException e) {
        throw new IllegalStateException("Cannot write the local copy of " + topic, e);
      } finally {
        lock.readLock().unlock();
      }
    }

    private void apply(ConsumerRecord<String, String> record, WriteBatch batch)
        throws RocksDBException {
      if (record.key() == null) {
        return;
      }
      if (record.value() == null) {
        batch.delete(valueKey(record.key()));
        return;
      }
      try {
        // Read once so an unreadable record is skipped here, not on every get.
        reader.apply(record.value());
      } catch (RuntimeException e) {
        LOG.warnf(
            "Skipping an unreadable %s at %s offset %d: %s",
            type.getSimpleName(), record.topic(), record.offset(), e.getMessage());
        return;
      }
      batch.put(valueKey(record.key()), record.value().getBytes(StandardCharsets.UTF_8));
    }
  }
}
