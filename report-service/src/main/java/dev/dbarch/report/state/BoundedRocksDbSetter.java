package dev.dbarch.report.state;

import dev.dbarch.servicekit.state.BoundedRocksDb;
import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.Options;

/**
 * Puts every Kafka Streams store of the report on the process's {@link BoundedRocksDb} cache. Set
 * by {@code rocksdb.config.setter}; sizes from {@code dbarch.rocksdb.*} in the Streams properties.
 */
public class BoundedRocksDbSetter implements RocksDBConfigSetter {

  public static final String TOTAL_BYTES_CONFIG = "dbarch.rocksdb.total.bytes";
  public static final String MEMTABLE_BYTES_CONFIG = "dbarch.rocksdb.memtable.bytes";

  private static long bytes(Object value, long fallback) {
    return value == null ? fallback : Long.parseLong(value.toString().trim());
  }

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    BoundedRocksDb.init(
        bytes(configs.get(TOTAL_BYTES_CONFIG), BoundedRocksDb.TOTAL_BYTES),
        bytes(configs.get(MEMTABLE_BYTES_CONFIG), BoundedRocksDb.MEMTABLE_BYTES));
    BoundedRocksDb.apply(options);
  }

  @Override
  public void close(String storeName, Options options) {
    // The cache and manager are shared by every store of the process: never closed per store.
  }
}
