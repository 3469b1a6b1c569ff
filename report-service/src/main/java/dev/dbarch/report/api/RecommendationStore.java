package dev.dbarch.report.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbarch.contracts.Json;
import dev.dbarch.report.aggregation.ReportTopology;
import dev.dbarch.servicekit.problem.Problem;
import dev.dbarch.servicekit.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Reads the latest recommendation of a system from the global store. */
@ApplicationScoped
public class RecommendationStore {

  @Inject KafkaStreams streams;

  /** The latest recommendation as stored (JSON), if the system has one. */
  public Optional<JsonNode> latest(String systemId) {
    String json = store().get(systemId);
    if (json == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.mapper().readTree(json));
    } catch (IOException e) {
      throw new ProblemException(
          Problem.of(
              500, "Internal Server Error", "The stored recommendation cannot be read.", null));
    }
  }

  private ReadOnlyKeyValueStore<String, String> store() {
    try {
      return streams.store(
          StoreQueryParameters.fromNameAndType(
              ReportTopology.LATEST_STORE, QueryableStoreTypes.<String, String>keyValueStore()));
    } catch (InvalidStateStoreException e) {
      throw new ProblemException(
          Problem.of(
              503,
              "Service Unavailable",
              "Recommendations are still loading; retry shortly.",
              null));
    }
  }
}
