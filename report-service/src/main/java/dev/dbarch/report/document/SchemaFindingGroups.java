package dev.dbarch.report.document;

import dev.dbarch.contracts.events.Risk;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The schema findings among a document's risks, arranged for a reader: one group per rule with its
 * count, worst first, naming the tables, and every finding one by one for the appendix.
 *
 * <p>The sections bring the shared schema findings (rule ids {@code SCH-*}) in as risks, in two
 * shapes: a row about one finding, whose text starts with its subject ({@code schema.table} or
 * {@code schema.table.object}, then {@code ": "}), and a row standing for many findings of one rule
 * at one level, which lists every subject in {@link Risk#subjects()}. Both are expanded here into
 * one {@link Finding} per subject; the sections' rows themselves stay as they are in the JSON.
 */
final class SchemaFindingGroups {

  /** The rule id prefix of the shared schema rules (docs/rules/schema.md). */
  static final String PREFIX = "SCH-";

  /** How many tables a group's row names before "and N more". */
  static final int TABLES_NAMED = 5;

  /** Text of a row standing for many findings before the first finding's own text. */
  private static final String FIRST = "The first: ";

  private SchemaFindingGroups() {}

  /**
   * One schema finding: its rule, what it is about, its level, and the table the subject names.
   *
   * @param table {@code schema.table} of a subject {@code schema.table} or {@code
   *     schema.table.object}; in a document whose tables carry no schema (a MySQL script without a
   *     database), {@code table} of {@code table} or {@code table.object}
   */
  record Finding(
      String ruleId, String subject, Risk.Level likelihood, Risk.Level impact, String table) {

    int score() {
      return SchemaFindingGroups.score(likelihood, impact);
    }
  }

  /**
   * The table a subject names. Subjects are {@code schema.table[.object]} when tables carry a
   * schema, {@code table[.object]} when they do not; a subject of one part can only be the latter,
   * so one such subject in the document says its tables are unqualified.
   */
  static String tableOf(String subject, boolean qualified) {
    String[] parts = subject.split("\\.", 3);
    if (!qualified) {
      return parts[0];
    }
    return parts.length >= 2 ? parts[0] + "." + parts[1] : subject;
  }

  /**
   * All findings of one rule.
   *
   * @param findings worst first, then in the order the sections found them
   * @param example the text of the worst finding's row (the first finding's text for a row standing
   *     for many)
   * @param fix that row's mitigation
   */
  record Group(String ruleId, List<Finding> findings, String example, String fix) {

    Finding worst() {
      return findings.get(0);
    }

    int count() {
      return findings.size();
    }

    /** The tables the findings are on, each once, in the findings' order. */
    List<String> tables() {
      Set<String> tables = new LinkedHashSet<>();
      findings.forEach(f -> tables.add(f.table()));
      return List.copyOf(tables);
    }
  }

  static boolean isSchemaFinding(Risk risk) {
    return risk.ruleId() != null && risk.ruleId().startsWith(PREFIX);
  }

  /** Likelihood times impact, each counted 1 (low) to 3 (high); an unknown level counts 0. */
  static int score(Risk.Level likelihood, Risk.Level impact) {
    return weight(likelihood) * weight(impact);
  }

  private static int weight(Risk.Level level) {
    return level == null ? 0 : level.ordinal() + 1;
  }

  /**
   * One group per rule among {@code risks}' schema findings, worst first: by the worst finding's
   * likelihood × impact, then by count, then by rule id.
   */
  static List<Group> groups(List<Risk> risks) {
    boolean qualified =
        risks.stream()
            .filter(SchemaFindingGroups::isSchemaFinding)
            .flatMap(r -> subjects(r).stream())
            .allMatch(subject -> subject.contains("."));
    Map<String, List<Finding>> byRule = new LinkedHashMap<>();
    Map<String, Risk> worstRow = new HashMap<>();
    for (Risk risk : risks) {
      if (!isSchemaFinding(risk)) {
        continue;
      }
      List<Finding> found = byRule.computeIfAbsent(risk.ruleId(), id -> new ArrayList<>());
      for (String subject : subjects(risk)) {
        found.add(
            new Finding(
                risk.ruleId(),
                subject,
                risk.likelihood(),
                risk.impact(),
                tableOf(subject, qualified)));
      }
      Risk before = worstRow.get(risk.ruleId());
      if (before == null
          || score(risk.likelihood(), risk.impact())
              > score(before.likelihood(), before.impact())) {
        worstRow.put(risk.ruleId(), risk);
      }
    }
    List<Group> groups = new ArrayList<>();
    for (Map.Entry<String, List<Finding>> e : byRule.entrySet()) {
      List<Finding> findings = new ArrayList<>(e.getValue());
      // Stable: equal findings keep the order the sections found them in.
      findings.sort(Comparator.comparingInt(Finding::score).reversed());
      Risk row = worstRow.get(e.getKey());
      groups.add(new Group(e.getKey(), List.copyOf(findings), example(row), row.mitigation()));
    }
    groups.sort(
        Comparator.comparingInt((Group g) -> g.worst().score())
            .reversed()
            .thenComparing(Comparator.comparingInt(Group::count).reversed())
            .thenComparing(Group::ruleId));
    return groups;
  }

  /**
   * Every finding of {@code groups}, worst first: by likelihood × impact, then in the groups'
   * order, then as found.
   */
  static List<Finding> all(List<Group> groups) {
    Map<String, Integer> rank = new HashMap<>();
    for (int i = 0; i < groups.size(); i++) {
      rank.put(groups.get(i).ruleId(), i);
    }
    List<Finding> all = new ArrayList<>();
    groups.forEach(g -> all.addAll(g.findings()));
    all.sort(
        Comparator.comparingInt(Finding::score)
            .reversed()
            .thenComparing(f -> rank.get(f.ruleId())));
    return all;
  }

  /**
   * How many findings, and when they are not all at one level how many at each, worst first: "400
   * (High 4, Medium 396)". A level whose likelihood and impact differ reads "Medium/High".
   */
  static String count(Group group) {
    Map<String, Integer> byLevel = new LinkedHashMap<>();
    for (Finding f : group.findings()) {
      byLevel.merge(levelName(f), 1, Integer::sum);
    }
    String count = String.format(Locale.ROOT, "%,d", group.count());
    if (byLevel.size() < 2) {
      return count;
    }
    List<String> parts = new ArrayList<>();
    byLevel.forEach((level, n) -> parts.add(String.format(Locale.ROOT, "%s %,d", level, n)));
    return count + " (" + String.join(", ", parts) + ")";
  }

  private static String levelName(Finding f) {
    String likelihood = name(f.likelihood());
    String impact = name(f.impact());
    return likelihood.equals(impact) ? likelihood : likelihood + "/" + impact;
  }

  private static String name(Risk.Level level) {
    if (level == null) {
      return "-";
    }
    String lower = level.name().toLowerCase(Locale.ROOT);
    return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
  }

  /** "37: public.a, public.b, public.c, public.d, public.e and 32 more". */
  static String namedTables(Group group) {
    return String.format(Locale.ROOT, "%,d: %s", group.tables().size(), tableNames(group));
  }

  /** "public.a, public.b, public.c, public.d, public.e and 32 more": a few, then how many more. */
  static String tableNames(Group group) {
    List<String> tables = group.tables();
    String named = String.join(", ", tables.subList(0, Math.min(TABLES_NAMED, tables.size())));
    return tables.size() > TABLES_NAMED
        ? String.format(Locale.ROOT, "%s and %,d more", named, tables.size() - TABLES_NAMED)
        : named;
  }

  /**
   * The subjects a row stands for: its listed subjects, or the one its text starts with. A row
   * without that prefix (not written by the specialists' schema findings) is one finding about the
   * whole text.
   */
  private static List<String> subjects(Risk risk) {
    if (risk.subjects() != null && !risk.subjects().isEmpty()) {
      return risk.subjects();
    }
    String text = risk.risk() == null ? "" : risk.risk();
    int colon = text.indexOf(": ");
    return List.of(colon > 0 ? text.substring(0, colon) : text);
  }

  private static String example(Risk row) {
    String text = row.risk() == null ? "" : row.risk();
    if (row.subjects() != null) {
      int first = text.indexOf(FIRST);
      return first < 0 ? text : text.substring(first + FIRST.length());
    }
    return text;
  }
}
