package dev.dbarch.workload.plan;

import com.fasterxml.jackson.databind.JsonNode;

/** PostgreSQL's {@code EXPLAIN (FORMAT JSON)} output into the typed tree. */
final class PostgresPlans {

  /** Deep enough for any plan a person submits; deeper input is refused, not recursed into. */
  static final int MAX_DEPTH = 200;

  private PostgresPlans() {}

  static Plan parse(JsonNode json, String name, String query) {
    JsonNode top = json.isArray() ? json.get(0) : json;
    if (top == null || !top.isObject() || !top.path("Plan").isObject()) {
      throw new PlanFormatException(
          "a PostgreSQL plan is [{\"Plan\": {...}}] or {\"Plan\": {...}}, as EXPLAIN (FORMAT JSON)"
              + " prints it");
    }
    PlanNode root = node(top.get("Plan"), 0);
    boolean analyzed = root.walk().anyMatch(PlanNode::measured) || top.has("Execution Time");
    String text = query != null ? query : textOrNull(top, "Query Text");
    return new Plan(
        Plan.Engine.POSTGRESQL,
        name,
        text,
        root,
        analyzed,
        number(top, "Planning Time"),
        number(top, "Execution Time"));
  }

  private static PlanNode node(JsonNode json, int depth) {
    if (depth > MAX_DEPTH) {
      throw new PlanFormatException("the plan is nested more than " + MAX_DEPTH + " levels deep");
    }
    if (!json.isObject() || !json.has("Node Type")) {
      throw new PlanFormatException("a plan node has no \"Node Type\"");
    }
    PlanNode.Builder b = new PlanNode.Builder();
    b.nodeType = json.get("Node Type").asText();
    b.relation = textOrNull(json, "Relation Name");
    b.schema = textOrNull(json, "Schema");
    b.alias = textOrNull(json, "Alias");
    b.index = textOrNull(json, "Index Name");
    b.joinType = textOrNull(json, "Join Type");
    b.parentRelationship = textOrNull(json, "Parent Relationship");
    b.startupCost = number(json, "Startup Cost");
    b.totalCost = number(json, "Total Cost");
    b.planRows = number(json, "Plan Rows");
    b.actualRows = number(json, "Actual Rows");
    b.actualLoops = number(json, "Actual Loops");
    b.actualTotalTimeMs = number(json, "Actual Total Time");
    b.filter = textOrNull(json, "Filter");
    b.indexCond = textOrNull(json, "Index Cond");
    if (b.indexCond == null) {
      b.indexCond = textOrNull(json, "Recheck Cond");
    }
    b.joinFilter = textOrNull(json, "Join Filter");
    b.hashCond = textOrNull(json, "Hash Cond");
    b.mergeCond = textOrNull(json, "Merge Cond");
    b.rowsRemovedByFilter = number(json, "Rows Removed by Filter");
    b.rowsRemovedByJoinFilter = number(json, "Rows Removed by Join Filter");
    json.path("Sort Key").forEach(k -> b.sortKeys.add(k.asText()));
    b.sortMethod = textOrNull(json, "Sort Method");
    b.sortSpaceKb = whole(json, "Sort Space Used");
    b.sortSpaceType = textOrNull(json, "Sort Space Type");
    // A parallel sort reports per worker; the node spills when any worker did.
    for (JsonNode worker : json.path("Workers")) {
      Long used = whole(worker, "Sort Space Used");
      if ("Disk".equals(textOrNull(worker, "Sort Space Type"))
          && used != null
          && (!"Disk".equals(b.sortSpaceType) || b.sortSpaceKb == null || used > b.sortSpaceKb)) {
        b.sortSpaceType = "Disk";
        b.sortSpaceKb = used;
        b.sortMethod = textOrNull(worker, "Sort Method");
      }
    }
    b.hashBatches = whole(json, "Hash Batches");
    if (b.hashBatches == null) {
      b.hashBatches = whole(json, "HashAgg Batches");
    }
    b.originalHashBatches = whole(json, "Original Hash Batches");
    b.peakMemoryKb = whole(json, "Peak Memory Usage");
    b.diskUsageKb = whole(json, "Disk Usage");
    b.sharedHitBlocks = whole(json, "Shared Hit Blocks");
    b.sharedReadBlocks = whole(json, "Shared Read Blocks");
    b.tempReadBlocks = whole(json, "Temp Read Blocks");
    b.tempWrittenBlocks = whole(json, "Temp Written Blocks");
    for (JsonNode child : json.path("Plans")) {
      b.children.add(node(child, depth + 1));
    }
    return b.build();
  }

  static String textOrNull(JsonNode json, String field) {
    JsonNode value = json.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  static Double number(JsonNode json, String field) {
    JsonNode value = json.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isNumber()) {
      return value.asDouble();
    }
    if (value.isTextual()) {
      try {
        return Double.parseDouble(value.asText().strip());
      } catch (NumberFormatException e) {
        throw new PlanFormatException("\"" + field + "\" is not a number: " + value.asText());
      }
    }
    throw new PlanFormatException("\"" + field + "\" is not a number");
  }

  static Long whole(JsonNode json, String field) {
    Double value = number(json, field);
    return value == null ? null : Math.round(value);
  }
}
