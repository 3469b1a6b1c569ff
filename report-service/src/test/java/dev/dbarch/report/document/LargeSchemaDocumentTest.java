package dev.dbarch.report.document;

import static dev.dbarch.report.TestVerdicts.verdict;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.SystemKey;
import dev.dbarch.contracts.events.Recommendation;
import dev.dbarch.contracts.events.Risk;
import dev.dbarch.contracts.events.Section;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.contracts.events.Trigger;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A 400-table schema's document: its schema findings read as one row per rule with its count, worst
 * first, naming a few tables, and every finding is listed in the appendix at the end. The sections'
 * risks are built as the specialists send them ({@code SchemaFindings} with {@code RiskGroups}): up
 * to ten findings of one rule at one level stay rows about one subject, whose text starts with it;
 * more become one row listing every subject.
 */
class LargeSchemaDocumentTest {

  static final int TABLES = 400;

  /** What the specialists' grouping keeps as separate rows (RiskGroups.MAX_SEPARATE_ROWS). */
  static final int MAX_SEPARATE_ROWS = 10;

  private static String table(int i) {
    return String.format(Locale.ROOT, "public.t%03d", i);
  }

  /** One rule's findings at one level, as a specialist's verdict carries them. */
  private static List<Risk> rows(String ruleId, Risk.Level level, List<String> subjects) {
    List<Risk> rows = new ArrayList<>();
    if (subjects.size() <= MAX_SEPARATE_ROWS) {
      for (String subject : subjects) {
        rows.add(
            new Risk(ruleId, subject + ": " + ruleId + " here", level, level, "fix " + subject));
      }
      return rows;
    }
    rows.add(
        new Risk(
            ruleId,
            String.format(
                Locale.ROOT,
                "Found %,d times (%s and %,d more; all of them under subjects). The first: %s: %s"
                    + " here",
                subjects.size(),
                String.join(", ", subjects.subList(0, 3)),
                subjects.size() - 3,
                subjects.get(0),
                ruleId),
            level,
            level,
            "fix " + subjects.get(0),
            null,
            subjects));
    return rows;
  }

  private static List<String> tables(int from, int to, String suffix) {
    List<String> subjects = new ArrayList<>();
    for (int i = from; i < to; i++) {
      subjects.add(table(i) + suffix);
    }
    return subjects;
  }

  /** How many findings of each rule the generated 400-table schema has. */
  static final Map<String, Integer> EXPECTED_COUNTS =
      Map.of(
          "SCH-PK-001",
          40,
          "SCH-PII-001",
          36,
          "SCH-FK-001",
          400,
          "SCH-GOD-001",
          2,
          "SCH-TYP-002",
          400);

  static Recommendation document() {
    return document(TABLES);
  }

  static Recommendation document(int tableCount) {
    List<Risk> selection = new ArrayList<>();
    // Every table has an unindexed foreign key; the four largest are over 100,000 rows (HIGH).
    selection.addAll(rows("SCH-FK-001", Risk.Level.HIGH, tables(0, 4, ".fk_parent")));
    selection.addAll(rows("SCH-FK-001", Risk.Level.MEDIUM, tables(4, tableCount, ".fk_parent")));
    // One table in ten has no primary key.
    List<String> noKey = new ArrayList<>();
    for (int i = 0; i < tableCount; i += 10) {
      noKey.add(table(i));
    }
    selection.addAll(rows("SCH-PK-001", Risk.Level.HIGH, noKey));
    // Every table keeps a timestamp without a time zone.
    selection.addAll(rows("SCH-TYP-002", Risk.Level.LOW, tables(0, tableCount, ".created_at")));
    // Two wide tables.
    selection.addAll(rows("SCH-GOD-001", Risk.Level.MEDIUM, List.of(table(7), table(8))));
    List<Risk> security = new ArrayList<>();
    security.addAll(rows("SCH-PII-001", Risk.Level.HIGH, tables(100, 106, ".card_number")));
    security.addAll(rows("SCH-PII-001", Risk.Level.MEDIUM, tables(100, 130, ".email")));

    Map<Section, SectionVerdict> verdicts = new EnumMap<>(Section.class);
    for (Section s : Section.values()) {
      SectionVerdict base = verdict("big", "a-1", s);
      List<Risk> risks = new ArrayList<>(base.risks());
      if (s == Section.SELECTION) {
        risks.addAll(selection);
      }
      if (s == Section.SECURITY) {
        risks.addAll(security);
      }
      verdicts.put(
          s,
          new SectionVerdict(
              base.assessmentId(),
              base.systemId(),
              base.systemName(),
              base.trigger(),
              s,
              base.decisions(),
              base.indexes(),
              risks,
              base.alternatives(),
              base.assumptions(),
              base.questions()));
    }
    return ReportAssembler.assemble(
        SystemKey.of("default", "big"),
        tableCount + " tables",
        "a-1",
        1,
        Trigger.SUBMITTED,
        verdicts,
        null,
        null,
        ReportAssembler.Previous.NONE);
  }

  private static String between(String md, String from, String to) {
    int start = md.indexOf(from);
    assertThat(start).as(from).isNotNegative();
    int end = to == null ? md.length() : md.indexOf(to, start);
    assertThat(end).as(to).isGreaterThan(start);
    return md.substring(start, end);
  }

  /** Rows of the schema findings table: rule id to the row's cells. */
  private static Map<String, String[]> ruleRows(String risks) {
    Map<String, String[]> rows = new LinkedHashMap<>();
    Matcher m = Pattern.compile("(?m)^\\| `(SCH-[A-Z]+-\\d{3})` \\|(.*)\\|$").matcher(risks);
    while (m.find()) {
      rows.put(m.group(1), m.group(2).split(" \\| "));
    }
    return rows;
  }

  @Test
  void schemaFindingsReadAsOneRowPerRuleWorstFirstWithCountsAndTables() {
    String md = document().markdown();
    String risks = between(md, "### Risks & Mitigations", "### Assumptions and open questions");

    // The situation's risks keep their own table; no schema finding is among them.
    assertThat(risks).contains("| A selection risk | Medium | High | Mitigate it. |");
    assertThat(risks)
        .contains(
            "**Schema findings by rule:** 878 findings of 5 rules on 400 tables, worst first");

    Map<String, String[]> rows = ruleRows(risks);
    // High × High first, the rule with more findings before (FK's worst four are High, 400 in
    // all; then PK with 40, PII with 36), then Medium GOD, then Low TYP.
    assertThat(rows.keySet())
        .containsExactly("SCH-FK-001", "SCH-PK-001", "SCH-PII-001", "SCH-GOD-001", "SCH-TYP-002");
    for (var e : rows.entrySet()) {
      assertThat(e.getValue()[0].strip())
          .as(e.getKey() + " count")
          .startsWith(String.format(Locale.ROOT, "%,d", EXPECTED_COUNTS.get(e.getKey())));
    }
    // A rule found at several levels says how many at each; one at a single level just counts.
    assertThat(rows.get("SCH-FK-001")[0].strip()).isEqualTo("400 (High 4, Medium 396)");
    assertThat(rows.get("SCH-PII-001")[0].strip()).isEqualTo("36 (High 6, Medium 30)");
    assertThat(rows.get("SCH-PK-001")[0].strip()).isEqualTo("40");
    assertThat(rows.get("SCH-FK-001")[1].strip()).isEqualTo("High");
    assertThat(rows.get("SCH-FK-001")[3].strip())
        .isEqualTo(
            "400: public.t000, public.t001, public.t002, public.t003, public.t004 and 395 more");
    assertThat(rows.get("SCH-FK-001")[4].strip())
        .isEqualTo("public.t000.fk_parent: SCH-FK-001 here");
    assertThat(rows.get("SCH-PK-001")[3].strip())
        .isEqualTo(
            "40: public.t000, public.t010, public.t020, public.t030, public.t040 and 35 more");
    // The worst of PII is a card number (High), though the e-mail rows are more.
    assertThat(rows.get("SCH-PII-001")[4].strip())
        .isEqualTo("public.t100.card_number: SCH-PII-001 here");
    assertThat(rows.get("SCH-PII-001")[3].strip()).startsWith("30: public.t100, public.t101");
    assertThat(rows.get("SCH-GOD-001")[3].strip()).isEqualTo("2: public.t007, public.t008");
    assertThat(rows.get("SCH-TYP-002")[1].strip()).isEqualTo("Low");

    // No table of the risks lists findings one by one.
    assertThat(risks.lines().filter(l -> l.startsWith("|")).count()).isLessThan(20);
  }

  @Test
  void theAppendixListsEveryFindingWorstFirstAtTheEnd() {
    String md = document().markdown();
    String heading = "### " + MarkdownRenderer.APPENDIX + "\n";
    assertThat(md.indexOf(heading)).isGreaterThan(md.indexOf("### Assumptions and open questions"));
    String appendix = between(md, heading, null);
    List<String[]> rows =
        appendix
            .lines()
            .filter(l -> l.matches("^\\| \\d+ \\|.*"))
            .map(l -> l.substring(2, l.length() - 2).split(" \\| "))
            .toList();
    assertThat(rows).hasSize(878);
    assertThat(rows.get(0))
        .containsExactly("1", "`SCH-FK-001`", "public.t000.fk_parent", "High", "High");
    assertThat(rows.get(rows.size() - 1))
        .containsExactly("878", "`SCH-TYP-002`", "public.t399.created_at", "Low", "Low");
    // Worst first: the levels never rise down the list.
    int last = Integer.MAX_VALUE;
    for (String[] row : rows) {
      int score = weight(row[3]) * weight(row[4]);
      assertThat(score).as(String.join(" | ", row)).isLessThanOrEqualTo(last);
      last = score;
    }
    // Every finding once: each rule's count, and every subject of the generated schema.
    for (var e : EXPECTED_COUNTS.entrySet()) {
      assertThat(rows.stream().filter(r -> r[1].equals("`" + e.getKey() + "`")).count())
          .as(e.getKey())
          .isEqualTo(e.getValue().longValue());
    }
    assertThat(rows.stream().map(r -> r[1] + r[2]).distinct().count()).isEqualTo(878);
    assertThat(rows.stream().map(r -> r[2]))
        .contains("public.t399.fk_parent", "public.t390", "public.t129.email", "public.t008");
  }

  @Test
  void theSummaryNamesEachSchemaRuleOnceAndTheJsonKeepsEveryFinding() {
    Recommendation rec = document();
    String summary = between(rec.markdown(), "Top risks:", "### Requirements Summary");
    // The three High × High rules outrank the situation's Medium × High risks; each rule with
    // its hundreds of findings is one line, not one line per finding.
    assertThat(summary.lines().filter(l -> l.startsWith("- ")).toList())
        .containsExactly(
            "- Schema: 400 findings on 400 tables (public.t000, public.t001, public.t002,"
                + " public.t003, public.t004 and 395 more); e.g. public.t000.fk_parent: SCH-FK-001"
                + " here (likelihood High, impact High) `SCH-FK-001`",
            "- Schema: 40 findings on 40 tables (public.t000, public.t010, public.t020,"
                + " public.t030, public.t040 and 35 more); e.g. public.t000: SCH-PK-001 here"
                + " (likelihood High, impact High) `SCH-PK-001`",
            "- Schema: 36 findings on 30 tables (public.t100, public.t101, public.t102,"
                + " public.t103, public.t104 and 25 more); e.g. public.t100.card_number:"
                + " SCH-PII-001 here (likelihood High, impact High) `SCH-PII-001`");

    int findings = 0;
    for (Risk r : rec.risks()) {
      if (r.ruleId().startsWith("SCH-")) {
        findings += r.subjects() == null ? 1 : r.subjects().size();
      }
    }
    assertThat(findings).isEqualTo(878);
  }

  @Test
  void theAppendixComesAfterTheOutputFormatsHeadings() {
    Recommendation rec = document();
    String md = rec.markdown();
    // The output format's headings keep their order; the appendix follows the last of them.
    int last = -1;
    for (dev.dbarch.contracts.events.Heading h : dev.dbarch.contracts.events.Heading.values()) {
      int at = md.indexOf("\n### " + h.title() + "\n");
      assertThat(at).as(h.title()).isGreaterThan(last);
      last = at;
    }
    assertThat(md.indexOf("\n### " + MarkdownRenderer.APPENDIX + "\n")).isGreaterThan(last);
    for (Recommendation r : List.of(rec, document(5_000))) {
      String text = r.markdown();
      System.out.printf(
          Locale.ROOT,
          "%s: %,d characters of Markdown, %,d in the appendix, revision JSON %,d bytes%n",
          r.systemName(),
          text.length(),
          text.length() - text.indexOf("### Appendix"),
          dev.dbarch.contracts.Json.toJson(r).length());
    }
  }

  /** The whole document, for a reviewer: regenerate with {@code -Dgolden.update=true}. */
  @Test
  void theDocumentMatchesItsGoldenFile() throws java.io.IOException {
    java.nio.file.Path file =
        java.nio.file.Path.of("src/test/resources/golden/recommendation-400-tables.md");
    String md = document().markdown();
    if (Boolean.getBoolean("golden.update")) {
      java.nio.file.Files.writeString(file, md, java.nio.charset.StandardCharsets.UTF_8);
    }
    assertThat(file).as("golden file %s (create it with -Dgolden.update=true)", file).exists();
    assertThat(md).isEqualTo(java.nio.file.Files.readString(file));
  }

  private static int weight(String level) {
    return switch (level) {
      case "Low" -> 1;
      case "Medium" -> 2;
      case "High" -> 3;
      default -> 0;
    };
  }
}
