package dev.dbarch.report.document;

import dev.dbarch.contracts.events.Alternative;
import dev.dbarch.contracts.events.Assumption;
import dev.dbarch.contracts.events.Change;
import dev.dbarch.contracts.events.Decision;
import dev.dbarch.contracts.events.Heading;
import dev.dbarch.contracts.events.IndexSuggestion;
import dev.dbarch.contracts.events.Recommendation;
import dev.dbarch.contracts.events.Risk;
import dev.dbarch.contracts.events.Section;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.contracts.schema.SchemaChange;
import dev.dbarch.contracts.schema.StatementRisk;
import dev.dbarch.contracts.workload.WorkloadChange;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Renders a recommendation as Markdown, heading for heading in the order of the seed's output
 * format. Every heading is always present: one whose section has not reported says so.
 */
public final class MarkdownRenderer {

  private MarkdownRenderer() {}

  public static String render(Recommendation rec) {
    StringBuilder md = new StringBuilder();
    md.append("## Database Architecture Recommendation: ")
        .append(inline(rec.systemName()))
        .append("\n\n");
    md.append("_System `")
        .append(rec.systemId())
        .append("` · revision ")
        .append(rec.revision())
        .append(" · assessment `")
        .append(rec.assessmentId())
        .append("` · trigger ")
        .append(
            rec.trigger() == null
                ? "unknown"
                : rec.trigger().name().toLowerCase().replace('_', ' '))
        .append("_\n\n");
    if (!rec.complete()) {
      md.append("> **Incomplete:** no verdict yet from ")
          .append(
              rec.missingSections().stream()
                  .map(Section::specialist)
                  .collect(Collectors.joining(", ")))
          .append(".\n\n");
    }
    summary(md, rec);
    if (rec.previousRevision() != null) {
      whatChanged(md, rec);
    }
    for (Heading heading : Heading.values()) {
      md.append("### ").append(heading.title()).append("\n\n");
      switch (heading) {
        case INDEXING_STRATEGY -> indexing(md, rec);
        case ALTERNATIVES_CONSIDERED -> alternatives(md, rec);
        case IMPLEMENTATION_PHASES -> phases(md, rec);
        case RISKS_AND_MITIGATIONS -> risks(md, rec);
        case ASSUMPTIONS_AND_QUESTIONS -> assumptions(md, rec);
        default -> decisions(md, rec, heading);
      }
    }
    appendix(md, rec);
    return md.toString();
  }

  /** How many risks the summary names; the full table is under Risks &amp; Mitigations. */
  static final int TOP_RISKS = 3;

  /**
   * The document's opening: the key decisions, read from their typed values (one row per decision
   * that fixes some), and the top risks (the risk list is already ordered worst first).
   */
  private static void summary(StringBuilder md, Recommendation rec) {
    md.append("**Summary**\n\n");
    List<String[]> rows = new java.util.ArrayList<>();
    for (SectionVerdict section : rec.sections()) {
      for (Decision d : section.decisions()) {
        if (d.design() != null) {
          rows.add(
              new String[] {
                d.topic(), d.design().canonical(), section.section().name(), code(d.ruleId())
              });
        }
      }
    }
    if (rows.isEmpty()) {
      md.append("_No key decision yet._\n\n");
    } else {
      md.append("| Key decision | Value | Section | Rule |\n");
      md.append("|--------------|-------|---------|------|\n");
      for (String[] r : rows) {
        row(md, r[0], "`" + r[1] + "`", r[2], r[3]);
      }
      md.append('\n');
    }
    List<TopRisk> top = topRisks(rec);
    if (top.isEmpty()) {
      md.append("Top risks: none found.\n\n");
      return;
    }
    md.append("Top risks:\n\n");
    top.stream()
        .limit(TOP_RISKS)
        .forEach(
            r ->
                md.append("- ")
                    .append(inline(r.text()))
                    .append(" (likelihood ")
                    .append(level(r.likelihood()))
                    .append(", impact ")
                    .append(level(r.impact()))
                    .append(") `")
                    .append(r.ruleId())
                    .append("`\n"));
    md.append('\n');
  }

  /** A line of the summary's top risks: a risk of the situation, or one schema rule's findings. */
  private record TopRisk(String ruleId, String text, Risk.Level likelihood, Risk.Level impact) {}

  /**
   * The risks of the situation and one entry per schema rule (so a rule found on hundreds of tables
   * takes one line, not three), highest impact and likelihood first as in the risk list; at a tie
   * the situation's risks come first.
   */
  private static List<TopRisk> topRisks(Recommendation rec) {
    List<TopRisk> top = new java.util.ArrayList<>();
    rec.risks().stream()
        .filter(r -> !SchemaFindingGroups.isSchemaFinding(r))
        .forEach(r -> top.add(new TopRisk(r.ruleId(), r.risk(), r.likelihood(), r.impact())));
    for (SchemaFindingGroups.Group g : SchemaFindingGroups.groups(rec.risks())) {
      SchemaFindingGroups.Finding worst = g.worst();
      top.add(
          new TopRisk(
              g.ruleId(),
              g.count() == 1
                  ? g.example()
                  : String.format(
                      java.util.Locale.ROOT,
                      "Schema: %,d findings on %s; e.g. %s",
                      g.count(),
                      g.tables().size() == 1
                          ? g.tables().get(0)
                          : String.format(
                              java.util.Locale.ROOT,
                              "%,d tables (%s)",
                              g.tables().size(),
                              SchemaFindingGroups.tableNames(g)),
                      g.example()),
              worst.likelihood(),
              worst.impact()));
    }
    top.sort(
        java.util.Comparator.comparing(
                (TopRisk r) -> r.impact() == null ? 0 : -r.impact().ordinal())
            .thenComparing(r -> r.likelihood() == null ? 0 : -r.likelihood().ordinal()));
    return top;
  }

  private static void decisions(StringBuilder md, Recommendation rec, Heading heading) {
    Optional<SectionVerdict> owner = ownerOf(rec, heading);
    if (owner.isEmpty()) {
      notYet(md, heading);
      return;
    }
    List<Decision> decisions = decisionsUnder(owner.get(), heading);
    if (decisions.isEmpty()) {
      md.append("_Nothing to decide here for this input._\n\n");
      return;
    }
    for (Decision d : decisions) {
      md.append("- **").append(inline(d.topic())).append(":** ").append(inline(d.choice()));
      md.append(" `").append(d.ruleId()).append("`\n");
      if (d.rationale() != null) {
        md.append("  - Why: ").append(inline(d.rationale())).append('\n');
      }
      if (d.tradeOff() != null) {
        md.append("  - Trade-off accepted: ").append(inline(d.tradeOff())).append('\n');
      }
      if (!d.facts().isEmpty()) {
        md.append("  - Facts used: ")
            .append(
                d.facts().entrySet().stream()
                    .map(e -> e.getKey() + " = " + inline(e.getValue()))
                    .collect(Collectors.joining("; ")))
            .append('\n');
      }
    }
    md.append('\n');
  }

  private static void indexing(StringBuilder md, Recommendation rec) {
    Optional<SectionVerdict> owner = ownerOf(rec, Heading.INDEXING_STRATEGY);
    if (owner.isEmpty()) {
      notYet(md, Heading.INDEXING_STRATEGY);
      return;
    }
    List<Decision> notes = decisionsUnder(owner.get(), Heading.INDEXING_STRATEGY);
    List<IndexSuggestion> indexes = owner.get().indexes();
    if (!indexes.isEmpty()) {
      md.append("| Table | Index | Type | Purpose | Selectivity | Rule |\n");
      md.append("|-------|-------|------|---------|-------------|------|\n");
      for (IndexSuggestion i : indexes) {
        row(md, i.table(), i.index(), i.type(), i.purpose(), i.selectivity(), code(i.ruleId()));
      }
      md.append('\n');
    }
    if (indexes.isEmpty() && notes.isEmpty()) {
      md.append("_No access patterns given, so no index is proposed yet._\n\n");
    }
    if (!notes.isEmpty()) {
      decisions(md, rec, Heading.INDEXING_STRATEGY);
    }
  }

  private static void alternatives(StringBuilder md, Recommendation rec) {
    Optional<SectionVerdict> owner = ownerOf(rec, Heading.ALTERNATIVES_CONSIDERED);
    if (owner.isEmpty()) {
      notYet(md, Heading.ALTERNATIVES_CONSIDERED);
      return;
    }
    List<Alternative> alternatives =
        rec.sections().stream().flatMap(s -> s.alternatives().stream()).toList();
    if (alternatives.isEmpty()) {
      md.append("_No alternative was close enough to list._\n\n");
      return;
    }
    md.append("| Approach | Pros | Cons | Why Not Chosen |\n");
    md.append("|----------|------|------|----------------|\n");
    for (Alternative a : alternatives) {
      row(md, a.approach(), a.pros(), a.cons(), a.whyNotChosen());
    }
    md.append('\n');
  }

  private static void phases(StringBuilder md, Recommendation rec) {
    Optional<SectionVerdict> owner = ownerOf(rec, Heading.IMPLEMENTATION_PHASES);
    if (owner.isEmpty()) {
      notYet(md, Heading.IMPLEMENTATION_PHASES);
      return;
    }
    List<Decision> phases = decisionsUnder(owner.get(), Heading.IMPLEMENTATION_PHASES);
    if (phases.isEmpty()) {
      md.append("_No phased plan for this input._\n\n");
      return;
    }
    int n = 1;
    for (Decision phase : phases) {
      md.append(n++)
          .append(". **")
          .append(inline(phase.topic()))
          .append(":** ")
          .append(inline(phase.choice()))
          .append(" `")
          .append(phase.ruleId())
          .append("`\n");
    }
    md.append('\n');
  }

  private static void risks(StringBuilder md, Recommendation rec) {
    if (rec.risks().isEmpty()) {
      md.append(
          rec.complete()
              ? "_No risk found for this input._\n\n"
              : "_No risk reported so far._\n\n");
      return;
    }
    List<Risk> situation =
        rec.risks().stream().filter(r -> !SchemaFindingGroups.isSchemaFinding(r)).toList();
    if (!situation.isEmpty()) {
      md.append("| Risk | Likelihood | Impact | Mitigation | Rule |\n");
      md.append("|------|------------|--------|------------|------|\n");
      for (Risk r : situation) {
        row(
            md,
            r.risk(),
            level(r.likelihood()),
            level(r.impact()),
            r.mitigation(),
            code(r.ruleId()));
      }
      md.append('\n');
    }
    schemaFindings(md, SchemaFindingGroups.groups(rec.risks()));
  }

  /**
   * The schema findings, one row per rule: how many, on how many tables (a few named), its worst
   * level, and its worst finding with that finding's fix. Worst rule first. Every finding is listed
   * in the appendix.
   */
  private static void schemaFindings(StringBuilder md, List<SchemaFindingGroups.Group> groups) {
    if (groups.isEmpty()) {
      return;
    }
    List<SchemaFindingGroups.Finding> all = SchemaFindingGroups.all(groups);
    long tables = all.stream().map(SchemaFindingGroups.Finding::table).distinct().count();
    md.append(
        String.format(
            java.util.Locale.ROOT,
            "**Schema findings by rule:** %,d %s of %,d %s on %,d %s, worst first (likelihood ×"
                + " impact, then count). Each is listed in %s and in the JSON.\n\n",
            all.size(),
            all.size() == 1 ? "finding" : "findings",
            groups.size(),
            groups.size() == 1 ? "rule" : "rules",
            tables,
            tables == 1 ? "table" : "tables",
            "[" + APPENDIX + "](#" + APPENDIX_ANCHOR + ")"));
    md.append("| Rule | Findings | Likelihood | Impact | Tables | Worst finding | Its fix |\n");
    md.append("|------|----------|------------|--------|--------|---------------|---------|\n");
    for (SchemaFindingGroups.Group g : groups) {
      row(
          md,
          code(g.ruleId()),
          SchemaFindingGroups.count(g),
          level(g.worst().likelihood()),
          level(g.worst().impact()),
          SchemaFindingGroups.namedTables(g),
          g.example(),
          g.fix());
    }
    md.append('\n');
  }

  /** The heading of the list of every schema finding, at the end of the document. */
  static final String APPENDIX = "Appendix: all schema findings";

  private static final String APPENDIX_ANCHOR = "appendix-all-schema-findings";

  /** Every schema finding one per row, worst first; only when there is one. */
  private static void appendix(StringBuilder md, Recommendation rec) {
    List<SchemaFindingGroups.Group> groups = SchemaFindingGroups.groups(rec.risks());
    if (groups.isEmpty()) {
      return;
    }
    List<SchemaFindingGroups.Finding> all = SchemaFindingGroups.all(groups);
    md.append("### ").append(APPENDIX).append("\n\n");
    md.append(
        String.format(
            java.util.Locale.ROOT,
            "All %,d schema findings, worst first (likelihood × impact, then the rules' order"
                + " in Risks & Mitigations). The JSON holds them too: `sections[].risks`, where a"
                + " row standing for many findings of one rule lists them under `subjects`.\n\n",
            all.size()));
    md.append("| # | Rule | Table / column | Likelihood | Impact |\n");
    md.append("|---|------|----------------|------------|--------|\n");
    int n = 1;
    for (SchemaFindingGroups.Finding f : all) {
      row(
          md,
          Integer.toString(n++),
          code(f.ruleId()),
          f.subject(),
          level(f.likelihood()),
          level(f.impact()));
    }
    md.append('\n');
  }

  private static void assumptions(StringBuilder md, Recommendation rec) {
    // Two sections may need the same missing fact; the reader sees it once, as the first section
    // to assume it put it, and is asked once. The same fact is the same typed fact (about) however
    // each section words it, or, for an assumption without one, the same words.
    Set<Object> seen = new java.util.HashSet<>();
    List<Assumption> assumptions = new java.util.ArrayList<>();
    Set<String> dropped = new java.util.HashSet<>();
    for (SectionVerdict section : rec.sections()) {
      for (Assumption a : section.assumptions()) {
        String words = inline(a.fact()).toLowerCase(java.util.Locale.ROOT);
        Object typed =
            a.about() == null ? null : a.about().perSubject() ? a.about() + ":" + words : a.about();
        boolean fresh = seen.add(words);
        fresh = (typed == null || seen.add(typed)) && fresh;
        if (fresh) {
          assumptions.add(a);
        } else {
          dropped.add(a.question());
        }
      }
    }
    assumptions.forEach(a -> dropped.remove(a.question()));
    Set<String> questions = new LinkedHashSet<>();
    rec.sections().forEach(s -> questions.addAll(s.questions()));
    questions.removeAll(dropped);
    if (assumptions.isEmpty() && questions.isEmpty()) {
      md.append("_Every fact the rules needed was given._\n\n");
      return;
    }
    if (!assumptions.isEmpty()) {
      md.append("| Missing fact | Assumed | Rule |\n");
      md.append("|--------------|---------|------|\n");
      for (Assumption a : assumptions) {
        row(md, a.fact(), a.assumed(), code(a.ruleId()));
      }
      md.append('\n');
    }
    if (!questions.isEmpty()) {
      md.append("Questions for the team:\n\n");
      for (String q : questions) {
        md.append("- ").append(inline(q)).append('\n');
      }
      md.append('\n');
    }
  }

  private static void whatChanged(StringBuilder md, Recommendation rec) {
    md.append("### What changed since revision ").append(rec.previousRevision()).append("\n\n");
    if (rec.schemaChange() != null) {
      schemaChange(md, rec.schemaChange());
      statementRisks(md, rec);
    }
    if (!rec.workloadChanges().isEmpty()) {
      workloadChanges(md, rec.workloadChanges());
    }
    if (rec.changes().isEmpty()) {
      md.append("_No decision or finding changed._\n\n");
      return;
    }
    for (Change change : rec.changes()) {
      md.append("- ");
      switch (change.kind()) {
        case DECISION_ADDED ->
            md.append("**Decision added** (")
                .append(inline(change.subject()))
                .append("): ")
                .append(inline(change.after()));
        case DECISION_CHANGED ->
            md.append("**Decision changed** (")
                .append(inline(change.subject()))
                .append("): ")
                .append(inline(change.before()))
                .append(" → ")
                .append(inline(change.after()))
                .append(typedChange(change));
        case DECISION_REMOVED ->
            md.append("**Decision withdrawn** (")
                .append(inline(change.subject()))
                .append("): ")
                .append(inline(change.before()));
        case FINDING_NEW -> md.append("**New finding:** ").append(inline(change.subject()));
        case FINDING_RESOLVED ->
            md.append("**Resolved finding:** ").append(inline(change.subject()));
      }
      md.append(" `").append(change.ruleId()).append("`");
      if (change.cause() != null) {
        md.append(", after `").append(inline(change.cause()).replace("`", "'")).append('`');
      }
      md.append('\n');
    }
    md.append('\n');
  }

  private static void schemaChange(StringBuilder md, SchemaChange change) {
    if (change.ddl().isEmpty()) {
      md.append(
          "Triggered by a schema change seen in the catalog (no DDL text in limited mode).\n\n");
    } else {
      md.append("Triggered by this schema change:\n\n```sql\n");
      change
          .ddl()
          .forEach(
              statement ->
                  md.append(statement.strip())
                      .append(statement.strip().endsWith(";") ? "\n" : ";\n"));
      md.append("```\n\n");
    }
  }

  /**
   * Each captured statement with what the migration linter said about it: the risk, the lock, the
   * table's size, the safe rewrite. Read from the typed {@link StatementRisk} of the migration
   * section's risks, matched to the statement by its entry index.
   */
  private static void statementRisks(StringBuilder md, Recommendation rec) {
    List<String> ddl = rec.schemaChange().ddl();
    if (ddl.isEmpty()) {
      return;
    }
    Optional<SectionVerdict> migration =
        rec.sections().stream().filter(s -> s.section() == Section.MIGRATION).findFirst();
    md.append("Each statement's migration risk:\n\n");
    if (migration.isEmpty()) {
      md.append("_Not assessed yet: migration-service has not reported for this assessment._\n\n");
      return;
    }
    List<Risk> risks =
        migration.get().risks().stream()
            .filter(r -> r.statement() != null && r.statement().ddlIndex() != null)
            .toList();
    for (int i = 0; i < ddl.size(); i++) {
      int entry = i;
      List<Risk> mine = risks.stream().filter(r -> r.statement().ddlIndex() == entry).toList();
      md.append(i + 1).append(". `").append(inline(ddl.get(i)).replace("`", "'")).append('`');
      if (mine.isEmpty()) {
        md.append(
            rec.schemaChange().unassessed().contains(entry)
                ? ": not assessed: a newer assessment replaced the one it was captured for before"
                    + " the migration section reported on it.\n"
                : ": no migration risk found.\n");
        continue;
      }
      md.append('\n');
      Set<String> shown = new LinkedHashSet<>();
      for (Risk r : mine) {
        StatementRisk s = r.statement();
        md.append("   - **")
            .append(level(r.impact()))
            .append("** `")
            .append(r.ruleId())
            .append("`: ")
            .append(inline(r.risk()))
            .append('\n');
        String details = lock(s) + " · table work: " + work(s.work()) + " · table: " + size(s);
        if (shown.add(details)) {
          md.append("   - ").append(details).append('\n');
        }
        if (s.safeRewrite() != null && shown.add(s.safeRewrite())) {
          md.append("   - Safe rewrite:\n\n     ```sql\n");
          for (String line : s.safeRewrite().strip().split("\\R")) {
            md.append("     ").append(line).append('\n');
          }
          md.append("     ```\n");
        }
      }
    }
    md.append('\n');
  }

  /** Each workload change in words, from its typed kind and values (never from prose). */
  private static void workloadChanges(StringBuilder md, List<WorkloadChange> changes) {
    md.append("Triggered by a change in the workload:\n\n");
    for (WorkloadChange c : changes) {
      md.append("- ").append(describe(c)).append('\n');
    }
    md.append('\n');
  }

  private static String lock(StatementRisk s) {
    if (s.mysqlAlgorithm() != null) {
      return "ALGORITHM=" + s.mysqlAlgorithm() + ", LOCK=" + s.mysqlLock();
    }
    if (s.locks().isEmpty()) {
      return "no table lock";
    }
    return s.locks().stream()
        .map(l -> l.mode().name() + " on " + l.relation())
        .collect(Collectors.joining(", "));
  }

  private static String work(StatementRisk.TableWork work) {
    return switch (work) {
      case NONE -> "catalog only";
      case SCAN -> "reads every row";
      case REWRITE -> "rewrites the table";
    };
  }

  private static String size(StatementRisk s) {
    if (s.sizeSource() == StatementRisk.SizeSource.NEW_TABLE) {
      return "created by this change";
    }
    List<String> parts = new java.util.ArrayList<>();
    if (s.tableRows() >= 0) {
      parts.add(String.format(java.util.Locale.ROOT, "%,d rows", s.tableRows()));
    }
    if (s.tableBytes() >= 0) {
      parts.add(bytes(s.tableBytes()));
    }
    return parts.isEmpty() ? "size unknown" : String.join(", ", parts);
  }

  private static String bytes(long b) {
    String[] units = {"B", "kB", "MB", "GB", "TB"};
    double v = b;
    int u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return u == 0
        ? b + " B"
        : String.format(java.util.Locale.ROOT, v >= 10 ? "%.0f %s" : "%.1f %s", v, units[u]);
  }

  static String describe(WorkloadChange c) {
    String subject = "`" + inline(c.subject()).replace("`", "'") + "`";
    return switch (c.kind()) {
      case FIRST_READ -> "**First workload statistics** of " + subject;
      case NEW_TOP_STATEMENT ->
          "**New top statement** "
              + subject
              + ": "
              + percent(c.after())
              + " of statement time over the interval, "
              + percent(c.before())
              + " before (from "
              + percent(c.threshold())
              + " it counts)";
      case SEQ_SCAN_RATIO_JUMP ->
          "**More sequential scans** on "
              + subject
              + ": "
              + percent(c.after())
              + " of its scans over the interval, "
              + percent(c.before())
              + " before (a rise of "
              + percent(c.threshold())
              + " counts)";
      case CACHE_HIT_BELOW_TARGET ->
          "**Buffer cache hit ratio below target** in "
              + subject
              + ": "
              + percent(c.after())
              + (c.before() == null ? "" : ", " + percent(c.before()) + " before")
              + " (target "
              + percent(c.threshold())
              + ")";
    };
  }

  private static String percent(Double share) {
    return share == null ? "unknown" : String.format(java.util.Locale.ROOT, "%.1f%%", share * 100);
  }

  private static Optional<SectionVerdict> ownerOf(Recommendation rec, Heading heading) {
    Section owner = Section.owning(heading);
    return rec.sections().stream().filter(s -> s.section() == owner).findFirst();
  }

  private static List<Decision> decisionsUnder(SectionVerdict verdict, Heading heading) {
    return verdict.decisions().stream().filter(d -> d.heading() == heading).toList();
  }

  private static void notYet(StringBuilder md, Heading heading) {
    md.append("_Not assessed yet: ")
        .append(Section.owning(heading).specialist())
        .append(" has not reported for this assessment._\n\n");
  }

  private static void row(StringBuilder md, String... cells) {
    md.append('|');
    for (String cell : cells) {
      md.append(' ')
          .append(cell == null || cell.isBlank() ? "-" : inline(cell).replace("|", "\\|"))
          .append(" |");
    }
    md.append('\n');
  }

  private static String code(String ruleId) {
    return ruleId == null ? null : "`" + ruleId + "`";
  }

  private static String level(Risk.Level level) {
    return level == null
        ? null
        : switch (level) {
          case LOW -> "Low";
          case MEDIUM -> "Medium";
          case HIGH -> "High";
        };
  }

  /** One line of text: collapse newlines so a cell or bullet cannot break the layout. */
  /** The typed values that changed (what made it a change), e.g. {@code engineVersion: 16 → 17}. */
  private static String typedChange(Change change) {
    if (change.designBefore() == null || change.designAfter() == null) {
      return "";
    }
    List<String> changed = change.designBefore().changesTo(change.designAfter());
    return changed.isEmpty() ? "" : " (" + inline(String.join("; ", changed)) + ")";
  }

  private static String inline(String text) {
    return text == null ? "" : text.replaceAll("\\s*\\R\\s*", " ").strip();
  }
}
