package dev.dbarch.workload.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One node of an execution plan, engine-neutral. PostgreSQL fills most fields; MySQL and MariaDB
 * fill the table access ones ({@link #accessType}, {@link #filteredPercent}). Every figure is
 * {@code null} when the plan does not carry it (no {@code ANALYZE}, no {@code BUFFERS}).
 *
 * @param nodeType PostgreSQL's node type ({@code Seq Scan}, {@code Nested Loop}, {@code Sort}…);
 *     for MySQL a name derived from the access type ({@code Full Table Scan}, {@code Index Lookup})
 * @param relation the table read, unqualified
 * @param schema the table's schema, when the plan names it ({@code VERBOSE})
 * @param index the index used
 * @param planRows rows the planner expected per loop
 * @param actualRows rows produced per loop ({@code ANALYZE})
 * @param actualLoops how many times the node ran
 * @param actualTotalTimeMs time per loop, in milliseconds
 * @param filter the condition applied to every row read ({@code Filter}; MySQL's attached
 *     condition)
 * @param rowsRemovedByFilter rows the filter discarded, per loop
 * @param sortSpaceKb memory or disk a sort used, in kB; {@code sortSpaceType} says which
 * @param hashBatches batches of a hash table; more than one means it spilled to disk
 * @param peakMemoryKb a hash table's memory peak, in kB
 * @param diskUsageKb what a hash aggregate wrote to disk, in kB
 * @param accessType MySQL's access type: {@code ALL}, {@code index}, {@code range}, {@code ref}…
 * @param filteredPercent MySQL's estimate of the rows the condition keeps, 0 to 100
 */
public record PlanNode(
    String nodeType,
    String relation,
    String schema,
    String alias,
    String index,
    String joinType,
    String parentRelationship,
    Double startupCost,
    Double totalCost,
    Double planRows,
    Double actualRows,
    Double actualLoops,
    Double actualTotalTimeMs,
    String filter,
    String indexCond,
    String joinFilter,
    String hashCond,
    String mergeCond,
    Double rowsRemovedByFilter,
    Double rowsRemovedByJoinFilter,
    List<String> sortKeys,
    String sortMethod,
    Long sortSpaceKb,
    String sortSpaceType,
    Long hashBatches,
    Long originalHashBatches,
    Long peakMemoryKb,
    Long diskUsageKb,
    Long sharedHitBlocks,
    Long sharedReadBlocks,
    Long tempReadBlocks,
    Long tempWrittenBlocks,
    String accessType,
    Double filteredPercent,
    List<PlanNode> children) {

  public PlanNode {
    sortKeys = List.copyOf(Objects.requireNonNullElse(sortKeys, List.of()));
    children = List.copyOf(Objects.requireNonNullElse(children, List.of()));
  }

  /** This node and every node below it, depth first. */
  public Stream<PlanNode> walk() {
    return Stream.concat(Stream.of(this), children.stream().flatMap(PlanNode::walk));
  }

  /** Whether actual figures were measured ({@code EXPLAIN ANALYZE}) and the node ran. */
  public boolean measured() {
    return actualRows != null && actualLoops != null && actualLoops > 0;
  }

  /** Rows produced over all loops. */
  public double actualRowsTotal() {
    return measured() ? actualRows * actualLoops : 0;
  }

  /** Rows read over all loops: those produced plus those the filter discarded. */
  public double rowsReadTotal() {
    if (!measured()) {
      return 0;
    }
    double removed = rowsRemovedByFilter == null ? 0 : rowsRemovedByFilter;
    return (actualRows + removed) * actualLoops;
  }

  /** {@code schema.relation}, or the relation alone. */
  public String qualifiedRelation() {
    if (relation == null) {
      return null;
    }
    return schema == null || schema.isEmpty() ? relation : schema + "." + relation;
  }

  public boolean isSequentialScan() {
    return "Seq Scan".equals(nodeType)
        || "Parallel Seq Scan".equals(nodeType)
        || "ALL".equalsIgnoreCase(accessType);
  }

  /** A mutable builder, for the parsers. */
  public static final class Builder {
    String nodeType;
    String relation;
    String schema;
    String alias;
    String index;
    String joinType;
    String parentRelationship;
    Double startupCost;
    Double totalCost;
    Double planRows;
    Double actualRows;
    Double actualLoops;
    Double actualTotalTimeMs;
    String filter;
    String indexCond;
    String joinFilter;
    String hashCond;
    String mergeCond;
    Double rowsRemovedByFilter;
    Double rowsRemovedByJoinFilter;
    List<String> sortKeys = new ArrayList<>();
    String sortMethod;
    Long sortSpaceKb;
    String sortSpaceType;
    Long hashBatches;
    Long originalHashBatches;
    Long peakMemoryKb;
    Long diskUsageKb;
    Long sharedHitBlocks;
    Long sharedReadBlocks;
    Long tempReadBlocks;
    Long tempWrittenBlocks;
    String accessType;
    Double filteredPercent;
    final List<PlanNode> children = new ArrayList<>();

    public PlanNode build() {
      return new PlanNode(
          nodeType,
          relation,
          schema,
          alias,
          index,
          joinType,
          parentRelationship,
          startupCost,
          totalCost,
          planRows,
          actualRows,
          actualLoops,
          actualTotalTimeMs,
          filter,
          indexCond,
          joinFilter,
          hashCond,
          mergeCond,
          rowsRemovedByFilter,
          rowsRemovedByJoinFilter,
          sortKeys,
          sortMethod,
          sortSpaceKb,
          sortSpaceType,
          hashBatches,
          originalHashBatches,
          peakMemoryKb,
          diskUsageKb,
          sharedHitBlocks,
          sharedReadBlocks,
          tempReadBlocks,
          tempWrittenBlocks,
          accessType,
          filteredPercent,
          children);
    }
  }
}
