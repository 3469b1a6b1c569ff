package dev.dbarch.migration.rules;

import dev.dbarch.contracts.events.Heading;
import dev.dbarch.contracts.requirements.CurrentState;
import dev.dbarch.specialist.rules.Facts;
import dev.dbarch.specialist.rules.VerdictBuilder;
import java.util.Map;

/**
 * The Implementation Phases, one decision per phase: the seed's six platform-migration phases and
 * their durations (MIG-PHASE-001), four phases for a new system (MIG-PHASE-002), or four for
 * evolving a live system on the same platform (MIG-PHASE-003).
 */
final class ImplementationPhases {

  private ImplementationPhases() {}

  static void plan(VerdictBuilder verdict, MigrationContext ctx) {
    if (!ctx.existing()) {
      newSystem(verdict);
    } else if (ctx.platformChange()) {
      platformMigration(verdict, ctx);
    } else {
      samePlatform(verdict, ctx);
    }
  }

  /** MIG-PHASE-001: assessment, schema, initial load, CDC, cutover, validation. */
  static void platformMigration(VerdictBuilder verdict, MigrationContext ctx) {
    CurrentState c = ctx.current();
    boolean heavy = Boolean.TRUE.equals(c.heavyStoredProcedures());
    String longer =
        heavy
            ? "; plan longer: "
                + (c.storedProcedures() == null ? "heavy" : c.storedProcedures())
                + " stored procedures to convert"
            : "";
    boolean online = c.downtimeToleranceMinutes() == null || c.downtimeToleranceMinutes() == 0;
    Map<String, String> facts =
        Facts.of()
            .put("sourcePlatform", c.sourcePlatform())
            .put("targetPlatform", c.targetPlatform())
            .put("sizeGb", c.sizeGb())
            .put("tableCount", c.tableCount())
            .put("storedProcedures", c.storedProcedures())
            .put("downtimeToleranceMinutes", c.downtimeToleranceMinutes())
            .map();
    String target = MigrationRules.targetName(ctx);
    phase(
        verdict,
        "MIG-PHASE-001",
        1,
        "Assessment",
        "1-2 weeks" + longer,
        "Inventory the schema ("
            + (c.tableCount() == null ? "all tables" : c.tableCount() + " tables")
            + (c.sizeGb() == null ? "" : ", " + Facts.format(c.sizeGb()) + " GB")
            + "), the query patterns and everything "
            + target
            + " does differently; write the plan with rollback steps and success criteria; set up"
            + " monitoring",
        facts,
        "Incompatibilities found now cost days; found during the cutover they cost the cutover.",
        "Weeks spent before any data moves.");
    phase(
        verdict,
        "MIG-PHASE-001",
        2,
        "Schema migration",
        "1 week" + longer,
        "Convert the schema with "
            + MigrationRules.conversionTool(ctx)
            + ", apply it to "
            + target
            + ", check keys, indexes and constraints, and test performance on sample data",
        facts,
        "The target schema must be right before data is loaded into it.",
        "Converted code needs human review; automatic conversion is a starting point.");
    phase(
        verdict,
        "MIG-PHASE-001",
        3,
        "Initial data load",
        "1-3 days",
        "Bulk-load the history, create indexes and constraints after the load, verify row counts"
            + " and checksums, and compare query times with the source",
        facts,
        "Loading before indexing is far faster, and checksums prove the copy is complete.",
        "The source carries extra read load while the copy runs.");
    phase(
        verdict,
        "MIG-PHASE-001",
        4,
        "CDC synchronization",
        "1-2 weeks",
        "Stream changes with "
            + MigrationRules.cdcTool(ctx)
            + " until lag stays under 1 second; check row counts and sampled rows; run integration"
            + " and load tests against the target",
        facts,
        "The target stays current while it is validated under real data and real load.",
        "Two live databases and a pipeline to watch during the whole period.");
    phase(
        verdict,
        "MIG-PHASE-001",
        5,
        "Cutover",
        "1 day",
        (online
                ? "Switch traffic with CDC in sync and reverse replication ready (no downtime)"
                : "Make the source read-only for the window of up to "
                    + Facts.format(c.downtimeToleranceMinutes())
                    + " minutes, drain replication and switch")
            + "; watch error rates, latency and connections; keep the source for a quick rollback",
        facts,
        "The switch is short and reversible because everything before it was rehearsed.",
        "Full attention of the team for the day; the source keeps running in parallel.");
    phase(
        verdict,
        "MIG-PHASE-001",
        6,
        "Validation and decommission",
        "1-2 weeks",
        "Test end to end, compare performance and errors with the baseline, keep the source for"
            + " a 1-2 week safety period, then decommission it",
        facts,
        "Some problems appear only under a full business cycle; the source is the fallback until"
            + " then.",
        "Paying for both databases until the safety period ends.");
  }

  /** MIG-PHASE-002: a new system. */
  static void newSystem(VerdictBuilder verdict) {
    Map<String, String> facts = Facts.of().put("currentState", "none (new system)").map();
    phase(
        verdict,
        "MIG-PHASE-002",
        1,
        "Schema design and validation",
        null,
        "Write the schema as the first versioned migrations, review it against the access patterns,"
            + " and load production-like volumes to check the indexes",
        facts,
        "Schema mistakes are cheapest before there is data to migrate.",
        "Time spent on test data and reviews before features ship.");
    phase(
        verdict,
        "MIG-PHASE-002",
        2,
        "Infrastructure setup",
        null,
        "Provision the database, high availability, backups, monitoring and access roles as code",
        facts,
        "Environments built from code are identical and can be rebuilt after a disaster.",
        "Infrastructure code to write and maintain.");
    phase(
        verdict,
        "MIG-PHASE-002",
        3,
        "Testing",
        null,
        "Load-test at the projected peak, rehearse a failover and a restore, and review security"
            + " controls",
        facts,
        "Proves the targets hold before users depend on them.",
        "A production-sized test environment for the duration.");
    phase(
        verdict,
        "MIG-PHASE-002",
        4,
        "Production cutover",
        null,
        "Go live gradually (feature flag or a share of traffic), watch latency, errors and"
            + " connections, with a written rollback plan",
        facts,
        "A gradual start limits the damage of anything the tests missed.",
        "Both paths live side by side until the rollout completes.");
  }

  /** MIG-PHASE-003: a live system staying on its platform. */
  static void samePlatform(VerdictBuilder verdict, MigrationContext ctx) {
    Map<String, String> facts =
        Facts.of().put("sourcePlatform", ctx.source()).put("targetPlatform", ctx.target()).map();
    phase(
        verdict,
        "MIG-PHASE-003",
        1,
        "Baseline",
        null,
        "Capture the live schema as the baseline migration so every later change is versioned",
        facts,
        "Changes can only be reviewed and repeated once they are tracked from a known start.",
        "Drift between environments must be reconciled first.");
    phase(
        verdict,
        "MIG-PHASE-003",
        2,
        "Rehearsal",
        null,
        "Run each change against a production-sized copy, timing its locks and duration",
        facts,
        "Lock times and durations on real volumes are the risk; a copy reveals them safely.",
        "A copy of production to keep, protect and refresh.");
    phase(
        verdict,
        "MIG-PHASE-003",
        3,
        "Rollout",
        null,
        "Apply changes release by release with expand/contract, using online DDL on large tables",
        facts,
        "Each release stays compatible with the one before it.",
        "Breaking changes take several releases.");
    phase(
        verdict,
        "MIG-PHASE-003",
        4,
        "Verify and contract",
        null,
        "Compare metrics with the baseline, then drop what the contract step retired",
        facts,
        "Old structures are removed only when nothing uses them.",
        "Old columns and code linger until the last step.");
  }

  private static void phase(
      VerdictBuilder verdict,
      String ruleId,
      int number,
      String name,
      String duration,
      String work,
      Map<String, String> facts,
      String rationale,
      String tradeOff) {
    verdict.decide(
        ruleId,
        Heading.IMPLEMENTATION_PHASES,
        "Phase " + number + ": " + name + (duration == null ? "" : " (" + duration + ")"),
        work,
        facts,
        rationale,
        tradeOff);
  }
}
