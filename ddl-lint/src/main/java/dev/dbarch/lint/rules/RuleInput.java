package dev.dbarch.lint.rules;

import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.lint.Dialect;
import dev.dbarch.lint.ServerVersion;
import dev.dbarch.lint.classify.Classification;
import dev.dbarch.lint.context.LintContext;
import dev.dbarch.lint.context.ScriptState;
import dev.dbarch.lint.context.TableSize;
import dev.dbarch.lint.sql.Name;
import dev.dbarch.lint.sql.Stmt;
import java.util.Optional;

/**
 * One statement as a rule sees it: parsed, classified, with the table's size and the state the
 * earlier statements of the script left.
 *
 * @param sql the statement as written (no trailing semicolon)
 * @param number its 1-based position in the script
 */
public record RuleInput(
    Stmt stmt,
    Classification classification,
    String sql,
    int number,
    LintContext context,
    ScriptState state,
    TableSize size) {

  public Dialect dialect() {
    return context.dialect();
  }

  public boolean postgres() {
    return context.dialect() == Dialect.POSTGRESQL;
  }

  public ServerVersion version() {
    return context.version();
  }

  public Name table() {
    return classification.table();
  }

  /** The statement works on a table that existed before the script (not created in it). */
  public boolean existingTable() {
    return table() != null && !state.createdHere(table());
  }

  /** An existing table known to hold no rows. */
  public boolean knownEmpty() {
    return size.empty();
  }

  public Optional<SchemaSnapshot.Table> catalogTable() {
    return context.sizes().find(table());
  }

  /** The table's name for SQL, schema-qualified as the statement wrote it. */
  public String tableSql() {
    return table() == null ? "?" : table().sql();
  }

  /** The statement with a semicolon, for rewrites. */
  public String statement() {
    String s = sql.strip();
    return s.endsWith(";") ? s : s + ";";
  }
}
