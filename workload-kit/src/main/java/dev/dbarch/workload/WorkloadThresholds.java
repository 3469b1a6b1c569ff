package dev.dbarch.workload;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Every threshold of workload change detection and of the diagnoses, in one place. Services read
 * overrides from configuration ({@code dbarch.workload.thresholds.<kebab-case-name>}) through
 * {@link #with(Map)}; anything not overridden keeps the default here.
 *
 * @param topStatements how many statements count as "the top" by time
 * @param newTopMinShare the least share of statement time over an interval that makes a new top
 *     statement a change worth a re-assessment
 * @param largeTableRows from how many rows a table counts as large
 * @param seqScanRatioJump how much a large table's share of sequential scans must rise over an
 *     interval to count as a change
 * @param minSeqScans the least sequential scans of a table over an interval for its ratio to mean
 *     anything
 * @param cacheHitTarget the buffer cache hit ratio below which a database reads too much from disk
 * @param minCacheBlocks the least blocks requested before a hit ratio is judged
 * @param selectiveFraction the largest share of the rows read that a filter may keep and still
 *     count as selective (an index would read only those)
 * @param estimateErrorFactor how far actual rows may stray from the planner's estimate, either way,
 *     before the estimate counts as wrong
 * @param estimateErrorMinRows the least rows (estimated or actual) for an estimate error to matter
 * @param nestedLoopMinLoops how many times a nested loop's inner side may run before it counts as a
 *     loop over many rows
 * @param nPlusOneMinCalls the least calls of one statement shape for an N+1 pattern
 * @param nPlusOneMaxRowsPerCall the most rows per call of an N+1 lookup
 * @param offsetMin a literal OFFSET from which pagination by offset is diagnosed
 * @param indexMinCostDrop the share by which a hypothetical index must lower the planner's cost to
 *     be advised
 * @param longTransactionSeconds the age from which an open transaction counts as long
 * @param idleInTransactionSeconds how long a session may sit idle inside a transaction
 * @param connectionSaturation the share of max_connections from which connections are exhausted
 */
public record WorkloadThresholds(
    int topStatements,
    double newTopMinShare,
    long largeTableRows,
    double seqScanRatioJump,
    long minSeqScans,
    double cacheHitTarget,
    long minCacheBlocks,
    double selectiveFraction,
    double estimateErrorFactor,
    long estimateErrorMinRows,
    long nestedLoopMinLoops,
    long nPlusOneMinCalls,
    double nPlusOneMaxRowsPerCall,
    long offsetMin,
    double indexMinCostDrop,
    double longTransactionSeconds,
    double idleInTransactionSeconds,
    double connectionSaturation) {

  public static final WorkloadThresholds DEFAULTS =
      new WorkloadThresholds(
          5, 0.10, 100_000, 0.5, 5, 0.99, 1_000, 0.05, 10, 1_000, 1_000, 500, 2, 1_000, 0.5, 60, 30,
          0.8);

  /**
   * These thresholds with some replaced, by kebab-case name ({@code cache-hit-target=0.95}).
   *
   * @throws IllegalArgumentException naming an unknown threshold or a value that is not a number
   */
  public WorkloadThresholds with(Map<String, String> overrides) {
    if (overrides == null || overrides.isEmpty()) {
      return this;
    }
    RecordComponent[] components = WorkloadThresholds.class.getRecordComponents();
    Map<String, RecordComponent> byName = new TreeMap<>();
    for (RecordComponent c : components) {
      byName.put(kebab(c.getName()), c);
    }
    Object[] values = new Object[components.length];
    try {
      for (int i = 0; i < components.length; i++) {
        values[i] = components[i].getAccessor().invoke(this);
      }
      for (Map.Entry<String, String> override : overrides.entrySet()) {
        RecordComponent component = byName.get(override.getKey());
        if (component == null) {
          throw new IllegalArgumentException(
              "unknown workload threshold '"
                  + override.getKey()
                  + "'; known: "
                  + String.join(", ", byName.keySet()));
        }
        int index = Arrays.asList(components).indexOf(component);
        values[index] = parse(component, override.getKey(), override.getValue());
      }
      return (WorkloadThresholds)
          WorkloadThresholds.class
              .getDeclaredConstructor(
                  Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new))
              .newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every threshold by its configuration name, for documentation and logs. */
  public Map<String, String> asMap() {
    return Arrays.stream(WorkloadThresholds.class.getRecordComponents())
        .collect(
            Collectors.toMap(
                c -> kebab(c.getName()),
                c -> {
                  try {
                    return String.valueOf(c.getAccessor().invoke(this));
                  } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                  }
                },
                (a, b) -> a,
                TreeMap::new));
  }

  private static Object parse(RecordComponent component, String name, String value) {
    try {
      if (component.getType() == int.class) {
        return Integer.parseInt(value.strip());
      }
      if (component.getType() == long.class) {
        return Long.parseLong(value.strip().replace("_", ""));
      }
      return Double.parseDouble(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "workload threshold '" + name + "' must be a number, not '" + value + "'");
    }
  }

  static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }
}
