package dev.dbarch.performance.rules;

import static dev.dbarch.testsupport.RuleBookChecks.FiringCase.always;
import static dev.dbarch.testsupport.RuleBookChecks.FiringCase.of;
import static dev.dbarch.testsupport.RuleBookChecks.FiringCase.provenBy;

import dev.dbarch.performance.workload.WorkloadDiagnosesTest;
import dev.dbarch.testsupport.RuleBookChecks;
import dev.dbarch.testsupport.RuleBookChecks.FiringCase;
import dev.dbarch.testsupport.VerdictChecks;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The performance rule book against its catalogue (both ways, same text), and every rule in it
 * fired by one requirements document and kept silent by a near miss: the same kind of input just on
 * the other side of the rule's threshold or condition.
 */
class PerformanceRuleBookTest {

  static final Path CATALOGUE = Path.of("..", "docs", "rules", "performance.md");

  static Collection<String> spoke(String yaml) {
    return VerdictChecks.spoke(PerformanceRules.assess(VerdictChecks.request(yaml)));
  }

  /** One submitted pg_stat_statements row. */
  static String statement(String query, long calls, long rows) {
    return statement(query, calls, rows, "");
  }

  static String statement(String query, long calls, long rows, String more) {
    return """
        diagnostics:
          statements:
            - {query: "%s", calls: %d, total_exec_time: 5000, rows: %d%s}
        """
        .formatted(query, calls, rows, more);
  }

  /** One submitted EXPLAIN (ANALYZE, FORMAT JSON) plan, its top node given as JSON. */
  static String plan(String node) {
    return """
        diagnostics:
          plans:
            - name: the plan
              plan: '[{"Plan": %s}]'
        """
        .formatted(node);
  }

  static String seqScan(long actualRows, long removed) {
    return plan(
        ("{\"Node Type\": \"Seq Scan\", \"Relation Name\": \"orders\", \"Alias\": \"orders\","
                + " \"Plan Rows\": %d, \"Actual Rows\": %d, \"Actual Loops\": 1,"
                + " \"Filter\": \"(customer_id = 42)\", \"Rows Removed by Filter\": %d}")
            .formatted(actualRows, actualRows, removed));
  }

  static String estimate(long planRows, long actualRows) {
    return plan(
        ("{\"Node Type\": \"Index Scan\", \"Relation Name\": \"events\", \"Alias\": \"events\","
                + " \"Index Name\": \"events_kind_idx\", \"Index Cond\": \"(kind = 3)\","
                + " \"Plan Rows\": %d, \"Actual Rows\": %d, \"Actual Loops\": 1}")
            .formatted(planRows, actualRows));
  }

  static String nestedLoop(long innerLoops) {
    return plan(
        ("{\"Node Type\": \"Nested Loop\", \"Plan Rows\": %1$d, \"Actual Rows\": %1$d,"
                + " \"Actual Loops\": 1, \"Plans\": ["
                + "{\"Node Type\": \"Index Scan\", \"Parent Relationship\": \"Outer\","
                + " \"Relation Name\": \"orders\", \"Alias\": \"o\", \"Index Name\": \"orders_pkey\","
                + " \"Plan Rows\": %1$d, \"Actual Rows\": %1$d, \"Actual Loops\": 1},"
                + "{\"Node Type\": \"Seq Scan\", \"Parent Relationship\": \"Inner\","
                + " \"Relation Name\": \"customers\", \"Alias\": \"c\", \"Plan Rows\": 1,"
                + " \"Actual Rows\": 1, \"Actual Loops\": %1$d,"
                + " \"Filter\": \"(id = o.customer_id)\", \"Rows Removed by Filter\": 20}]}")
            .formatted(innerLoops));
  }

  static String pools(int poolSize) {
    return """
        diagnostics: {poolSize: %d, applicationInstances: 4, maxConnections: 100}
        """
        .formatted(poolSize);
  }

  static String lookupOnTable(long tableRows) {
    return """
        scale: {tableRows: {orders: %d}}
        """
            .formatted(tableRows)
        + statement("SELECT id, total FROM orders WHERE customer_id = $1", 10, 10);
  }

  static final Map<String, FiringCase> CASES = new LinkedHashMap<>();

  static {
    CASES.put(
        "PERF-POOL-001",
        always(
            "diagnostics: {cpuCores: 8}\n",
            "every system gets a pool size; without the cores it is sized for 4 assumed ones"));
    CASES.put(
        "PERF-POOL-002",
        of("platform: {deployment: CONTAINERS}\n", "platform: {deployment: VMS}\n"));
    CASES.put(
        "PERF-POOL-003",
        always(
            "workload: {longRunningTransactions: true}\n",
            "every pool has a mode: session pooling with session state, transaction pooling"
                + " otherwise"));
    CASES.put(
        "PERF-CACHE-001",
        of("workload: {readWriteRatio: 10.5}\n", "workload: {readWriteRatio: 10}\n"));
    CASES.put(
        "PERF-READ-001",
        of("workload: {readWriteRatio: 10.5}\n", "workload: {readWriteRatio: 10}\n"));
    CASES.put(
        "PERF-SHARD-001",
        always(
            "scale: {dataVolumeGbIn12Months: 1000}\n",
            "the sharding question is answered for every system: plan it, or not yet"));
    CASES.put(
        "PERF-DIAG-001",
        of(
            "diagnostics: {maxConnections: 100, connectionsAtPeak: 80}\n",
            "diagnostics: {maxConnections: 100, connectionsAtPeak: 79}\n"));
    CASES.put(
        "PERF-CACHE-002",
        of("diagnostics: {cacheHitRatio: 0.69}\n", "diagnostics: {cacheHitRatio: 0.70}\n"));
    CASES.put(
        "PERF-MON-001",
        always("", "monitoring and its alert thresholds are advised for every system"));
    CASES.put(
        "PERF-RISK-001",
        of(
            "scale: {dataVolumeGb: 50, dataVolumeGbIn12Months: 400}\n",
            "scale: {dataVolumeGb: 50, dataVolumeGbIn12Months: 399}\n"));
    CASES.put(
        "PERF-RISK-002",
        of(
            "workload: {peakQps: 1500, readWriteRatio: 20}\n"
                + "consistency: {perArea: {inventory: STRONG}}\n",
            "workload: {peakQps: 1500, readWriteRatio: 20}\n"
                + "consistency: {perArea: {inventory: EVENTUAL}}\n"));
    // The workload diagnoses, on submitted statements, plans and pool figures.
    CASES.put("PERF-DIAG-010", of(seqScan(31, 99_969), seqScan(31, 99_968)));
    CASES.put("PERF-DIAG-011", of(estimate(100, 1_000), estimate(101, 1_000)));
    CASES.put(
        "PERF-DIAG-012",
        of(
            statement("SELECT id FROM orders ORDER BY total", 10, 100, ", temp_blks_written: 640"),
            statement("SELECT id FROM orders ORDER BY total", 10, 100, ", temp_blks_written: 0")));
    // Read from the live indexes (a monitored database's statistics or its schema), not a document.
    CASES.put("PERF-DIAG-015", provenBy(WorkloadDiagnosesTest.class));
    CASES.put("PERF-DIAG-013", of(nestedLoop(1_000), nestedLoop(999)));
    CASES.put(
        "PERF-DIAG-014",
        of(
            statement("SELECT id, total FROM order_items WHERE order_id = $1", 500, 1_000),
            statement("SELECT id, total FROM order_items WHERE order_id = $1", 499, 998)));
    CASES.put(
        "PERF-DIAG-016",
        of(
            statement("SELECT * FROM orders WHERE id = $1", 10, 10),
            statement("SELECT id, total FROM orders WHERE id = $1", 10, 10)));
    CASES.put(
        "PERF-DIAG-017",
        of(
            statement(
                "SELECT id FROM orders ORDER BY created_at, id LIMIT 50 OFFSET 1000", 10, 500),
            statement(
                "SELECT id FROM orders ORDER BY created_at, id LIMIT 50 OFFSET 999", 10, 500)));
    CASES.put("PERF-DIAG-018", of(lookupOnTable(100_000), lookupOnTable(99_999)));
    // Read from a monitored database's live statistics and sessions, not a document.
    CASES.put("PERF-DIAG-019", provenBy(WorkloadDiagnosesTest.class));
    CASES.put(
        "PERF-DIAG-020",
        of(
            statement(
                "SELECT id FROM orders WHERE id = $1",
                10,
                10,
                ", shared_blks_hit: 989, shared_blks_read: 11"),
            statement(
                "SELECT id FROM orders WHERE id = $1",
                10,
                10,
                ", shared_blks_hit: 990, shared_blks_read: 10")));
    CASES.put("PERF-DIAG-021", of(pools(25), pools(24)));
    CASES.put("PERF-DIAG-022", provenBy(WorkloadDiagnosesTest.class));
    CASES.put("PERF-DIAG-023", provenBy(WorkloadDiagnosesTest.class));
  }

  @Test
  void theCatalogueListsExactlyTheBooksRulesWithTheirText() {
    RuleBookChecks.assertCatalogueMatches(
        PerformanceRuleBook.BOOK, CATALOGUE, Pattern.compile("PERF-[A-Z]+-\\d{3}"));
  }

  @TestFactory
  Stream<DynamicTest> everyRuleFiresAndMissesNarrowly() {
    return RuleBookChecks.everyRuleFiresAndMissesNarrowly(
        PerformanceRuleBook.BOOK, CASES, PerformanceRuleBookTest::spoke);
  }
}
