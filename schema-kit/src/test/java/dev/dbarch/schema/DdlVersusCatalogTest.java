package dev.dbarch.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dbarch.contracts.requirements.SchemaSource.Dialect;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.schema.catalog.PostgresCatalogReader;
import dev.dbarch.schema.ddl.DdlParser;
import dev.dbarch.schema.ddl.ParsedSchema;
import dev.dbarch.schema.findings.SchemaRules;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The decision of ADR 0004, proved differentially: a script parsed by {@link DdlParser} and the
 * same script loaded into PostgreSQL and read from the catalog give identical snapshots (every
 * structural field, {@link Comparable}) and identical findings (every rule a script can feed). The
 * inputs are the generated cases (partitions, inheritance, nested CREATE SCHEMA, quoted and long
 * names, a schema split into four files, given as four scripts and as one), pg_dump output of the
 * three public schemas (dumped from the machine's PostgreSQL 15 with its own pg_dump), and a large
 * generated schema ({@code -Ddbarch.scale.tables=5000} for the 5,000-table, 200,000-column run).
 */
class DdlVersusCatalogTest {

  private static final int LARGE_TABLES = Integer.getInteger("dbarch.scale.tables", 300);
  private static final int LARGE_COLUMNS = Integer.getInteger("dbarch.scale.columns", 40);

  static Stream<GeneratedSchemas.Case> cases() {
    return GeneratedSchemas.cases().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void generatedCase(GeneratedSchemas.Case c) throws Exception {
    DataSource ds = EmbeddedPg.freshDatabase("ddl_vs_catalog_" + Math.abs(c.name().hashCode()));
    SchemaSnapshot live;
    try (Connection conn = ds.getConnection()) {
      EmbeddedPg.load(conn, c.script());
      live = new PostgresCatalogReader().read(conn);
    }
    ParsedSchema parsed = new DdlParser().parse(c.script(), Dialect.POSTGRESQL);
    assertThat(parsed.unsupported()).as(c.name()).isEmpty();
    assertSame(c.name(), parsed.snapshot(), live, false);
  }

  @Test
  void aSchemaSplitIntoFilesReadsTheSameAsFourScriptsOrOne() throws Exception {
    List<String[]> files = GeneratedSchemas.splitFiles();
    DataSource ds = EmbeddedPg.freshDatabase("ddl_vs_catalog_split");
    SchemaSnapshot live;
    try (Connection conn = ds.getConnection()) {
      for (String[] f : files) {
        EmbeddedPg.load(conn, f[1]);
      }
      live = new PostgresCatalogReader().read(conn);
    }
    List<DdlParser.Script> scripts = new ArrayList<>();
    StringBuilder concatenated = new StringBuilder();
    for (String[] f : files) {
      scripts.add(new DdlParser.Script(f[0], f[1]));
      concatenated.append(f[1]);
    }
    ParsedSchema several = new DdlParser().parse(scripts, Dialect.POSTGRESQL);
    ParsedSchema one = new DdlParser().parse(concatenated.toString(), Dialect.POSTGRESQL);
    assertThat(several.unsupported()).isEmpty();
    assertThat(one.unsupported()).isEmpty();
    assertThat(several.ignored()).contains("CreatePrimaryKeys.sql:2: \\set ON_ERROR_STOP 1");
    assertSame("split into four scripts", several.snapshot(), live, false);
    assertSame("split, concatenated", one.snapshot(), live, false);
    assertThat(live.tables()).hasSize(40);
  }

  @Test
  void aQuoteLeftOpenInOneFileDoesNotSwallowTheNext() {
    ParsedSchema parsed =
        new DdlParser()
            .parse(
                List.of(
                    new DdlParser.Script(
                        "broken.sql", "CREATE TABLE a (id int PRIMARY KEY, note text DEFAULT 'x);"),
                    new DdlParser.Script("next.sql", "CREATE TABLE b (id int PRIMARY KEY);")),
                Dialect.POSTGRESQL);
    assertThat(parsed.snapshot().tables()).extracting(t -> t.name()).containsExactly("b");
    assertThat(parsed.unsupported()).singleElement().asString().startsWith("broken.sql:1: ");
  }

  @Test
  void pgDumpOfThePublicSchemas() throws Exception {
    PublicSchemas.assumePresent();
    MachinePg15.assumeReachable();
    String pgDump = pgDump();
    for (String[] schema :
        List.of(
            new String[] {"chinook", PublicSchemas.chinook()},
            new String[] {"northwind", PublicSchemas.northwind()},
            new String[] {
              "pagila", PublicSchemas.pagilaSchema() + "\n" + PublicSchemas.pagilaData()
            })) {
      String database = MachinePg15.createDatabase("dbarch_dump_" + schema[0]);
      try {
        SchemaSnapshot live;
        try (Connection conn = MachinePg15.connect(database)) {
          EmbeddedPg.load(conn, schema[1]);
          live = new PostgresCatalogReader().read(conn);
        }
        String dump = dump(pgDump, database);
        ParsedSchema parsed = new DdlParser().parse(dump, Dialect.POSTGRESQL);
        System.out.printf(
            "pg_dump of %s: %d bytes, %d tables, unsupported %s%n",
            schema[0], dump.length(), parsed.snapshot().tables().size(), parsed.unsupported());
        assertThat(parsed.unsupported()).as(schema[0]).isEmpty();
        assertSame("pg_dump of " + schema[0], parsed.snapshot(), live, true);
      } finally {
        MachinePg15.drop(database);
      }
    }
  }

  @Test
  void aLargeSchemaGoesThroughBothPathsWithEqualFindings() throws Exception {
    String script = GeneratedSchemas.large(LARGE_TABLES, LARGE_COLUMNS);
    DataSource ds = EmbeddedPg.freshDatabase("ddl_vs_catalog_large");
    long loadStarted = System.nanoTime();
    try (Connection conn = ds.getConnection()) {
      conn.setAutoCommit(false);
      EmbeddedPg.load(conn, script);
      conn.commit();
      conn.setAutoCommit(true);
    }
    long loadMs = (System.nanoTime() - loadStarted) / 1_000_000;
    Runtime rt = Runtime.getRuntime();
    System.gc();
    long heapBefore = rt.totalMemory() - rt.freeMemory();
    long parseStarted = System.nanoTime();
    ParsedSchema parsed = new DdlParser().parse(script, Dialect.POSTGRESQL);
    long parseMs = (System.nanoTime() - parseStarted) / 1_000_000;
    long heapAfter = rt.totalMemory() - rt.freeMemory();
    long rulesStarted = System.nanoTime();
    var ddlFindings = SchemaRules.analyze(parsed.snapshot());
    long ddlRulesMs = (System.nanoTime() - rulesStarted) / 1_000_000;
    SchemaSnapshot live;
    long readStarted = System.nanoTime();
    try (Connection conn = ds.getConnection()) {
      live = new PostgresCatalogReader().read(conn);
    }
    long readMs = (System.nanoTime() - readStarted) / 1_000_000;
    rulesStarted = System.nanoTime();
    var liveFindings = SchemaRules.analyze(live);
    long liveRulesMs = (System.nanoTime() - rulesStarted) / 1_000_000;
    int columns = live.tables().stream().mapToInt(t -> t.columns().size()).sum();
    System.out.printf(
        "Large schema: %d tables, %d columns, script %d bytes. Load into PostgreSQL %d ms; DDL path:"
            + " parse %d ms (heap +%d MiB while parsing), rules %d ms, %d findings; catalog path:"
            + " read %d ms, rules %d ms, %d findings%n",
        live.tables().size(),
        columns,
        script.length(),
        loadMs,
        parseMs,
        Math.max(0, heapAfter - heapBefore) / (1024 * 1024),
        ddlRulesMs,
        ddlFindings.size(),
        readMs,
        liveRulesMs,
        liveFindings.size());
    assertThat(live.tables()).hasSize(LARGE_TABLES);
    assertThat(columns).isEqualTo(LARGE_TABLES * LARGE_COLUMNS);
    assertThat(parsed.unsupported()).isEmpty();
    assertLines("large: snapshot", Comparable.lines(parsed.snapshot()), Comparable.lines(live));
    assertLines(
        "large: findings", Comparable.findings(ddlFindings), Comparable.findings(liveFindings));
    assertThat(ddlFindings).anyMatch(f -> f.ruleId().equals(SchemaRules.FK_WITHOUT_INDEX));
  }

  /**
   * What the alternative costs (ADR 0004): the same script loaded into a sandboxed scratch database
   * and read back, against parsing it; both give the same snapshot.
   */
  @Test
  void scratchPostgresGivesTheSameSnapshotAtACost() throws Exception {
    PublicSchemas.assumePresent();
    String script = PublicSchemas.pagilaSchema();
    long parseStarted = System.nanoTime();
    ParsedSchema parsed = new DdlParser().parse(script, Dialect.POSTGRESQL);
    long parseMs = (System.nanoTime() - parseStarted) / 1_000_000;
    String adminUrl = "jdbc:postgresql://localhost:" + EmbeddedPg.server().getPort() + "/";
    ScratchPostgres.Result scratch = ScratchPostgres.load(adminUrl, "postgres", script);
    System.out.printf(
        "pagila schema: parser %d ms; scratch PostgreSQL: create %d ms, load %d ms, read %d ms,"
            + " drop %d ms, %d statements refused by the sandbox%n",
        parseMs,
        scratch.createMs(),
        scratch.loadMs(),
        scratch.readMs(),
        scratch.dropMs(),
        scratch.refused());
    // The sandbox refuses pagila's functions (and so the triggers and views built on them):
    // tables, keys and indexes still match.
    assertLines(
        "pagila, scratch PostgreSQL",
        Comparable.lines(parsed.snapshot()),
        Comparable.lines(scratch.snapshot()));
  }

  // ------------------------------------------------------------------------------------------

  static void assertSame(
      String label, SchemaSnapshot parsed, SchemaSnapshot live, boolean exactDefaults) {
    assertLines(
        label + ": snapshot",
        Comparable.lines(parsed, exactDefaults),
        Comparable.lines(live, exactDefaults));
    assertLines(
        label + ": findings",
        Comparable.findings(SchemaRules.analyze(parsed)),
        Comparable.findings(SchemaRules.analyze(live)));
  }

  /** Equal lists, or a message that names only the lines that differ. */
  static void assertLines(String label, List<String> parsed, List<String> live) {
    java.util.Set<String> liveSet = new java.util.HashSet<>(live);
    java.util.Set<String> parsedSet = new java.util.HashSet<>(parsed);
    List<String> onlyParsed = parsed.stream().filter(l -> !liveSet.contains(l)).toList();
    List<String> onlyLive = live.stream().filter(l -> !parsedSet.contains(l)).toList();
    assertThat(onlyParsed)
        .as(label + ": only in the DDL path (catalog has " + onlyLive + ")")
        .isEmpty();
    assertThat(onlyLive).as(label + ": only in the catalog path").isEmpty();
    assertThat(parsed.equals(live)).as(label + ": same order").isTrue();
  }

  private static String pgDump() {
    for (String candidate :
        List.of(
            System.getProperty("dbarch.pg_dump", ""),
            "/usr/lib/postgresql/15/bin/pg_dump",
            "/usr/bin/pg_dump")) {
      if (!candidate.isEmpty() && new File(candidate).canExecute()) {
        return candidate;
      }
    }
    assumeTrue(false, "pg_dump (PostgreSQL 15 client) not found; skipping");
    return null;
  }

  private static String dump(String pgDump, String database) throws Exception {
    Path out = Files.createTempFile("dbarch-dump", ".sql");
    try {
      Process p =
          new ProcessBuilder(
                  pgDump,
                  "--no-owner",
                  "-h",
                  "127.0.0.1",
                  "-U",
                  "postgres",
                  "-f",
                  out.toString(),
                  database)
              .redirectErrorStream(true)
              .start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as("pg_dump: " + output).isZero();
      return Files.readString(out);
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
