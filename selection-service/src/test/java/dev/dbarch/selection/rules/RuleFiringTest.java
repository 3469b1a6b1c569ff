package dev.dbarch.selection.rules;

import static dev.dbarch.selection.rules.Requests.assess;
import static dev.dbarch.testsupport.VerdictChecks.fired;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every rule fires for one input and stays silent for a near miss: the same kind of input just on
 * the other side of the rule's threshold or condition. The table must name every rule the code can
 * emit, so a new rule cannot ship without both cases.
 */
class RuleFiringTest {

  /** An input that fires the rule, and a near miss that does not (null only for baselines). */
  record Case(String fires, String nearMiss) {}

  /** SEL-ALT-001 fires for every input by design: the Alternatives table is never empty. */
  static final List<String> BASELINES = List.of("SEL-ALT-001");

  static final String MONGO_TAGS =
      """
      dataShape: {flexibleDocuments: true}
      scale: {tableRows: {articles: 1000, tags: %d}}
      accessPatterns:
        - {name: article page, table: articles, filters: [slug], joins: ["tags.article_id = articles.id"]}
      """;

  static final String DYNAMO =
      """
      dataShape: {keyValue: true}
      platform: {cloud: AWS, deployment: SERVERLESS, vendorLockInConcern: false}
      accessPatterns:
        - {name: orders of a day, table: orders, filters: [%s]}
      """;

  static final String LARGE_TABLE =
      """
      scale: {dataVolumeGbIn12Months: 300, tableRows: {accounts: 900, notes: 100}}
      accessPatterns:
        - {name: account lookup, table: accounts, filters: [%s]}
      """;

  static final String WRITE_HEAVY_ORDERS =
      """
      workload: {readWriteRatio: %s}
      accessPatterns:
        - {name: by customer, table: orders, filters: [customer_id]}
        - {name: by sku, table: orders, filters: [sku]}
        - {name: by email, table: orders, filters: [email]}
      """;

  /**
   * Rules whose input is not a requirements document, with the test that fires them and shows the
   * near miss: SEL-UPG-001 reads a monitored database's catalog snapshot.
   */
  static final Map<String, Class<?>> TESTED_ELSEWHERE =
      Map.of("SEL-UPG-001", UpgradePathTest.class);

  static final Map<String, Case> CASES = new LinkedHashMap<>();

  static {
    CASES.put("SEL-REQ-001", new Case("workload: {type: OLTP}\n", ""));
    CASES.put("SEL-REQ-002", new Case("scale: {dataVolumeGb: 10}\n", ""));
    CASES.put("SEL-REQ-003", new Case("consistency: {level: STRONG}\n", ""));
    CASES.put("SEL-REQ-004", new Case("compliance: {regimes: [GDPR]}\n", ""));
    CASES.put("SEL-REQ-005", new Case("platform: {cloud: AWS}\n", "scale: {dataVolumeGb: 5}\n"));
    CASES.put(
        "SEL-WIDE-001",
        new Case(
            "workload: {peakQps: 60000, readWriteRatio: 2}\nconsistency: {level: EVENTUAL}\n",
            "workload: {peakQps: 29997, readWriteRatio: 2}\nconsistency: {level: EVENTUAL}\n"));
    CASES.put(
        "SEL-REL-001",
        new Case("dataShape: {relational: true}\n", "dataShape: {flexibleDocuments: true}\n"));
    CASES.put(
        "SEL-GLOBAL-001",
        new Case("availability: {multiRegion: true}\n", "availability: {multiRegion: false}\n"));
    CASES.put(
        "SEL-CLOUD-001",
        new Case(
            "workload: {peakQps: 300, averageQps: 30}\nplatform: {cloud: AWS}\n",
            "workload: {peakQps: 300, averageQps: 31}\nplatform: {cloud: AWS}\n"));
    CASES.put(
        "SEL-CLOUD-002",
        new Case(
            "workload: {peakQps: 20000, readWriteRatio: 1, acidTransactions: true}\n",
            "workload: {peakQps: 19998, readWriteRatio: 1, acidTransactions: true}\n"));
    CASES.put(
        "SEL-CLOUD-003",
        new Case(
            "scale: {dataVolumeGbIn12Months: 1000}\n"
                + "platform: {cloud: AWS, vendorLockInConcern: false}\n",
            "scale: {dataVolumeGbIn12Months: 999}\n"
                + "platform: {cloud: AWS, vendorLockInConcern: false}\n"));
    CASES.put(
        "SEL-DOC-001",
        new Case(
            "dataShape: {flexibleDocuments: true}\n",
            "dataShape: {relational: true, flexibleDocuments: true}\n"));
    CASES.put("SEL-DOCM-001", new Case(MONGO_TAGS.formatted(10_000), MONGO_TAGS.formatted(11_000)));
    CASES.put("SEL-DOCM-002", new Case(MONGO_TAGS.formatted(150_000), MONGO_TAGS.formatted(4_000)));
    CASES.put(
        "SEL-DOCM-003", new Case(MONGO_TAGS.formatted(150_000), MONGO_TAGS.formatted(10_000)));
    CASES.put(
        "SEL-DDB-001",
        new Case(
            DYNAMO.formatted("customer_id"),
            DYNAMO
                .formatted("customer_id")
                .replace("vendorLockInConcern: false", "vendorLockInConcern: true")));
    CASES.put(
        "SEL-DDB-002",
        new Case(DYNAMO.formatted("\"created_at >= ?\""), DYNAMO.formatted("customer_id")));
    CASES.put(
        "SEL-TS-001",
        new Case("dataShape: {timeSeries: true}\n", "dataShape: {relational: true}\n"));
    CASES.put(
        "SEL-GRAPH-001",
        new Case("dataShape: {graphTraversals: true}\n", "dataShape: {relational: true}\n"));
    CASES.put(
        "SEL-VEC-001",
        new Case("dataShape: {embeddings: true}\n", "dataShape: {relational: true}\n"));
    CASES.put(
        "SEL-POLY-001",
        new Case(
            "dataShape: {relational: true, fullTextSearch: true}\n",
            "dataShape: {relational: true}\n"));
    CASES.put("SEL-POLY-002", new Case("workload: {type: HYBRID}\n", "workload: {type: OLTP}\n"));
    CASES.put(
        "SEL-POLY-003",
        new Case(
            "dataShape: {relational: true, keyValue: true}\n", "dataShape: {keyValue: true}\n"));
    CASES.put(
        "SEL-POLY-004",
        new Case(
            "workload: {readWriteRatio: 11}\ndataShape: {relational: true, fullTextSearch: true}\n",
            "workload: {readWriteRatio: 10}\ndataShape: {relational: true, fullTextSearch: true}\n"));
    CASES.put(
        "SEL-LOCK-001",
        new Case(
            "platform: {vendorLockInConcern: true}\n", "platform: {vendorLockInConcern: false}\n"));
    CASES.put("SEL-HOST-001", new Case("platform: {cloud: GCP}\n", "platform: {cloud: ON_PREM}\n"));
    CASES.put("SEL-HOST-002", new Case("platform: {cloud: ON_PREM}\n", "platform: {cloud: GCP}\n"));
    CASES.put("SEL-SCHEMA-001", new Case("workload: {type: OLTP}\n", "workload: {type: OLAP}\n"));
    CASES.put("SEL-SCHEMA-002", new Case("workload: {type: OLAP}\n", "workload: {type: OLTP}\n"));
    CASES.put(
        "SEL-SCHEMA-003",
        new Case(
            "workload: {type: OLTP, readWriteRatio: 11}\nconsistency: {level: EVENTUAL}\n",
            "workload: {type: OLTP, readWriteRatio: 10}\nconsistency: {level: EVENTUAL}\n"));
    CASES.put(
        "SEL-SCHEMA-004",
        new Case("workload: {eventSourcing: true}\n", "workload: {eventSourcing: false}\n"));
    CASES.put(
        "SEL-SCHEMA-005",
        new Case(
            "dataShape: {relational: true, hierarchical: true}\n",
            "dataShape: {relational: true, hierarchical: false}\n"));
    CASES.put(
        "SEL-SCHEMA-006",
        new Case(
            "scale: {dataVolumeGbIn12Months: 101}\n", "scale: {dataVolumeGbIn12Months: 100}\n"));
    CASES.put(
        "SEL-SCHEMA-007",
        new Case("dataShape: {flexibleDocuments: true}\n", "dataShape: {relational: true}\n"));
    CASES.put(
        "SEL-SCHEMA-008",
        new Case(
            LARGE_TABLE.formatted("account_number"), LARGE_TABLE.formatted("\"opened_at > ?\"")));
    CASES.put(
        "SEL-IDX-001",
        new Case(
            "accessPatterns:\n  - {name: history, table: orders, filters: [customer_id]}\n",
            "accessPatterns:\n  - {name: by key, table: orders, filters: [id]}\n"));
    CASES.put(
        "SEL-IDX-002",
        new Case(
            "accessPatterns:\n  - {name: active, table: users, filters: [email, \"status = 'active'\"]}\n",
            "accessPatterns:\n  - {name: active, table: users, filters: [email, \"status = ?\"]}\n"));
    CASES.put(
        "SEL-IDX-003",
        new Case("dataShape: {relational: true}\n", "dataShape: {flexibleDocuments: true}\n"));
    CASES.put(
        "SEL-IDX-004",
        new Case(
            "accessPatterns:\n  - {name: filter, sql: \"SELECT id FROM products WHERE attrs @> ?\"}\n",
            "accessPatterns:\n  - {name: filter, sql: \"SELECT id FROM products WHERE attrs = ?\"}\n"));
    CASES.put(
        "SEL-IDX-005",
        new Case(
            "accessPatterns:\n  - {name: near, sql: \"SELECT id FROM items ORDER BY embedding <=> ? LIMIT 5\"}\n",
            "accessPatterns:\n  - {name: near, sql: \"SELECT id FROM items ORDER BY created_at LIMIT 5\"}\n"));
    CASES.put(
        "SEL-IDX-006",
        new Case("workload: {readWriteRatio: 0.5}\n", "workload: {readWriteRatio: 1}\n"));
    CASES.put(
        "SEL-IDX-007",
        new Case(
            "accessPatterns:\n  - {name: year, sql: \"SELECT id FROM orders WHERE YEAR(created_at) = 2024\"}\n",
            "accessPatterns:\n  - {name: year, sql: \"SELECT id FROM orders WHERE created_at >= '2024-01-01'\"}\n"));
    CASES.put(
        "SEL-IDX-008",
        new Case(
            "accessPatterns:\n  - {name: totals, sql: \"SELECT id, total FROM orders WHERE customer_id = ?\"}\n",
            "accessPatterns:\n  - {name: totals, sql: \"SELECT id, total, note, tax, currency FROM orders WHERE customer_id = ?\"}\n"));
    CASES.put(
        "SEL-IDX-009",
        new Case(
            "accessPatterns:\n  - {name: all, sql: \"SELECT * FROM orders WHERE customer_id = ?\"}\n",
            "accessPatterns:\n  - {name: all, sql: \"SELECT count(*) FROM orders WHERE customer_id = ?\"}\n"));
    CASES.put(
        "SEL-IDX-010",
        new Case(
            "accessPatterns:\n  - {name: by status, sql: \"SELECT id FROM orders WHERE status = ?\"}\n",
            "accessPatterns:\n  - {name: by status, sql: \"SELECT id FROM orders WHERE customer_id = ? AND status = ?\"}\n"));
    CASES.put(
        "SEL-IDX-012",
        new Case(
            "dataShape: {flexibleDocuments: true}\n",
            "dataShape: {flexibleDocuments: true}\n"
                + "accessPatterns:\n  - {name: by slug, table: articles, filters: [slug]}\n"));
    CASES.put(
        "SEL-IDX-011",
        new Case(WRITE_HEAVY_ORDERS.formatted("0.5"), WRITE_HEAVY_ORDERS.formatted("1")));
    CASES.put(
        "SEL-CONFLICT-001",
        new Case(
            "workload: {acidTransactions: true}\nconsistency: {level: EVENTUAL}\n",
            "workload: {acidTransactions: true}\n"
                + "consistency: {level: EVENTUAL, perArea: {payments: STRONG}}\n"));
    CASES.put(
        "SEL-CONFLICT-002",
        new Case(
            "workload: {type: OLAP}\nlatency: {p99ReadMs: 10}\n",
            "workload: {type: OLAP}\nlatency: {p99ReadMs: 11}\n"));
    CASES.put(
        "SEL-CONFLICT-003",
        new Case(
            "dataShape: {graphTraversals: true}\nconsistency: {level: STRONG}\n"
                + "availability: {multiRegion: true}\n",
            "dataShape: {graphTraversals: true}\nconsistency: {level: EVENTUAL}\n"
                + "availability: {multiRegion: true}\n"));
    CASES.put(
        "SEL-CONFLICT-004",
        new Case(
            "consistency: {level: STRONG}\nlatency: {p99WriteMs: 39}\n"
                + "availability: {multiRegion: true}\n",
            "consistency: {level: STRONG}\nlatency: {p99WriteMs: 40}\n"
                + "availability: {multiRegion: true}\n"));
    CASES.put(
        "SEL-CONFLICT-005",
        new Case(
            "platform: {cloud: ON_PREM, managedPreferred: true}\n",
            "platform: {cloud: ON_PREM}\n"));
    CASES.put(
        "SEL-CONFLICT-006",
        new Case(
            "platform: {managedPreferred: false, opsExpertise: LOW}\n",
            "platform: {managedPreferred: false, opsExpertise: MEDIUM}\n"));
    CASES.put(
        "SEL-CONFLICT-007",
        new Case(
            "scale: {dataVolumeGb: 500, dataVolumeGbIn12Months: 300, growthPercentPerYear: 20}\n",
            "scale: {dataVolumeGb: 500, dataVolumeGbIn12Months: 300, growthPercentPerYear: 0}\n"));
    CASES.put(
        "SEL-CONFLICT-008",
        new Case(
            "availability: {multiRegion: false, dataResidency: [eu-west-1, us-east-1]}\n",
            "availability: {multiRegion: false, dataResidency: [eu-west-1]}\n"));
    CASES.put(
        "SEL-CONFLICT-009",
        new Case(
            "dataShape: {relational: false}\n",
            "dataShape: {relational: false, flexibleDocuments: true}\n"));
    CASES.put("SEL-ALT-001", new Case("", null));
  }

  @Test
  void theTableCoversEveryRuleTheCodeCanEmit() {
    Set<String> covered = new java.util.HashSet<>(CASES.keySet());
    covered.addAll(TESTED_ELSEWHERE.keySet());
    assertThat(covered).containsExactlyInAnyOrderElementsOf(RuleIds.inSource());
  }

  @TestFactory
  Stream<DynamicTest> everyRuleFiresForItsInput() {
    return CASES.entrySet().stream()
        .map(
            e ->
                DynamicTest.dynamicTest(
                    e.getKey() + " fires",
                    () -> assertThat(fired(assess(e.getValue().fires()))).contains(e.getKey())));
  }

  @TestFactory
  Stream<DynamicTest> everyRuleStaysSilentForItsNearMiss() {
    return CASES.entrySet().stream()
        .filter(e -> !BASELINES.contains(e.getKey()))
        .map(
            e ->
                DynamicTest.dynamicTest(
                    e.getKey() + " near miss",
                    () ->
                        assertThat(fired(assess(e.getValue().nearMiss())))
                            .doesNotContain(e.getKey())));
  }

  @Test
  void onlyBaselinesLackANearMiss() {
    CASES.forEach(
        (id, c) -> assertThat(c.nearMiss() == null).as(id).isEqualTo(BASELINES.contains(id)));
  }

  @Test
  void theAlternativesBaselineFiresForEveryInputInTheTable() {
    CASES.values().stream()
        .flatMap(c -> Stream.of(c.fires(), c.nearMiss()))
        .filter(yaml -> yaml != null)
        .forEach(yaml -> assertThat(fired(assess(yaml))).contains("SEL-ALT-001"));
  }
}
