package dev.dbarch.lint;

import dev.dbarch.contracts.requirements.Requirements;
import dev.dbarch.contracts.schema.SchemaChange;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.lint.context.LintContext;
import dev.dbarch.lint.sql.AlterAction;
import dev.dbarch.lint.sql.Name;
import dev.dbarch.lint.sql.StatementParser;
import dev.dbarch.lint.sql.Stmt;
import dev.dbarch.schema.ddl.SqlScript;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * DDL captured on a monitored database has already run when dbarch sees it: the live catalog shows
 * the result. Its risk is judged against the tables as they were before (a rewritten column's old
 * type, a dropped table's size), which the capture keeps in {@link SchemaChange#before()}.
 */
public final class CapturedChanges {

  private CapturedChanges() {}

  /**
   * The tables of {@code previous} the DDL names (directly, or through an index it names), with the
   * previous snapshot's server version; null without a previous snapshot.
   */
  public static SchemaSnapshot beforeSlice(SchemaSnapshot previous, List<String> ddl) {
    if (previous == null) {
      return null;
    }
    Set<String> names = new HashSet<>();
    Dialect dialect = Dialect.of(previous.engine());
    for (String entry : ddl) {
      for (SqlScript.Statement s : SqlScript.split(entry, dialect.scriptDialect())) {
        names.addAll(named(StatementParser.parse(s.sql(), dialect.mysqlFamily())));
      }
    }
    List<SchemaSnapshot.Table> tables = new ArrayList<>();
    for (SchemaSnapshot.Table t : previous.tables()) {
      boolean byName = names.contains(t.name().toLowerCase(Locale.ROOT));
      boolean byIndex =
          t.indexes().stream().anyMatch(i -> names.contains(i.name().toLowerCase(Locale.ROOT)));
      if (byName || byIndex) {
        tables.add(t);
      }
    }
    return new SchemaSnapshot(
        previous.engine(),
        previous.source(),
        previous.database(),
        tables,
        List.of(),
        previous.serverVersion());
  }

  /** Names (lower case, unqualified) of the tables and indexes a statement works on. */
  static Set<String> named(Stmt stmt) {
    List<Name> names = new ArrayList<>();
    if (stmt instanceof Stmt.AlterTable s) {
      names.add(s.table());
      for (AlterAction a : s.actions()) {
        if (a instanceof AlterAction.AttachPartition p) {
          names.add(p.partition());
        } else if (a instanceof AlterAction.DetachPartition p) {
          names.add(p.partition());
        }
      }
    } else if (stmt instanceof Stmt.CreateIndex s) {
      names.add(s.table());
    } else if (stmt instanceof Stmt.DropIndex s) {
      names.addAll(s.indexes());
      names.add(s.table());
    } else if (stmt instanceof Stmt.Reindex s) {
      names.add(s.name());
    } else if (stmt instanceof Stmt.DropTable s) {
      names.addAll(s.tables());
    } else if (stmt instanceof Stmt.Truncate s) {
      names.addAll(s.tables());
    } else if (stmt instanceof Stmt.RenameTable s) {
      names.add(s.from());
    } else if (stmt instanceof Stmt.Vacuum s) {
      names.addAll(s.tables());
    } else if (stmt instanceof Stmt.Cluster s) {
      names.add(s.table());
    } else if (stmt instanceof Stmt.DataChange s) {
      names.add(s.table());
    }
    Set<String> out = new HashSet<>();
    for (Name n : names) {
      if (n != null && n.name() != null) {
        out.add(n.name().toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }

  /** The catalog as the DDL found it: the tables before it ran, the rest as they are now. */
  public static SchemaSnapshot view(SchemaSnapshot before, SchemaSnapshot after) {
    if (before == null) {
      return after;
    }
    Map<String, SchemaSnapshot.Table> tables = new LinkedHashMap<>();
    after.tables().forEach(t -> tables.put(t.qualifiedName(), t));
    before.tables().forEach(t -> tables.put(t.qualifiedName(), t));
    return new SchemaSnapshot(
        after.engine(),
        after.source(),
        after.database(),
        List.copyOf(tables.values()),
        after.sequences(),
        after.serverVersion() != null ? after.serverVersion() : before.serverVersion());
  }

  /** Lints the captured statements, each statement remembering its entry of {@code change.ddl}. */
  public static LintReport lint(
      Linter linter, SchemaChange change, SchemaSnapshot after, Requirements requirements) {
    SchemaSnapshot view = view(change.before(), after);
    LintContext context = LintContext.of(Dialect.of(after.engine()), null, view, requirements);
    return linter.lintEntries(change.ddl(), context);
  }
}
