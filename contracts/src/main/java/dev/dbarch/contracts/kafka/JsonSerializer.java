package dev.dbarch.contracts.kafka;

import dev.dbarch.contracts.Json;
import org.apache.kafka.common.serialization.Serializer;

/** Writes any dbarch event with the shared, deterministic {@link Json} mapper. */
public class JsonSerializer<T> implements Serializer<T> {

  @Override
  public byte[] serialize(String topic, T data) {
    return data == null ? null : Json.toBytes(data);
  }
}
