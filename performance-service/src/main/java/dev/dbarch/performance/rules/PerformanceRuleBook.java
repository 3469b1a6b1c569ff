package dev.dbarch.performance.rules;

import dev.dbarch.contracts.events.Heading;
import dev.dbarch.contracts.rules.Rule;
import dev.dbarch.contracts.rules.RuleBook;
import dev.dbarch.workload.diagnosis.Diagnoses;
import java.util.ArrayList;
import java.util.List;

/**
 * Every rule the performance section may emit, in the order of {@code docs/rules/performance.md}:
 * its own rules, then the workload diagnoses of {@link Diagnoses#ALL}, registered from their own
 * metadata (title as the catalogue's second column, catalogue text as when they apply) so the two
 * cannot drift apart. {@link PerformanceRules} builds its verdict with this book, so an id missing
 * here fails the first test that reaches it.
 */
public final class PerformanceRuleBook {

  private static final List<Rule> OWN =
      List.of(
          new Rule(
              "PERF-POOL-001",
              Heading.PERFORMANCE_OPTIMIZATION,
              "Pool size = (cores × 2) + 1 server connections on the chosen primary (the kernel's `SystemProfile.chosen()`: e.g. \"the chosen Amazon RDS for PostgreSQL primary\"); on serverless SQL capacity (Aurora Serverless v2, Neon) about 5 connections per application instance behind the provider's pooler instead",
              "every system; diagnostics.cpuCores, 4 cores assumed when missing"),
          new Rule(
              "PERF-POOL-002",
              Heading.PERFORMANCE_OPTIMIZATION,
              "One shared external pooler that fits the chosen primary: RDS Proxy for a PostgreSQL or MySQL managed on AWS (RDS, Aurora), the provider's endpoint for Neon or PlanetScale, else PgBouncer (ProxySQL for MySQL)",
              "platform.deployment is SERVERLESS or CONTAINERS"),
          new Rule(
              "PERF-POOL-003",
              Heading.PERFORMANCE_OPTIMIZATION,
              "Session pooling, else transaction pooling",
              "every system; session mode when long-running transactions or prepared statements"),
          new Rule(
              "PERF-CACHE-001",
              Heading.PERFORMANCE_OPTIMIZATION,
              "Redis cache-aside with per-key TTL, hit ratio target above 80%; or, for"
                  + " write-dominated data, no read cache (write-through if one is added)",
              "workload.readWriteRatio above 10 (cache-aside) or below 1 (no read cache)"),
          new Rule(
              "PERF-READ-001",
              Heading.PERFORMANCE_OPTIMIZATION,
              "Lag-tolerant reads on asynchronous read replicas",
              "workload.readWriteRatio above 10"),
          new Rule(
              "PERF-SHARD-001",
              Heading.PERFORMANCE_OPTIMIZATION,
              "Plan sharding on a high-cardinality key, or explicitly do not shard yet; no application-level sharding when the chosen store is distributed (its partition key instead)",
              "every system; shard when the 12-month data reaches 1,000 GB or peak 10,000 QPS"),
          new Rule(
              "PERF-DIAG-001",
              Heading.RISKS_AND_MITIGATIONS,
              "Risk (high/high): connection exhaustion at peak",
              "connections at peak at 80% of max_connections or more, or connection timeouts"),
          new Rule(
              "PERF-CACHE-002",
              Heading.RISKS_AND_MITIGATIONS,
              "Risk (high/medium): cache not paying for itself",
              "diagnostics.cacheHitRatio below 0.70"),
          new Rule(
              "PERF-MON-001",
              Heading.MONITORING_AND_OBSERVABILITY,
              "Metrics and alerts: slow queries > 1 s, pool use > 80%, replication lag > 10 s",
              "every system; also records what live workload statistics could not read"),
          new Rule(
              "PERF-RISK-001",
              Heading.RISKS_AND_MITIGATIONS,
              "Risk: data growing towards one server's limit, with the arithmetic (GB a month from"
                  + " today's volume to the 12-month forecast; months until ~1 TB)",
              "the 12-month data volume above today's and at 40% of 1,000 GB or more"),
          new Rule(
              "PERF-RISK-002",
              Heading.RISKS_AND_MITIGATIONS,
              "Risk: hot rows, a strongly consistent counter-like area (a whole word, plural included: inventory, stock, balance, quota, seat, counter, wallet, ticket) under a known peak write rate; likelihood HIGH from 500 writes/s, MEDIUM from 50, LOW below; impact MEDIUM",
              "consistency.perArea STRONG for an area naming a counter, or STRONG consistency and"
                  + " a transaction scope naming one, with the peak write rate known"));

  public static final RuleBook BOOK = RuleBook.of("performance", rules());

  private PerformanceRuleBook() {}

  private static List<Rule> rules() {
    List<Rule> rules = new ArrayList<>(OWN);
    Diagnoses.ALL.forEach(
        d ->
            rules.add(
                new Rule(d.id(), Heading.PERFORMANCE_OPTIMIZATION, d.title(), d.catalogue())));
    return rules;
  }
}
