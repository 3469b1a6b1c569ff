package dev.dbarch.servicekit.state;

import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;

/**
 * Caps the off-heap memory of every RocksDB store of the process: one block cache shared by all
 * stores, with memtables counted against it by one write-buffer manager, and index and filter
 * blocks kept in that cache too. Without this each store (and each Kafka Streams task's copy) takes
 * its own 50 MB block cache and memtables, so memory grows with the number of stores and
 * partitions; with it, on-disk state costs a fixed {@link #TOTAL_BYTES} however many keys it holds.
 * The report's Kafka Streams stores and intake's {@code LatestByKey} stores both go through here
 * (ADR 0011). The cache is shared, so the first {@link #init} of the process fixes its size.
 */
public final class BoundedRocksDb {

  /** Default total off-heap bytes for block cache plus memtables. */
  public static final long TOTAL_BYTES = 64L * 1024 * 1024;

  /** Default share of {@link #TOTAL_BYTES} that memtables may take. */
  public static final long MEMTABLE_BYTES = 16L * 1024 * 1024;

  private static Cache cache;
  private static WriteBufferManager writeBufferManager;
  private static long memtableBytes;

  private BoundedRocksDb() {}

  /** Sizes the shared cache; only the first call of the process counts. */
  public static synchronized void init(long totalBytes, long memtables) {
    if (cache == null) {
      RocksDB.loadLibrary();
      // Strict limit off: a read larger than the cache must still succeed. High-priority pool:
      // index and filter blocks are evicted last.
      cache = new LRUCache(totalBytes, -1, false, 0.1);
      writeBufferManager = new WriteBufferManager(memtables, cache);
      memtableBytes = memtables;
    }
  }

  /** Puts a store's options on the shared cache and write-buffer manager. */
  public static synchronized void apply(Options options) {
    init(TOTAL_BYTES, MEMTABLE_BYTES);
    BlockBasedTableConfig table =
        options.tableFormatConfig() instanceof BlockBasedTableConfig existing
            ? existing
            : new BlockBasedTableConfig();
    table.setBlockCache(cache);
    table.setCacheIndexAndFilterBlocks(true);
    table.setCacheIndexAndFilterBlocksWithHighPriority(true);
    table.setPinTopLevelIndexAndFilter(true);
    options.setWriteBufferManager(writeBufferManager);
    options.setMaxWriteBufferNumber(2);
    options.setWriteBufferSize(Math.max(1L << 20, memtableBytes / 4));
    options.setTableFormatConfig(table);
  }
}
