package dev.dbarch.migration.rules;

import dev.dbarch.contracts.events.AssessmentRequested;
import dev.dbarch.contracts.events.Assumption;
import dev.dbarch.contracts.events.Design;
import dev.dbarch.contracts.events.Heading;
import dev.dbarch.contracts.events.Risk;
import dev.dbarch.contracts.events.Section;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.contracts.profile.SystemProfile;
import dev.dbarch.contracts.profile.Thresholds;
import dev.dbarch.contracts.requirements.CurrentState;
import dev.dbarch.contracts.requirements.Platform;
import dev.dbarch.specialist.rules.Facts;
import dev.dbarch.specialist.rules.VerdictBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Migration &amp; Evolution section: versioned migrations, expand/contract, online DDL for
 * large tables, platform migrations by change data capture, the cutover and the conversion risks,
 * following the seed's zero-downtime migration framework. The phases are in {@link
 * ImplementationPhases}.
 */
public final class MigrationRules {

  /** A table larger than this needs online schema-change tooling (the shared large-table size). */
  static final double LARGE_TABLE_GB = Thresholds.DEFAULTS.largeTableGb();

  static final String DOWNTIME = "downtime tolerance";

  private MigrationRules() {}

  public static SectionVerdict assess(AssessmentRequested request) {
    VerdictBuilder verdict = new VerdictBuilder(request, Section.MIGRATION, MigrationRuleBook.BOOK);
    MigrationContext ctx = MigrationContext.of(request.requirements(), SystemProfile.of(request));
    versionedMigrations(verdict);
    expandContract(verdict);
    onlineDdl(verdict, ctx);
    if (ctx.existing()) {
      if (ctx.source() == null) {
        verdict.assume(
            "MIG-PLAT-001",
            Assumption.About.SOURCE_PLATFORM,
            "source platform",
            "the current engine stays (no platform change)",
            "Which database platform and version does the system run on today?");
      }
      platformMigration(verdict, ctx);
      cutover(verdict, ctx);
      storedProcedures(verdict, ctx);
      oracleSemantics(verdict, ctx);
    }
    ImplementationPhases.plan(verdict, ctx);
    DdlRisks.report(request, verdict);
    return verdict.build();
  }

  /** MIG-VER-001: versioned, immutable migrations run by the pipeline. */
  static void versionedMigrations(VerdictBuilder verdict) {
    verdict.decide(
        "MIG-VER-001",
        Heading.MIGRATION_AND_EVOLUTION,
        "Schema migrations",
        "Versioned migrations with Flyway or Liquibase, run by the deployment pipeline under a"
            + " dedicated migration role; an applied migration is never edited (checksums catch it),"
            + " a fix is a new migration; every migration has a tested rollback or forward fix",
        Facts.of().map(),
        "Every environment then reaches the same schema by the same steps, and the history says"
            + " who changed what and when.",
        "Hand fixes in production are off the table; mistakes are corrected by writing another"
            + " migration.");
  }

  /** MIG-EXP-001: breaking changes by expand/contract over several releases. */
  static void expandContract(VerdictBuilder verdict) {
    verdict.decide(
        "MIG-EXP-001",
        Heading.MIGRATION_AND_EVOLUTION,
        "Zero-downtime changes",
        "Additive changes (a nullable column, a table, an index) ship in one step; breaking ones"
            + " (rename, type change, drop) go expand/contract over 2-3 releases: add the new"
            + " structure, write to both and backfill, move reads, then remove the old",
        Facts.of().map(),
        "Old and new application versions run side by side during a deployment; each step keeps"
            + " the schema compatible with both.",
        "A breaking change takes weeks instead of one deploy, and the dual-write code must be"
            + " removed afterwards.");
  }

  /** MIG-ONLINE-001: schema changes on tables past 100 GB use online tooling. */
  static void onlineDdl(VerdictBuilder verdict, MigrationContext ctx) {
    Double dataGb = ctx.dataGb();
    if (dataGb == null) {
      verdict.assume(
          "MIG-ONLINE-001",
          Assumption.About.DATA_VOLUME,
          "data volume",
          "small: well under " + Facts.format(LARGE_TABLE_GB) + " GB within a year",
          "How much data do you hold today, and how much do you expect in 12 months (GB)?");
      return;
    }
    if (dataGb <= LARGE_TABLE_GB) {
      return;
    }
    List<String> large = new ArrayList<>();
    if (ctx.tableRows().isEmpty()) {
      verdict.assume(
          "MIG-ONLINE-001",
          Assumption.About.TABLE_SIZES,
          "table sizes",
          "the largest table holds most of the " + Facts.format(dataGb) + " GB",
          "Which tables hold most of the data, and how large is each?");
      large.add("the largest tables");
    } else {
      long total = ctx.tableRows().values().stream().mapToLong(Long::longValue).sum();
      for (Map.Entry<String, Long> table : ctx.tableRows().entrySet()) {
        double estimate = total == 0 ? 0 : dataGb * table.getValue() / total;
        if (estimate > LARGE_TABLE_GB) {
          large.add(table.getKey() + " (about " + Math.round(estimate) + " GB)");
        }
      }
      if (large.isEmpty()) {
        return;
      }
    }
    // The engine is known: the one named, monitored or chosen by the design (never asked).
    String engine = ctx.engineInUse();
    String postgresTools =
        "PostgreSQL: CREATE INDEX CONCURRENTLY, new columns nullable or with constant defaults (no"
            + " rewrite), constraints added NOT VALID then validated, a lock_timeout on every"
            + " migration, backfills in batches";
    String mysqlTools =
        "MySQL: gh-ost (triggerless, throttled on replica lag) or pt-online-schema-change for"
            + " table-rewriting ALTERs, ALGORITHM=INSTANT where the change allows";
    String tools =
        MigrationContext.postgres(engine)
            ? postgresTools
            : MigrationContext.mysql(engine)
                ? mysqlTools
                : otherTools(engine, postgresTools + "; " + mysqlTools);
    verdict.decide(
        "MIG-ONLINE-001",
        Heading.MIGRATION_AND_EVOLUTION,
        "Large-table changes",
        "Online schema changes for " + String.join(", ", large) + ". " + tools,
        Facts.of()
            .put("dataVolumeGb", dataGb)
            .put("largeTableGb", LARGE_TABLE_GB)
            .put("engine", engine)
            .map(),
        "On a table this size a plain ALTER or CREATE INDEX holds a lock for minutes to hours and"
            + " stalls every query behind it.",
        "Online changes take longer, need spare I/O and disk for the copy, and must be watched"
            + " (replication lag, lock waits, progress).");
    // MIG-RISK-001: the tables named above are where a plain ALTER does the most harm.
    verdict.risk(
        "MIG-RISK-001",
        "A blocking schema change on "
            + String.join(", ", large)
            + " (over "
            + Facts.format(LARGE_TABLE_GB)
            + " GB) would stall every query on it for minutes to hours",
        Risk.Level.MEDIUM,
        Risk.Level.HIGH,
        "Only online changes on these tables (the tools above), a lock_timeout on every migration,"
            + " and a pipeline check that refuses blocking DDL (dbarch's migration linter).");
  }

  /** Online schema changes on an engine that is neither PostgreSQL nor MySQL. */
  static String otherTools(String engine, String unknown) {
    String e = engine.toLowerCase(java.util.Locale.ROOT);
    if (e.contains("cockroach")) {
      return "CockroachDB: schema changes run online as background jobs (ALTER TABLE and CREATE"
          + " INDEX block neither reads nor writes); run one change at a time, follow it with SHOW"
          + " JOBS and backfill new columns in batches";
    }
    if (e.contains("mongo")) {
      return "MongoDB: index builds run online (an exclusive lock only at their start and end);"
          + " documents change shape through a schema version field and batched backfills, never"
          + " one bulk update";
    }
    if (e.contains("cassandra") || e.contains("scylla")) {
      return "Cassandra/ScyllaDB: ALTER TABLE ADD changes only metadata; a new query pattern is a"
          + " new table filled by a throttled backfill, and columns are dropped only after no"
          + " reader uses them";
    }
    if (e.contains("dynamodb")) {
      return "DynamoDB: attributes need no schema change; a new access pattern is a global"
          + " secondary index, built online while the table serves traffic";
    }
    return unknown;
  }

  /** MIG-PLAT-001: a platform change by change data capture. */
  static void platformMigration(VerdictBuilder verdict, MigrationContext ctx) {
    if (!ctx.platformChange()) {
      return;
    }
    CurrentState c = ctx.current();
    verdict.decide(
        "MIG-PLAT-001",
        Heading.MIGRATION_AND_EVOLUTION,
        "Platform migration",
        "CDC-based migration from "
            + c.sourcePlatform()
            + " to "
            + targetName(ctx)
            + ": convert the schema with "
            + conversionTool(ctx)
            + ", bulk-load the history, stream ongoing changes with "
            + cdcTool(ctx)
            + " until lag stays under 1 second, validate (row counts, checksums, sampled rows),"
            + " then cut over",
        Facts.of()
            .put("sourcePlatform", c.sourcePlatform())
            .put("sourceVersion", c.sourceVersion())
            .put("targetPlatform", c.targetPlatform())
            .put("sizeGb", c.sizeGb())
            .put("tableCount", c.tableCount())
            .put("cloud", ctx.cloud())
            .map(),
        "Both databases stay in sync for as long as validation takes, so the switch happens only"
            + " when the target is proven, and the source remains a way back.",
        "Two databases and a replication pipeline to run for weeks; every type and feature must"
            + " be mapped, and the application tested against the target.");
    verdict.typed(Design.migration(Design.MigrationMode.CDC));
  }

  static String targetName(MigrationContext ctx) {
    return ctx.target() == null ? "the target platform" : ctx.target();
  }

  static String conversionTool(MigrationContext ctx) {
    String source = ctx.source();
    String target = ctx.target();
    if (MigrationContext.oracle(source) && MigrationContext.postgres(target)) {
      return "ora2pg or AWS SCT, then a review by hand";
    }
    if (MigrationContext.mysql(source) && MigrationContext.postgres(target)) {
      return "pgloader, then a review by hand";
    }
    return "AWS SCT or a scripted conversion, reviewed table by table";
  }

  static String cdcTool(MigrationContext ctx) {
    return ctx.cloud() == Platform.Cloud.AWS ? "AWS DMS (or Debezium)" : "Debezium on Kafka";
  }

  /** MIG-ZDT-001 (no downtime) or MIG-ZDT-002 (a maintenance window). */
  static void cutover(VerdictBuilder verdict, MigrationContext ctx) {
    Double tolerance = ctx.current().downtimeToleranceMinutes();
    if (tolerance == null) {
      verdict.assume(
          "MIG-ZDT-001",
          Assumption.About.DOWNTIME_TOLERANCE,
          DOWNTIME,
          "none: the cutover must be online",
          "How many minutes of downtime can a cutover take, if any?");
    }
    Facts facts =
        Facts.of()
            .put("downtimeToleranceMinutes", tolerance)
            .put("platformChange", ctx.platformChange());
    if (tolerance == null || tolerance == 0) {
      verdict.decide(
          "MIG-ZDT-001",
          Heading.MIGRATION_AND_EVOLUTION,
          "Cutover",
          ctx.platformChange()
              ? "Blue-green cutover with no downtime: keep CDC running, switch traffic (proxy,"
                  + " DNS or connection settings) once lag is under a second, keep reverse"
                  + " replication from target to source ready for an instant rollback, or dual-write"
                  + " through the switch"
              : "Version upgrades and large changes by blue-green deployment (logical replication"
                  + " to a new cluster, such as RDS Blue/Green Deployments), switching once in sync;"
                  + " schema changes only through expand/contract and online DDL",
          facts.map(),
          "The system may not stop, so the new environment must be complete and current before"
              + " traffic moves, and the old one must stay usable as the way back.",
          "Two full environments for the transition; reverse replication or dual-write adds"
              + " conflict handling and code that must be removed afterwards.");
      if (ctx.platformChange()) {
        verdict.typed(Design.migration(Design.MigrationMode.CDC));
      }
      return;
    }
    verdict.decide(
        "MIG-ZDT-002",
        Heading.MIGRATION_AND_EVOLUTION,
        "Cutover",
        "Cut over in a maintenance window of up to "
            + Facts.format(tolerance)
            + " minutes: make the source read-only, let replication drain, verify counts, switch"
            + " the application, reopen writes",
        facts.map(),
        "A short window is allowed, and a read-only source makes the final state unambiguous:"
            + " nothing can change while it is copied.",
        "Users see the system read-only or down for the window; a rollback after writes resume"
            + " on the target needs those writes replayed.");
    if (!ctx.platformChange()) {
      verdict.typed(Design.migration(Design.MigrationMode.OFFLINE));
    }
  }

  /** MIG-SP-001: stored procedures to rewrite on a platform change. */
  static void storedProcedures(VerdictBuilder verdict, MigrationContext ctx) {
    if (!ctx.platformChange()) {
      return;
    }
    CurrentState c = ctx.current();
    if (c.heavyStoredProcedures() == null && Integer.valueOf(0).equals(c.storedProcedures())) {
      return;
    }
    if (c.heavyStoredProcedures() == null) {
      verdict.assume(
          "MIG-SP-001",
          Assumption.About.STORED_PROCEDURES,
          "stored procedure usage",
          c.storedProcedures() == null
              ? "few and simple stored procedures"
              : "the " + c.storedProcedures() + " stored procedures are simple enough to convert",
          "How much logic lives in stored procedures, triggers and packages?");
      return;
    }
    if (!c.heavyStoredProcedures()) {
      return;
    }
    verdict.risk(
        "MIG-SP-001",
        (c.storedProcedures() == null ? "Heavy" : c.storedProcedures() + " heavily used")
            + " stored procedures must be rewritten for "
            + targetName(ctx)
            + "; conversion tools handle only the simple ones",
        Risk.Level.HIGH,
        Risk.Level.HIGH,
        "Inventory and rank them by use; convert automatically, then review by hand; move"
            + " business logic into the application where it fits; test each one against recorded"
            + " inputs and outputs; plan extra weeks for assessment and schema conversion.");
  }

  /** MIG-ORA-001: Oracle behaviours that change meaning on another engine. */
  static void oracleSemantics(VerdictBuilder verdict, MigrationContext ctx) {
    if (!ctx.platformChange() || !MigrationContext.oracle(ctx.source())) {
      return;
    }
    verdict.risk(
        "MIG-ORA-001",
        "Oracle semantics that silently change on "
            + targetName(ctx)
            + ": empty strings are NULL"
            + " in Oracle, DATE carries a time of day, NUMBER needs a precise target type, and"
            + " packages, ROWNUM and CONNECT BY need rewriting",
        Risk.Level.HIGH,
        Risk.Level.MEDIUM,
        "Map types column by column, run the application's integration tests against the target,"
            + " and compare query results on sampled data before the cutover.");
  }
}
