package dev.dbarch.servicekit.state;

import dev.dbarch.contracts.Json;
import dev.dbarch.servicekit.kafka.LatestByKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * Makes a service's on-disk views of compacted topics: each under {@code
 * <dbarch.state.dir>/latest/<topic>}, all sharing the process's {@link BoundedRocksDb} cache.
 */
@ApplicationScoped
public class LocalStores {

  @Inject StateConfig config;

  public <T> LatestByKey<T> latestByKey(
      String topic, Class<T> type, Map<String, Object> clientConfig) {
    return latestByKey(topic, type, json -> Json.fromJson(json, type), clientConfig);
  }

  /** With a reader of its own, e.g. one that also reads an older version of the record. */
  public <T> LatestByKey<T> latestByKey(
      String topic, Class<T> type, Function<String, T> reader, Map<String, Object> clientConfig) {
    BoundedRocksDb.init(config.rocksdbBytes(), config.rocksdbMemtableBytes());
    return new LatestByKey<>(topic, type, reader, clientConfig, directory(topic));
  }

  Path directory(String topic) {
    return Path.of(config.dir()).resolve("latest").resolve(topic);
  }
}
