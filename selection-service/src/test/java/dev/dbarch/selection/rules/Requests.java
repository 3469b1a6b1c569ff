package dev.dbarch.selection.rules;

import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.testsupport.VerdictChecks;

/** Runs this section's rules on a requirements document written as YAML. */
final class Requests {

  private Requests() {}

  static SectionVerdict assess(String yaml) {
    return SelectionRules.assess(VerdictChecks.request(yaml));
  }

  /** The seed's first situation: a new e-commerce platform. */
  static final String ECOMMERCE =
      """
      workload:
        type: OLTP
        readWriteRatio: 20
        peakQps: 1500
        averageQps: 300
        acidTransactions: true
        transactionScope: order placement with inventory reservation
      scale:
        dataVolumeGb: 50
        dataVolumeGbIn12Months: 400
        ordersPerDay: 10000
        ordersPerDayIn12Months: 100000
        tableRows:
          orders: 3650000
          order_items: 11000000
          reviews: 2000000
      dataShape:
        relational: true
        hierarchical: true
        fullTextSearch: true
        relationshipDepth: 3
      consistency:
        level: STRONG
        perArea:
          inventory: STRONG
          catalog: EVENTUAL
          reviews: EVENTUAL
      compliance:
        regimes: [GDPR, PCI-DSS]
      platform:
        cloud: AWS
        managedPreferred: true
        opsExpertise: LOW
        sqlProficiency: HIGH
        vendorLockInConcern: true
      accessPatterns:
        - name: customer order history
          table: orders
          filters: [customer_id]
          orderBy: [created_at DESC]
          perSecond: 200
        - name: products in a category
          table: products
          filters: [category_id, status]
          orderBy: [price]
          perSecond: 500
      """;

  /** The seed's third situation: a 2 TB Oracle database moving to PostgreSQL. */
  static final String ORACLE_MIGRATION =
      """
      workload:
        type: HYBRID
        readWriteRatio: 3
        peakQps: 4000
        acidTransactions: true
        batchJobs: true
      scale:
        dataVolumeGb: 2000
        dataVolumeGbIn12Months: 2300
      dataShape:
        relational: true
      availability:
        rtoMinutes: 30
        rpoSeconds: 0
      platform:
        cloud: AWS
        managedPreferred: true
        vendorLockInConcern: true
      currentState:
        sourcePlatform: Oracle
        sizeGb: 2000
        tableCount: 500
        heavyStoredProcedures: true
        downtimeToleranceMinutes: 0
        targetPlatform: PostgreSQL
      """;
}
