package dev.dbarch.workload.plan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbarch.contracts.requirements.QueryPlan;
import dev.dbarch.contracts.requirements.SchemaSource;

/**
 * Reads an execution plan in JSON into a {@link Plan}: PostgreSQL's {@code EXPLAIN (FORMAT JSON)}
 * (with or without {@code ANALYZE} and {@code BUFFERS}; versions 12 to 17 write the same shape),
 * MySQL's {@code EXPLAIN FORMAT=JSON} (the classic {@code query_block} form and 8.3's {@code
 * explain_json_format_version=2}) and MariaDB's {@code EXPLAIN}/{@code ANALYZE FORMAT=JSON}. Fields
 * a newer server adds are ignored, not refused.
 */
public final class PlanParser {

  private PlanParser() {}

  /** Parses a submitted plan; its dialect, when absent, is told from the JSON's shape. */
  public static Plan parse(QueryPlan submitted) {
    return parse(submitted.plan(), submitted.dialect(), submitted.name(), submitted.query());
  }

  /**
   * @throws PlanFormatException when the JSON is not a plan of either engine
   */
  public static Plan parse(JsonNode json, SchemaSource.Dialect dialect, String name, String query) {
    if (json == null || json.isNull() || json.isMissingNode()) {
      throw new PlanFormatException("the plan is empty");
    }
    SchemaSource.Dialect detected = dialect == null ? detect(json) : dialect;
    return switch (detected) {
      case POSTGRESQL -> PostgresPlans.parse(json, name, query);
      case MYSQL -> MySqlPlans.parse(json, name, query);
    };
  }

  /** PostgreSQL plans hold a {@code Plan} object; MySQL and MariaDB a {@code query_block}. */
  static SchemaSource.Dialect detect(JsonNode json) {
    JsonNode first = json.isArray() && json.size() > 0 ? json.get(0) : json;
    if (first.has("Plan")) {
      return SchemaSource.Dialect.POSTGRESQL;
    }
    if (first.has("query_block") || first.has("query_plan") || first.has("operation")) {
      return SchemaSource.Dialect.MYSQL;
    }
    throw new PlanFormatException(
        "neither a PostgreSQL plan (an object with \"Plan\") nor a MySQL/MariaDB plan (an object"
            + " with \"query_block\")");
  }
}
