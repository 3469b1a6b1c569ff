package dev.dbarch.workload.plan;

import static dev.dbarch.workload.plan.PostgresPlans.number;
import static dev.dbarch.workload.plan.PostgresPlans.textOrNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * MySQL's and MariaDB's JSON plans into the typed tree. Both engines' classic form nests operations
 * ({@code ordering_operation}, {@code nested_loop}, MariaDB's {@code filesort} and {@code
 * block-nl-join}) around {@code table} objects; each table becomes a node whose type names its
 * access method. MySQL 8.3's version 2 format (an {@code operation} tree with {@code inputs}) maps
 * node for node.
 */
final class MySqlPlans {

  private static final Map<String, String> ACCESS =
      Map.ofEntries(
          Map.entry("ALL", "Full Table Scan"),
          Map.entry("index", "Full Index Scan"),
          Map.entry("range", "Index Range Scan"),
          Map.entry("index_merge", "Index Merge"),
          Map.entry("ref", "Index Lookup"),
          Map.entry("eq_ref", "Index Lookup"),
          Map.entry("ref_or_null", "Index Lookup"),
          Map.entry("const", "Constant Row"),
          Map.entry("system", "Constant Row"),
          Map.entry("fulltext", "Full-Text Lookup"),
          Map.entry("unique_subquery", "Index Lookup"),
          Map.entry("index_subquery", "Index Lookup"));

  private MySqlPlans() {}

  static Plan parse(JsonNode json, String name, String query) {
    JsonNode top = json.isArray() && json.size() > 0 ? json.get(0) : json;
    PlanNode root;
    if (top.has("query_block")) {
      root = queryBlock(top.get("query_block"), 0);
    } else if (top.has("query_plan") || top.has("operation")) {
      root = version2(top.has("query_plan") ? top.get("query_plan") : top, 0);
    } else {
      throw new PlanFormatException(
          "a MySQL/MariaDB plan is {\"query_block\": {...}}, as EXPLAIN FORMAT=JSON prints it");
    }
    boolean analyzed = root.walk().anyMatch(PlanNode::measured);
    String text = query != null ? query : textOrNull(top, "query");
    return new Plan(Plan.Engine.MYSQL, name, text, root, analyzed, null, null);
  }

  private static PlanNode queryBlock(JsonNode block, int depth) {
    depth(depth);
    PlanNode.Builder b = new PlanNode.Builder();
    b.nodeType = "Query Block";
    b.totalCost = cost(block.path("cost_info"), "query_cost");
    b.actualTotalTimeMs = number(block, "r_total_time_ms");
    b.children.addAll(operations(block, depth + 1));
    return b.build();
  }

  /** The nodes an object holds: tables, nested loops and the operations wrapped around them. */
  private static List<PlanNode> operations(JsonNode object, int depth) {
    depth(depth);
    List<PlanNode> nodes = new ArrayList<>();
    if (object.has("table")) {
      nodes.add(table(object.get("table"), depth + 1));
    }
    for (JsonNode item : object.path("nested_loop")) {
      nodes.addAll(operations(item, depth + 1));
    }
    for (String sort : List.of("ordering_operation", "filesort")) {
      if (object.has(sort)) {
        JsonNode op = object.get(sort);
        boolean sorts = !op.has("using_filesort") || op.path("using_filesort").asBoolean();
        List<PlanNode> inner = operations(op, depth + 1);
        nodes.add(sorts ? wrap("Sort", op, inner) : wrap("Ordered Read", op, inner));
      }
    }
    if (object.has("grouping_operation")) {
      JsonNode op = object.get("grouping_operation");
      nodes.add(wrap("Aggregate", op, operations(op, depth + 1)));
    }
    for (String passThrough :
        List.of(
            "duplicates_removal",
            "temporary_table",
            "block-nl-join",
            "read_sorted_file",
            "expression_cache",
            "materialized",
            "materialized_from_subquery",
            "having_condition")) {
      if (object.has(passThrough) && object.get(passThrough).isObject()) {
        nodes.addAll(operations(object.get(passThrough), depth + 1));
      }
    }
    if (object.has("query_block")) {
      nodes.add(queryBlock(object.get("query_block"), depth + 1));
    }
    if (object.has("union_result")) {
      JsonNode union = object.get("union_result");
      PlanNode.Builder b = new PlanNode.Builder();
      b.nodeType = "Union";
      JsonNode specs =
          union.has("query_specifications")
              ? union.get("query_specifications")
              : union.path("query_blocks");
      for (JsonNode spec : specs) {
        b.children.addAll(operations(spec, depth + 1));
      }
      nodes.add(b.build());
    }
    for (String subqueries :
        List.of("subqueries", "attached_subqueries", "optimized_away_subqueries")) {
      for (JsonNode sub : object.path(subqueries)) {
        nodes.addAll(operations(sub, depth + 1));
      }
    }
    return nodes;
  }

  private static PlanNode wrap(String type, JsonNode op, List<PlanNode> children) {
    PlanNode.Builder b = new PlanNode.Builder();
    b.nodeType = type;
    b.totalCost = cost(op.path("cost_info"), "sort_cost");
    if (op.has("sort_key")) {
      b.sortKeys.add(op.get("sort_key").asText());
    }
    if (op.path("using_temporary_table").asBoolean(false)) {
      b.sortMethod = "temporary table";
    }
    b.actualLoops = number(op, "r_loops");
    b.actualTotalTimeMs = number(op, "r_total_time_ms");
    b.children.addAll(children);
    return b.build();
  }

  private static PlanNode table(JsonNode table, int depth) {
    depth(depth);
    PlanNode.Builder b = new PlanNode.Builder();
    b.accessType = textOrNull(table, "access_type");
    b.nodeType =
        b.accessType == null
            ? "Table"
            : ACCESS.getOrDefault(b.accessType, "Table Access (" + b.accessType + ")");
    b.relation = textOrNull(table, "table_name");
    b.index = textOrNull(table, "key");
    b.planRows = number(table, "rows_examined_per_scan");
    if (b.planRows == null) {
      b.planRows = number(table, "rows");
    }
    b.filteredPercent = number(table, "filtered");
    b.filter = textOrNull(table, "attached_condition");
    b.indexCond = textOrNull(table, "index_condition");
    b.totalCost = cost(table.path("cost_info"), "prefix_cost");
    // MariaDB's ANALYZE FORMAT=JSON: rows read per loop, the share the condition kept, loops.
    Double rRows = number(table, "r_rows");
    if (rRows != null) {
      Double loops = number(table, "r_loops");
      Double kept = number(table, "r_filtered");
      b.actualLoops = loops == null ? 1.0 : loops;
      double keptShare = kept == null ? 1.0 : kept / 100.0;
      b.actualRows = rRows * keptShare;
      b.rowsRemovedByFilter = rRows - b.actualRows;
      b.actualTotalTimeMs = number(table, "r_table_time_ms");
    }
    for (JsonNode column : table.path("used_key_parts")) {
      b.sortKeys.add(column.asText());
    }
    if (table.has("materialized_from_subquery")) {
      b.children.addAll(operations(table.get("materialized_from_subquery"), depth + 1));
    }
    return b.build();
  }

  /** MySQL 8.3+ {@code explain_json_format_version=2}: an operation tree with inputs. */
  private static PlanNode version2(JsonNode node, int depth) {
    depth(depth);
    PlanNode.Builder b = new PlanNode.Builder();
    String access = textOrNull(node, "access_type");
    String operation = textOrNull(node, "operation");
    b.relation = textOrNull(node, "table_name");
    b.schema = textOrNull(node, "schema_name");
    b.index = textOrNull(node, "index_name");
    b.planRows = number(node, "estimated_rows");
    b.totalCost = number(node, "estimated_total_cost");
    b.actualRows = number(node, "actual_rows");
    b.actualLoops = number(node, "actual_loops");
    b.actualTotalTimeMs = number(node, "actual_last_row_ms");
    b.filter = textOrNull(node, "condition");
    b.nodeType = version2Type(access, node, operation);
    if ("Full Table Scan".equals(b.nodeType)) {
      b.accessType = "ALL";
    }
    for (JsonNode key : node.path("sort_fields")) {
      b.sortKeys.add(key.asText());
    }
    for (JsonNode input : node.path("inputs")) {
      b.children.add(version2(input, depth + 1));
    }
    return b.build();
  }

  private static String version2Type(String access, JsonNode node, String operation) {
    if (access == null) {
      return operation == null ? "Operation" : operation;
    }
    return switch (access.toLowerCase(Locale.ROOT)) {
      case "table" -> "Full Table Scan";
      case "index" ->
          switch (String.valueOf(textOrNull(node, "index_access_type"))) {
            case "index_range_scan" -> "Index Range Scan";
            case "index_scan" -> "Full Index Scan";
            default -> "Index Lookup";
          };
      case "join" ->
          "hash".equals(textOrNull(node, "join_algorithm")) ? "Hash Join" : "Nested Loop";
      case "sort" -> "Sort";
      case "filter" -> "Filter";
      case "aggregate" -> "Aggregate";
      case "limit" -> "Limit";
      default -> operation == null ? access : operation;
    };
  }

  private static Double cost(JsonNode costInfo, String field) {
    return costInfo.isMissingNode() ? null : number(costInfo, field);
  }

  private static void depth(int depth) {
    if (depth > PostgresPlans.MAX_DEPTH) {
      throw new PlanFormatException(
          "the plan is nested more than " + PostgresPlans.MAX_DEPTH + " levels deep");
    }
  }
}
