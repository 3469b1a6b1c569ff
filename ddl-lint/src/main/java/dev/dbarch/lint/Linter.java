package dev.dbarch.lint;

import dev.dbarch.contracts.schema.StatementRisk.SizeSource;
import dev.dbarch.lint.classify.Classification;
import dev.dbarch.lint.classify.MySqlClassifier;
import dev.dbarch.lint.classify.PostgresClassifier;
import dev.dbarch.lint.context.LintContext;
import dev.dbarch.lint.context.ScriptState;
import dev.dbarch.lint.context.TableSize;
import dev.dbarch.lint.rules.Hit;
import dev.dbarch.lint.rules.MigrationRule;
import dev.dbarch.lint.rules.RuleInput;
import dev.dbarch.lint.rules.RuleRegistry;
import dev.dbarch.lint.rules.SeverityModel;
import dev.dbarch.lint.sql.AlterAction;
import dev.dbarch.lint.sql.ConstraintDef;
import dev.dbarch.lint.sql.StatementParser;
import dev.dbarch.lint.sql.Stmt;
import dev.dbarch.schema.ddl.SqlScript;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The migration linter: splits a script into statements, classifies each (locks, table work,
 * breaking, data loss), runs every registered rule on it with the table's size and the script's
 * state so far, scales each finding's severity, and applies inline suppressions. Pure and
 * deterministic: the same script and context give the same report.
 */
public final class Linter {

  private static final Pattern NOT_NULL_CHECK =
      Pattern.compile(
          "^\\(*\\s*\"?([A-Za-z_][A-Za-z0-9_$]*)\"?\\s+IS\\s+NOT\\s+NULL\\s*\\)*$",
          Pattern.CASE_INSENSITIVE);

  private final RuleRegistry registry;

  public Linter() {
    this(RuleRegistry.standard());
  }

  public Linter(RuleRegistry registry) {
    this.registry = registry;
  }

  public RuleRegistry registry() {
    return registry;
  }

  /** Lints one script. */
  public LintReport lint(String script, LintContext context) {
    return lintEntries(List.of(script == null ? "" : script), context);
  }

  /**
   * Lints several pieces of SQL in order as one script (captured DDL: one entry per captured
   * statement text); each statement remembers which entry it came from.
   */
  public LintReport lintEntries(List<String> entries, LintContext context) {
    ScriptState state = new ScriptState();
    List<StatementResult> results = new ArrayList<>();
    List<String> invalid = new ArrayList<>();
    List<String> unused = new ArrayList<>();
    int number = 0;
    for (int e = 0; e < entries.size(); e++) {
      final int entry = e;
      String script = entries.get(entry);
      Suppressions suppressions = Suppressions.read(script, registry.ids());
      invalid.addAll(
          entries.size() == 1
              ? suppressions.invalid
              : suppressions.invalid.stream()
                  .map(s -> "entry " + entryLabel(entry) + " " + s)
                  .toList());
      List<SqlScript.Statement> statements =
          SqlScript.split(script, context.dialect().scriptDialect());
      Set<Suppressions.Suppression> used = new HashSet<>();
      for (int i = 0; i < statements.size(); i++) {
        SqlScript.Statement statement = statements.get(i);
        if (statement.isMetaCommand()) {
          continue;
        }
        number++;
        StatementResult result = lintOne(statement, number, entry, context, state);
        List<Suppressions.Suppression> applying = applying(suppressions, statements, i);
        List<Finding> findings = new ArrayList<>();
        for (Finding f : result.findings()) {
          Suppressions.Suppression s =
              applying.stream()
                  .filter(a -> a.rules().contains(f.ruleId()))
                  .findFirst()
                  .orElse(null);
          if (s != null) {
            used.add(s);
            findings.add(f.suppress(s.reason()));
          } else {
            findings.add(f);
          }
        }
        results.add(
            new StatementResult(
                result.number(),
                result.entry(),
                result.line(),
                result.sql(),
                result.classification(),
                result.size(),
                findings));
      }
      for (Suppressions.Suppression s : suppressions.valid) {
        if (!used.contains(s)) {
          unused.add(
              (entries.size() == 1 ? "" : "entry " + entryLabel(entry) + " ")
                  + s.line()
                  + ": "
                  + String.join(",", s.rules()));
        }
      }
    }
    results = endOfScript(results, state, context);
    return new LintReport(
        context.dialect(), context.version(), context.versionSource(), results, unused, invalid);
  }

  private static String entryLabel(int entry) {
    return Integer.toString(entry + 1);
  }

  /** The suppressions on the lines of statement {@code i} or between it and the one before. */
  private static List<Suppressions.Suppression> applying(
      Suppressions suppressions, List<SqlScript.Statement> statements, int i) {
    SqlScript.Statement statement = statements.get(i);
    int end = statement.line() + (int) statement.sql().chars().filter(ch -> ch == '\n').count();
    int previousEnd = 0;
    if (i > 0) {
      SqlScript.Statement previous = statements.get(i - 1);
      previousEnd = previous.line() + (int) previous.sql().chars().filter(ch -> ch == '\n').count();
    }
    int from = previousEnd;
    return suppressions.valid.stream().filter(s -> s.line() > from && s.line() <= end).toList();
  }

  private StatementResult lintOne(
      SqlScript.Statement statement,
      int number,
      int entry,
      LintContext context,
      ScriptState state) {
    Stmt stmt = StatementParser.parse(statement.sql(), context.dialect().mysqlFamily());
    Classification classification = classify(stmt, context, state);
    TableSize size =
        classification.table() == null
            ? TableSize.UNKNOWN
            : state.createdHere(classification.table())
                ? TableSize.NEW
                : context.sizes().size(classification.table());
    RuleInput input =
        new RuleInput(stmt, classification, statement.sql(), number, context, state, size);
    List<Finding> findings = new ArrayList<>();
    List<MigrationRule> fallbacks = new ArrayList<>();
    for (MigrationRule rule : registry.rules()) {
      if (!rule.appliesTo().contains(context.dialect())) {
        continue;
      }
      if (rule.fallback()) {
        fallbacks.add(rule);
        continue;
      }
      findings.addAll(findings(rule, input, statement));
    }
    if (findings.isEmpty()) {
      for (MigrationRule rule : fallbacks) {
        findings.addAll(findings(rule, input, statement));
      }
    }
    update(stmt, classification, state);
    return new StatementResult(
        number, entry, statement.line(), statement.sql(), classification, size, findings);
  }

  private List<Finding> findings(
      MigrationRule rule, RuleInput input, SqlScript.Statement statement) {
    List<Finding> out = new ArrayList<>();
    for (Hit hit : rule.evaluate(input)) {
      SeverityModel.Assessment assessment =
          SeverityModel.assess(
              hit.impact(), input.classification(), input.size(), input.context().targets());
      Map<String, String> facts = new TreeMap<>(baseFacts(input));
      facts.putAll(assessment.facts());
      facts.putAll(hit.facts());
      facts.put("impact", hit.impact().name());
      out.add(
          new Finding(
              rule.id(),
              rule.title(),
              assessment.severity(),
              input.number(),
              statement.line(),
              hit.message(),
              facts,
              hit.safeRewrite(),
              null));
    }
    return out;
  }

  private static Map<String, String> baseFacts(RuleInput input) {
    Map<String, String> facts = new TreeMap<>();
    Classification c = input.classification();
    facts.put("serverVersion", input.version() + " (" + input.context().versionSource() + ")");
    facts.put("dialect", input.dialect().displayName());
    if (c.table() != null) {
      facts.put("table", c.table().qualified());
      facts.put("tableSize", input.size().describe());
    }
    if (input.size().source() != SizeSource.UNKNOWN) {
      facts.put("sizeSource", input.size().source().name());
    }
    if (c.algorithm() != null || !c.locks().isEmpty()) {
      facts.put("lock", c.lockSummary());
    }
    facts.put("tableWork", c.work().name());
    return facts;
  }

  static Classification classify(Stmt stmt, LintContext context, ScriptState state) {
    if (context.dialect().mysqlFamily()) {
      return new MySqlClassifier(context.dialect(), context.version(), context.sizes(), state)
          .classify(stmt);
    }
    return new PostgresClassifier(context.version(), context.sizes(), state).classify(stmt);
  }

  /** What the statement leaves behind for the next ones. */
  private static void update(Stmt stmt, Classification c, ScriptState state) {
    if (stmt instanceof Stmt.CreateTable s) {
      state.created(s.table());
    } else if (stmt instanceof Stmt.DropTable s) {
      s.tables().forEach(state::dropped);
    } else if (stmt instanceof Stmt.CreateEnum s) {
      state.typeCreated(s.type());
    } else if (stmt instanceof Stmt.CreateIndex s) {
      if (s.unique() && s.index() != null) {
        state.uniqueIndex(s.index().name());
      }
    } else if (stmt instanceof Stmt.Transaction s) {
      if (s.kind() == Stmt.Transaction.Kind.BEGIN) {
        state.begin();
      } else {
        state.end();
      }
    } else if (stmt instanceof Stmt.SetTimeout s) {
      if (s.kind() == Stmt.SetTimeout.Kind.LOCK) {
        state.lockTimeout(!s.disables());
      } else {
        state.statementTimeout(!s.disables());
      }
    } else if (stmt instanceof Stmt.RenameTable s) {
      state.renamed(s.from(), s.to().name());
    } else if (stmt instanceof Stmt.AlterTable s) {
      for (AlterAction action : s.actions()) {
        if (action instanceof AlterAction.AddConstraint a) {
          ConstraintDef def = a.constraint();
          if (def.name() != null) {
            state.addedInTransaction(def.name());
            if (def.notValid()) {
              state.addedNotValid(def.name(), s.table());
            }
          }
          if (def.kind() == ConstraintDef.Kind.CHECK) {
            state.check(def.name(), s.table(), !def.notValid());
          }
          if (def.kind() == ConstraintDef.Kind.FOREIGN_KEY) {
            state.foreignKey(def.name(), def.referencedTable());
          }
          if (def.kind() == ConstraintDef.Kind.CHECK && def.checkExpression() != null) {
            Matcher m = NOT_NULL_CHECK.matcher(def.checkExpression().strip());
            if (m.matches()) {
              state.notNullCheck(
                  def.name(), s.table(), m.group(1).toLowerCase(Locale.ROOT), !def.notValid());
            }
          }
        } else if (action instanceof AlterAction.ValidateConstraint a) {
          state.validated(a.name());
        } else if (action instanceof AlterAction.RenameTable a) {
          state.renamed(s.table(), a.to());
        } else {
          {
          }
        }
      }
    } else {
      {
      }
    }

    state.statementRan(c.strongestLock().isPresent());
  }

  /** Script-level checks once every statement is read: a transaction left open. */
  private List<StatementResult> endOfScript(
      List<StatementResult> results, ScriptState state, LintContext context) {
    if (!state.inTransaction()) {
      return results;
    }
    MigrationRule rule = registry.byId("MIG-DDL-TX-004");
    if (rule == null || !rule.appliesTo().contains(context.dialect())) {
      return results;
    }
    List<StatementResult> out = new ArrayList<>(results);
    for (int i = out.size() - 1; i >= 0; i--) {
      StatementResult r = out.get(i);
      if (r.classification().operation().equals("BEGIN")) {
        List<Finding> findings = new ArrayList<>(r.findings());
        findings.add(
            new Finding(
                rule.id(),
                rule.title(),
                Severity.MEDIUM,
                r.number(),
                r.line(),
                "The transaction opened here is never committed: the script ends inside it, so"
                    + " whether its changes are kept depends on how the runner closes the session.",
                Map.of("impact", "SCRIPT_STRUCTURE"),
                r.sql().strip() + ";\n-- the script's statements\nCOMMIT;\n",
                null));
        out.set(
            i,
            new StatementResult(
                r.number(), r.entry(), r.line(), r.sql(), r.classification(), r.size(), findings));
        break;
      }
    }
    return out;
  }
}
