package dev.dbarch.properties;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.events.AssessmentRequested;
import dev.dbarch.contracts.events.Decision;
import dev.dbarch.contracts.events.Risk;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.contracts.events.Trigger;
import dev.dbarch.contracts.profile.Thresholds;
import dev.dbarch.contracts.requirements.Requirements;
import dev.dbarch.intake.assessment.SchemaScripts;
import dev.dbarch.migration.rules.MigrationRules;
import dev.dbarch.performance.rules.PerformanceRules;
import dev.dbarch.resilience.rules.ResilienceRules;
import dev.dbarch.security.rules.SecurityRules;
import dev.dbarch.selection.rules.SelectionRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/rules/seed-coverage.md honest: every rule it names is in a catalogue (and so proven to
 * fire by that rule book's tests), every row names a rule or says why none, no number of the seed
 * is left out, and the decisions that turn on a number state the number and the threshold when the
 * specialist runs.
 */
class SeedCoverageTest {

  private static final Path RULES = Path.of("..", "docs", "rules");
  private static final Path COVERAGE = RULES.resolve("seed-coverage.md");
  private static final Path SEED = Path.of("..", "..", "shared", "seed", "database-architect.md");
  private static final Thresholds T = Thresholds.DEFAULTS;

  /** A rule id as the catalogues write them: SEL-WIDE-001, MIG-DDL-IDX-001, RPT-CONF-005. */
  private static final Pattern RULE_ID = Pattern.compile("\\b[A-Z]+(?:-[A-Z]+)+-\\d{3}\\b");

  /** A catalogue row: the id in the first column (as RuleBookChecks reads it). */
  private static final Pattern CATALOGUE_ROW =
      Pattern.compile("(?m)^\\|\\s*`?([A-Z]+(?:-[A-Z]+)+-\\d{3})`?\\s*\\|");

  /**
   * A number with a unit: "~1TB", "10k QPS", "40-60ms", "1-2 weeks", "95%", ">10:1", "1-year".
   * Groups: number, thousands suffix, upper end of a range, unit.
   */
  private static final Pattern QUANTITY =
      Pattern.compile(
          "(?<![\\d.,])(\\d+(?:[.,]\\d+)?)(k)?(?:\\s*-\\s*(\\d+(?:[.,]\\d+)?))?[\\s-]?"
              + "(QPS|TB|GB|KB|MB|ms|%|dims|ACU|days?|weeks?|hours?|hr|minutes?|min|seconds?|s"
              + "|years?|months?|:1)(?![A-Za-z])",
          Pattern.CASE_INSENSITIVE);

  private static final String NOT_ENCODED = "Not encoded:";

  /** One row of a coverage table. */
  private record Row(String section, String item, String rules, String how) {

    List<String> ids() {
      return RULE_ID.matcher(rules).results().map(java.util.regex.MatchResult::group).toList();
    }

    String text() {
      return item + " | " + rules + " | " + how;
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The rows of every coverage table, with the heading they sit under. */
  private static List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    String section = "";
    for (String line : read(COVERAGE).split("\n")) {
      if (line.startsWith("## ")) {
        section = line.substring(3).trim();
        continue;
      }
      if (!line.startsWith("|") || line.startsWith("|---") || line.startsWith("| Seed item |")) {
        continue;
      }
      String[] cells = line.split("\\|", -1);
      assertThat(cells)
          .as("%s: a row has three columns: %s", section, line)
          .hasSize(5); // empty before the first bar and after the last
      rows.add(new Row(section, cells[1].trim(), cells[2].trim(), cells[3].trim()));
    }
    return rows;
  }

  /** Every rule id that heads a row of a catalogue in docs/rules (this page excluded). */
  private static Set<String> catalogued() {
    Set<String> ids = new TreeSet<>();
    try (Stream<Path> docs = Files.list(RULES)) {
      for (Path doc :
          docs.filter(p -> p.toString().endsWith(".md"))
              .filter(p -> !p.equals(COVERAGE))
              .sorted()
              .toList()) {
        Matcher m = CATALOGUE_ROW.matcher(read(doc));
        while (m.find()) {
          ids.add(m.group(1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ids;
  }

  @Test
  void theTablesCoverEveryPartOfTheSeed() {
    Set<String> sections = rows().stream().map(Row::section).collect(Collectors.toSet());
    assertThat(sections)
        .contains(
            "Technology selection framework",
            "Data modelling frameworks",
            "Indexing strategy",
            "Performance optimisation process",
            "High availability and disaster recovery",
            "Zero-downtime migration",
            "Security and compliance",
            "Connection pooling",
            "Caching",
            "Cloud database selection",
            "Anti-patterns",
            "Numbers, thresholds and arithmetic");
    assertThat(rows()).hasSizeGreaterThan(100);
  }

  @Test
  void everyRuleNamedIsInACatalogue() {
    Set<String> catalogued = catalogued();
    assertThat(catalogued).as("the catalogues were read").hasSizeGreaterThan(150);
    Set<String> named = new TreeSet<>();
    RULE_ID.matcher(read(COVERAGE)).results().forEach(m -> named.add(m.group()));
    assertThat(named).as("rule ids on the coverage page").hasSizeGreaterThan(80);
    assertThat(named)
        .allSatisfy(id -> assertThat(catalogued).as("%s is a catalogue row", id).contains(id));
  }

  @Test
  void everyRowNamesARuleOrSaysWhyNone() {
    for (Row row : rows()) {
      assertThat(row.item()).as("%s: seed item of %s", row.section(), row.text()).isNotBlank();
      if (row.rules().equals("—")) {
        assertThat(row.how())
            .as("%s: a row without a rule says why: %s", row.section(), row.text())
            .startsWith(NOT_ENCODED);
        assertThat(row.how().substring(NOT_ENCODED.length()).trim())
            .as("%s: the reason of %s", row.section(), row.text())
            .hasSizeGreaterThan(20);
      } else {
        assertThat(row.ids())
            .as("%s: the rules column holds rule ids only: %s", row.section(), row.text())
            .isNotEmpty()
            .hasSize(row.rules().split(",").length);
        assertThat(row.how()).as("%s: how, for %s", row.section(), row.text()).isNotBlank();
      }
    }
  }

  @Test
  void everyNumberOfTheSeedIsInARow() {
    Assumptions.assumeTrue(
        Files.isRegularFile(SEED),
        "the domain seed is not checked out at "
            + SEED.toAbsolutePath().normalize()
            + "; its numbers cannot be compared with the coverage page");
    Map<String, String> inSeed = quantities(body(read(SEED)));
    assertThat(inSeed).as("numbers with units in the seed").hasSizeGreaterThan(30);
    Set<String> inRows = new TreeSet<>();
    for (Row row : rows()) {
      inRows.addAll(quantities(row.text()).keySet());
    }
    Map<String, String> missing = new TreeMap<>(inSeed);
    missing.keySet().removeAll(inRows);
    assertThat(missing).as("seed numbers (canonical form = as written) in no row").isEmpty();
  }

  /** The seed without its front matter (whose examples are conversations, not thresholds). */
  private static String body(String seed) {
    if (!seed.startsWith("---")) {
      return seed;
    }
    int end = seed.indexOf("\n---", 3);
    return end < 0 ? seed : seed.substring(end + 4);
  }

  /** Each quantity of {@code text} in a canonical form, with the text it was written as. */
  static Map<String, String> quantities(String text) {
    Map<String, String> found = new TreeMap<>();
    Matcher m = QUANTITY.matcher(text);
    while (m.find()) {
      String number = plain(m.group(1), m.group(2) != null);
      String upper = m.group(3) == null ? "" : "-" + plain(m.group(3), false);
      found.putIfAbsent(number + upper + unit(m.group(4)), m.group());
    }
    return found;
  }

  private static String plain(String number, boolean thousands) {
    String digits = number.replace(",", "");
    if (!thousands) {
      return digits;
    }
    return new java.math.BigDecimal(digits)
        .multiply(java.math.BigDecimal.valueOf(1000))
        .stripTrailingZeros()
        .toPlainString();
  }

  private static String unit(String unit) {
    String u = unit.toLowerCase(Locale.ROOT);
    return switch (u) {
      case "day", "days" -> "day";
      case "week", "weeks" -> "week";
      case "hour", "hours", "hr" -> "h";
      case "minute", "minutes", "min" -> "min";
      case "second", "seconds", "s" -> "s";
      case "year", "years" -> "year";
      case "month", "months" -> "month";
      default -> u;
    };
  }

  @Test
  void theCanonicalFormIgnoresSpellingButNotValue() {
    assertThat(quantities("~10k QPS")).containsOnlyKeys("10000qps");
    assertThat(quantities("10,000 QPS")).containsOnlyKeys("10000qps");
    assertThat(quantities("<1hr")).containsOnlyKeys("1h");
    assertThat(quantities("1-2 weeks and 1-year terms")).containsOnlyKeys("1-2week", "1year");
    assertThat(quantities("40-60ms")).containsOnlyKeys("40-60ms");
    assertThat(quantities("(>10:1)")).containsOnlyKeys("10:1");
    assertThat(quantities("110 GB")).doesNotContainKey("10gb");
    assertThat(quantities("PostgreSQL 15+ and 3NF")).isEmpty();
  }

  // ---- the mapped rules of the five specialists fire on the inputs dbarch is tested with

  /** Every rule id that produced a decision, an index row or a risk. */
  private static Set<String> fired(SectionVerdict verdict) {
    Set<String> ids = new TreeSet<>();
    verdict.decisions().forEach(d -> ids.add(d.ruleId()));
    verdict.indexes().forEach(i -> ids.add(i.ruleId()));
    verdict.risks().forEach(r -> ids.add(r.ruleId()));
    return ids;
  }

  private static Set<String> firedBySpecialists(AssessmentRequested request) {
    Set<String> ids = new TreeSet<>();
    ids.addAll(fired(SelectionRules.assess(request)));
    ids.addAll(fired(PerformanceRules.assess(request)));
    ids.addAll(fired(ResilienceRules.assess(request)));
    ids.addAll(fired(SecurityRules.assess(request)));
    ids.addAll(fired(MigrationRules.assess(request)));
    return ids;
  }

  /**
   * Situations the generator rarely reaches, each aimed at mapped rules: a volume past one server
   * on AWS, documents with few and with very many children, DynamoDB keys with and without an
   * equality filter, a large table read by key, a fixed-value filter, and migration scripts for the
   * linter (PostgreSQL and MySQL).
   */
  private static final List<String> SITUATIONS =
      List.of(
          "scale: {dataVolumeGbIn12Months: 1500}\n"
              + "platform: {cloud: AWS, managedPreferred: true, vendorLockInConcern: false}",
          documents(10_000),
          "dataShape: {keyValue: true}\n"
              + "platform: {cloud: AWS, deployment: SERVERLESS, vendorLockInConcern: false}\n"
              + "accessPatterns:\n"
              + "  - {name: orders of a customer, table: orders, filters: [customer_id]}\n"
              + "  - {name: recent orders, table: orders, filters: [\"created_at > ?\"]}",
          "scale: {dataVolumeGb: 400, tableRows: {orders: 1000}}\n"
              + "accessPatterns:\n"
              + "  - {name: orders of a customer, table: orders, filters: [customer_id]}",
          documents(150_000),
          "accessPatterns:\n"
              + "  - {name: active, table: users, filters: [email, \"status = 'active'\"]}",
          "schema:\n  dialect: POSTGRESQL\n  ddl: >-\n"
              + "    CREATE INDEX orders_wide_idx ON orders (customer_id, status, created_at, total);\n"
              + "    ALTER TABLE orders RENAME COLUMN total TO amount;\n"
              + "    ALTER TABLE customers RENAME TO clients;",
          "schema:\n  dialect: MYSQL\n  ddl: ALTER TABLE orders MODIFY total DECIMAL(14,2);");

  /**
   * Articles with {@code tags} tag rows, read with their article: 10 or fewer per article embed.
   */
  private static String documents(int tags) {
    return "dataShape: {flexibleDocuments: true}\n"
        + "scale: {tableRows: {articles: 1000, tags: "
        + tags
        + "}}\n"
        + "accessPatterns:\n"
        + "  - {name: article page, table: articles, filters: [slug],"
        + " joins: [\"tags.article_id = articles.id\"]}";
  }

  /**
   * The workload diagnoses (PERF-DIAG-010 to 023) read plans, statement statistics and a monitored
   * database's live statistics rather than a requirements document; workload-kit's and
   * performance-service's own tests fire each of them and show its near miss.
   */
  private static final Pattern PROVEN_ELSEWHERE = Pattern.compile("PERF-DIAG-0[12]\\d");

  /** Generated documents (fixed seeds) run through the five specialists besides the situations. */
  private static final int GENERATED = 100;

  @Test
  void everyMappedRuleOfTheSpecialistsFires() throws IOException {
    Set<String> firing = new TreeSet<>();
    for (String situation : SITUATIONS) {
      firing.addAll(firedBySpecialists(request(situation)));
    }
    for (long seed = 1; seed <= GENERATED; seed++) {
      Requirements req =
          Json.mapper()
              .convertValue(new RequirementsGenerator(seed).document(), Requirements.class);
      firing.addAll(
          firedBySpecialists(
              new AssessmentRequested(
                  "a",
                  "seed-" + seed,
                  req.systemId(),
                  Trigger.SUBMITTED,
                  Instant.EPOCH,
                  req,
                  SchemaScripts.parse(req.schema()).context())));
    }
    try (Stream<Path> examples = Files.list(Path.of("..", "examples"))) {
      for (Path example : examples.filter(p -> p.toString().endsWith(".yaml")).toList()) {
        Requirements req = Json.yaml().readValue(example.toFile(), Requirements.class);
        firing.addAll(
            firedBySpecialists(
                new AssessmentRequested(
                    "a",
                    example.getFileName().toString(),
                    req.systemId(),
                    Trigger.SUBMITTED,
                    Instant.EPOCH,
                    req,
                    SchemaScripts.parse(req.schema()).context())));
      }
    }
    Set<String> mapped = new TreeSet<>();
    RULE_ID.matcher(read(COVERAGE)).results().forEach(m -> mapped.add(m.group()));
    Set<String> silent = new TreeSet<>();
    for (String id : mapped) {
      if (id.matches("(SEL|PERF|RES|SEC|MIG)-.*")
          && !PROVEN_ELSEWHERE.matcher(id).matches()
          && !firing.contains(id)) {
        silent.add(id);
      }
    }
    assertThat(silent).as("mapped rules that fired on no input").isEmpty();
  }

  // ---- decisions that turn on a number state the number and the threshold

  private static AssessmentRequested request(String yaml) {
    try {
      Requirements req =
          Json.yaml().readValue("systemId: seed\nname: Seed\n" + yaml, Requirements.class);
      return new AssessmentRequested("a", "seed", Trigger.SUBMITTED, Instant.EPOCH, req);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A decision as the document prints it: choice, rationale, trade-off and facts. */
  private static String decided(SectionVerdict verdict, String ruleId) {
    List<String> texts =
        verdict.decisions().stream()
            .filter(d -> d.ruleId().equals(ruleId))
            .map(SeedCoverageTest::text)
            .toList();
    assertThat(texts).as("%s decided in %s", ruleId, verdict.section()).isNotEmpty();
    return String.join("\n", texts);
  }

  private static String text(Decision d) {
    return d.topic()
        + ": "
        + d.choice()
        + "\n"
        + d.rationale()
        + "\n"
        + d.tradeOff()
        + "\n"
        + d.facts().entrySet().stream()
            .map(e -> e.getKey() + ": " + e.getValue())
            .collect(Collectors.joining(", "));
  }

  private static String risked(SectionVerdict verdict, String ruleId) {
    List<String> texts =
        verdict.risks().stream()
            .filter(r -> r.ruleId().equals(ruleId))
            .map(r -> r.risk() + "\n" + r.mitigation())
            .toList();
    assertThat(texts).as("%s risk in %s", ruleId, verdict.section()).isNotEmpty();
    return String.join("\n", texts);
  }

  /**
   * The whole number {@code n} with or without thousands separators and a zero decimal (1200, 1,200
   * or 1200.0), followed by {@code unit} when one is given.
   */
  private static Pattern number(double n, String unit) {
    String digits = Long.toString(Math.round(n));
    StringBuilder grouped = new StringBuilder();
    for (int i = 0; i < digits.length(); i++) {
      if (i > 0 && (digits.length() - i) % 3 == 0) {
        grouped.append(",?");
      }
      grouped.append(digits.charAt(i));
    }
    String tail = unit.isEmpty() ? "" : "\\s?" + Pattern.quote(unit);
    return Pattern.compile("(?<![\\d,.])" + grouped + "(?:\\.0+)?(?![\\d]|,\\d|\\.\\d)" + tail);
  }

  private static void states(String text, double n, String unit) {
    assertThat(number(n, unit).matcher(text).find())
        .as("states %s%s in:%n%s", Math.round(n), unit.isEmpty() ? "" : " " + unit, text)
        .isTrue();
  }

  @Test
  void aNumberIsFoundOnlyWhole() {
    Pattern gb = number(1200, "GB");
    assertThat(List.of("1,200 GB", "1200GB", "about 1200.0 GB"))
        .allSatisfy(t -> assertThat(gb.matcher(t).find()).as(t).isTrue());
    assertThat(List.of("11,200 GB", "1200.5 GB", "1200 MB", "1,2000 GB"))
        .allSatisfy(t -> assertThat(gb.matcher(t).find()).as(t).isFalse());
  }

  @Nested
  class NumbersAreStated {

    @Test
    void shardingStatesTheVolumeAndOneServersLimits() {
      SectionVerdict verdict =
          PerformanceRules.assess(
              request(
                  "scale: {dataVolumeGb: 900, dataVolumeGbIn12Months: 1200}\n"
                      + "workload: {peakQps: 2000}"));
      String text = decided(verdict, "PERF-SHARD-001");
      assertThat(text).contains("Plan horizontal sharding");
      states(text, 1200, "");
      states(text, T.singleServerDataGb(), "GB");
      states(text, T.singleServerQps(), "QPS");
    }

    @Test
    void shardingStatesThePeakAndOneServersQueryLimit() {
      SectionVerdict verdict =
          PerformanceRules.assess(request("scale: {dataVolumeGb: 50}\nworkload: {peakQps: 12000}"));
      String text = decided(verdict, "PERF-SHARD-001");
      assertThat(text).contains("Plan horizontal sharding");
      states(text, 12000, "");
      states(text, T.singleServerQps(), "QPS");
    }

    @Test
    void belowTheLimitsShardingSaysNotYet() {
      SectionVerdict verdict =
          PerformanceRules.assess(
              request("scale: {dataVolumeGbIn12Months: 999}\nworkload: {peakQps: 9999}"));
      assertThat(decided(verdict, "PERF-SHARD-001")).contains("Do not shard");
    }

    @Test
    void auroraStatesTheVolumePastOneServer() {
      SectionVerdict verdict =
          SelectionRules.assess(
              request(
                  "scale: {dataVolumeGb: 800, dataVolumeGbIn12Months: 1500}\n"
                      + "workload: {peakQps: 100, readWriteRatio: 4}\n"
                      + "platform: {cloud: AWS, managedPreferred: true,"
                      + " vendorLockInConcern: false}"));
      String text = decided(verdict, "SEL-CLOUD-003");
      states(text, 1500, "GB");
      states(text, T.singleServerDataGb(), "GB");
    }

    @Test
    void aWideColumnStoreStatesTheWriteRateAndOnePrimarysLimit() {
      // 60,000 QPS at two reads per write: 60,000 / (2 + 1) = 20,000 writes/s.
      SectionVerdict verdict =
          SelectionRules.assess(
              request(
                  "workload: {peakQps: 60000, readWriteRatio: 2}\n"
                      + "consistency: {level: EVENTUAL}"));
      String text = decided(verdict, "SEL-WIDE-001");
      states(text, 20000, "writes/s");
      states(text, T.highWritesPerSecond(), "/s");
    }

    @Test
    void distributedSqlStatesTheWriteRateAndOnePrimarysLimit() {
      SectionVerdict verdict =
          SelectionRules.assess(
              request(
                  "workload: {peakQps: 60000, readWriteRatio: 2, acidTransactions: true}\n"
                      + "consistency: {level: STRONG}"));
      String text = decided(verdict, "SEL-CLOUD-002");
      states(text, 20000, "writes/s");
      states(text, T.highWritesPerSecond(), "/s");
    }

    @Test
    void aLowCacheHitRatioStatesTheRatioTheFloorAndTheTarget() {
      SectionVerdict verdict =
          PerformanceRules.assess(request("diagnostics: {cacheHitRatio: 0.62}"));
      String text = risked(verdict, "PERF-CACHE-002");
      states(text, 62, "%");
      states(text, 70, "%");
      states(text, 80, "%");
    }

    @Test
    void thePoolStatesTheFormulaWithTheCores() {
      SectionVerdict verdict = PerformanceRules.assess(request("diagnostics: {cpuCores: 16}"));
      String text = decided(verdict, "PERF-POOL-001");
      assertThat(text).contains("(16 cores x 2) + 1");
      states(text, 33, "server connections");
    }

    @Test
    void aLargeTableStatesItsEstimatedSizeAndTheThreshold() {
      // 400 GB shared by row count: orders hold 660 of 1,000 rows, so about 264 GB.
      AssessmentRequested request =
          request("scale: {dataVolumeGb: 400, tableRows: {orders: 660, customers: 340}}");
      for (String text :
          List.of(
              decided(SelectionRules.assess(request), "SEL-SCHEMA-006"),
              decided(MigrationRules.assess(request), "MIG-ONLINE-001"))) {
        assertThat(text).contains("orders (about 264 GB");
        states(text, T.largeTableGb(), "");
        assertThat(text).containsPattern("100(\\.0)? ?GB|[gG]b: 100");
      }
    }

    @Test
    void growthStatesThePaceAndWhenOneServerIsReached() {
      // (900 - 300) / 12 = 50 GB a month; (1,000 - 900) / 50 = 2 months past the forecast year.
      SectionVerdict verdict =
          PerformanceRules.assess(
              request("scale: {dataVolumeGb: 300, dataVolumeGbIn12Months: 900}"));
      String text = risked(verdict, "PERF-RISK-001");
      states(text, 300, "GB");
      states(text, 900, "GB");
      states(text, 50, "GB a month");
      states(text, T.singleServerDataGb(), "GB");
      states(text, 14, "months");
    }

    @Test
    void aSpillStatesTheMemoryArithmetic() throws IOException {
      // examples/peak-slowdown.yaml: 64 MB x 100 connections = 6.3 GB, over a quarter of 16 GB.
      Requirements req =
          Json.yaml()
              .readValue(
                  Path.of("..", "examples", "peak-slowdown.yaml").toFile(), Requirements.class);
      SectionVerdict verdict =
          PerformanceRules.assess(
              new AssessmentRequested("a", req.systemId(), Trigger.SUBMITTED, Instant.EPOCH, req));
      String text = decided(verdict, "PERF-DIAG-012");
      states(text, 64, "MB");
      states(text, 16, "GB");
      states(text, 25, "%");
      states(text, 100, "");
    }

    @Test
    void growthThatStaysUnderFortyPercentOfTheLimitIsNoRisk() {
      SectionVerdict verdict =
          PerformanceRules.assess(
              request("scale: {dataVolumeGb: 300, dataVolumeGbIn12Months: 350}"));
      assertThat(verdict.risks()).extracting(Risk::ruleId).doesNotContain("PERF-RISK-001");
    }
  }
}
