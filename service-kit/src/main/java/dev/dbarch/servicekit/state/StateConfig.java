package dev.dbarch.servicekit.state;

import io.smallrye.config.ConfigMapping;

/** Where a service keeps its local state and how much off-heap memory RocksDB may take. */
@ConfigMapping(prefix = "dbarch.state")
public interface StateConfig {

  /**
   * The service's state directory ({@code DBARCH_STATE_DIR}); one per instance, on a persistent
   * disk. Losing it loses nothing: it is rebuilt from Kafka.
   */
  String dir();

  /**
   * Block cache plus memtables of every RocksDB store of the process ({@code
   * DBARCH_ROCKSDB_BYTES}).
   */
  long rocksdbBytes();

  /**
   * The part of {@link #rocksdbBytes} memtables may take ({@code DBARCH_ROCKSDB_MEMTABLE_BYTES}).
   */
  long rocksdbMemtableBytes();
}
