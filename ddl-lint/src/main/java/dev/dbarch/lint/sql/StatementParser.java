package dev.dbarch.lint.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads one DDL statement into a {@link Stmt}, for PostgreSQL and MySQL/MariaDB. It is a
 * recogniser, not a validator: it reads what decides a statement's locks and risks (the table, the
 * action, the column definition, {@code CONCURRENTLY}, {@code NOT VALID} …) and leaves the rest. A
 * statement it cannot read becomes {@link Stmt.Other}, which the classifier treats as unknown.
 */
public final class StatementParser {

  private StatementParser() {}

  public static Stmt parse(String sql, boolean mysql) {
    List<Token> tokens = Lexer.tokenize(sql, mysql);
    if (tokens.isEmpty()) {
      return new Stmt.Other("");
    }
    Cursor c = new Cursor(sql, tokens, mysql);
    try {
      Stmt parsed = statement(c);
      return parsed == null ? new Stmt.Other(tokens.get(0).upper()) : parsed;
    } catch (RuntimeException e) {
      // A statement too unusual for the recogniser is reported as not understood, never dropped.
      return new Stmt.Other(tokens.get(0).upper());
    }
  }

  /** A type as a catalog prints it ({@code character varying(50)}, {@code numeric(12,2)}). */
  public static TypeName parseType(String text, boolean mysql) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return typeName(new Cursor(text, Lexer.tokenize(text, mysql), mysql));
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static Stmt statement(Cursor c) {
    if (c.accept("CREATE")) {
      return create(c);
    }
    if (c.accept("ALTER")) {
      return alter(c);
    }
    if (c.accept("DROP")) {
      return drop(c);
    }
    if (c.accept("TRUNCATE")) {
      c.accept("TABLE");
      c.accept("ONLY");
      List<Name> tables = nameList(c);
      return new Stmt.Truncate(tables, c.restContains("CASCADE"));
    }
    if (c.accept("REINDEX")) {
      return reindex(c);
    }
    if (c.accept("VACUUM")) {
      return vacuum(c);
    }
    if (c.accept("CLUSTER")) {
      c.accept("VERBOSE");
      Name table = c.atEnd() ? null : c.qualifiedName();
      String index = c.accept("USING") ? c.identifier() : null;
      return new Stmt.Cluster(table, index);
    }
    if (c.accept("OPTIMIZE")) {
      c.accept("NO_WRITE_TO_BINLOG");
      c.accept("LOCAL");
      c.accept("TABLE");
      return new Stmt.OptimizeTable(nameList(c));
    }
    if (c.accept("RENAME", "TABLE")) {
      Name from = c.qualifiedName();
      c.accept("TO");
      return new Stmt.RenameTable(from, c.qualifiedName());
    }
    if (c.peekIs("BEGIN") || c.peekIs("START", "TRANSACTION")) {
      return new Stmt.Transaction(Stmt.Transaction.Kind.BEGIN);
    }
    if (c.peekIs("COMMIT") || c.peekIs("END")) {
      return new Stmt.Transaction(Stmt.Transaction.Kind.COMMIT);
    }
    if (c.peekIs("ROLLBACK") && !c.peekIs("ROLLBACK", "TO")) {
      return new Stmt.Transaction(Stmt.Transaction.Kind.ROLLBACK);
    }
    if (c.accept("SET")) {
      return set(c);
    }
    if (c.accept("UPDATE")) {
      return update(c);
    }
    if (c.accept("DELETE")) {
      c.accept("FROM");
      c.accept("ONLY");
      Name table = c.qualifiedName();
      return new Stmt.DataChange(
          Stmt.DataChange.Kind.DELETE, table, c.restContains("WHERE"), List.of());
    }
    if (c.accept("INSERT")) {
      c.accept("INTO");
      return new Stmt.DataChange(Stmt.DataChange.Kind.INSERT, c.qualifiedName(), false, List.of());
    }
    if (c.accept("COMMENT", "ON")) {
      String type = c.next().upper();
      if (type.equals("MATERIALIZED")) {
        c.next();
        type = "MATERIALIZED VIEW";
      }
      return new Stmt.CommentOn(type, c.qualifiedName());
    }
    return null;
  }

  // ---------------------------------------------------------------------------------------------
  // CREATE

  private static Stmt create(Cursor c) {
    c.accept("OR", "REPLACE");
    boolean temporary = c.accept("TEMPORARY") || c.accept("TEMP");
    c.accept("GLOBAL");
    c.accept("LOCAL");
    c.accept("UNLOGGED");
    if (c.accept("TABLE")) {
      return createTable(c, temporary);
    }
    boolean unique = c.accept("UNIQUE");
    String kind = c.peekIs("FULLTEXT") || c.peekIs("SPATIAL") ? c.next().text() : null;
    if (c.accept("INDEX")) {
      Stmt.CreateIndex index = (Stmt.CreateIndex) createIndex(c, unique);
      if (kind != null) {
        return new Stmt.CreateIndex(
            index.index(),
            index.table(),
            unique,
            false,
            index.ifNotExists(),
            false,
            index.columns(),
            kind.toLowerCase(Locale.ROOT),
            null,
            index.algorithm(),
            index.lock());
      }
      return index;
    }
    if (c.accept("TYPE")) {
      Name type = c.qualifiedName();
      if (c.accept("AS", "ENUM")) {
        List<String> values = new ArrayList<>();
        String inner = c.parenthesised();
        if (inner != null) {
          for (Token t : Lexer.tokenize(inner, c.mysql())) {
            if (t.kind() == Token.Kind.STRING) {
              values.add(unquote(t.text()));
            }
          }
        }
        return new Stmt.CreateEnum(type, values);
      }
      return new Stmt.Other("CREATE TYPE");
    }
    if (c.accept("DOMAIN")) {
      Name domain = c.qualifiedName();
      return new Stmt.CreateDomain(domain, c.restContains("CHECK"));
    }
    if (c.peekIs("CONSTRAINT", "TRIGGER")) {
      c.next();
    }
    if (c.accept("TRIGGER")) {
      while (!c.atEnd() && !c.peekIs("ON")) {
        c.next();
      }
      c.accept("ON");
      return new Stmt.CreateTrigger(c.qualifiedName());
    }
    Token what = c.peek();
    return new Stmt.Other("CREATE " + (what == null ? "" : what.upper()));
  }

  private static Stmt createTable(Cursor c, boolean temporary) {
    boolean ifNotExists = c.accept("IF", "NOT", "EXISTS");
    Name table = c.qualifiedName();
    if (c.accept("PARTITION", "OF")) {
      return new Stmt.CreateTable(
          table, List.of(), List.of(), ifNotExists, false, c.qualifiedName(), temporary);
    }
    if (c.peekIs("AS") || c.peekIs("LIKE")) {
      return new Stmt.CreateTable(table, List.of(), List.of(), ifNotExists, true, null, temporary);
    }
    List<ColumnDef> columns = new ArrayList<>();
    List<ConstraintDef> constraints = new ArrayList<>();
    if (!c.acceptSymbol("(")) {
      return new Stmt.CreateTable(table, columns, constraints, ifNotExists, true, null, temporary);
    }
    while (!c.atEnd() && !c.peekSymbol(")")) {
      if (startsConstraint(c)) {
        ConstraintDef constraint = constraint(c);
        if (constraint != null) {
          constraints.add(constraint);
        }
        c.skipToComma();
      } else if (c.peekIs("LIKE")) {
        c.skipToComma();
      } else {
        ColumnDef column = column(c);
        if (column != null) {
          columns.add(column);
        }
        c.skipToComma();
      }
      c.acceptSymbol(",");
    }
    c.acceptSymbol(")");
    boolean asSelect = c.restContains("AS") && c.restContains("SELECT");
    return new Stmt.CreateTable(
        table, columns, constraints, ifNotExists, asSelect, null, temporary);
  }

  private static Stmt createIndex(Cursor c, boolean unique) {
    boolean concurrently = c.accept("CONCURRENTLY");
    boolean ifNotExists = c.accept("IF", "NOT", "EXISTS");
    Name index = null;
    if (!c.peekIs("ON")) {
      index = c.qualifiedName();
    }
    // MySQL: CREATE INDEX i USING BTREE ON t (…)
    String method = null;
    if (c.accept("USING")) {
      method = c.identifier();
    }
    c.accept("ON");
    boolean only = c.accept("ONLY");
    Name table = c.qualifiedName();
    if (c.accept("USING")) {
      method = c.identifier();
    }
    List<String> columns = c.identifierList();
    String where = null;
    String algorithm = null;
    String lock = null;
    while (!c.atEnd()) {
      if (c.accept("WHERE")) {
        where = c.restText();
        break;
      }
      if (c.accept("ALGORITHM")) {
        c.acceptSymbol("=");
        algorithm = c.next().upper();
      } else if (c.accept("LOCK")) {
        c.acceptSymbol("=");
        lock = c.next().upper();
      } else {
        c.next();
      }
    }
    return new Stmt.CreateIndex(
        index,
        table,
        unique,
        concurrently,
        ifNotExists,
        only,
        columns,
        method == null ? null : method.toLowerCase(Locale.ROOT),
        where,
        algorithm,
        lock);
  }

  // ---------------------------------------------------------------------------------------------
  // Column and constraint definitions

  private static boolean startsConstraint(Cursor c) {
    return c.peekIs("CONSTRAINT")
        || c.peekIs("PRIMARY", "KEY")
        || c.peekIs("FOREIGN", "KEY")
        || c.peekIs("CHECK")
        || c.peekIs("EXCLUDE")
        || c.peekIs("UNIQUE") && !c.peekIs("UNIQUE", "NULLS")
        || c.mysql()
            && (c.peekIs("INDEX")
                || c.peekIs("KEY")
                || c.peekIs("FULLTEXT")
                || c.peekIs("SPATIAL"));
  }

  /** A table constraint (or MySQL index) definition, the cursor at its first word. */
  static ConstraintDef constraint(Cursor c) {
    String name = null;
    if (c.accept("CONSTRAINT")) {
      if (!c.peekIs("CHECK")
          && !c.peekIs("UNIQUE")
          && !c.peekIs("PRIMARY")
          && !c.peekIs("FOREIGN")
          && !c.peekIs("EXCLUDE")) {
        name = c.identifier();
      }
    }
    if (c.accept("CHECK")) {
      String expression = c.parenthesised();
      boolean notValid = notValidFollows(c);
      return new ConstraintDef(
          name,
          ConstraintDef.Kind.CHECK,
          List.of(),
          null,
          List.of(),
          expression,
          notValid,
          null,
          null);
    }
    if (c.accept("PRIMARY", "KEY")) {
      return keyConstraint(c, name, ConstraintDef.Kind.PRIMARY_KEY);
    }
    if (c.accept("UNIQUE")) {
      c.accept("INDEX");
      c.accept("KEY");
      if (c.mysql() && !c.peekSymbol("(") && !c.peekIs("USING")) {
        String indexName = c.identifier();
        name = name == null ? indexName : name;
      }
      return keyConstraint(c, name, ConstraintDef.Kind.UNIQUE);
    }
    if (c.accept("FOREIGN", "KEY")) {
      if (c.mysql() && !c.peekSymbol("(")) {
        String indexName = c.identifier();
        name = name == null ? indexName : name;
      }
      List<String> columns = c.identifierList();
      c.accept("REFERENCES");
      Name referenced = c.qualifiedName();
      List<String> refColumns = c.peekSymbol("(") ? c.identifierList() : List.of();
      boolean notValid = notValidFollows(c);
      return new ConstraintDef(
          name,
          ConstraintDef.Kind.FOREIGN_KEY,
          columns,
          referenced,
          refColumns,
          null,
          notValid,
          null,
          null);
    }
    if (c.accept("EXCLUDE")) {
      return new ConstraintDef(
          name, ConstraintDef.Kind.EXCLUDE, List.of(), null, List.of(), null, false, null, null);
    }
    String method = c.peekIs("FULLTEXT") || c.peekIs("SPATIAL") ? c.peek().text() : null;
    if (c.accept("INDEX") || c.accept("KEY") || c.accept("FULLTEXT") || c.accept("SPATIAL")) {
      c.accept("INDEX");
      c.accept("KEY");
      String indexName = c.peekSymbol("(") || c.peekIs("USING") ? null : c.identifier();
      if (c.accept("USING")) {
        c.next();
      }
      List<String> columns = c.identifierList();
      return new ConstraintDef(
          indexName,
          ConstraintDef.Kind.INDEX,
          columns,
          null,
          List.of(),
          null,
          false,
          null,
          method == null ? null : method.toLowerCase(Locale.ROOT));
    }
    return null;
  }

  private static ConstraintDef keyConstraint(Cursor c, String name, ConstraintDef.Kind kind) {
    if (c.accept("USING", "INDEX")) {
      String index = c.identifier();
      return new ConstraintDef(name, kind, List.of(), null, List.of(), null, false, index, null);
    }
    c.accept("NULLS", "NOT", "DISTINCT");
    c.accept("NULLS", "DISTINCT");
    if (c.mysql() && c.accept("USING")) {
      c.next();
    }
    List<String> columns = c.identifierList();
    return new ConstraintDef(name, kind, columns, null, List.of(), null, false, null, null);
  }

  private static boolean notValidFollows(Cursor c) {
    int start = c.position();
    while (!c.atEnd() && !c.peekSymbol(",") && !c.peekSymbol(")")) {
      if (c.accept("NOT", "VALID")) {
        return true;
      }
      c.next();
    }
    c.reset(start);
    return false;
  }

  /** A column definition, the cursor at its name. */
  static ColumnDef column(Cursor c) {
    String name = c.identifier();
    if (name == null) {
      return null;
    }
    TypeName type = typeName(c);
    boolean notNull = false;
    String defaultExpression = null;
    boolean stored = false;
    boolean virtual = false;
    boolean identity = false;
    boolean autoIncrement = false;
    boolean primaryKey = false;
    boolean unique = false;
    Name references = null;
    String check = null;
    String position = null;
    String generation = null;
    while (!c.atEnd() && !c.peekSymbol(",") && !c.peekSymbol(")")) {
      if (c.accept("NOT", "NULL")) {
        notNull = true;
      } else if (c.accept("NULL")) {
        notNull = false;
      } else if (c.accept("DEFAULT")) {
        if (c.accept("NULL")) {
          defaultExpression = "NULL";
          continue;
        }
        defaultExpression =
            c.expressionUntil(
                "NOT",
                "NULL",
                "CONSTRAINT",
                "CHECK",
                "REFERENCES",
                "PRIMARY",
                "UNIQUE",
                "COLLATE",
                "GENERATED",
                "COMMENT",
                "AFTER",
                "FIRST",
                "ON",
                "AUTO_INCREMENT");
      } else if (c.accept("GENERATED")) {
        if (c.accept("ALWAYS") || c.accept("BY", "DEFAULT")) {
          // fall through to AS
        }
        c.accept("ON", "NULL");
        c.accept("AS");
        if (c.accept("IDENTITY")) {
          identity = true;
          c.parenthesised();
        } else {
          generation = c.parenthesised();
          if (c.accept("STORED")) {
            stored = true;
          } else {
            // MySQL's default, and PostgreSQL 18's, is VIRTUAL.
            c.accept("VIRTUAL");
            virtual = true;
          }
        }
      } else if (c.accept("AS")) {
        // MySQL: col type AS (expr) [STORED|VIRTUAL]
        generation = c.parenthesised();
        if (c.accept("STORED") || c.accept("PERSISTENT")) {
          stored = true;
        } else {
          c.accept("VIRTUAL");
          virtual = true;
        }
      } else if (c.accept("AUTO_INCREMENT")) {
        autoIncrement = true;
      } else if (c.accept("PRIMARY", "KEY")) {
        primaryKey = true;
        notNull = true;
      } else if (c.accept("UNIQUE")) {
        c.accept("KEY");
        unique = true;
      } else if (c.accept("REFERENCES")) {
        references = c.qualifiedName();
        c.parenthesised();
      } else if (c.accept("CHECK")) {
        check = c.parenthesised();
      } else if (c.accept("CONSTRAINT")) {
        c.identifier();
      } else if (c.accept("FIRST")) {
        position = "FIRST";
      } else if (c.accept("AFTER")) {
        position = "AFTER " + c.identifier();
      } else if (c.accept("COLLATE") || c.accept("COMMENT")) {
        c.next();
      } else {
        Token t = c.next();
        if (t != null && t.isSymbol("(")) {
          c.reset(c.position() - 1);
          c.parenthesised();
        }
      }
    }
    return new ColumnDef(
        name,
        type,
        notNull,
        defaultExpression,
        stored,
        virtual,
        identity,
        autoIncrement,
        primaryKey,
        unique,
        references,
        check,
        position,
        generation);
  }

  private static final List<String> MULTI_WORD_TYPES =
      List.of(
          "character varying",
          "char varying",
          "national character",
          "double precision",
          "bit varying",
          "timestamp with time zone",
          "timestamp without time zone",
          "time with time zone",
          "time without time zone");

  /** A type name with its modifiers, the cursor at its first word. */
  static TypeName typeName(Cursor c) {
    int startPos = c.position();
    Token first = c.peek();
    if (first == null || !first.isIdentifier()) {
      return null;
    }
    String written = null;
    for (String multi : MULTI_WORD_TYPES) {
      String[] words = multi.split(" ");
      if (words.length > 1 && c.peekIs(words)) {
        // "timestamp(3) with time zone" is handled below; plain multi-word names here.
        c.accept(words);
        written = multi;
        break;
      }
    }
    if (written == null) {
      Name n = c.qualifiedName();
      written = n.name();
    }
    List<Integer> modifiers = new ArrayList<>();
    if (c.peekSymbol("(")) {
      String inner = c.parenthesised();
      for (String part : inner.split(",")) {
        String p = part.strip();
        if (p.matches("\\d+")) {
          modifiers.add(Integer.parseInt(p));
        }
      }
    }
    String base = TypeName.canonical(written);
    if (base.equals("timestamp") || base.equals("time")) {
      if (c.accept("WITH", "TIME", "ZONE")) {
        base = base.equals("timestamp") ? "timestamptz" : "timetz";
      } else {
        c.accept("WITHOUT", "TIME", "ZONE");
      }
    }
    if (c.mysql()) {
      c.accept("UNSIGNED");
      c.accept("ZEROFILL");
      if (c.accept("CHARACTER", "SET") || c.accept("CHARSET")) {
        c.next();
      }
    }
    boolean array = false;
    while (c.peekSymbol("[")) {
      array = true;
      c.next();
      if (c.peek() != null && c.peek().kind() == Token.Kind.NUMBER) {
        c.next();
      }
      c.acceptSymbol("]");
    }
    if (c.accept("ARRAY")) {
      array = true;
    }
    String text = c.text(startPos, c.position());
    return new TypeName(base, modifiers, array, text);
  }

  // ---------------------------------------------------------------------------------------------
  // ALTER

  private static Stmt alter(Cursor c) {
    if (c.accept("TABLE")) {
      return alterTable(c);
    }
    if (c.accept("TYPE")) {
      Name type = c.qualifiedName();
      if (c.accept("ADD", "VALUE")) {
        boolean ifNotExists = c.accept("IF", "NOT", "EXISTS");
        Token value = c.next();
        boolean positioned = c.peekIs("BEFORE") || c.peekIs("AFTER");
        return new Stmt.AddEnumValue(
            type, value == null ? null : unquote(value.text()), positioned, ifNotExists);
      }
      if (c.accept("RENAME", "VALUE")) {
        String from = unquote(c.next().text());
        c.accept("TO");
        return new Stmt.RenameEnumValue(type, from, unquote(c.next().text()));
      }
      return new Stmt.Other("ALTER TYPE");
    }
    if (c.accept("DOMAIN")) {
      Name domain = c.qualifiedName();
      if (c.accept("ADD")) {
        String name = c.accept("CONSTRAINT") ? c.identifier() : null;
        String check = c.accept("CHECK") ? c.parenthesised() : null;
        return new Stmt.AlterDomainAddConstraint(domain, name, check, c.restContains("VALID"));
      }
      return new Stmt.Other("ALTER DOMAIN");
    }
    if (c.accept("SCHEMA")) {
      String from = c.identifier();
      if (c.accept("RENAME", "TO")) {
        return new Stmt.RenameSchema(from, c.identifier());
      }
      return new Stmt.Other("ALTER SCHEMA");
    }
    if (c.accept("INDEX")) {
      return new Stmt.Other("ALTER INDEX");
    }
    Token what = c.peek();
    return new Stmt.Other("ALTER " + (what == null ? "" : what.upper()));
  }

  private static Stmt alterTable(Cursor c) {
    boolean ifExists = c.accept("IF", "EXISTS");
    boolean only = c.accept("ONLY");
    Name table = c.qualifiedName();
    c.acceptSymbol("*");
    List<AlterAction> actions = new ArrayList<>();
    String algorithm = null;
    String lock = null;
    while (!c.atEnd()) {
      if (c.accept("ALGORITHM")) {
        c.acceptSymbol("=");
        algorithm = c.next().upper();
      } else if (c.accept("LOCK")) {
        c.acceptSymbol("=");
        lock = c.next().upper();
      } else {
        int before = c.position();
        AlterAction action = action(c);
        if (action != null) {
          actions.add(action);
        }
        c.skipToComma();
        if (c.position() == before) {
          c.next();
        }
      }
      c.acceptSymbol(",");
    }
    return new Stmt.AlterTable(table, ifExists, only, actions, algorithm, lock);
  }

  private static AlterAction action(Cursor c) {
    int start = c.position();
    if (c.accept("ADD")) {
      if (startsConstraint(c)) {
        ConstraintDef constraint = constraint(c);
        return constraint == null
            ? new AlterAction.Other("ADD")
            : new AlterAction.AddConstraint(constraint);
      }
      c.accept("COLUMN");
      boolean ifNotExists = c.accept("IF", "NOT", "EXISTS");
      if (c.mysql() && c.peekSymbol("(")) {
        return new AlterAction.Other("ADD (…)");
      }
      ColumnDef column = column(c);
      return new AlterAction.AddColumn(column, ifNotExists);
    }
    if (c.accept("DROP")) {
      if (c.accept("CONSTRAINT")) {
        boolean ifExists = c.accept("IF", "EXISTS");
        return new AlterAction.DropConstraint(c.identifier(), ifExists);
      }
      if (c.accept("PRIMARY", "KEY")) {
        return new AlterAction.DropIndex("PRIMARY");
      }
      if (c.accept("INDEX") || c.accept("KEY")) {
        return new AlterAction.DropIndex(c.identifier());
      }
      if (c.accept("FOREIGN", "KEY") || c.accept("CHECK")) {
        return new AlterAction.DropConstraint(c.identifier(), false);
      }
      c.accept("COLUMN");
      boolean ifExists = c.accept("IF", "EXISTS");
      String column = c.identifier();
      return new AlterAction.DropColumn(column, ifExists, c.restContains("CASCADE"));
    }
    if (c.accept("ALTER")) {
      c.accept("COLUMN");
      String column = c.identifier();
      if (c.accept("SET", "DATA", "TYPE") || c.accept("TYPE")) {
        TypeName type = typeName(c);
        String using = null;
        if (c.accept("USING")) {
          using = c.expressionUntil();
        }
        return new AlterAction.AlterColumnType(column, column, type, using, null);
      }
      if (c.accept("SET", "NOT", "NULL")) {
        return new AlterAction.SetNotNull(column);
      }
      if (c.accept("DROP", "NOT", "NULL")) {
        return new AlterAction.DropNotNull(column);
      }
      if (c.accept("SET", "DEFAULT")) {
        return new AlterAction.SetDefault(column, c.expressionUntil());
      }
      if (c.accept("DROP", "DEFAULT")) {
        return new AlterAction.DropDefault(column);
      }
      if (c.accept("ADD", "GENERATED")) {
        return new AlterAction.AddIdentity(column);
      }
      if (c.accept("DROP", "EXPRESSION")) {
        return new AlterAction.DropExpression(column);
      }
      if (c.accept("SET", "EXPRESSION")) {
        c.accept("AS");
        return new AlterAction.SetExpression(column, c.parenthesised());
      }
      if (c.accept("SET", "STATISTICS") || c.accept("SET", "STORAGE") || c.accept("SET", "(")) {
        return new AlterAction.SetStorageParameters("ALTER COLUMN " + column);
      }
      return new AlterAction.Other(c.text(start, c.position()));
    }
    if (c.accept("MODIFY")) {
      c.accept("COLUMN");
      ColumnDef column = column(c);
      return new AlterAction.AlterColumnType(
          column.name(), column.name(), column.type(), null, column);
    }
    if (c.accept("CHANGE")) {
      c.accept("COLUMN");
      String from = c.identifier();
      ColumnDef column = column(c);
      return new AlterAction.AlterColumnType(from, column.name(), column.type(), null, column);
    }
    if (c.accept("VALIDATE", "CONSTRAINT")) {
      return new AlterAction.ValidateConstraint(c.identifier());
    }
    if (c.accept("RENAME")) {
      if (c.accept("CONSTRAINT")) {
        String from = c.identifier();
        c.accept("TO");
        return new AlterAction.RenameConstraint(from, c.identifier());
      }
      if (c.accept("TO") || c.accept("AS")) {
        Name to = c.qualifiedName();
        return new AlterAction.RenameTable(to.name());
      }
      if (c.accept("INDEX") || c.accept("KEY")) {
        String from = c.identifier();
        c.accept("TO");
        return new AlterAction.RenameConstraint(from, c.identifier());
      }
      c.accept("COLUMN");
      String from = c.identifier();
      c.accept("TO");
      return new AlterAction.RenameColumn(from, c.identifier());
    }
    if (c.accept("CLUSTER", "ON") || c.accept("SET", "WITHOUT", "CLUSTER")) {
      return new AlterAction.SetStorageParameters(c.text(start, c.position()));
    }
    if (c.accept("SET", "SCHEMA")) {
      return new AlterAction.SetSchema(c.identifier());
    }
    if (c.accept("SET", "TABLESPACE")) {
      return new AlterAction.SetTablespace(c.identifier());
    }
    if (c.accept("SET", "LOGGED")) {
      return new AlterAction.SetLogged(true);
    }
    if (c.accept("SET", "UNLOGGED")) {
      return new AlterAction.SetLogged(false);
    }
    if (c.peekIs("SET") || c.peekIs("RESET")) {
      c.next();
      if (c.peekSymbol("(")) {
        return new AlterAction.SetStorageParameters(c.text(start, c.position()));
      }
      return new AlterAction.Other(c.text(start, c.position() + 1));
    }
    if (c.accept("ATTACH", "PARTITION")) {
      Name partition = c.qualifiedName();
      return new AlterAction.AttachPartition(partition, c.restText());
    }
    if (c.accept("DETACH", "PARTITION")) {
      Name partition = c.qualifiedName();
      boolean concurrently = c.accept("CONCURRENTLY");
      boolean finalizes = c.accept("FINALIZE");
      return new AlterAction.DetachPartition(partition, concurrently, finalizes);
    }
    if (c.peekIs("ENABLE") || c.peekIs("DISABLE")) {
      String verb = c.next().upper();
      if (c.peekIs("TRIGGER") || c.peekIs("ALWAYS") || c.peekIs("REPLICA")) {
        return new AlterAction.EnableDisableTrigger(verb + " " + c.restText());
      }
      return new AlterAction.Other(verb + " " + c.restText());
    }
    if (c.accept("OWNER", "TO")) {
      return new AlterAction.OwnerTo(c.identifier());
    }
    if (c.accept("CONVERT", "TO")) {
      c.accept("CHARACTER", "SET");
      c.accept("CHARSET");
      return new AlterAction.ConvertCharset(c.identifier());
    }
    if (c.accept("ENGINE")) {
      c.acceptSymbol("=");
      return new AlterAction.Rebuild("ENGINE=" + c.identifier());
    }
    if (c.accept("FORCE")) {
      return new AlterAction.Rebuild("FORCE");
    }
    Token t = c.peek();
    return new AlterAction.Other(t == null ? "" : t.text());
  }

  // ---------------------------------------------------------------------------------------------
  // DROP, REINDEX, VACUUM, SET, UPDATE

  private static Stmt drop(Cursor c) {
    if (c.accept("TABLE")) {
      boolean ifExists = c.accept("IF", "EXISTS");
      List<Name> tables = nameList(c);
      return new Stmt.DropTable(tables, ifExists, c.restContains("CASCADE"));
    }
    if (c.accept("INDEX")) {
      boolean concurrently = c.accept("CONCURRENTLY");
      boolean ifExists = c.accept("IF", "EXISTS");
      List<Name> indexes = new ArrayList<>();
      indexes.add(c.qualifiedName());
      while (c.acceptSymbol(",")) {
        indexes.add(c.qualifiedName());
      }
      Name table = null;
      if (c.accept("ON")) {
        table = c.qualifiedName();
      }
      return new Stmt.DropIndex(indexes, table, concurrently, ifExists);
    }
    if (c.accept("DATABASE")) {
      boolean ifExists = c.accept("IF", "EXISTS");
      return new Stmt.DropDatabase(c.identifier(), ifExists);
    }
    if (c.accept("SCHEMA")) {
      c.accept("IF", "EXISTS");
      List<String> schemas = new ArrayList<>();
      schemas.add(c.identifier());
      while (c.acceptSymbol(",")) {
        schemas.add(c.identifier());
      }
      // MySQL's DROP SCHEMA is DROP DATABASE.
      if (c.mysql()) {
        return new Stmt.DropDatabase(schemas.get(0), false);
      }
      return new Stmt.DropSchema(schemas, c.restContains("CASCADE"));
    }
    Token what = c.peek();
    return new Stmt.Other("DROP " + (what == null ? "" : what.upper()));
  }

  private static Stmt reindex(Cursor c) {
    if (c.peekSymbol("(")) {
      String options = c.parenthesised();
      if (options != null && options.toUpperCase(Locale.ROOT).contains("CONCURRENTLY")) {
        String target = c.next().upper();
        return new Stmt.Reindex(target, c.atEnd() ? null : c.qualifiedName(), true);
      }
    }
    String target = c.next().upper();
    boolean concurrently = c.accept("CONCURRENTLY");
    Name name = c.atEnd() ? null : c.qualifiedName();
    return new Stmt.Reindex(target, name, concurrently);
  }

  private static Stmt vacuum(Cursor c) {
    boolean full = false;
    if (c.peekSymbol("(")) {
      String options = c.parenthesised().toUpperCase(Locale.ROOT);
      full = options.matches("(?s).*\\bFULL\\b(?!\\s+(FALSE|OFF|0)).*");
    }
    while (c.peek() != null && c.peek().kind() == Token.Kind.WORD) {
      Token t = c.peek();
      if (t.is("FULL")) {
        full = true;
      } else if (!t.is("FREEZE") && !t.is("VERBOSE") && !t.is("ANALYZE")) {
        break;
      }
      c.next();
    }
    List<Name> tables = c.atEnd() ? List.of() : nameList(c);
    return new Stmt.Vacuum(full, tables);
  }

  private static Stmt set(Cursor c) {
    c.accept("LOCAL");
    c.accept("SESSION");
    c.accept("GLOBAL");
    if (c.peekSymbol("@")) {
      c.next();
      c.acceptSymbol("@");
      c.accept("SESSION");
      c.acceptSymbol(".");
    }
    Token name = c.next();
    if (name == null) {
      return new Stmt.Other("SET");
    }
    String setting = name.text().toLowerCase(Locale.ROOT);
    if (!c.accept("TO")) {
      c.acceptSymbol("=");
    }
    String value = c.restText();
    return switch (setting) {
      case "lock_timeout", "lock_wait_timeout", "innodb_lock_wait_timeout" ->
          new Stmt.SetTimeout(Stmt.SetTimeout.Kind.LOCK, value);
      case "statement_timeout", "max_execution_time", "max_statement_time" ->
          new Stmt.SetTimeout(Stmt.SetTimeout.Kind.STATEMENT, value);
      default -> new Stmt.Other("SET");
    };
  }

  private static Stmt update(Cursor c) {
    c.accept("ONLY");
    Name table = c.qualifiedName();
    List<String> assigned = new ArrayList<>();
    // Skip an alias up to SET.
    while (!c.atEnd() && !c.peekIs("SET")) {
      c.next();
    }
    if (c.accept("SET")) {
      while (!c.atEnd() && !c.peekIs("WHERE") && !c.peekIs("FROM") && !c.peekIs("RETURNING")) {
        if (c.peekSymbol("(")) {
          assigned.addAll(c.identifierList());
        } else {
          String column = c.identifier();
          if (column != null) {
            if (c.acceptSymbol(".")) {
              column = c.identifier();
            }
            assigned.add(column);
          }
        }
        if (c.acceptSymbol("=")) {
          c.expressionUntil("WHERE", "FROM", "RETURNING");
        }
        if (!c.acceptSymbol(",")) {
          break;
        }
      }
    }
    return new Stmt.DataChange(
        Stmt.DataChange.Kind.UPDATE, table, c.restContains("WHERE"), assigned);
  }

  private static List<Name> nameList(Cursor c) {
    List<Name> names = new ArrayList<>();
    Name first = c.qualifiedName();
    if (first != null) {
      names.add(first);
    }
    c.acceptSymbol("*");
    while (c.acceptSymbol(",")) {
      c.accept("ONLY");
      Name next = c.qualifiedName();
      if (next != null) {
        names.add(next);
      }
      c.acceptSymbol("*");
    }
    return names;
  }

  static String unquote(String literal) {
    if (literal.length() >= 2 && literal.startsWith("'") && literal.endsWith("'")) {
      return literal.substring(1, literal.length() - 1).replace("''", "'");
    }
    return literal;
  }
}
