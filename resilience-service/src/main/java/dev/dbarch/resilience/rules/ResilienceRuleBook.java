package dev.dbarch.resilience.rules;

import dev.dbarch.contracts.events.Heading;
import dev.dbarch.contracts.rules.Rule;
import dev.dbarch.contracts.rules.RuleBook;

/**
 * Every rule the High Availability &amp; Disaster Recovery section may emit, in the order of {@code
 * docs/rules/resilience.md}, each with the catalogue's text. {@link ResilienceRules} builds its
 * verdict with this book, so an id missing here fails the first test that reaches it.
 */
public final class ResilienceRuleBook {

  private static final Heading HA = Heading.HIGH_AVAILABILITY_AND_DR;
  private static final Heading RISKS = Heading.RISKS_AND_MITIGATIONS;

  public static final RuleBook BOOK =
      RuleBook.of(
          "resilience",
          new Rule(
              "RES-TIER-001",
              HA,
              "Tier 1 targets",
              "RPO under 1 h or RTO under 4 h (neither Tier 3 nor Tier 2 fits)"),
          new Rule(
              "RES-TIER-002",
              HA,
              "Tier 2 targets",
              "RPO of 1 h or more and RTO of 4 h or more, but not Tier 3; also when a target is"
                  + " missing"),
          new Rule(
              "RES-TIER-003", HA, "Tier 3 targets", "RPO of 24 h or more and RTO of 24 h or more"),
          new Rule(
              "RES-REPL-001",
              HA,
              "Synchronous replication to a standby in another zone (`synchronous_commit = on`;"
                  + " RDS Multi-AZ / Aurora quorum)",
              "RPO 0, or RPO under 60 s with RTO under 5 min"),
          new Rule(
              "RES-REPL-002",
              HA,
              "Asynchronous streaming replication; alert when lag passes half the RPO",
              "any RPO/RTO that does not call for synchronous replication"),
          new Rule(
              "RES-FAILOVER-001",
              HA,
              "Automated failover the way the chosen primary runs (the kernel's `SystemProfile.chosen()`): managed HA (RDS Multi-AZ ~1-2 min, Cloud SQL HA, Azure zone-redundant HA, Aurora's reader promotion ~30 s, DynamoDB's zone replication); self-managed: Patroni (PostgreSQL), InnoDB Cluster (MySQL), the replica set or cluster itself (MongoDB, CockroachDB, Cassandra)",
              "availability.automaticFailover true, or RTO under 5 min"),
          new Rule(
              "RES-FAILOVER-002",
              HA,
              "Manual promotion following a rehearsed runbook",
              "automatic failover not asked for and RTO of 5 min or more"),
          new Rule(
              "RES-GEO-001",
              HA,
              "Aurora Global Database, CockroachDB across ≥ 3 regions with regional tables, or the chosen non-relational store replicated to ≥ 3 regions",
              "availability.multiRegion true (assumed one region when not said)"),
          new Rule(
              "RES-GEO-002",
              RISKS,
              "Risk: zero loss across regions vs the p99 write target",
              "multi-region, RPO 0 and latency.p99WriteMs under 60 ms"),
          new Rule(
              "RES-GEO-003",
              HA,
              "Replicas, backups and snapshot copies stay inside the residency regions",
              "availability.dataResidency lists at least one region"),
          new Rule(
              "RES-BACKUP-001",
              HA,
              "Continuous backup with PITR, tier retention, daily snapshots; Tier 1 copies to a"
                  + " second region or account",
              "RPO under 24 h"),
          new Rule(
              "RES-BACKUP-002",
              HA,
              "Daily snapshots, tier retention, yearly restore test",
              "RPO of 24 h or more"),
          new Rule(
              "RES-DRILL-001",
              HA,
              "Failover and restore drills at the tier's cadence, recording achieved RTO/RPO",
              "Tier 1 or Tier 2"),
          new Rule(
              "RES-OPS-001",
              RISKS,
              "Risk: Tier 1 on self-run HA without strong operations skills",
              "Tier 1, on premises or managedPreferred false, ops expertise LOW or MEDIUM"),
          new Rule(
              "RES-RISK-001",
              RISKS,
              "Risk: a Tier 1 or Tier 2 system in one region; a regional outage outlasts the RTO"
                  + " and only backups copied out of the region survive",
              "Tier 1 or Tier 2 and not multi-region"),
          new Rule(
              "RES-LAG-001",
              RISKS,
              "Risk: replication lag against the RPO; asynchronous replication (RES-REPL-002) with an RPO under 300 s; likelihood MEDIUM for an RPO of 60 s or less, LOW above, one level higher from 1,000 writes/s at peak or with batch jobs; impact HIGH (an RPO under 300 s is Tier 1)",
              "asynchronous replication and an RPO under 300 s"));

  private ResilienceRuleBook() {}
}
