package dev.dbarch.selection.rules;

import static dev.dbarch.selection.rules.Requests.assess;
import static dev.dbarch.testsupport.VerdictChecks.fired;
import static dev.dbarch.testsupport.VerdictChecks.spoke;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.testsupport.RuleBookChecks;
import dev.dbarch.testsupport.RuleBookChecks.FiringCase;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every rule of the selection book fires for one input and stays silent for a near miss: the same
 * kind of input just on the other side of the rule's threshold or condition. The cases must name
 * every rule in the book (RuleBookChecks refuses a missing or an extra one), so a new rule cannot
 * ship without both.
 */
class RuleFiringTest {

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

  /** The summary rules, each with a document giving its group of facts. */
  static final Map<String, String> SUMMARY_FIRES =
      Map.of(
          "SEL-REQ-001", "workload: {type: OLTP}\n",
          "SEL-REQ-002", "scale: {dataVolumeGb: 10}\n",
          "SEL-REQ-003", "consistency: {level: STRONG}\n",
          "SEL-REQ-004", "compliance: {regimes: [GDPR]}\n");

  static final String SUMMARY_WHY =
      "restates its facts when given, else records the assumption made in their place";

  static final Map<String, FiringCase> CASES = new LinkedHashMap<>();

  static {
    // The summary rules restate a group of facts when it is given and record what they assumed
    // when it is not: they speak for every input. That they decide nothing without their facts is
    // theSummaryRulesRestateOnlyWhatIsGiven.
    CASES.put("SEL-REQ-001", FiringCase.always(SUMMARY_FIRES.get("SEL-REQ-001"), SUMMARY_WHY));
    CASES.put("SEL-REQ-002", FiringCase.always(SUMMARY_FIRES.get("SEL-REQ-002"), SUMMARY_WHY));
    CASES.put("SEL-REQ-003", FiringCase.always(SUMMARY_FIRES.get("SEL-REQ-003"), SUMMARY_WHY));
    CASES.put("SEL-REQ-004", FiringCase.always(SUMMARY_FIRES.get("SEL-REQ-004"), SUMMARY_WHY));
    CASES.put(
        "SEL-REQ-005", FiringCase.of("platform: {cloud: AWS}\n", "scale: {dataVolumeGb: 5}\n"));
    CASES.put(
        "SEL-WIDE-001",
        FiringCase.of(
            "workload: {peakQps: 60000, readWriteRatio: 2}\nconsistency: {level: EVENTUAL}\n",
            "workload: {peakQps: 29997, readWriteRatio: 2}\nconsistency: {level: EVENTUAL}\n"));
    CASES.put(
        "SEL-REL-001",
        FiringCase.of("dataShape: {relational: true}\n", "dataShape: {flexibleDocuments: true}\n"));
    CASES.put(
        "SEL-GLOBAL-001",
        FiringCase.of(
            "availability: {multiRegion: true}\n", "availability: {multiRegion: false}\n"));
    CASES.put(
        "SEL-CLOUD-001",
        FiringCase.of(
            "workload: {peakQps: 300, averageQps: 30}\nplatform: {cloud: AWS}\n",
            "workload: {peakQps: 300, averageQps: 31}\nplatform: {cloud: AWS}\n"));
    CASES.put(
        "SEL-CLOUD-002",
        FiringCase.of(
            "workload: {peakQps: 20000, readWriteRatio: 1, acidTransactions: true}\n",
            "workload: {peakQps: 19998, readWriteRatio: 1, acidTransactions: true}\n"));
    CASES.put(
        "SEL-CLOUD-003",
        FiringCase.of(
            "scale: {dataVolumeGbIn12Months: 1000}\n"
                + "platform: {cloud: AWS, vendorLockInConcern: false}\n",
            "scale: {dataVolumeGbIn12Months: 999}\n"
                + "platform: {cloud: AWS, vendorLockInConcern: false}\n"));
    CASES.put(
        "SEL-DOC-001",
        FiringCase.of(
            "dataShape: {flexibleDocuments: true}\n",
            "dataShape: {relational: true, flexibleDocuments: true}\n"));
    CASES.put(
        "SEL-DOCM-001", FiringCase.of(MONGO_TAGS.formatted(10_000), MONGO_TAGS.formatted(11_000)));
    CASES.put(
        "SEL-DOCM-002", FiringCase.of(MONGO_TAGS.formatted(150_000), MONGO_TAGS.formatted(4_000)));
    CASES.put(
        "SEL-DOCM-003", FiringCase.of(MONGO_TAGS.formatted(150_000), MONGO_TAGS.formatted(10_000)));
    CASES.put(
        "SEL-DDB-001",
        FiringCase.of(
            DYNAMO.formatted("customer_id"),
            DYNAMO
                .formatted("customer_id")
                .replace("vendorLockInConcern: false", "vendorLockInConcern: true")));
    CASES.put(
        "SEL-DDB-002",
        FiringCase.of(DYNAMO.formatted("\"created_at >= ?\""), DYNAMO.formatted("customer_id")));
    CASES.put(
        "SEL-TS-001",
        FiringCase.of("dataShape: {timeSeries: true}\n", "dataShape: {relational: true}\n"));
    CASES.put(
        "SEL-GRAPH-001",
        FiringCase.of("dataShape: {graphTraversals: true}\n", "dataShape: {relational: true}\n"));
    CASES.put(
        "SEL-VEC-001",
        FiringCase.of("dataShape: {embeddings: true}\n", "dataShape: {relational: true}\n"));
    CASES.put(
        "SEL-POLY-001",
        FiringCase.of(
            "dataShape: {relational: true, fullTextSearch: true}\n",
            "dataShape: {relational: true}\n"));
    CASES.put(
        "SEL-POLY-002", FiringCase.of("workload: {type: HYBRID}\n", "workload: {type: OLTP}\n"));
    CASES.put(
        "SEL-POLY-003",
        FiringCase.of(
            "dataShape: {relational: true, keyValue: true}\n", "dataShape: {keyValue: true}\n"));
    CASES.put(
        "SEL-POLY-004",
        FiringCase.of(
            "workload: {readWriteRatio: 11}\ndataShape: {relational: true, fullTextSearch: true}\n",
            "workload: {readWriteRatio: 10}\ndataShape: {relational: true, fullTextSearch: true}\n"));
    CASES.put(
        "SEL-LOCK-001",
        FiringCase.of(
            "platform: {vendorLockInConcern: true}\n", "platform: {vendorLockInConcern: false}\n"));
    CASES.put(
        "SEL-HOST-001",
        FiringCase.of(
            "platform: {cloud: GCP, managedPreferred: true}\n",
            "platform: {cloud: ON_PREM, managedPreferred: true}\n"));
    CASES.put(
        "SEL-HOST-002", FiringCase.of("platform: {cloud: ON_PREM}\n", "platform: {cloud: GCP}\n"));
    CASES.put(
        "SEL-SCHEMA-001", FiringCase.of("workload: {type: OLTP}\n", "workload: {type: OLAP}\n"));
    CASES.put(
        "SEL-SCHEMA-002", FiringCase.of("workload: {type: OLAP}\n", "workload: {type: OLTP}\n"));
    CASES.put(
        "SEL-SCHEMA-003",
        FiringCase.of(
            "workload: {type: OLTP, readWriteRatio: 11}\nconsistency: {level: EVENTUAL}\n",
            "workload: {type: OLTP, readWriteRatio: 10}\nconsistency: {level: EVENTUAL}\n"));
    CASES.put(
        "SEL-SCHEMA-004",
        FiringCase.of("workload: {eventSourcing: true}\n", "workload: {eventSourcing: false}\n"));
    CASES.put(
        "SEL-SCHEMA-005",
        FiringCase.of(
            "dataShape: {relational: true, hierarchical: true}\n",
            "dataShape: {relational: true, hierarchical: false}\n"));
    CASES.put(
        "SEL-SCHEMA-006",
        FiringCase.of(
            "scale: {dataVolumeGbIn12Months: 101}\n", "scale: {dataVolumeGbIn12Months: 100}\n"));
    CASES.put(
        "SEL-SCHEMA-007",
        FiringCase.of("dataShape: {flexibleDocuments: true}\n", "dataShape: {relational: true}\n"));
    CASES.put(
        "SEL-SCHEMA-008",
        FiringCase.of(
            LARGE_TABLE.formatted("account_number"), LARGE_TABLE.formatted("\"opened_at > ?\"")));
    CASES.put(
        "SEL-IDX-001",
        FiringCase.of(
            "accessPatterns:\n  - {name: history, table: orders, filters: [customer_id]}\n",
            "accessPatterns:\n  - {name: by key, table: orders, filters: [id]}\n"));
    CASES.put(
        "SEL-IDX-002",
        FiringCase.of(
            "accessPatterns:\n  - {name: active, table: users, filters: [email, \"status = 'active'\"]}\n",
            "accessPatterns:\n  - {name: active, table: users, filters: [email, \"status = ?\"]}\n"));
    CASES.put(
        "SEL-IDX-003",
        FiringCase.of("dataShape: {relational: true}\n", "dataShape: {flexibleDocuments: true}\n"));
    CASES.put(
        "SEL-IDX-004",
        FiringCase.of(
            "accessPatterns:\n  - {name: filter, sql: \"SELECT id FROM products WHERE attrs @> ?\"}\n",
            "accessPatterns:\n  - {name: filter, sql: \"SELECT id FROM products WHERE attrs = ?\"}\n"));
    CASES.put(
        "SEL-IDX-005",
        FiringCase.of(
            "accessPatterns:\n  - {name: near, sql: \"SELECT id FROM items ORDER BY embedding <=> ? LIMIT 5\"}\n",
            "accessPatterns:\n  - {name: near, sql: \"SELECT id FROM items ORDER BY created_at LIMIT 5\"}\n"));
    CASES.put(
        "SEL-IDX-006",
        FiringCase.of("workload: {readWriteRatio: 0.5}\n", "workload: {readWriteRatio: 1}\n"));
    CASES.put(
        "SEL-IDX-007",
        FiringCase.of(
            "accessPatterns:\n  - {name: year, sql: \"SELECT id FROM orders WHERE YEAR(created_at) = 2024\"}\n",
            "accessPatterns:\n  - {name: year, sql: \"SELECT id FROM orders WHERE created_at >= '2024-01-01'\"}\n"));
    CASES.put(
        "SEL-IDX-008",
        FiringCase.of(
            "accessPatterns:\n  - {name: totals, sql: \"SELECT id, total FROM orders WHERE customer_id = ?\"}\n",
            "accessPatterns:\n  - {name: totals, sql: \"SELECT id, total, note, tax, currency FROM orders WHERE customer_id = ?\"}\n"));
    CASES.put(
        "SEL-IDX-009",
        FiringCase.of(
            "accessPatterns:\n  - {name: all, sql: \"SELECT * FROM orders WHERE customer_id = ?\"}\n",
            "accessPatterns:\n  - {name: all, sql: \"SELECT count(*) FROM orders WHERE customer_id = ?\"}\n"));
    CASES.put(
        "SEL-IDX-010",
        FiringCase.of(
            "accessPatterns:\n  - {name: by status, sql: \"SELECT id FROM orders WHERE status = ?\"}\n",
            "accessPatterns:\n  - {name: by status, sql: \"SELECT id FROM orders WHERE customer_id = ? AND status = ?\"}\n"));
    CASES.put(
        "SEL-IDX-012",
        FiringCase.of(
            "dataShape: {flexibleDocuments: true}\n",
            "dataShape: {flexibleDocuments: true}\n"
                + "accessPatterns:\n  - {name: by slug, table: articles, filters: [slug]}\n"));
    CASES.put(
        "SEL-IDX-011",
        FiringCase.of(WRITE_HEAVY_ORDERS.formatted("0.5"), WRITE_HEAVY_ORDERS.formatted("1")));
    CASES.put(
        "SEL-CONFLICT-001",
        FiringCase.of(
            "workload: {acidTransactions: true}\nconsistency: {level: EVENTUAL}\n",
            "workload: {acidTransactions: true}\n"
                + "consistency: {level: EVENTUAL, perArea: {payments: STRONG}}\n"));
    CASES.put(
        "SEL-CONFLICT-002",
        FiringCase.of(
            "workload: {type: OLAP}\nlatency: {p99ReadMs: 10}\n",
            "workload: {type: OLAP}\nlatency: {p99ReadMs: 11}\n"));
    CASES.put(
        "SEL-CONFLICT-003",
        FiringCase.of(
            "dataShape: {graphTraversals: true}\nconsistency: {level: STRONG}\n"
                + "availability: {multiRegion: true}\n",
            "dataShape: {graphTraversals: true}\nconsistency: {level: EVENTUAL}\n"
                + "availability: {multiRegion: true}\n"));
    CASES.put(
        "SEL-CONFLICT-004",
        FiringCase.of(
            "consistency: {level: STRONG}\nlatency: {p99WriteMs: 39}\n"
                + "availability: {multiRegion: true}\n",
            "consistency: {level: STRONG}\nlatency: {p99WriteMs: 40}\n"
                + "availability: {multiRegion: true}\n"));
    CASES.put(
        "SEL-CONFLICT-005",
        FiringCase.of(
            "platform: {cloud: ON_PREM, managedPreferred: true}\n",
            "platform: {cloud: ON_PREM}\n"));
    CASES.put(
        "SEL-CONFLICT-006",
        FiringCase.of(
            "platform: {managedPreferred: false, opsExpertise: LOW}\n",
            "platform: {managedPreferred: false, opsExpertise: MEDIUM}\n"));
    CASES.put(
        "SEL-CONFLICT-007",
        FiringCase.of(
            "scale: {dataVolumeGb: 500, dataVolumeGbIn12Months: 300, growthPercentPerYear: 20}\n",
            "scale: {dataVolumeGb: 500, dataVolumeGbIn12Months: 300, growthPercentPerYear: 0}\n"));
    CASES.put(
        "SEL-CONFLICT-008",
        FiringCase.of(
            "availability: {multiRegion: false, dataResidency: [eu-west-1, us-east-1]}\n",
            "availability: {multiRegion: false, dataResidency: [eu-west-1]}\n"));
    CASES.put(
        "SEL-CONFLICT-009",
        FiringCase.of(
            "dataShape: {relational: false}\n",
            "dataShape: {relational: false, flexibleDocuments: true}\n"));
    CASES.put(
        "SEL-ALT-001",
        FiringCase.always(
            "", "the Alternatives table is never empty: every primary has runners-up"));
    CASES.put(
        "SEL-RISK-001",
        FiringCase.of(
            "platform: {existingDatabases: [Oracle 19c], managedPreferred: true}\n",
            "platform: {existingDatabases: [PostgreSQL 14], managedPreferred: true}\n"));
    CASES.put(
        "SEL-RISK-002",
        FiringCase.of(
            "dataShape: {keyValue: true}\n"
                + "platform: {cloud: AWS, deployment: SERVERLESS, vendorLockInConcern: false}\n",
            "dataShape: {keyValue: true}\n"
                + "platform: {cloud: AWS, deployment: SERVERLESS, vendorLockInConcern: true}\n"));
    CASES.put(
        "SEL-RISK-003",
        FiringCase.of(
            "platform: {cloud: AWS, managedPreferred: true, budgetSensitivity: MEDIUM}\n",
            "platform: {cloud: AWS, managedPreferred: true, budgetSensitivity: LOW}\n"));
    // A monitored database's catalog snapshot is not a requirements document.
    CASES.put("SEL-UPG-001", FiringCase.provenBy(UpgradePathTest.class));
    // Findings the request's schema carries, passed through as risks; each schema rule's own fire
    // and near miss is schema-kit's.
    SelectionRuleBook.BOOK.ids().stream()
        .filter(SelectionRuleBook.SCHEMA_FINDINGS)
        .forEach(
            id ->
                CASES.put(
                    id, FiringCase.relayed(SchemaFindingsInSelectionTest.class, "schema-kit")));
  }

  @TestFactory
  Stream<DynamicTest> everyRuleFiresAndMissesNarrowly() {
    return RuleBookChecks.everyRuleFiresAndMissesNarrowly(
        SelectionRuleBook.BOOK, CASES, yaml -> spoke(assess(yaml)));
  }

  @Test
  void theSummaryRulesRestateOnlyWhatIsGiven() {
    SUMMARY_FIRES.forEach(
        (id, yaml) -> {
          assertThat(fired(assess(yaml))).as(yaml).contains(id);
          assertThat(fired(assess(""))).as("an empty document").doesNotContain(id);
        });
  }

  @Test
  void theAlternativesBaselineFiresForEveryInputInTheTable() {
    CASES.values().stream()
        .flatMap(c -> Stream.of(c.fires(), c.nearMiss()))
        .filter(yaml -> yaml != null)
        .forEach(yaml -> assertThat(fired(assess(yaml))).contains("SEL-ALT-001"));
  }
}
