package dev.dbarch.schema.findings;

import dev.dbarch.contracts.requirements.SchemaSource;
import dev.dbarch.contracts.schema.SchemaFinding;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.schema.EmbeddedPg;
import dev.dbarch.schema.catalog.PostgresCatalogReader;
import dev.dbarch.schema.ddl.SqlScript;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A rule's fixture ({@code src/test/resources/rules/<id>.sql}): the script that makes it fire and
 * the near miss, and the helpers that load them, read them and run the fixes.
 */
record RuleFixture(String ruleId, String fires, String nearMiss) {

  /** Rules that need what only a live catalog has (usage counters, statistics, invalid flags). */
  static final Set<String> LIVE_ONLY =
      Set.of("SCH-IDX-003", "SCH-IDX-004", "SCH-SEQ-002", "SCH-BLT-001", "SCH-BLT-002");

  /**
   * The thresholds of the fixtures: counters of any age count (the server just started), and bloat
   * of any size; every other threshold is the default.
   */
  static final RuleSettings SETTINGS =
      RuleSettings.DEFAULTS.withUnusedIndexMinStatisticsAge(Duration.ZERO).withBloat(30, 0);

  static RuleFixture of(String ruleId) {
    String path = "/rules/" + ruleId + ".sql";
    try (InputStream in = RuleFixture.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new AssertionError("No fixture " + path + " for rule " + ruleId);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int split = text.indexOf("\n-- near miss");
      if (split < 0) {
        throw new AssertionError(path + " has no '-- near miss' section");
      }
      return new RuleFixture(ruleId, text.substring(0, split + 1), text.substring(split + 1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A database name for this fixture. */
  String database(String what) {
    return ("rule_" + ruleId + "_" + what).toLowerCase(Locale.ROOT).replace('-', '_');
  }

  static SchemaSnapshot read(Connection c) throws SQLException {
    return new PostgresCatalogReader().read(c);
  }

  static List<SchemaFinding> findings(SchemaSnapshot snapshot, String ruleId) {
    return SchemaRules.analyze(snapshot, SETTINGS).stream()
        .filter(f -> f.ruleId().equals(ruleId))
        .toList();
  }

  static void load(Connection c, String script) throws SQLException {
    EmbeddedPg.load(c, script);
  }

  /** Whether a fix is SQL to run, rather than an instruction in prose. */
  static boolean isSql(String fix) {
    return fix.matches("(?s)^(ALTER|CREATE|DROP|REINDEX|VACUUM|COMMENT)\\b.*");
  }

  /**
   * The statements of a fix, as psql would run them, each on its own in autocommit ({@code
   * CONCURRENTLY} and {@code VACUUM} refuse a transaction block). A failure names the statement.
   */
  static List<String> run(Connection c, String fix) throws SQLException {
    List<String> ran = new ArrayList<>();
    c.setAutoCommit(true);
    for (SqlScript.Statement s : SqlScript.split(fix, SchemaSource.Dialect.POSTGRESQL)) {
      try (Statement st = c.createStatement()) {
        st.execute(s.sql());
        ran.add(s.sql());
      } catch (SQLException e) {
        throw new AssertionError("Fix statement failed: " + s.sql() + ": " + e.getMessage(), e);
      }
    }
    return ran;
  }
}
