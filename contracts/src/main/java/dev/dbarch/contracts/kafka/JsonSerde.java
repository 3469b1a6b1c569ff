package dev.dbarch.contracts.kafka;

import dev.dbarch.contracts.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** A serde for dbarch's own state and events, using the shared {@link Json} mapper. */
public final class JsonSerde<T> implements Serde<T> {

  private final Class<T> type;

  public JsonSerde(Class<T> type) {
    this.type = type;
  }

  @Override
  public Serializer<T> serializer() {
    return new JsonSerializer<>();
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, data) -> {
      if (data == null) {
        return null;
      }
      try {
        return Json.mapper().readValue(data, type);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + type.getSimpleName() + " from " + topic, e);
      }
    };
  }
}
