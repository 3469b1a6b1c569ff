package dev.dbarch.contracts.requirements;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.dbarch.contracts.Json;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * An execution plan: PostgreSQL's {@code EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)} output or
 * MySQL/MariaDB's {@code EXPLAIN FORMAT=JSON} (or {@code ANALYZE FORMAT=JSON}).
 *
 * <p>{@code plan} is the JSON itself, nested in the document; a string holding the JSON is accepted
 * too (what {@code psql -At} prints) and is read into the nested form here, so every consumer sees
 * one shape. A string that is not JSON stays a string and fails validation, naming the field.
 *
 * @param name a label for the report, e.g. the endpoint the query serves
 * @param query the SQL the plan is for, when known; rewrites are proposed on it
 * @param dialect {@code POSTGRESQL} or {@code MYSQL}; absent: told apart by the plan's shape
 */
public record QueryPlan(
    @Size(max = 200) String name,
    @Size(max = 20_000) String query,
    SchemaSource.Dialect dialect,
    @NotNull @PlanJson JsonNode plan) {

  public QueryPlan {
    if (plan != null && plan.isTextual()) {
      try {
        JsonNode parsed = Json.mapper().readTree(plan.asText());
        if (parsed != null && (parsed.isObject() || parsed.isArray())) {
          plan = parsed;
        }
      } catch (JsonProcessingException e) {
        // Left as text: validation reports that the field does not hold JSON.
      }
    }
  }
}
