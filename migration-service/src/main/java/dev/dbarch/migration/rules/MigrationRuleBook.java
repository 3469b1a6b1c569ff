package dev.dbarch.migration.rules;

import dev.dbarch.contracts.events.Heading;
import dev.dbarch.contracts.rules.Rule;
import dev.dbarch.contracts.rules.RuleBook;
import dev.dbarch.lint.rules.MigrationRule;
import dev.dbarch.lint.rules.RuleRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Every rule the migration section may emit, registered once. Its own rules ({@link #SECTION}) are
 * listed in the Migration &amp; Evolution and Implementation Phases tables of
 * docs/rules/migration.md with the same text ({@code RuleCatalogueTest}); the migration linter's
 * rules ({@code MIG-DDL-*}), whose findings become this section's statement risks, are registered
 * from ddl-lint's registry, which owns their catalogue rows and tests. The section's verdict
 * builder refuses any other id.
 */
public final class MigrationRuleBook {

  /** The section's own rules, in catalogue order. */
  public static final RuleBook SECTION = RuleBook.of("migration (MIG-*, not MIG-DDL-*)", section());

  /** What the section's verdict builder accepts: its own rules and the linter's. */
  public static final RuleBook BOOK = RuleBook.of("migration", all());

  private MigrationRuleBook() {}

  private static List<Rule> all() {
    List<Rule> rules = new ArrayList<>(SECTION.rules());
    for (MigrationRule lint : RuleRegistry.standard().rules()) {
      rules.add(
          new Rule(
              lint.id(),
              Heading.RISKS_AND_MITIGATIONS,
              lint.title(),
              "a submitted or captured DDL statement ("
                  + lint.appliesTo().stream()
                      .sorted()
                      .map(d -> d.name().toLowerCase(Locale.ROOT))
                      .collect(Collectors.joining(", "))
                  + ") the migration linter flags"));
    }
    return rules;
  }

  private static List<Rule> section() {
    return List.of(
        rule(
            "MIG-VER-001",
            Heading.MIGRATION_AND_EVOLUTION,
            "Versioned Flyway/Liquibase migrations run by the pipeline under a migration role; applied migrations never edited; each with a tested rollback or forward fix",
            "Every input (baseline)"),
        rule(
            "MIG-EXP-001",
            Heading.MIGRATION_AND_EVOLUTION,
            "Additive changes in one step; breaking ones by expand/contract over 2-3 releases (seed)",
            "Every input (baseline)"),
        rule(
            "MIG-ONLINE-001",
            Heading.MIGRATION_AND_EVOLUTION,
            "Online DDL for the large tables: PostgreSQL `CREATE INDEX CONCURRENTLY`, non-rewriting columns, `NOT VALID` then `VALIDATE`, `lock_timeout`, batched backfills; MySQL gh-ost / pt-online-schema-change, `ALGORITHM=INSTANT`; CockroachDB, MongoDB, Cassandra/ScyllaDB and DynamoDB get their own online-change practice. Only the engine in use is named: the declared target, else the source, else the monitored database, else the chosen technology (the shared kernel's `SystemProfile.chosen()`, what selection recommends)",
            "A table estimated above 100 GB (seed); size per table = the largest volume × its share of listed rows"),
        rule(
            "MIG-PLAT-001",
            Heading.MIGRATION_AND_EVOLUTION,
            "CDC-based migration: schema conversion (ora2pg/AWS SCT for Oracle → PostgreSQL, pgloader for MySQL → PostgreSQL), bulk load, CDC (AWS DMS on AWS, else Debezium) until lag < 1 s (seed), validation, cutover",
            "Platform change"),
        rule(
            "MIG-ZDT-001",
            Heading.MIGRATION_AND_EVOLUTION,
            "No-downtime cutover: blue-green switch with CDC in sync and reverse replication (or dual-write) for rollback; for same-platform systems, blue-green upgrades and online-only schema changes",
            "Existing system with tolerance 0 (or not given)"),
        rule(
            "MIG-ZDT-002",
            Heading.MIGRATION_AND_EVOLUTION,
            "Maintenance-window cutover: source read-only, drain, verify, switch",
            "Existing system with tolerance > 0"),
        rule(
            "MIG-SP-001",
            Heading.RISKS_AND_MITIGATIONS,
            "Risk (high/high): stored procedures to rewrite",
            "Platform change with heavy stored procedures"),
        rule(
            "MIG-ORA-001",
            Heading.RISKS_AND_MITIGATIONS,
            "Risk (high/medium): Oracle semantics that change silently (empty string = NULL, DATE with time, NUMBER mapping, packages, ROWNUM, CONNECT BY)",
            "Platform change from Oracle"),
        rule(
            "MIG-RISK-001",
            Heading.RISKS_AND_MITIGATIONS,
            "Risk: a blocking schema change on a table over the large-table threshold stalls its queries for minutes to hours",
            "Fires with MIG-ONLINE-001; likelihood MEDIUM, impact HIGH"),
        rule(
            "MIG-PHASE-001",
            Heading.IMPLEMENTATION_PHASES,
            "1 Assessment (1-2 weeks), 2 Schema migration (1 week), 3 Initial data load (1-3 days), 4 CDC synchronization (1-2 weeks), 5 Cutover (1 day), 6 Validation and decommission (1-2 weeks) — durations from the seed; phases 1-2 say \"plan longer\" with heavy stored procedures; phase 5 follows MIG-ZDT-001/002",
            "Platform change"),
        rule(
            "MIG-PHASE-002",
            Heading.IMPLEMENTATION_PHASES,
            "1 Schema design and validation, 2 Infrastructure setup, 3 Testing (load, failover, restore, security), 4 Production cutover (gradual)",
            "No `currentState` (new system)"),
        rule(
            "MIG-PHASE-003",
            Heading.IMPLEMENTATION_PHASES,
            "1 Baseline the live schema, 2 Rehearse on a production-sized copy, 3 Roll out with expand/contract and online DDL, 4 Verify and contract",
            "Existing system, same platform"));
  }

  private static Rule rule(String id, Heading heading, String decides, String appliesWhen) {
    return new Rule(id, heading, decides, appliesWhen);
  }
}
