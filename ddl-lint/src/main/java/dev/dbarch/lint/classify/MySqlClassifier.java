package dev.dbarch.lint.classify;

import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.contracts.schema.StatementRisk.MySqlAlgorithm;
import dev.dbarch.contracts.schema.StatementRisk.MySqlLock;
import dev.dbarch.contracts.schema.StatementRisk.TableWork;
import dev.dbarch.lint.Dialect;
import dev.dbarch.lint.ServerVersion;
import dev.dbarch.lint.context.ScriptState;
import dev.dbarch.lint.context.TableSizes;
import dev.dbarch.lint.sql.AlterAction;
import dev.dbarch.lint.sql.ColumnDef;
import dev.dbarch.lint.sql.ConstraintDef;
import dev.dbarch.lint.sql.StatementParser;
import dev.dbarch.lint.sql.Stmt;
import dev.dbarch.lint.sql.TypeName;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * MySQL's and MariaDB's online DDL for each {@code ALTER TABLE}: the cheapest algorithm the server
 * can use ({@code INSTANT} changes metadata only, {@code INPLACE} works inside the table, maybe
 * rebuilding it, {@code COPY} copies every row into a new table while writes wait) and the least
 * locking that algorithm allows. An {@code ALTER} takes the most expensive of its actions. The
 * MariaDB answers are checked against a real MariaDB by the tests (asking for {@code
 * ALGORITHM=INSTANT} and the others and seeing which the server accepts).
 */
public final class MySqlClassifier {

  private final Dialect dialect;
  private final ServerVersion version;
  private final TableSizes catalog;
  private final ScriptState state;

  public MySqlClassifier(
      Dialect dialect, ServerVersion version, TableSizes catalog, ScriptState state) {
    this.dialect = dialect;
    this.version = version;
    this.catalog = catalog;
    this.state = state;
  }

  private record Online(MySqlAlgorithm algorithm, MySqlLock lock) {
    static final Online INSTANT = new Online(MySqlAlgorithm.INSTANT, MySqlLock.NONE);
    static final Online INPLACE = new Online(MySqlAlgorithm.INPLACE, MySqlLock.NONE);
    static final Online INPLACE_SHARED = new Online(MySqlAlgorithm.INPLACE, MySqlLock.SHARED);
    static final Online COPY = new Online(MySqlAlgorithm.COPY, MySqlLock.SHARED);

    Online max(Online other) {
      MySqlAlgorithm a = algorithm.compareTo(other.algorithm) >= 0 ? algorithm : other.algorithm;
      MySqlLock l = lock.compareTo(other.lock) >= 0 ? lock : other.lock;
      return new Online(a, l);
    }
  }

  public Classification classify(Stmt stmt) {
    if (stmt instanceof Stmt.AlterTable s) {
      return alterTable(s);
    }
    if (stmt instanceof Stmt.CreateIndex s) {
      Online online = indexOnline(s.method());
      online = requested(online, s.algorithm(), s.lock());
      return result("CREATE INDEX", s.table(), online, TableWork.SCAN, null, false);
    }
    if (stmt instanceof Stmt.DropIndex s) {
      return result("DROP INDEX", s.table(), Online.INPLACE, TableWork.NONE, null, false);
    }
    if (stmt instanceof Stmt.CreateTable s) {
      return new Classification(
          "CREATE TABLE",
          s.table(),
          List.of(),
          TableWork.NONE,
          false,
          true,
          null,
          null,
          null,
          false,
          true);
    }
    if (stmt instanceof Stmt.DropTable s) {
      boolean created = s.tables().stream().allMatch(state::createdHere);
      return new Classification(
          "DROP TABLE",
          s.tables().isEmpty() ? null : s.tables().get(0),
          List.of(),
          TableWork.NONE,
          false,
          true,
          null,
          null,
          created ? null : "queries on the dropped table fail in every running version",
          !created,
          true);
    }
    if (stmt instanceof Stmt.Truncate s) {
      return new Classification(
          "TRUNCATE",
          s.tables().isEmpty() ? null : s.tables().get(0),
          List.of(),
          TableWork.NONE,
          true,
          true,
          null,
          null,
          null,
          !s.tables().stream().allMatch(state::createdHere),
          true);
    }
    if (stmt instanceof Stmt.RenameTable s) {
      return new Classification(
          "RENAME TABLE",
          s.from(),
          List.of(),
          TableWork.NONE,
          false,
          true,
          MySqlAlgorithm.INSTANT,
          MySqlLock.NONE,
          state.createdHere(s.from())
              ? null
              : "running versions that use table " + s.from().name() + " fail",
          false,
          true);
    }
    if (stmt instanceof Stmt.OptimizeTable s) {
      return result(
          "OPTIMIZE TABLE",
          s.tables().isEmpty() ? null : s.tables().get(0),
          Online.INPLACE,
          TableWork.REWRITE,
          null,
          false);
    }
    if (stmt instanceof Stmt.DropDatabase s) {
      return new Classification(
          "DROP DATABASE",
          null,
          List.of(),
          TableWork.NONE,
          false,
          true,
          null,
          null,
          null,
          true,
          true);
    }
    if (stmt instanceof Stmt.DataChange s) {
      return new Classification(
          s.kind().name(),
          s.table(),
          List.of(),
          !s.hasWhere() && s.kind() != Stmt.DataChange.Kind.INSERT
              ? TableWork.SCAN
              : TableWork.NONE,
          false,
          true,
          null,
          null,
          null,
          s.kind() == Stmt.DataChange.Kind.DELETE && !s.hasWhere() && !state.createdHere(s.table()),
          true);
    }
    if (stmt instanceof Stmt.Transaction s) {
      return Classification.unknown(s.kind().name());
    }
    if (stmt instanceof Stmt.SetTimeout s) {
      return Classification.unknown("SET");
    }
    return Classification.unknown(stmt.getClass().getSimpleName());
  }

  private Classification alterTable(Stmt.AlterTable s) {
    Online online = Online.INSTANT;
    TableWork work = TableWork.NONE;
    String breaking = null;
    boolean destroys = false;
    boolean known = true;
    boolean newTable = state.createdHere(s.table());
    Optional<SchemaSnapshot.Table> table = catalog.find(s.table());
    List<String> operations = new ArrayList<>();
    for (AlterAction action : s.actions()) {
      Online step;
      if (action instanceof AlterAction.AddColumn a) {
        operations.add("ADD COLUMN");
        ColumnDef col = a.column();
        if (col.generatedStored() || Expressions.mysqlExpressionDefault(col.defaultExpression())) {
          step = Online.COPY;
          work = TableWork.REWRITE;
        } else if (col.autoIncrement()) {
          step = Online.INPLACE_SHARED;
          work = TableWork.REWRITE;
        } else if (col.primaryKey() || col.unique()) {
          step = Online.INPLACE;
          work = max(work, TableWork.SCAN);
        } else {
          step = addColumnInstant(col) ? Online.INSTANT : Online.INPLACE;
          if (step == Online.INPLACE) {
            work = TableWork.REWRITE;
          }
        }
      } else if (action instanceof AlterAction.DropColumn a) {
        operations.add("DROP COLUMN");
        step = dropColumnInstant() ? Online.INSTANT : Online.INPLACE;
        if (step == Online.INPLACE) {
          work = TableWork.REWRITE;
        }
        if (!newTable) {
          destroys = true;
          breaking = first(breaking, "running versions that use column " + a.column() + " fail");
        }
      } else if (action instanceof AlterAction.AlterColumnType a) {
        operations.add(a.restated() == null ? "MODIFY" : "MODIFY/CHANGE");
        Optional<SchemaSnapshot.Column> old = column(table, a.column());
        TypeName from = old.map(c -> StatementParser.parseType(c.type(), true)).orElse(null);
        step = modify(from, a.type(), old, a.restated());
        if (step.algorithm() != MySqlAlgorithm.INSTANT) {
          work = max(work, TableWork.REWRITE);
        }
        if (!a.column().equalsIgnoreCase(a.newName()) && !newTable) {
          breaking = first(breaking, "running versions that use column " + a.column() + " fail");
        } else if (!newTable && TypeChanges.narrows(from, a.type())) {
          breaking =
              first(breaking, "values running versions write may no longer fit " + a.type().text());
        }
        if (!newTable
            && a.restated() != null
            && a.restated().notNull()
            && old.map(SchemaSnapshot.Column::nullable).orElse(false)) {
          breaking =
              first(breaking, "running versions that insert rows without " + a.column() + " fail");
        }
      } else if (action instanceof AlterAction.SetDefault a) {
        operations.add("SET DEFAULT");
        step = Online.INSTANT;
      } else if (action instanceof AlterAction.DropDefault a) {
        operations.add("DROP DEFAULT");
        step = Online.INSTANT;
      } else if (action instanceof AlterAction.AddConstraint a) {
        ConstraintDef c = a.constraint();
        operations.add("ADD " + c.kind().name().replace('_', ' '));
        switch (c.kind()) {
          case INDEX, UNIQUE -> {
            step = indexOnline(c.method());
            work = max(work, TableWork.SCAN);
          }
          case PRIMARY_KEY -> {
            step = Online.INPLACE;
            work = TableWork.REWRITE;
          }
          case FOREIGN_KEY, CHECK -> {
            step = Online.COPY;
            work = TableWork.REWRITE;
          }
          default -> {
            step = Online.COPY;
            known = false;
          }
        }
      } else if (action instanceof AlterAction.DropIndex a) {
        operations.add("DROP INDEX");
        step = a.name().equals("PRIMARY") ? Online.COPY : Online.INPLACE;
      } else if (action instanceof AlterAction.DropConstraint a) {
        operations.add("DROP CONSTRAINT");
        step = Online.INSTANT;
      } else if (action instanceof AlterAction.RenameColumn a) {
        operations.add("RENAME COLUMN");
        step = renameColumnInstant() ? Online.INSTANT : Online.INPLACE;
        if (!newTable) {
          breaking = first(breaking, "running versions that use column " + a.from() + " fail");
        }
      } else if (action instanceof AlterAction.RenameTable a) {
        operations.add("RENAME TO");
        // Instant, but MariaDB refuses LOCK=NONE or SHARED for a rename: the table is briefly
        // exclusive.
        step = new Online(MySqlAlgorithm.INSTANT, MySqlLock.EXCLUSIVE);
        if (!newTable) {
          breaking =
              first(breaking, "running versions that use table " + s.table().name() + " fail");
        }
      } else if (action instanceof AlterAction.ConvertCharset a) {
        operations.add("CONVERT TO CHARACTER SET");
        step = Online.COPY;
        work = TableWork.REWRITE;
      } else if (action instanceof AlterAction.Rebuild a) {
        operations.add(a.text());
        step = Online.INPLACE;
        work = TableWork.REWRITE;
      } else {
        operations.add(action.getClass().getSimpleName());
        step = Online.COPY;
        known = false;
      }

      online = online.max(step);
    }
    if (newTable) {
      work = TableWork.NONE;
    }
    online = requested(online, s.algorithm(), s.lock());
    return new Classification(
        "ALTER TABLE " + String.join(", ", operations),
        s.table(),
        List.of(),
        work,
        false,
        true,
        online.algorithm(),
        online.lock(),
        breaking,
        destroys,
        known);
  }

  /** An explicit {@code ALGORITHM=}/{@code LOCK=} asks for at least that much. */
  private static Online requested(Online online, String algorithm, String lock) {
    Online result = online;
    if (algorithm != null && algorithm.equals("COPY")) {
      result = result.max(Online.COPY);
    }
    if (lock != null) {
      MySqlLock asked =
          switch (lock.toUpperCase(Locale.ROOT)) {
            case "SHARED" -> MySqlLock.SHARED;
            case "EXCLUSIVE" -> MySqlLock.EXCLUSIVE;
            default -> MySqlLock.NONE;
          };
      result = result.max(new Online(result.algorithm(), asked));
    }
    return result;
  }

  private Online indexOnline(String method) {
    if (method != null && (method.equals("fulltext") || method.equals("spatial"))) {
      return Online.INPLACE_SHARED;
    }
    return Online.INPLACE;
  }

  private boolean mariadb() {
    return dialect == Dialect.MARIADB;
  }

  // MySQL versions are read as major.minor: "8.0" stands for a current 8.0 release (8.0.29 or
  // later, where columns are added, dropped and renamed instantly at any position).

  private boolean addColumnInstant(ColumnDef col) {
    if (mariadb()) {
      return version.atLeast(10, 4) || version.atLeast(10, 3) && col.position() == null;
    }
    return version.atLeast(8, 0);
  }

  private boolean dropColumnInstant() {
    return mariadb() ? version.atLeast(10, 4) : version.atLeast(8, 0);
  }

  private boolean renameColumnInstant() {
    return mariadb() ? version.atLeast(10, 3) : version.atLeast(8, 0);
  }

  private Online modify(
      TypeName from, TypeName to, Optional<SchemaSnapshot.Column> old, ColumnDef restated) {
    if (from == null || to == null) {
      return Online.COPY;
    }
    boolean nullabilityChanges =
        restated != null && old.isPresent() && old.get().nullable() == restated.notNull();
    // Integer display widths (int(11)) are not part of the stored type.
    boolean integer = from.is("integer", "bigint", "smallint");
    if (from.base().equals(to.base()) && (integer || from.modifiers().equals(to.modifiers()))) {
      return nullabilityChanges ? Online.INPLACE : Online.INSTANT;
    }
    if (from.base().equals("varchar") && to.base().equals("varchar")) {
      Integer a = from.modifier(0);
      Integer b = to.modifier(0);
      if (a != null && b != null && b >= a) {
        if (mariadb() && version.atLeast(10, 4)) {
          return nullabilityChanges ? Online.INPLACE : Online.INSTANT;
        }
        // MySQL: in place while the length prefix stays one byte (utf8mb4: up to 63 characters).
        boolean sameLengthBytes = b * 4 <= 255 || a * 4 > 255;
        return sameLengthBytes ? Online.INPLACE : Online.COPY;
      }
    }
    return Online.COPY;
  }

  private static Optional<SchemaSnapshot.Column> column(
      Optional<SchemaSnapshot.Table> table, String name) {
    return table.flatMap(
        t -> t.columns().stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst());
  }

  private static TableWork max(TableWork a, TableWork b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static String first(String existing, String candidate) {
    return existing == null ? candidate : existing;
  }

  private static Classification result(
      String operation,
      dev.dbarch.lint.sql.Name table,
      Online online,
      TableWork work,
      String breaking,
      boolean destroys) {
    return new Classification(
        operation,
        table,
        List.of(),
        work,
        false,
        true,
        online.algorithm(),
        online.lock(),
        breaking,
        destroys,
        true);
  }
}
