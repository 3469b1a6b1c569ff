package dev.dbarch.selection.rules;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Requirements documents for the situation tests, one per technology family, polyglot design,
 * contradiction or gap. Each is written the way a team would submit it.
 */
final class Situations {

  private Situations() {}

  /** The brief's e-commerce situation exactly as stated: no answers to the clarifying questions. */
  static final String ECOMMERCE_BRIEF =
      """
      description: New platform; product catalog with hierarchical categories and user reviews.
      scale: {ordersPerDay: 10000, ordersPerDayIn12Months: 100000}
      dataShape: {relational: true, hierarchical: true}
      """;

  static final String MYSQL_WEB_APP =
      """
      workload: {type: OLTP, readWriteRatio: 40, peakQps: 800, averageQps: 200, acidTransactions: true}
      scale: {dataVolumeGb: 20, dataVolumeGbIn12Months: 60}
      dataShape: {relational: true}
      consistency: {level: STRONG}
      platform: {cloud: GCP, managedPreferred: true, existingDatabases: [MySQL 8.0], vendorLockInConcern: false}
      accessPatterns:
        - name: user by email
          sql: "SELECT id, name FROM users WHERE email = ?"
        - name: recent posts of a user
          sql: "SELECT p.id, p.title FROM posts p JOIN users u ON p.user_id = u.id WHERE u.id = ? AND p.status = 'published' ORDER BY p.created_at DESC LIMIT 20"
      """;

  static final String SERVERLESS_AWS =
      """
      workload: {type: OLTP, readWriteRatio: 5, peakQps: 300, averageQps: 10, acidTransactions: true}
      dataShape: {relational: true}
      consistency: {level: STRONG}
      platform: {cloud: AWS, deployment: SERVERLESS, managedPreferred: true, vendorLockInConcern: false}
      """;

  static final String NEON_PREVIEWS =
      """
      workload: {type: OLTP, readWriteRatio: 3, peakQps: 200, averageQps: 5, acidTransactions: true}
      dataShape: {relational: true, flexibleDocuments: true}
      consistency: {level: STRONG}
      platform: {cloud: AWS, managedPreferred: true, vendorLockInConcern: true, budgetSensitivity: HIGH}
      """;

  static final String MYSQL_AT_SCALE =
      """
      workload: {type: OLTP, readWriteRatio: 2, peakQps: 60000, averageQps: 20000, acidTransactions: true}
      scale: {dataVolumeGb: 800, dataVolumeGbIn12Months: 2500}
      dataShape: {relational: true}
      consistency: {level: STRONG}
      platform: {cloud: AWS, managedPreferred: true, existingDatabases: [MySQL 8.0]}
      """;

  static final String LEDGER_SCALE_OUT =
      """
      workload: {type: OLTP, readWriteRatio: 1, peakQps: 30000, acidTransactions: true, transactionScope: ledger postings}
      dataShape: {relational: true}
      consistency: {level: STRONG}
      availability: {multiRegion: false}
      platform: {cloud: GCP, managedPreferred: false, opsExpertise: HIGH, deployment: CONTAINERS}
      """;

  static final String GLOBAL_PAYMENTS =
      """
      workload: {type: OLTP, acidTransactions: true, transactionScope: payment capture}
      dataShape: {relational: true}
      consistency: {level: STRONG}
      availability: {multiRegion: true, rpoSeconds: 0, dataResidency: [eu-central-1, us-east-1]}
      platform: {cloud: AWS, vendorLockInConcern: true}
      """;

  static final String GLOBAL_AWS_READS =
      """
      workload: {type: OLTP, readWriteRatio: 30}
      dataShape: {relational: true}
      availability: {multiRegion: true, rpoSeconds: 5}
      platform: {cloud: AWS, vendorLockInConcern: false}
      """;

  static final String LARGE_CATALOG_AWS =
      """
      workload: {type: OLTP, readWriteRatio: 50, peakQps: 30000, acidTransactions: true}
      scale:
        dataVolumeGb: 1500
        dataVolumeGbIn12Months: 3000
        tableRows: {products: 20000000, categories: 5000, price_history: 900000000}
      dataShape: {relational: true}
      consistency: {level: STRONG}
      platform: {cloud: AWS, managedPreferred: true, vendorLockInConcern: false}
      accessPatterns:
        - name: products of a category
          sql: "SELECT id, name, price FROM products WHERE category_id = ? AND status = 'active' ORDER BY price"
        - name: price history of a product
          table: price_history
          filters: [product_id, "recorded_at >= ?"]
          orderBy: [recorded_at]
      """;

  static final String CONTENT_MONGODB =
      """
      workload: {type: OLTP, readWriteRatio: 15}
      scale:
        tableRows: {articles: 200000, authors: 5000, comments: 30000000, tags: 800000}
      dataShape: {flexibleDocuments: true}
      consistency: {level: EVENTUAL}
      platform: {cloud: GCP, managedPreferred: true}
      accessPatterns:
        - name: article page
          table: articles
          filters: [slug]
          joins: ["tags.article_id = articles.id", "comments.article_id = articles.id"]
        - name: articles of an author
          table: articles
          filters: [author_id, "published_at > ?"]
          orderBy: [published_at DESC]
      """;

  static final String SERVERLESS_DYNAMODB =
      """
      workload: {type: OLTP, readWriteRatio: 4}
      scale:
        tableRows: {customers: 1000000, orders: 6000000, order_lines: 18000000}
      dataShape: {keyValue: true, flexibleDocuments: true}
      platform: {cloud: AWS, deployment: SERVERLESS, vendorLockInConcern: false}
      accessPatterns:
        - name: order history of a customer
          table: orders
          filters: [customer_id]
          orderBy: [created_at DESC]
        - name: order with its lines
          table: orders
          filters: [order_id]
          joins: ["order_lines.order_id = orders.id"]
        - name: orders by status
          table: orders
          filters: [status, "created_at > ?"]
        - name: all orders of the day
          table: orders
          filters: ["created_at >= ?"]
      """;

  static final String IOT_CASSANDRA =
      """
      workload: {type: OLTP, readWriteRatio: 0.2}
      scale: {eventsPerDay: 2000000000}
      dataShape: {timeSeries: true}
      consistency: {level: EVENTUAL}
      availability: {multiRegion: true}
      platform: {cloud: AZURE}
      accessPatterns:
        - {name: readings of a device, table: readings, filters: [device_id, "recorded_at > ?"], orderBy: [recorded_at]}
      """;

  static final String ADTECH_SCYLLA =
      """
      workload: {type: OLTP, readWriteRatio: 1, peakQps: 400000}
      latency: {p99ReadMs: 5, p99WriteMs: 5}
      dataShape: {keyValue: true}
      consistency: {level: EVENTUAL}
      platform: {cloud: GCP, managedPreferred: false, opsExpertise: HIGH}
      """;

  static final String METRICS_INFLUX =
      """
      workload: {type: OLTP, readWriteRatio: 0.5}
      dataShape: {timeSeries: true}
      platform: {sqlProficiency: LOW, cloud: AZURE}
      """;

  static final String METRICS_TIMESCALE =
      """
      workload: {type: HYBRID, readWriteRatio: 2}
      dataShape: {timeSeries: true}
      platform: {sqlProficiency: HIGH, managedPreferred: false, opsExpertise: HIGH, cloud: ON_PREM}
      """;

  static final String RAG_PGVECTOR =
      """
      workload: {type: OLTP, readWriteRatio: 20}
      dataShape: {relational: true, embeddings: true, vectorDimensions: 1536, fullTextSearch: true}
      platform: {cloud: AZURE, existingDatabases: [PostgreSQL 16]}
      accessPatterns:
        - name: nearest chunks
          sql: "SELECT id, chunk FROM documents WHERE tenant_id = $1 ORDER BY embedding <=> $2 LIMIT 10"
        - name: keyword search
          sql: "SELECT id FROM documents WHERE search_vector @@ plainto_tsquery('english', $1)"
      """;

  static final String SEMANTIC_PINECONE =
      """
      dataShape: {embeddings: true, vectorDimensions: 384}
      latency: {p99ReadMs: 50}
      platform: {managedPreferred: true, vendorLockInConcern: false}
      """;

  static final String VECTORS_MILVUS =
      """
      dataShape: {embeddings: true}
      platform: {managedPreferred: false, opsExpertise: HIGH, vendorLockInConcern: true, cloud: ON_PREM}
      """;

  static final String FRAUD_NEPTUNE =
      """
      dataShape: {graphTraversals: true, relationshipDepth: 5}
      platform: {cloud: AWS, managedPreferred: true, vendorLockInConcern: false}
      """;

  static final String SOCIAL_POLYGLOT =
      """
      workload: {type: HYBRID, readWriteRatio: 25, acidTransactions: true}
      dataShape: {relational: true, graphTraversals: true, relationshipDepth: 4, keyValue: true, fullTextSearch: true}
      consistency: {level: STRONG, perArea: {feed: EVENTUAL}}
      platform: {cloud: GCP, managedPreferred: true}
      """;

  static final String DOCUMENTS_WITH_SEARCH_AND_ANALYTICS =
      """
      workload: {type: HYBRID, readWriteRatio: 12}
      dataShape: {flexibleDocuments: true, fullTextSearch: true}
      consistency: {level: EVENTUAL}
      platform: {cloud: AZURE, managedPreferred: true}
      """;

  static final String CONTRADICTIONS =
      """
      workload: {type: OLAP, acidTransactions: true, peakQps: 100, averageQps: 400}
      latency: {p99ReadMs: 5}
      scale: {dataVolumeGb: 500, dataVolumeGbIn12Months: 300, growthPercentPerYear: 40}
      dataShape: {relational: false}
      consistency: {level: EVENTUAL}
      availability: {multiRegion: false, dataResidency: [eu-west-1, ap-southeast-2]}
      platform: {cloud: ON_PREM, managedPreferred: true}
      """;

  static final String GLOBAL_GRAPH_CONFLICT =
      """
      workload: {acidTransactions: true}
      latency: {p99WriteMs: 20}
      dataShape: {relational: true, graphTraversals: true}
      consistency: {level: STRONG}
      availability: {multiRegion: true}
      platform: {cloud: GCP, managedPreferred: false, opsExpertise: LOW}
      """;

  static final String SQL_ONLY_PATTERNS =
      """
      dataShape: {relational: true}
      workload: {readWriteRatio: 0.5}
      scale:
        tableRows: {orders: 5000000, customers: 200000}
      accessPatterns:
        - name: orders of a customer
          sql: "SELECT * FROM orders WHERE customer_id = :customer AND YEAR(created_at) = 2024"
        - name: open orders
          sql: "SELECT id, total FROM orders WHERE status = ? ORDER BY created_at"
        - name: broken export
          sql: "SELEKT everything FROM orders"
        - name: orders by region
          sql: "SELECT id, total FROM orders WHERE region = ? AND created_at > ?"
        - name: customer lookup
          sql: "SELECT c.name, o.total FROM customers c JOIN orders o ON o.customer_id = c.id WHERE lower(c.email) = ?"
      """;

  /** Every situation by name, in a fixed order. */
  static Map<String, String> all() {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("ecommerce-brief", ECOMMERCE_BRIEF);
    all.put("mysql-web-app", MYSQL_WEB_APP);
    all.put("serverless-aws", SERVERLESS_AWS);
    all.put("neon-previews", NEON_PREVIEWS);
    all.put("mysql-at-scale", MYSQL_AT_SCALE);
    all.put("ledger-scale-out", LEDGER_SCALE_OUT);
    all.put("global-payments", GLOBAL_PAYMENTS);
    all.put("global-aws-reads", GLOBAL_AWS_READS);
    all.put("large-catalog-aws", LARGE_CATALOG_AWS);
    all.put("content-mongodb", CONTENT_MONGODB);
    all.put("serverless-dynamodb", SERVERLESS_DYNAMODB);
    all.put("iot-cassandra", IOT_CASSANDRA);
    all.put("adtech-scylla", ADTECH_SCYLLA);
    all.put("metrics-influx", METRICS_INFLUX);
    all.put("metrics-timescale", METRICS_TIMESCALE);
    all.put("rag-pgvector", RAG_PGVECTOR);
    all.put("semantic-pinecone", SEMANTIC_PINECONE);
    all.put("vectors-milvus", VECTORS_MILVUS);
    all.put("fraud-neptune", FRAUD_NEPTUNE);
    all.put("social-polyglot", SOCIAL_POLYGLOT);
    all.put("documents-search-analytics", DOCUMENTS_WITH_SEARCH_AND_ANALYTICS);
    all.put("contradictions", CONTRADICTIONS);
    all.put("global-graph-conflict", GLOBAL_GRAPH_CONFLICT);
    all.put("sql-only-patterns", SQL_ONLY_PATTERNS);
    all.put("name-only", "");
    return all;
  }
}
