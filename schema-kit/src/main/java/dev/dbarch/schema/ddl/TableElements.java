package dev.dbarch.schema.ddl;

import dev.dbarch.schema.ddl.SchemaModel.QName;
import dev.dbarch.schema.ddl.SqlLexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.create.table.CheckConstraint;
import net.sf.jsqlparser.statement.create.table.ColumnDefinition;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.table.ForeignKeyIndex;
import net.sf.jsqlparser.statement.create.table.Index;
import org.jboss.logging.Logger;

/**
 * Reads the elements of a table definition (the items between the parentheses of {@code CREATE
 * TABLE}, or what follows {@code ADD} in {@code ALTER TABLE}): columns and their inline
 * constraints, {@code PRIMARY KEY}, {@code UNIQUE}, {@code FOREIGN KEY}, MySQL's inline {@code
 * KEY}/{@code INDEX} definitions.
 *
 * <p>JSqlParser parses the elements; column types and default expressions are then taken from the
 * source text, because JSqlParser re-renders them ({@code nextval} becomes {@code NextVal}, {@code
 * now()} two tokens). Clauses the snapshot does not model and JSqlParser 5.3 rejects ({@code
 * DEFERRABLE}, {@code MATCH FULL}, {@code NOT VALID}, {@code ON DELETE SET NULL} on an inline
 * reference, identity options, {@code NULLS NOT DISTINCT}) are removed before parsing; an element
 * JSqlParser still rejects is read from its tokens.
 */
final class TableElements {

  private static final Logger LOG = Logger.getLogger(TableElements.class);
  private static final long PARSE_TIMEOUT_MS = 10_000;

  /** Words that end a column's type and start its constraints. */
  private static final Set<String> COLUMN_SPEC_WORDS =
      words(
          """
          NOT NULL DEFAULT CONSTRAINT PRIMARY UNIQUE REFERENCES CHECK COLLATE GENERATED
          AUTO_INCREMENT COMMENT ON KEY AS CHARSET VISIBLE INVISIBLE STORAGE COLUMN_FORMAT SRID
          COMPRESSION IDENTITY ENCRYPTED
          """);

  /** Words that end a default expression. */
  private static final Set<String> DEFAULT_END_WORDS =
      words(
          """
          NOT NULL CONSTRAINT PRIMARY UNIQUE REFERENCES CHECK COLLATE GENERATED AUTO_INCREMENT
          COMMENT ON KEY VISIBLE INVISIBLE
          """);

  sealed interface Element
      permits ColumnEl,
          PrimaryKeyEl,
          UniqueEl,
          ForeignKeyEl,
          IndexEl,
          IgnoredEl,
          UnsupportedEl,
          MalformedEl {}

  enum IdentityKind {
    NONE,
    ALWAYS,
    BY_DEFAULT
  }

  record ColumnEl(
      String name,
      String rawType,
      Boolean notNull,
      String defaultValue,
      IdentityKind identity,
      Long identityStart,
      boolean autoIncrement,
      List<Element> inlineConstraints)
      implements Element {}

  record PrimaryKeyEl(String name, List<String> columns) implements Element {}

  record UniqueEl(String name, List<String> columns) implements Element {}

  record ForeignKeyEl(
      String name, List<String> columns, QName referencedTable, List<String> referencedColumns)
      implements Element {}

  record IndexEl(
      String name, boolean unique, String method, List<String> columns, List<String> keyParts)
      implements Element {}

  record IgnoredEl() implements Element {}

  /** A valid element the snapshot does not model ({@code LIKE}, {@code EXCLUDE}). */
  record UnsupportedEl(String text) implements Element {}

  /**
   * Text that is not a table element at all: a column without a type, a foreign key without {@code
   * REFERENCES}, a word that starts nothing. The statement holding it is not valid SQL.
   */
  record MalformedEl(String text) implements Element {}

  private final boolean mysql;
  private final Names names;
  private final ExecutorService executor;

  TableElements(boolean mysql, Names names, ExecutorService executor) {
    this.mysql = mysql;
    this.names = names;
    this.executor = executor;
  }

  /**
   * Reads the elements, in order; a valid element the snapshot does not model becomes {@link
   * UnsupportedEl}, text that is no element at all {@link MalformedEl}.
   */
  List<Element> read(List<String> texts) {
    List<Element> out = new ArrayList<>(texts.size());
    List<Integer> forParser = new ArrayList<>();
    List<String> cleaned = new ArrayList<>();
    for (int k = 0; k < texts.size(); k++) {
      out.add(null);
      String text = texts.get(k);
      Cursor c = Cursor.of(text, mysql);
      if (isOwnReadElement(c)) {
        out.set(k, readOwn(text));
      } else {
        forParser.add(k);
        cleaned.add(clean(text));
      }
    }
    if (!forParser.isEmpty()) {
      List<Object> parsed = parseAll(cleaned);
      for (int j = 0; j < forParser.size(); j++) {
        int k = forParser.get(j);
        Object p = parsed == null ? parseOne(cleaned.get(j)) : parsed.get(j);
        out.set(k, fromParser(p, texts.get(k)));
      }
    }
    return out;
  }

  /** MySQL index elements, checks, exclusion constraints and LIKE are read from tokens. */
  private boolean isOwnReadElement(Cursor c) {
    int start = c.position();
    if (c.accept("CONSTRAINT")) {
      if (!c.peek().is("PRIMARY")
          && !c.peek().is("UNIQUE")
          && !c.peek().is("FOREIGN")
          && !c.peek().is("CHECK")) {
        c.next();
      }
    }
    Token t = c.peek();
    Token u = c.peek(1);
    c.reset(start);
    if (t.is("CHECK") || t.is("LIKE") || t.is("EXCLUDE") && (u.is("USING") || u.isSymbol("("))) {
      return true;
    }
    // MySQL's inline index definitions; in PostgreSQL these words are ordinary column names.
    return mysql
        && (t.is("KEY")
            || t.is("INDEX")
            || t.is("FULLTEXT")
            || t.is("SPATIAL")
            || t.is("PERIOD")
            || t.is("UNIQUE") && (u.is("KEY") || u.is("INDEX")));
  }

  private List<Object> parseAll(List<String> cleaned) {
    try {
      Statement st =
          CCJSqlParserUtil.parse(
              "CREATE TABLE dbarch_t (" + String.join(",\n", cleaned) + ")",
              executor,
              p -> p.withTimeOut(PARSE_TIMEOUT_MS));
      if (!(st instanceof CreateTable ct)) {
        return null;
      }
      List<ColumnDefinition> cols = nonNull(ct.getColumnDefinitions());
      List<Index> idx = nonNull(ct.getIndexes());
      List<Object> out = new ArrayList<>();
      int ci = 0;
      int ii = 0;
      for (String text : cleaned) {
        if (isConstraintText(text)) {
          if (ii >= idx.size()) {
            return null;
          }
          out.add(idx.get(ii++));
        } else {
          if (ci >= cols.size()) {
            return null;
          }
          out.add(cols.get(ci++));
        }
      }
      return ci == cols.size() && ii == idx.size() ? out : null;
    } catch (JSQLParserException | RuntimeException e) {
      LOG.debugf("JSqlParser rejected a table definition, reading it element by element: %s", e);
      return null;
    }
  }

  /** One element on its own, behind a placeholder column so constraints parse alone too. */
  private Object parseOne(String cleaned) {
    try {
      Statement st =
          CCJSqlParserUtil.parse(
              "CREATE TABLE dbarch_t (dbarch_placeholder int, " + cleaned + ")",
              executor,
              p -> p.withTimeOut(PARSE_TIMEOUT_MS));
      if (st instanceof CreateTable ct) {
        if (isConstraintText(cleaned)) {
          List<Index> idx = nonNull(ct.getIndexes());
          return idx.size() == 1 ? idx.get(0) : null;
        }
        List<ColumnDefinition> cols = nonNull(ct.getColumnDefinitions());
        return cols.size() == 2 ? cols.get(1) : null;
      }
      return null;
    } catch (JSQLParserException | RuntimeException e) {
      LOG.debugf("JSqlParser rejected the table element %s: %s", cleaned, e);
      return null;
    }
  }

  private boolean isConstraintText(String text) {
    Cursor c = Cursor.of(text, mysql);
    Token t = c.peek();
    return t.is("CONSTRAINT") || t.is("PRIMARY") || t.is("UNIQUE") || t.is("FOREIGN");
  }

  private Element fromParser(Object parsed, String original) {
    if (parsed instanceof ColumnDefinition cd) {
      ColumnEl own = readColumn(original);
      if (own == null) {
        return new MalformedEl(original);
      }
      // JSqlParser settles the column's name; the rest comes from the source text.
      String name = names.ident(cd.getColumnName());
      return new ColumnEl(
          name,
          own.rawType(),
          own.notNull(),
          own.defaultValue(),
          own.identity(),
          own.identityStart(),
          own.autoIncrement(),
          own.inlineConstraints());
    }
    if (parsed instanceof ForeignKeyIndex fk) {
      QName target = names.qualified(fk.getTable().getSchemaName(), fk.getTable().getName());
      return new ForeignKeyEl(
          names.identOrNull(fk.getName()),
          names.idents(fk.getColumnsNames()),
          target,
          names.idents(nonNull(fk.getReferencedColumnNames())));
    }
    if (parsed instanceof CheckConstraint) {
      return new IgnoredEl();
    }
    if (parsed instanceof Index index) {
      String type = index.getType() == null ? "" : index.getType().toUpperCase(Locale.ROOT);
      List<String> cols = names.idents(index.getColumnsNames());
      if (type.startsWith("PRIMARY")) {
        return new PrimaryKeyEl(names.identOrNull(index.getName()), cols);
      }
      if (type.startsWith("UNIQUE")) {
        return new UniqueEl(names.identOrNull(index.getName()), cols);
      }
    }
    // JSqlParser could not read it: read the element from its tokens.
    return readOwn(original);
  }

  /** Reads an element from its tokens alone. */
  Element readOwn(String text) {
    Cursor c = Cursor.of(text, mysql);
    String constraintName = null;
    if (c.accept("CONSTRAINT")) {
      if (!c.peek().is("PRIMARY")
          && !c.peek().is("UNIQUE")
          && !c.peek().is("FOREIGN")
          && !c.peek().is("CHECK")
          && !c.peek().is("EXCLUDE")) {
        constraintName = names.ident(c.next());
      }
    }
    if (constraintName != null && c.atEnd()) {
      return new MalformedEl(text);
    }
    if (c.peek().is("CHECK") || mysql && c.peek().is("PERIOD")) {
      return new IgnoredEl();
    }
    if (c.peek().is("LIKE")
        || c.peek().is("EXCLUDE") && (c.peek(1).is("USING") || c.peek(1).isSymbol("("))) {
      return new UnsupportedEl(text);
    }
    if (c.accept("PRIMARY", "KEY")) {
      skipIndexOptions(c);
      List<String> cols = columnList(c);
      return cols == null || cols.isEmpty()
          ? new MalformedEl(text)
          : new PrimaryKeyEl(constraintName, cols);
    }
    if (c.accept("FOREIGN", "KEY")) {
      if (c.peek().isIdentifier()) {
        String indexName = names.ident(c.next());
        constraintName = constraintName == null ? indexName : constraintName;
      }
      List<String> cols = columnList(c);
      if (cols == null || cols.isEmpty() || !c.accept("REFERENCES")) {
        return new MalformedEl(text);
      }
      QName target = names.qualified(c.qualifiedName());
      List<String> refCols = c.peek().isSymbol("(") ? columnList(c) : List.of();
      if (target == null || refCols == null) {
        return new MalformedEl(text);
      }
      return new ForeignKeyEl(constraintName, cols, target, refCols);
    }
    int beforeIndexWords = c.position();
    boolean unique = c.accept("UNIQUE");
    boolean fulltext = mysql && c.accept("FULLTEXT");
    boolean spatial = mysql && c.accept("SPATIAL");
    boolean keyword = mysql && (c.accept("KEY") || c.accept("INDEX"));
    if (unique && !keyword && !c.peek().isSymbol("(") && !c.peek().is("NULLS")) {
      c.reset(beforeIndexWords);
      unique = false;
    }
    if (unique || fulltext || spatial || keyword) {
      String name = constraintName;
      if (c.peek().isIdentifier() && !c.peek().is("USING")) {
        name = names.ident(c.next());
      }
      String method = fulltext ? "fulltext" : spatial ? "spatial" : "btree";
      if (c.accept("USING")) {
        method = c.next().text().toLowerCase(Locale.ROOT);
      }
      if (c.accept("NULLS")) {
        c.accept("NOT");
        c.accept("DISTINCT");
      }
      List<String> parts = c.wellFormedItems();
      if (parts == null || parts.isEmpty()) {
        return new MalformedEl(text);
      }
      List<String> cols = new ArrayList<>();
      for (String part : parts) {
        cols.add(IndexKeyParts.column(part, mysql, names));
      }
      if (c.accept("USING")) {
        method = c.next().text().toLowerCase(Locale.ROOT);
      }
      if (unique && !keyword) {
        return new UniqueEl(name, cols);
      }
      return new IndexEl(name, unique, method, cols, parts);
    }
    ColumnEl column = readColumn(text);
    return column == null ? new MalformedEl(text) : column;
  }

  private void skipIndexOptions(Cursor c) {
    if (c.accept("USING")) {
      c.next();
    }
  }

  /** The columns of a parenthesised list; null when the list is missing or not well formed. */
  private List<String> columnList(Cursor c) {
    List<String> items = c.wellFormedItems();
    if (items == null) {
      return null;
    }
    List<String> cols = new ArrayList<>();
    for (String item : items) {
      cols.add(IndexKeyParts.column(item, mysql, names));
    }
    return cols;
  }

  /** Reads a column definition from its tokens, or null when it does not look like one. */
  ColumnEl readColumn(String text) {
    Cursor c = Cursor.of(text, mysql);
    if (!c.peek().isIdentifier()) {
      return null;
    }
    String name = names.ident(c.next());
    int typeStart = c.position();
    int depth = 0;
    while (!c.atEnd()) {
      Token t = c.peek();
      if (t.isSymbol("(")) {
        depth++;
      } else if (t.isSymbol(")")) {
        depth--;
      } else if (depth == 0
          && (COLUMN_SPEC_WORDS.contains(t.upper()) && t.kind() == SqlLexer.Kind.WORD
              || t.is("CHARACTER") && c.peek(1).is("SET") && c.position() > typeStart)) {
        break;
      }
      c.next();
    }
    String rawType = c.text(typeStart, c.position());
    if (rawType.isEmpty()) {
      return null;
    }
    Boolean notNull = null;
    String defaultValue = null;
    IdentityKind identity = IdentityKind.NONE;
    Long identityStart = null;
    boolean autoIncrement = false;
    List<Element> inline = new ArrayList<>();
    String pendingName = null;
    while (!c.atEnd()) {
      if (c.accept("CONSTRAINT")) {
        pendingName = names.ident(c.next());
      } else if (c.accept("NOT", "NULL")) {
        notNull = true;
      } else if (c.accept("NULL")) {
        notNull = false;
      } else if (c.accept("DEFAULT")) {
        defaultValue = readDefault(c);
      } else if (c.accept("PRIMARY", "KEY")) {
        inline.add(new PrimaryKeyEl(pendingName, List.of(name)));
        pendingName = null;
      } else if (c.accept("UNIQUE")) {
        if (!c.accept("KEY")) {
          c.accept("INDEX");
        }
        inline.add(new UniqueEl(pendingName, List.of(name)));
        pendingName = null;
      } else if (c.accept("REFERENCES")) {
        QName target = names.qualified(c.qualifiedName());
        List<String> refCols = c.peek().isSymbol("(") ? columnList(c) : List.of();
        if (target == null || refCols == null) {
          return null;
        }
        inline.add(new ForeignKeyEl(pendingName, List.of(name), target, refCols));
        pendingName = null;
      } else if (c.accept("GENERATED")) {
        IdentityKind kind =
            c.accept("ALWAYS")
                ? IdentityKind.ALWAYS
                : c.accept("BY", "DEFAULT") ? IdentityKind.BY_DEFAULT : IdentityKind.ALWAYS;
        c.accept("AS");
        if (c.accept("IDENTITY")) {
          identity = kind;
          String options = c.group();
          if (options != null) {
            identityStart = SequenceOptions.startWith(options, mysql);
          }
        } else {
          String expression = c.group();
          defaultValue = "generated always as (" + expression + ")";
          c.accept("STORED");
          c.accept("VIRTUAL");
          c.accept("PERSISTENT");
        }
      } else if (c.accept("AS")) {
        String expression = c.group();
        defaultValue = "generated always as (" + expression + ")";
      } else if (c.accept("AUTO_INCREMENT") || c.accept("IDENTITY")) {
        autoIncrement = true;
      } else if (c.accept("CHECK")) {
        c.group();
      } else if (c.accept("COLLATE")) {
        c.qualifiedName();
      } else {
        c.next();
      }
    }
    return new ColumnEl(
        name, rawType, notNull, defaultValue, identity, identityStart, autoIncrement, inline);
  }

  private String readDefault(Cursor c) {
    int start = c.position();
    int depth = 0;
    boolean first = true;
    while (!c.atEnd()) {
      Token t = c.peek();
      if (t.isSymbol("(")) {
        depth++;
      } else if (t.isSymbol(")")) {
        depth--;
      } else if (depth == 0
          && !first
          && t.kind() == SqlLexer.Kind.WORD
          && DEFAULT_END_WORDS.contains(t.upper())) {
        break;
      }
      first = false;
      c.next();
    }
    String value = c.text(start, c.position());
    return value.equalsIgnoreCase("NULL") ? null : value;
  }

  /**
   * Removes clauses JSqlParser 5.3 rejects and the snapshot does not model: deferrability, match
   * type, referential actions, {@code NOT VALID}, identity options, {@code NULLS [NOT] DISTINCT},
   * index storage parameters.
   */
  private String clean(String text) {
    Cursor c = Cursor.of(text, mysql);
    StringBuilder out = new StringBuilder();
    int last = 0;
    while (!c.atEnd()) {
      Token t = c.peek();
      boolean drop = false;
      if (c.accept("NOT", "DEFERRABLE")
          || c.accept("DEFERRABLE")
          || c.accept("NOT", "VALID")
          || c.accept("NO", "INHERIT")) {
        drop = true;
      } else if (c.accept("INITIALLY")) {
        c.next();
        drop = true;
      } else if (c.accept("MATCH")) {
        c.next();
        drop = true;
      } else if (t.is("ON")
          && (c.peek(1).is("DELETE") || c.peek(1).is("UPDATE"))
          && !c.peek(2).is("CURRENT_TIMESTAMP")
          && !c.peek(2).is("NOW")
          && !c.peek(2).is("LOCALTIMESTAMP")) {
        c.next();
        c.next();
        if (c.accept("SET")) {
          c.next();
          if (c.peek().isSymbol("(")) {
            c.group();
          }
        } else if (!c.accept("NO", "ACTION")) {
          c.next();
        }
        drop = true;
      } else if (c.accept("NULLS")) {
        c.accept("NOT");
        c.accept("DISTINCT");
        drop = true;
      } else if (t.is("IDENTITY") && c.peek(1).isSymbol("(")) {
        c.next();
        out.append(text, last, t.end());
        c.group();
        last = c.atEnd() ? text.length() : c.peek().start();
        continue;
      } else if (c.accept("USING", "INDEX", "TABLESPACE")) {
        c.next();
        drop = true;
      } else if (t.is("WITH") && c.peek(1).isSymbol("(")) {
        c.next();
        c.group();
        drop = true;
      } else {
        c.next();
      }
      if (drop) {
        out.append(text, last, t.start());
        last = c.atEnd() ? text.length() : c.peek().start();
      }
    }
    out.append(text.substring(Math.min(last, text.length())));
    return out.toString().strip();
  }

  private static <T> List<T> nonNull(List<T> list) {
    return list == null ? List.of() : list;
  }

  /** The whitespace-separated words of a text block, as a set. */
  private static Set<String> words(String text) {
    return Set.of(text.strip().split("\\s+"));
  }
}
