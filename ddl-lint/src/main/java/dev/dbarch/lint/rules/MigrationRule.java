package dev.dbarch.lint.rules;

import dev.dbarch.lint.Dialect;
import java.util.List;
import java.util.Set;

/**
 * One rule of the migration linter: a stable id, a title, the catalogue text
 * (docs/rules/migration.md carries the same), the dialects it applies to, and its evaluation of one
 * statement in context.
 */
public interface MigrationRule {

  /** Stable id, {@code MIG-DDL-<AREA>-<NNN>}. */
  String id();

  String title();

  /** What the rule checks, why it matters and what to do instead, in one paragraph. */
  String catalogue();

  Set<Dialect> appliesTo();

  /**
   * A rule that speaks only when no other rule spoke about the statement (the others' safe rewrites
   * already carry what it would say).
   */
  default boolean fallback() {
    return false;
  }

  List<Hit> evaluate(RuleInput input);
}
