package dev.dbarch.properties;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates valid requirements documents as JSON trees (maps and lists), so a test can serialise
 * them, read them the way intake does and then mutate one value into something invalid. Every
 * optional part is present or absent at random; values include the edges a specialist must cope
 * with (zero, the largest allowed, empty lists, SQL it cannot parse).
 */
final class RequirementsGenerator {

  private static final String[] WORDS = {
    "orders",
    "customers",
    "events",
    "line_items",
    "inventory",
    "users",
    "payments",
    "sessions",
    "audit_log",
    "products",
    "shipments",
    "tenants"
  };
  private static final String[] SQL = {
    "SELECT * FROM orders WHERE customer_id = ? ORDER BY created_at DESC LIMIT 20",
    "SELECT o.id, c.name FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.status = ?",
    "UPDATE inventory SET qty = qty - 1 WHERE sku = ?",
    "INSERT INTO events (id, payload) VALUES (?, ?)",
    "SELECT count(*) FROM payments WHERE created_at > now() - interval '1 day'",
    "DELETE FROM sessions WHERE expires_at < now()",
    "WITH r AS (SELECT * FROM users) SELECT * FROM r",
    "this is not sql at all",
    "SELECT",
    "",
    "SELECT * FROM \"Quoted Table\" WHERE \"Col\" ILIKE '%x%'",
    "SELECT * FROM orders WHERE data @> '{\"a\":1}' AND id IN (SELECT order_id FROM line_items)"
  };
  private static final String[] DDL = {
    "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, created_at"
        + " timestamptz, total numeric(12,2));\nCREATE INDEX ON orders (customer_id);",
    "CREATE TABLE t (a int);",
    "CREATE TABLE customers (id uuid PRIMARY KEY, email text UNIQUE, ssn text);\n"
        + "CREATE TABLE orders (id bigserial PRIMARY KEY, customer_id uuid REFERENCES customers(id));",
    "-- only a comment",
    "INSERT INTO t VALUES (1);",
    "CREATE TABLE broken (",
    "GRANT SELECT ON orders TO reporting;"
  };
  private static final String PLAN =
      "[{\"Plan\":{\"Node Type\":\"Seq Scan\",\"Relation Name\":\"orders\",\"Alias\":\"orders\","
          + "\"Startup Cost\":0.0,\"Total Cost\":61210.0,\"Plan Rows\":31,\"Plan Width\":28,"
          + "\"Actual Startup Time\":9.12,\"Actual Total Time\":118.32,\"Actual Rows\":31,"
          + "\"Actual Loops\":1,\"Filter\":\"(customer_id = 4242)\","
          + "\"Rows Removed by Filter\":2399969},\"Planning Time\":0.21,\"Execution Time\":118.52}]";

  private final Random random;

  RequirementsGenerator(long seed) {
    this.random = new Random(seed);
  }

  Map<String, Object> document() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("systemId", systemId());
    doc.put("name", text(1, 60));
    maybe(doc, "description", () -> text(0, 300));
    maybe(doc, "workload", this::workload);
    maybe(doc, "scale", this::scale);
    maybe(doc, "dataShape", this::dataShape);
    maybe(doc, "consistency", this::consistency);
    maybe(doc, "latency", this::latency);
    maybe(doc, "availability", this::availability);
    maybe(doc, "compliance", this::compliance);
    maybe(doc, "platform", this::platform);
    maybe(doc, "accessPatterns", () -> list(0, 6, this::accessPattern));
    maybe(doc, "currentState", this::currentState);
    maybe(doc, "diagnostics", this::diagnostics);
    if (random.nextInt(5) == 0) {
      Map<String, Object> schema = new LinkedHashMap<>();
      schema.put("dialect", random.nextInt(4) == 0 ? "MYSQL" : "POSTGRESQL");
      schema.put("ddl", pick(DDL));
      doc.put("schema", schema);
    }
    return doc;
  }

  private Map<String, Object> workload() {
    Map<String, Object> m = new LinkedHashMap<>();
    maybe(m, "type", () -> pick("OLTP", "OLAP", "HYBRID"));
    maybe(m, "readWriteRatio", () -> pickDouble(0, 0.001, 1, 10, 1_000_000));
    maybe(m, "peakQps", this::count);
    maybe(m, "averageQps", this::count);
    maybe(m, "acidTransactions", random::nextBoolean);
    maybe(m, "transactionScope", () -> text(0, 40));
    maybe(m, "longRunningTransactions", random::nextBoolean);
    maybe(m, "preparedStatements", random::nextBoolean);
    maybe(m, "batchJobs", random::nextBoolean);
    maybe(m, "eventSourcing", random::nextBoolean);
    return m;
  }

  private Map<String, Object> scale() {
    Map<String, Object> m = new LinkedHashMap<>();
    maybe(m, "dataVolumeGb", this::size);
    maybe(m, "dataVolumeGbIn12Months", this::size);
    maybe(
        m,
        "tableRows",
        () -> {
          Map<String, Object> rows = new LinkedHashMap<>();
          int n = random.nextInt(5);
          for (int i = 0; i < n; i++) {
            rows.put(pick(WORDS) + (i == 0 ? "" : "_" + i), count());
          }
          return rows;
        });
    maybe(m, "growthPercentPerYear", () -> pickDouble(-100, -5, 0, 20, 300, 100_000));
    maybe(m, "ordersPerDay", this::count);
    maybe(m, "ordersPerDayIn12Months", this::count);
    maybe(m, "eventsPerDay", this::count);
    maybe(m, "concurrentUsers", this::count);
    return m;
  }

  private Map<String, Object> dataShape() {
    Map<String, Object> m = new LinkedHashMap<>();
    for (String flag :
        List.of(
            "relational",
            "flexibleDocuments",
            "keyValue",
            "timeSeries",
            "graphTraversals",
            "embeddings",
            "fullTextSearch",
            "hierarchical")) {
      maybe(m, flag, random::nextBoolean);
    }
    maybe(m, "relationshipDepth", () -> random.nextInt(101));
    maybe(m, "vectorDimensions", () -> pickInt(0, 1, 384, 1536, 65536));
    return m;
  }

  private Map<String, Object> consistency() {
    Map<String, Object> m = new LinkedHashMap<>();
    maybe(m, "level", () -> pick("STRONG", "EVENTUAL"));
    maybe(
        m,
        "perArea",
        () -> {
          Map<String, Object> areas = new LinkedHashMap<>();
          int n = random.nextInt(4);
          for (int i = 0; i < n; i++) {
            areas.put(pick(WORDS), pick("STRONG", "EVENTUAL"));
          }
          return areas;
        });
    return m;
  }

  private Map<String, Object> latency() {
    Map<String, Object> m = new LinkedHashMap<>();
    maybe(m, "p99ReadMs", () -> pickDouble(0.001, 1, 5, 50, 1e9));
    maybe(m, "p99WriteMs", () -> pickDouble(0.001, 1, 10, 200, 1e9));
    return m;
  }

  private Map<String, Object> availability() {
    Map<String, Object> m = new LinkedHashMap<>();
    maybe(m, "rtoMinutes", () -> pickDouble(0, 0.5, 5, 60, 1e7));
    maybe(m, "rpoSeconds", () -> pickDouble(0, 1, 60, 86_400, 1e9));
    maybe(m, "multiRegion", random::nextBoolean);
    maybe(m, "dataResidency", () -> list(0, 3, () -> pick("EU", "US", "de-DE", "APAC", "ch")));
    maybe(m, "automaticFailover", random::nextBoolean);
    return m;
  }

  private Map<String, Object> compliance() {
    Map<String, Object> m = new LinkedHashMap<>();
    maybe(
        m,
        "regimes",
        () -> list(0, 4, () -> pick("GDPR", "HIPAA", "PCI-DSS", "PCI_DSS", "SOC2", "SOC 2")));
    maybe(
        m,
        "sensitiveFields",
        () ->
            list(
                0,
                8,
                () ->
                    pick(
                        "email",
                        "customers.ssn",
                        "card_number",
                        "payments.pan",
                        "date of birth",
                        "x")));
    maybe(
        m,
        "multiTenancy",
        () -> pick("SINGLE_TENANT", "SHARED_SCHEMA", "SCHEMA_PER_TENANT", "DATABASE_PER_TENANT"));
    return m;
  }

  private Map<String, Object> platform() {
    Map<String, Object> m = new LinkedHashMap<>();
    maybe(m, "cloud", () -> pick("AWS", "GCP", "AZURE", "ON_PREM"));
    maybe(m, "managedPreferred", random::nextBoolean);
    maybe(m, "opsExpertise", () -> pick("LOW", "MEDIUM", "HIGH"));
    maybe(m, "sqlProficiency", () -> pick("LOW", "MEDIUM", "HIGH"));
    maybe(
        m,
        "existingDatabases",
        () -> list(0, 3, () -> pick("PostgreSQL", "MySQL", "MongoDB", "Redis", "oracle", "?")));
    maybe(m, "vendorLockInConcern", random::nextBoolean);
    maybe(m, "budgetSensitivity", () -> pick("LOW", "MEDIUM", "HIGH"));
    maybe(m, "deployment", () -> pick("SERVERLESS", "CONTAINERS", "VMS"));
    return m;
  }

  private Map<String, Object> accessPattern() {
    Map<String, Object> m = new LinkedHashMap<>();
    maybe(m, "name", () -> text(0, 40));
    maybe(m, "sql", () -> pick(SQL));
    maybe(m, "table", () -> pick(WORDS));
    maybe(m, "filters", () -> list(0, 3, () -> pick("customer_id", "status", "created_at", "")));
    maybe(m, "joins", () -> list(0, 2, () -> pick(WORDS)));
    maybe(m, "orderBy", () -> list(0, 2, () -> pick("created_at DESC", "id", "total asc")));
    maybe(m, "perSecond", () -> pickDouble(0, 0.01, 1, 500, 1e9));
    return m;
  }

  private Map<String, Object> currentState() {
    Map<String, Object> m = new LinkedHashMap<>();
    maybe(m, "sourcePlatform", () -> pick("Oracle", "MySQL", "PostgreSQL", "SQL Server", ""));
    maybe(m, "sourceVersion", () -> pick("19c", "5.7", "9.6", "x"));
    maybe(m, "sizeGb", this::size);
    maybe(m, "tableCount", () -> pickInt(0, 1, 40, 2000, Integer.MAX_VALUE));
    maybe(m, "storedProcedures", () -> pickInt(0, 3, 500, Integer.MAX_VALUE));
    maybe(m, "heavyStoredProcedures", random::nextBoolean);
    maybe(m, "downtimeToleranceMinutes", () -> pickDouble(0, 5, 240, 1e7));
    maybe(m, "targetPlatform", () -> pick("PostgreSQL", "Aurora", "MySQL", "whatever"));
    return m;
  }

  private Map<String, Object> diagnostics() {
    Map<String, Object> m = new LinkedHashMap<>();
    maybe(m, "cpuCores", () -> pickInt(0, 1, 4, 64, Integer.MAX_VALUE));
    maybe(m, "poolSize", () -> pickInt(0, 1, 10, 100, Integer.MAX_VALUE));
    maybe(m, "maxConnections", () -> pickInt(0, 1, 100, 5000, Integer.MAX_VALUE));
    maybe(m, "connectionsAtPeak", () -> pickInt(0, 1, 95, 5000, Integer.MAX_VALUE));
    maybe(m, "cpuPercentAtPeak", () -> pickDouble(0, 10, 95, 100));
    maybe(m, "cacheHitRatio", () -> pickDouble(0, 0.5, 0.99, 1));
    maybe(m, "replicationLagSeconds", () -> pickDouble(0, 0.5, 30, 1e9));
    maybe(m, "typicalQueryMs", () -> pickDouble(0, 1, 50, 1e9));
    maybe(m, "peakQueryMs", () -> pickDouble(0, 1, 500, 1e9));
    maybe(m, "connectionTimeouts", random::nextBoolean);
    maybe(m, "applicationInstances", () -> pickInt(1, 2, 40, Integer.MAX_VALUE));
    maybe(m, "memoryGb", () -> pickDouble(0, 0.5, 16, 4096));
    maybe(m, "statements", () -> list(0, 4, this::statement));
    if (random.nextInt(6) == 0) {
      Map<String, Object> plan = new LinkedHashMap<>();
      plan.put("name", "orders of a customer");
      plan.put("plan", PLAN);
      m.put("plans", List.of(plan));
    }
    maybe(
        m,
        "settings",
        () -> {
          Map<String, Object> s = new LinkedHashMap<>();
          maybe(s, "sharedBuffers", () -> pick("128MB", "16384", "8GB", "1TB", "0"));
          maybe(s, "workMem", () -> pick("4MB", "4096", "64kB", "1GB"));
          maybe(s, "effectiveCacheSize", () -> pick("4GB", "524288", "12GB"));
          maybe(s, "maxConnections", () -> pickInt(1, 100, 262_143));
          return s;
        });
    return m;
  }

  private Map<String, Object> statement() {
    Map<String, Object> m = new LinkedHashMap<>();
    maybe(m, "queryId", () -> Long.toString(random.nextLong()));
    m.put("query", pick(SQL).isEmpty() ? "SELECT 1" : pick("SELECT 1", SQL[0], SQL[1], SQL[2]));
    m.put("calls", count());
    maybe(m, "totalTimeMs", () -> pickDouble(0, 1, 1e6, 1e12));
    maybe(m, "meanTimeMs", () -> pickDouble(0, 0.01, 100, 1e6));
    maybe(m, "rows", this::count);
    maybe(m, "sharedBlocksHit", this::count);
    maybe(m, "sharedBlocksRead", this::count);
    maybe(m, "tempBlocksWritten", this::count);
    maybe(m, "rowsExamined", this::count);
    return m;
  }

  // ---- primitives

  private String systemId() {
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder id = new StringBuilder();
    id.append(alphabet.charAt(random.nextInt(alphabet.length())));
    int n = random.nextInt(20);
    for (int i = 0; i < n; i++) {
      id.append((alphabet + "-").charAt(random.nextInt(alphabet.length() + 1)));
    }
    return id.toString();
  }

  private String text(int min, int max) {
    String alphabet = "abcdefghij klmnopqrstuvwxyzÄé漢字-_.,;:'\"<>&%$#@!?/\\()[]{}\t";
    int n = min + random.nextInt(max - min + 1);
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      s.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    if (min > 0 && s.toString().isBlank()) {
      s.setCharAt(0, 'x');
    }
    return s.toString();
  }

  private long count() {
    return switch (random.nextInt(6)) {
      case 0 -> 0;
      case 1 -> 1;
      case 2 -> random.nextInt(1000);
      case 3 -> random.nextInt(10_000_000);
      case 4 -> Math.abs(random.nextLong() % 1_000_000_000_000L);
      default -> Long.MAX_VALUE;
    };
  }

  private double size() {
    return pickDouble(0, 0.001, 1, 500, 50_000, 1e12);
  }

  private <T> List<T> list(int min, int max, java.util.function.Supplier<T> element) {
    int n = min + random.nextInt(max - min + 1);
    List<T> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(element.get());
    }
    return list;
  }

  private void maybe(Map<String, Object> m, String key, java.util.function.Supplier<?> value) {
    if (random.nextInt(3) > 0) {
      m.put(key, value.get());
    }
  }

  @SafeVarargs
  private <T> T pick(T... values) {
    return values[random.nextInt(values.length)];
  }

  private double pickDouble(double... values) {
    return values[random.nextInt(values.length)];
  }

  private int pickInt(int... values) {
    return values[random.nextInt(values.length)];
  }

  Random random() {
    return random;
  }
}
