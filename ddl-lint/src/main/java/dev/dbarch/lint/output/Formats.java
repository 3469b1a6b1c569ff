package dev.dbarch.lint.output;

import dev.dbarch.contracts.Json;
import dev.dbarch.lint.Finding;
import dev.dbarch.lint.LintReport;
import dev.dbarch.lint.Severity;
import dev.dbarch.lint.StatementResult;
import dev.dbarch.lint.context.TableSize;
import dev.dbarch.lint.rules.MigrationRule;
import dev.dbarch.lint.rules.RuleRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A lint report as JSON, Markdown, SARIF 2.1.0 or plain text. Deterministic: the same report gives
 * the same bytes.
 */
public final class Formats {

  public static final String SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
  public static final String TOOL_NAME = "dbarch ddl-lint";
  public static final String RULES_URI =
      "https://github.com/dbarch/dbarch/blob/main/docs/rules/migration.md";

  private Formats() {}

  public static String json(LintReport report) {
    return Json.toJson(CheckResult.of(report));
  }

  // ---------------------------------------------------------------------------------------------
  // Markdown

  public static String markdown(LintReport report, String source) {
    StringBuilder md = new StringBuilder();
    md.append("## Migration check: ").append(source).append("\n\n");
    md.append(summaryLine(report)).append("\n\n");
    List<Finding> active = report.activeFindings();
    if (active.isEmpty()) {
      md.append("_No finding stands: nothing in this script needs a safer form._\n\n");
    } else {
      md.append("| # | Line | Severity | Rule | Finding |\n");
      md.append("|---|------|----------|------|---------|\n");
      for (Finding f : active) {
        md.append("| ")
            .append(f.statement())
            .append(" | ")
            .append(f.line())
            .append(" | ")
            .append(level(f.severity()))
            .append(" | `")
            .append(f.ruleId())
            .append("` | ")
            .append(cell(f.message()))
            .append(" |\n");
      }
      md.append('\n');
      for (StatementResult s : report.statements()) {
        List<Finding> standing = s.findings().stream().filter(f -> !f.suppressed()).toList();
        if (standing.isEmpty()) {
          continue;
        }
        md.append("### Statement ")
            .append(s.number())
            .append(" (line ")
            .append(s.line())
            .append(")\n\n```sql\n")
            .append(s.sql().strip())
            .append(";\n```\n\n");
        md.append("- Lock: ")
            .append(s.classification().lockSummary())
            .append("\n- Table work: ")
            .append(s.classification().work().name().toLowerCase(Locale.ROOT))
            .append("\n- Table size: ")
            .append(s.size().describe())
            .append("\n");
        if (s.classification().breaking() != null) {
          md.append("- Breaks running versions: ")
              .append(s.classification().breaking())
              .append('\n');
        }
        md.append('\n');
        for (Finding f : standing) {
          md.append("**")
              .append(level(f.severity()))
              .append(" `")
              .append(f.ruleId())
              .append("` ")
              .append(f.title())
              .append(":** ")
              .append(f.message())
              .append("\n\n");
          if (f.safeRewrite() != null) {
            md.append("Safe rewrite:\n\n```sql\n")
                .append(f.safeRewrite().strip())
                .append("\n```\n\n");
          }
        }
      }
    }
    List<Finding> suppressed = report.suppressedFindings();
    if (!suppressed.isEmpty()) {
      md.append("### Suppressed\n\n");
      for (Finding f : suppressed) {
        md.append("- Statement ")
            .append(f.statement())
            .append(" `")
            .append(f.ruleId())
            .append("`: ")
            .append(f.suppressedBecause())
            .append('\n');
      }
      md.append('\n');
    }
    notes(report, md, "- ");
    return md.toString();
  }

  private static void notes(LintReport report, StringBuilder out, String bullet) {
    for (String s : report.invalidSuppressions()) {
      out.append(bullet).append("Ignored suppression at line ").append(s).append('\n');
    }
    for (String s : report.unusedSuppressions()) {
      out.append(bullet).append("Suppression at line ").append(s).append(" silenced nothing\n");
    }
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replaceAll("\\s*\\R\\s*", " ");
  }

  static String level(Severity s) {
    return switch (s) {
      case HIGH -> "High";
      case MEDIUM -> "Medium";
      case LOW -> "Low";
    };
  }

  static String summaryLine(LintReport report) {
    long high = count(report, Severity.HIGH);
    long medium = count(report, Severity.MEDIUM);
    long low = count(report, Severity.LOW);
    return report.statements().size()
        + " statements, "
        + report.activeFindings().size()
        + " findings ("
        + high
        + " high, "
        + medium
        + " medium, "
        + low
        + " low), "
        + report.suppressedFindings().size()
        + " suppressed; "
        + report.dialect().displayName()
        + " "
        + report.serverVersion()
        + " ("
        + report.versionSource()
        + ")";
  }

  private static long count(LintReport report, Severity s) {
    return report.activeFindings().stream().filter(f -> f.severity() == s).count();
  }

  // ---------------------------------------------------------------------------------------------
  // Text (the command line's default)

  public static String text(LintReport report, String source) {
    StringBuilder out = new StringBuilder();
    for (StatementResult s : report.statements()) {
      for (Finding f : s.findings()) {
        out.append(source)
            .append(':')
            .append(f.line())
            .append(": ")
            .append(f.suppressed() ? "suppressed " : "")
            .append(f.severity())
            .append(' ')
            .append(f.ruleId())
            .append(' ')
            .append(f.title())
            .append('\n');
        out.append("  ").append(f.message()).append('\n');
        out.append("  lock: ")
            .append(s.classification().lockSummary())
            .append(" | work: ")
            .append(s.classification().work().name().toLowerCase(Locale.ROOT))
            .append(" | table: ")
            .append(s.size() == TableSize.UNKNOWN ? "size unknown" : s.size().describe())
            .append('\n');
        if (f.suppressed()) {
          out.append("  suppressed because: ").append(f.suppressedBecause()).append('\n');
        } else if (f.safeRewrite() != null) {
          out.append("  safe rewrite:\n");
          for (String line : f.safeRewrite().strip().split("\\R")) {
            out.append("    ").append(line).append('\n');
          }
        }
      }
    }
    notes(report, out, "note: ");
    out.append(summaryLine(report)).append('\n');
    return out.toString();
  }

  // ---------------------------------------------------------------------------------------------
  // SARIF 2.1.0

  public static String sarif(LintReport report, String artifactUri, RuleRegistry registry) {
    List<MigrationRule> rules = registry.rules();
    List<Map<String, Object>> ruleDescriptors = new ArrayList<>();
    Map<String, Integer> index = new LinkedHashMap<>();
    for (MigrationRule r : rules) {
      index.put(r.id(), ruleDescriptors.size());
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("id", r.id());
      d.put("name", r.title());
      d.put("shortDescription", Map.of("text", r.title()));
      d.put("fullDescription", Map.of("text", r.catalogue()));
      d.put("helpUri", RULES_URI);
      ruleDescriptors.add(d);
    }
    List<Map<String, Object>> results = new ArrayList<>();
    for (Finding f : report.findings()) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("ruleId", f.ruleId());
      if (index.containsKey(f.ruleId())) {
        result.put("ruleIndex", index.get(f.ruleId()));
      }
      result.put("level", sarifLevel(f.severity()));
      result.put("message", Map.of("text", f.message()));
      result.put(
          "locations",
          List.of(
              Map.of(
                  "physicalLocation",
                  Map.of(
                      "artifactLocation",
                      Map.of("uri", artifactUri),
                      "region",
                      Map.of("startLine", Math.max(1, f.line()))))));
      if (f.suppressed()) {
        result.put(
            "suppressions",
            List.of(Map.of("kind", "inSource", "justification", f.suppressedBecause())));
      }
      Map<String, Object> properties = new LinkedHashMap<>();
      properties.put("severity", f.severity().name());
      properties.put("statement", f.statement());
      properties.put("facts", f.facts());
      if (f.safeRewrite() != null) {
        properties.put("safeRewrite", f.safeRewrite());
      }
      result.put("properties", properties);
      results.add(result);
    }
    Map<String, Object> driver = new LinkedHashMap<>();
    driver.put("name", TOOL_NAME);
    driver.put("informationUri", RULES_URI);
    driver.put("rules", ruleDescriptors);
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("tool", Map.of("driver", driver));
    run.put(
        "properties",
        Map.of(
            "dialect",
            report.dialect().name(),
            "serverVersion",
            report.serverVersion().toString(),
            "versionSource",
            report.versionSource()));
    run.put("results", results);
    Map<String, Object> log = new LinkedHashMap<>();
    log.put("$schema", SARIF_SCHEMA);
    log.put("version", "2.1.0");
    log.put("runs", List.of(run));
    return Json.toJson(log);
  }

  static String sarifLevel(Severity s) {
    return switch (s) {
      case HIGH -> "error";
      case MEDIUM -> "warning";
      case LOW -> "note";
    };
  }
}
