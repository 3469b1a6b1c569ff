package dev.dbarch.report.state;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Caps the off-heap memory of every RocksDB store of the process: one block cache shared by all
 * stores, with memtables counted against it by one write-buffer manager, and index and filter
 * blocks kept in that cache too. Without this each store (and each task's copy) takes its own 50 MB
 * block cache and memtables, so memory grows with the number of stores and partitions; with it, the
 * report's on-disk state costs a fixed {@link #TOTAL_BYTES} however many systems and revisions it
 * holds. Set by {@code rocksdb.config.setter}; sizes from {@code dbarch.rocksdb.*} in the Streams
 * properties, read once (the cache is shared, so the first store to open fixes it).
 */
public class BoundedRocksDb implements RocksDBConfigSetter {

  /** Default total off-heap bytes for block cache plus memtables. */
  public static final long TOTAL_BYTES = 64L * 1024 * 1024;

  /** Default share of {@link #TOTAL_BYTES} that memtables may take. */
  public static final long MEMTABLE_BYTES = 16L * 1024 * 1024;

  public static final String TOTAL_BYTES_CONFIG = "dbarch.rocksdb.total.bytes";
  public static final String MEMTABLE_BYTES_CONFIG = "dbarch.rocksdb.memtable.bytes";

  private static Cache cache;
  private static WriteBufferManager writeBufferManager;

  private static synchronized void init(Map<String, Object> configs) {
    if (cache == null) {
      long total = bytes(configs.get(TOTAL_BYTES_CONFIG), TOTAL_BYTES);
      long memtables = bytes(configs.get(MEMTABLE_BYTES_CONFIG), MEMTABLE_BYTES);
      // Strict limit off: a read larger than the cache must still succeed. High-priority pool:
      // index and filter blocks are evicted last.
      cache = new LRUCache(total, -1, false, 0.1);
      writeBufferManager = new WriteBufferManager(memtables, cache);
    }
  }

  private static long bytes(Object value, long fallback) {
    return value == null ? fallback : Long.parseLong(value.toString().trim());
  }

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    init(configs);
    BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
    table.setBlockCache(cache);
    table.setCacheIndexAndFilterBlocks(true);
    table.setCacheIndexAndFilterBlocksWithHighPriority(true);
    table.setPinTopLevelIndexAndFilter(true);
    options.setWriteBufferManager(writeBufferManager);
    options.setMaxWriteBufferNumber(2);
    options.setWriteBufferSize(Math.max(1L << 20, MEMTABLE_BYTES / 4));
    options.setTableFormatConfig(table);
  }

  @Override
  public void close(String storeName, Options options) {
    // The cache and manager are shared by every store of the process: never closed per store.
  }
}
