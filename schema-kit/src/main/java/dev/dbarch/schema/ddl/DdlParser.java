package dev.dbarch.schema.ddl;

import dev.dbarch.contracts.requirements.SchemaSource;
import dev.dbarch.contracts.schema.SchemaSnapshot.ForeignKey;
import dev.dbarch.contracts.schema.SchemaSnapshot.UniqueConstraint;
import dev.dbarch.schema.SqlTypes;
import dev.dbarch.schema.ddl.SchemaModel.MColumn;
import dev.dbarch.schema.ddl.SchemaModel.MIndex;
import dev.dbarch.schema.ddl.SchemaModel.MSequence;
import dev.dbarch.schema.ddl.SchemaModel.MTable;
import dev.dbarch.schema.ddl.SchemaModel.QName;
import dev.dbarch.schema.ddl.SqlLexer.Token;
import dev.dbarch.schema.ddl.TableElements.ColumnEl;
import dev.dbarch.schema.ddl.TableElements.Element;
import dev.dbarch.schema.ddl.TableElements.ForeignKeyEl;
import dev.dbarch.schema.ddl.TableElements.IdentityKind;
import dev.dbarch.schema.ddl.TableElements.IgnoredEl;
import dev.dbarch.schema.ddl.TableElements.IndexEl;
import dev.dbarch.schema.ddl.TableElements.MalformedEl;
import dev.dbarch.schema.ddl.TableElements.PrimaryKeyEl;
import dev.dbarch.schema.ddl.TableElements.UniqueEl;
import dev.dbarch.schema.ddl.TableElements.UnsupportedEl;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Builds a {@link dev.dbarch.contracts.schema.SchemaSnapshot} from a DDL script (a {@code pg_dump
 * --schema-only} file, a migration, a hand-written schema) in the PostgreSQL or MySQL dialect.
 *
 * <p>The script is split into statements ({@link SqlScript}) and each is applied in order, so one
 * statement that cannot be read does not lose the rest:
 *
 * <ul>
 *   <li>applied: {@code CREATE TABLE} (columns, types, {@code NOT NULL}, {@code DEFAULT}, serial
 *       and identity columns, inline and table-level {@code PRIMARY KEY} / {@code UNIQUE} / {@code
 *       REFERENCES} / {@code FOREIGN KEY}, constraint names, MySQL inline {@code KEY}/{@code
 *       INDEX}, {@code PARTITION BY}, {@code PARTITION OF}); {@code ALTER TABLE} ({@code
 *       ADD}/{@code DROP COLUMN}, {@code ADD}/{@code DROP CONSTRAINT}, {@code ALTER COLUMN} type,
 *       nullability, default and identity, MySQL {@code MODIFY}/{@code CHANGE}, {@code
 *       ATTACH}/{@code DETACH PARTITION}, renames); {@code CREATE [UNIQUE] INDEX} (method, key
 *       columns and expressions, {@code INCLUDE}, {@code WHERE}); {@code DROP
 *       TABLE/INDEX/SEQUENCE/SCHEMA}; {@code CREATE/ALTER SEQUENCE}; {@code setval}; {@code SET
 *       search_path} and {@code USE};
 *   <li>ignored, and listed: statements with no effect on the modelled structure (data, grants,
 *       comments, settings, transactions, functions, triggers, views, types, domains, extensions,
 *       ownership and storage options);
 *   <li>unsupported, and listed: everything else, including parts of a statement that could not be
 *       applied (an {@code EXCLUDE} constraint, an {@code ALTER TABLE} action on an unknown table),
 *       and every malformed statement (an unclosed parenthesis, an empty item in a list, a table
 *       element that is neither a column nor a constraint, a {@code DROP} that names nothing).
 * </ul>
 *
 * <p>A statement is applied whole or not at all: one that is malformed, or fails part-way, leaves
 * the schema as it was (a {@code CREATE TABLE} whose element list cannot be read creates no table
 * and does not replace an existing one).
 *
 * <p>JSqlParser reads the elements of table definitions ({@link TableElements}); the statement
 * frames, {@code CREATE INDEX} and {@code CREATE SEQUENCE} are read from tokens, because JSqlParser
 * 5.3 rejects common PostgreSQL forms of them ({@code CONCURRENTLY}, {@code IF NOT EXISTS}, {@code
 * INCLUDE}, {@code WHERE}, {@code NO MINVALUE}, {@code AS integer}) and reduces index expressions
 * to function names.
 *
 * <p>Instances are stateless and thread-safe.
 */
public final class DdlParser {

  private static final Logger LOG = Logger.getLogger(DdlParser.class);

  private static final Set<String> IGNORED_FIRST_WORDS =
      words(
          """
          SET RESET SHOW COMMENT GRANT REVOKE INSERT UPDATE DELETE REPLACE MERGE COPY VALUES BEGIN
          START COMMIT ROLLBACK SAVEPOINT RELEASE END ANALYZE ANALYSE VACUUM CLUSTER REINDEX
          REFRESH LOCK UNLOCK TRUNCATE DISCARD CHECKPOINT NOTIFY LISTEN UNLISTEN EXPLAIN PREPARE
          EXECUTE DEALLOCATE FLUSH OPTIMIZE SECURITY WITH TABLE ABORT LOAD IMPORT SELECT USE
          """);

  private static final Set<String> IGNORED_OBJECT_KINDS =
      words(
          """
          FUNCTION PROCEDURE TRIGGER VIEW MATERIALIZED TYPE DOMAIN EXTENSION SCHEMA AGGREGATE
          OPERATOR CAST COLLATION CONVERSION LANGUAGE RULE POLICY PUBLICATION SUBSCRIPTION SERVER
          USER ROLE GROUP DATABASE TABLESPACE EVENT TEXT STATISTICS ACCESS FOREIGN TRANSFORM
          PROCEDURAL TRUSTED DEFAULT LARGE ROUTINE OWNED SYSTEM LOGFILE INSTANCE RESOURCE SPATIAL
          PACKAGE SYNONYM
          """);

  /** {@code ALTER TABLE} actions that change nothing the snapshot models. */
  private static final Set<String> IGNORED_ALTER_ACTIONS =
      words(
          """
          OWNER ENABLE DISABLE RESET CLUSTER REPLICA FORCE NO INHERIT OF NOT VALIDATE ENGINE
          DEFAULT CHARACTER CHARSET CONVERT COMMENT ALGORITHM LOCK ROW_FORMAT KEY_BLOCK_SIZE ORDER
          ANALYZE CHECKSUM COLLATE DELAY_KEY_WRITE PACK_KEYS STATS_PERSISTENT STATS_AUTO_RECALC
          STATS_SAMPLE_PAGES AVG_ROW_LENGTH MAX_ROWS MIN_ROWS INSERT_METHOD PAGE_CHECKSUM
          TRANSACTIONAL ENCRYPTION
          """);

  private enum Outcome {
    APPLIED,
    IGNORED,
    /** Valid, but not something the model can take (or not all of it: then it is a part). */
    UNSUPPORTED,
    /** Not valid SQL: the whole statement is unsupported, even if some of it could be read. */
    MALFORMED
  }

  /**
   * One file of a schema given as several ({@code tables.sql}, {@code primary-keys.sql}, …).
   *
   * @param name how reports name it, e.g. the file name
   */
  public record Script(String name, String sql) {}

  /** Parses the script; never throws for bad SQL, which is reported instead. */
  public ParsedSchema parse(String ddl, SchemaSource.Dialect dialect) {
    return parse(List.of(new Script(null, ddl)), dialect);
  }

  /**
   * Parses several scripts as psql runs {@code psql -f a.sql -f b.sql}: in order, into one schema,
   * each script split on its own (a quote or comment left open at the end of one cannot swallow the
   * next) and each starting from the default {@code search_path}, as a new session would. What was
   * not used is listed as {@code name:line: statement}.
   */
  public ParsedSchema parse(List<Script> scripts, SchemaSource.Dialect dialect) {
    Objects.requireNonNull(dialect, "dialect");
    boolean mysql = dialect == SchemaSource.Dialect.MYSQL;
    ExecutorService executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "dbarch-ddl-parser");
              t.setDaemon(true);
              return t;
            });
    try {
      Run run = new Run(mysql, executor);
      for (Script script : scripts) {
        run.model.defaultSchema = mysql ? null : "public";
        run.location =
            scripts.size() > 1 ? Objects.requireNonNullElse(script.name(), "script") : null;
        String sql = script.sql() == null ? "" : script.sql();
        for (SqlScript.Statement statement : SqlScript.split(sql, dialect)) {
          run.apply(statement);
        }
      }
      return new ParsedSchema(run.model.toSnapshot(), run.unsupported, run.ignored);
    } finally {
      executor.shutdownNow();
    }
  }

  /** The state of one parse. */
  private static final class Run {
    final boolean mysql;
    final SchemaModel model;
    final Names names;
    final TableElements elements;
    final List<String> unsupported = new ArrayList<>();
    final List<String> ignored = new ArrayList<>();

    /** The script being read, when there are several; null for one. */
    String location;

    /** Views and materialized views the script creates: an index on one is not on a table. */
    final Set<String> views = new HashSet<>();

    Run(boolean mysql, ExecutorService executor) {
      this.mysql = mysql;
      this.model = new SchemaModel(mysql);
      this.names = new Names(model);
      this.elements = new TableElements(mysql, names, executor);
    }

    void apply(SqlScript.Statement statement) {
      String sql = statement.sql();
      if (statement.isMetaCommand()) {
        ignored.add(
            (location == null ? "" : location + ":" + statement.line() + ": ")
                + statement.summary());
        return;
      }
      Cursor cursor = Cursor.of(sql, mysql);
      Outcome outcome;
      if (!cursor.wellFormed()) {
        // An unclosed parenthesis, string or comment: not SQL a database would run, so nothing of
        // it is applied.
        outcome = Outcome.UNSUPPORTED;
      } else {
        // Statements are all or nothing: one that fails part-way, or turns out not to apply,
        // leaves the model and the list of unsupported parts as they were.
        if (changesStructure(cursor.peek())) {
          model.begin();
        }
        int unsupportedBefore = unsupported.size();
        try {
          outcome = dispatch(cursor);
        } catch (RuntimeException e) {
          LOG.debugf(e, "Could not apply the statement at line %d", statement.line());
          outcome = Outcome.UNSUPPORTED;
        }
        if (outcome == Outcome.UNSUPPORTED || outcome == Outcome.MALFORMED) {
          model.rollback();
          unsupported.subList(unsupportedBefore, unsupported.size()).clear();
          outcome = Outcome.UNSUPPORTED;
        } else {
          model.commit();
        }
      }
      String where = location == null ? "" : location + ":" + statement.line() + ": ";
      if (outcome == Outcome.IGNORED) {
        ignored.add(where + statement.summary());
      } else if (outcome == Outcome.UNSUPPORTED) {
        unsupported.add(where + statement.summary());
      }
    }

    /**
     * The statements that can change the model in more than one step, and so are applied inside
     * {@link SchemaModel#begin}; the others change one value at most.
     */
    private static boolean changesStructure(Token first) {
      return first.is("CREATE") || first.is("ALTER") || first.is("DROP") || first.is("RENAME");
    }

    /** A part of an applied statement that was not applied. */
    void unsupportedPart(String context, String part) {
      unsupported.add(SqlScript.summary(context + ": " + part.replaceAll("\\s+", " ")));
    }

    Outcome dispatch(Cursor c) {
      Token first = c.peek();
      if (first.is("CREATE")) {
        return create(c);
      }
      if (first.is("ALTER")) {
        return alter(c);
      }
      if (first.is("DROP")) {
        return drop(c);
      }
      if (first.is("SELECT")) {
        return select(c);
      }
      if (first.is("SET")) {
        return set(c);
      }
      if (first.is("USE") && mysql) {
        c.next();
        if (c.peek().isIdentifier()) {
          model.defaultSchema = names.ident(c.next());
        }
        return Outcome.IGNORED;
      }
      if (first.is("RENAME") && c.peek(1).is("TABLE")) {
        return renameTables(c);
      }
      if (first.is("COMMENT") && !mysql) {
        return comment(c);
      }
      if (first.kind() == SqlLexer.Kind.WORD && IGNORED_FIRST_WORDS.contains(first.upper())) {
        return Outcome.IGNORED;
      }
      return Outcome.UNSUPPORTED;
    }

    // ---------------------------------------------------------------- CREATE

    Outcome create(Cursor c) {
      c.next();
      c.accept("OR", "REPLACE");
      skipMySqlCreateOptions(c);
      boolean unique = false;
      String indexKind = null;
      while (true) {
        if (c.accept("GLOBAL")
            || c.accept("LOCAL")
            || c.accept("TEMPORARY")
            || c.accept("TEMP")
            || c.accept("UNLOGGED")) {
          continue;
        }
        if (c.accept("UNIQUE")) {
          unique = true;
          continue;
        }
        if (c.peek().is("FULLTEXT") || c.peek().is("SPATIAL") && c.peek(1).is("INDEX")) {
          indexKind = c.next().text().toLowerCase(Locale.ROOT);
          continue;
        }
        break;
      }
      Token kind = c.peek();
      if (kind.is("TABLE")) {
        c.next();
        return createTable(c);
      }
      if (kind.is("INDEX")) {
        c.next();
        return createIndex(c, unique, indexKind);
      }
      if (kind.is("SEQUENCE")) {
        c.next();
        return createSequence(c);
      }
      if (kind.is("SCHEMA") && !mysql) {
        c.next();
        return createSchema(c);
      }
      if (kind.is("VIEW") || kind.is("MATERIALIZED") && c.peek(1).is("VIEW")) {
        c.next();
        c.accept("VIEW");
        c.accept("IF", "NOT", "EXISTS");
        QName view = names.qualified(c.qualifiedName());
        if (view != null) {
          views.add(view.qualified());
        }
        return Outcome.IGNORED;
      }
      if (kind.kind() == SqlLexer.Kind.WORD && IGNORED_OBJECT_KINDS.contains(kind.upper())) {
        return Outcome.IGNORED;
      }
      if (kind.is("CONSTRAINT") && c.peek(1).is("TRIGGER")) {
        return Outcome.IGNORED;
      }
      return Outcome.UNSUPPORTED;
    }

    /** MySQL's {@code DEFINER = user}, {@code ALGORITHM = x}, {@code SQL SECURITY x}. */
    private void skipMySqlCreateOptions(Cursor c) {
      while (true) {
        if (c.peek().is("DEFINER") || c.peek().is("ALGORITHM")) {
          c.next();
          c.acceptSymbol("=");
          c.next();
          while (c.peek().isSymbol("@")
              || c.peek().kind() == SqlLexer.Kind.STRING
              || c.peek().kind() == SqlLexer.Kind.QUOTED) {
            c.next();
          }
        } else if (c.accept("SQL", "SECURITY")) {
          c.next();
        } else {
          return;
        }
      }
    }

    Outcome createTable(Cursor c) {
      boolean ifNotExists = c.accept("IF", "NOT", "EXISTS");
      QName name = names.qualified(c.qualifiedName());
      if (name == null) {
        return Outcome.UNSUPPORTED;
      }
      MTable existing = model.table(name);
      if (existing != null && ifNotExists) {
        return Outcome.APPLIED;
      }
      if (c.accept("PARTITION", "OF")) {
        return createPartition(c, name);
      }
      if (!c.peek().isSymbol("(")) {
        // CREATE TABLE … AS SELECT, … LIKE other, … OF type: the columns are not in the script.
        return Outcome.UNSUPPORTED;
      }
      // The element list is read before the model changes: a list that is not well formed (not
      // closed, an empty item, text that is no column or constraint) creates no table at all.
      // PostgreSQL accepts a table without columns, MySQL does not.
      List<String> items = c.wellFormedItems();
      if (items == null || items.isEmpty() && mysql) {
        return Outcome.MALFORMED;
      }
      List<Element> read = elements.read(items);
      if (read.stream().anyMatch(e -> e instanceof MalformedEl)) {
        return Outcome.MALFORMED;
      }
      if (existing != null) {
        model.dropTable(existing);
      }
      MTable table = model.createTable(name);
      if (!mysql && c.accept("INHERITS")) {
        // The child starts with its parents' columns (names, types, NOT NULL, defaults), in
        // order; its own follow, and one of the same name merges into the inherited one.
        for (String parentText : c.items()) {
          QName parentName = names.qualified(Cursor.of(parentText, false).qualifiedName());
          MTable parent = parentName == null ? null : model.table(parentName);
          if (parent == null) {
            return Outcome.UNSUPPORTED;
          }
          table.inherits.add(parent.qualifiedName());
          for (MColumn pc : parent.columns) {
            if (table.column(pc.name, false) == null) {
              MColumn col = new MColumn(pc.name, pc.type);
              col.nullable = pc.nullable && !parent.primaryKey.contains(pc.name);
              col.defaultValue = pc.defaultValue;
              table.columns.add(col);
            }
          }
        }
      }
      readTableTail(c, table);
      applyElements(table, read, "CREATE TABLE " + name.qualified());
      finishAutoIncrement(table);
      return Outcome.APPLIED;
    }

    /**
     * {@code CREATE SCHEMA name [AUTHORIZATION role] element …}: the elements ({@code CREATE
     * TABLE}, {@code CREATE INDEX}, {@code CREATE SEQUENCE}, {@code CREATE VIEW}, {@code CREATE
     * TRIGGER}, {@code GRANT}) are statements of their own without semicolons, whose unqualified
     * names are created in the new schema. Without elements the statement changes nothing the
     * snapshot models.
     */
    Outcome createSchema(Cursor c) {
      c.accept("IF", "NOT", "EXISTS");
      String schema = null;
      if (c.accept("AUTHORIZATION")) {
        schema = names.ident(c.next());
      } else {
        if (!c.peek().isIdentifier()) {
          return Outcome.UNSUPPORTED;
        }
        schema = names.ident(c.next());
        if (c.accept("AUTHORIZATION")) {
          c.next();
        }
      }
      List<Integer> starts = new ArrayList<>();
      while (!c.atEnd()) {
        if (c.peek().is("CREATE") || c.peek().is("GRANT")) {
          starts.add(c.position());
          c.next();
        } else if (c.peek().isSymbol("(")) {
          c.group();
        } else {
          c.next();
        }
      }
      if (starts.isEmpty()) {
        return Outcome.IGNORED;
      }
      int end = c.position();
      String previous = model.defaultSchema;
      model.defaultSchema = schema;
      try {
        for (int k = 0; k < starts.size(); k++) {
          String element = c.text(starts.get(k), k + 1 < starts.size() ? starts.get(k + 1) : end);
          Outcome o = dispatch(Cursor.of(element, mysql));
          if (o == Outcome.UNSUPPORTED || o == Outcome.MALFORMED) {
            return o;
          }
        }
      } finally {
        model.defaultSchema = previous;
      }
      return Outcome.APPLIED;
    }

    /** {@code PARTITION BY …}, and MySQL's {@code AUTO_INCREMENT = n}, after the element list. */
    private void readTableTail(Cursor c, MTable table) {
      while (!c.atEnd()) {
        if (c.accept("PARTITION", "BY")) {
          String method = c.next().upper();
          if (c.accept("COLUMNS") || c.accept("KEY") && method.equals("LINEAR")) {
            method = method + " COLUMNS";
          }
          String key = c.group();
          table.partitionKey = method + " (" + (key == null ? "" : key) + ")";
          return;
        }
        if (c.accept("AUTO_INCREMENT")) {
          c.acceptSymbol("=");
          Long n = SequenceOptions.number(c);
          if (n != null) {
            table.autoIncrementStart = n;
          }
          continue;
        }
        c.next();
      }
    }

    Outcome createPartition(Cursor c, QName name) {
      QName parentName = names.qualified(c.qualifiedName());
      MTable parent = parentName == null ? null : model.table(parentName);
      if (parent == null) {
        return Outcome.UNSUPPORTED;
      }
      MTable table = model.createTable(name);
      for (MColumn pc : parent.columns) {
        MColumn col = new MColumn(pc.name, pc.type);
        col.nullable = pc.nullable;
        col.defaultValue = pc.defaultValue;
        table.columns.add(col);
      }
      table.primaryKey = new ArrayList<>(parent.primaryKey);
      table.partitionOf = parent.qualifiedName();
      if (c.peek().isSymbol("(")) {
        c.group();
      }
      readTableTail(c, table);
      return Outcome.APPLIED;
    }

    void applyElements(MTable table, List<Element> els, String context) {
      for (Element e : els) {
        applyElement(table, e, context);
      }
    }

    void applyElement(MTable table, Element e, String context) {
      if (e instanceof ColumnEl col) {
        addColumn(table, col);
        for (Element inline : col.inlineConstraints()) {
          applyElement(table, inline, context);
        }
      } else if (e instanceof PrimaryKeyEl pk) {
        setPrimaryKey(table, pk.name(), pk.columns());
      } else if (e instanceof UniqueEl u) {
        addUnique(table, u.name(), u.columns());
      } else if (e instanceof ForeignKeyEl fk) {
        addForeignKey(table, fk);
      } else if (e instanceof IndexEl idx) {
        String name =
            idx.name() != null
                ? idx.name()
                : idx.columns().isEmpty() ? "key" : idx.columns().get(0);
        MIndex index = new MIndex(model.freeIndexName(table, name), new ArrayList<>(idx.columns()));
        index.unique = idx.unique();
        index.method = idx.method();
        table.indexes.add(index);
        if (idx.unique()) {
          table.uniqueConstraints.add(new UniqueConstraint(index.name, idx.columns()));
        }
      } else if (e instanceof UnsupportedEl u) {
        unsupportedPart(context, u.text());
      } else if (e instanceof MalformedEl m) {
        unsupportedPart(context, m.text());
      } else if (!(e instanceof IgnoredEl)) {
        throw new IllegalStateException("Unknown element " + e);
      }
    }

    void addColumn(MTable table, ColumnEl el) {
      MColumn existing = table.column(el.name(), mysql);
      if (existing != null && !table.inherits.isEmpty() && el.identity() == IdentityKind.NONE) {
        // A child's own definition of an inherited column merges into it, keeping its place.
        existing.nullable = existing.nullable && (el.notNull() == null || !el.notNull());
        if (el.defaultValue() != null) {
          existing.defaultValue = el.defaultValue();
        }
        return;
      }
      if (existing != null) {
        table.columns.remove(existing);
      }
      MColumn col = new MColumn(el.name(), TypeNames.canonical(el.rawType(), mysql));
      col.nullable = el.notNull() == null || !el.notNull();
      col.defaultValue = el.defaultValue();
      table.columns.add(col);
      if (!mysql && TypeNames.isSerial(el.rawType())) {
        QName seq =
            new QName(
                table.schema, model.freeRelationName(table.schema, table.name, col.name, "seq"));
        MSequence s = model.createSequence(seq, col.type);
        s.ownedBy = table.qualifiedName() + "." + col.name;
        col.defaultValue =
            "nextval('"
                + (quoteIfNeeded(seq.schema()) + "." + quoteIfNeeded(seq.name())).replace("'", "''")
                + "'::regclass)";
        col.nullable = false;
      }
      if (el.identity() != IdentityKind.NONE) {
        applyIdentity(table, col, el.identity(), el.identityStart(), null);
      }
      if (el.autoIncrement()) {
        col.defaultValue = null;
        col.nullable = false;
        autoIncrementColumn(table, col);
      }
    }

    void applyIdentity(MTable table, MColumn col, IdentityKind kind, Long start, QName seqName) {
      col.defaultValue =
          kind == IdentityKind.ALWAYS
              ? "generated always as identity"
              : "generated by default as identity";
      col.nullable = false;
      QName seq =
          seqName != null
              ? seqName
              : new QName(
                  table.schema, model.freeRelationName(table.schema, table.name, col.name, "seq"));
      MSequence s = model.createSequence(seq, col.type);
      s.ownedBy = table.qualifiedName() + "." + col.name;
      if (start != null) {
        s.start = start;
      }
    }

    /**
     * MySQL keeps the counter of an {@code AUTO_INCREMENT} column with the table; the snapshot
     * shows it as a sequence named {@code table.column}, as the MySQL catalog reader does.
     */
    void autoIncrementColumn(MTable table, MColumn col) {
      MSequence s =
          model.createSequence(new QName(table.schema, table.name + "." + col.name), col.type);
      s.ownedBy = table.qualifiedName() + "." + col.name;
      s.maxValue = SqlTypes.integerMax(col.type).orElse(Long.MAX_VALUE);
    }

    void finishAutoIncrement(MTable table) {
      if (table.autoIncrementStart > 0) {
        for (MColumn col : table.columns) {
          MSequence s = model.sequence(new QName(table.schema, table.name + "." + col.name));
          if (s != null) {
            s.lastValue = table.autoIncrementStart - 1;
          }
        }
      }
    }

    void setPrimaryKey(MTable table, String constraintName, List<String> columns) {
      table.indexes.removeIf(i -> i.primary);
      table.primaryKey = new ArrayList<>(resolveColumns(table, columns));
      table.primaryKeyName = constraintName;
      String indexName =
          mysql
              ? "PRIMARY"
              : constraintName != null
                  ? constraintName
                  : model.freeRelationName(table.schema, table.name, null, "pkey");
      MIndex index = new MIndex(indexName, new ArrayList<>(table.primaryKey));
      index.unique = true;
      index.primary = true;
      index.definition = definition(table, index, columnsText(table.primaryKey));
      table.indexes.add(index);
    }

    void addUnique(MTable table, String constraintName, List<String> columns) {
      List<String> cols = resolveColumns(table, columns);
      if (cols.isEmpty()) {
        return;
      }
      String name =
          constraintName != null
              ? constraintName
              : mysql
                  ? model.freeIndexName(table, cols.get(0))
                  : model.freeRelationName(table.schema, table.name, String.join("_", cols), "key");
      table.uniqueConstraints.add(new UniqueConstraint(name, cols));
      MIndex index = new MIndex(name, new ArrayList<>(cols));
      index.unique = true;
      index.definition = definition(table, index, columnsText(cols));
      table.indexes.add(index);
    }

    void addForeignKey(MTable table, ForeignKeyEl fk) {
      List<String> cols = resolveColumns(table, fk.columns());
      String name = fk.name();
      if (name == null) {
        name =
            mysql
                ? table.name + "_ibfk_" + (table.foreignKeys.size() + 1)
                : SchemaModel.objectName(table.name, String.join("_", cols), "fkey");
      }
      MTable target = model.table(fk.referencedTable());
      String targetName =
          target != null ? target.qualifiedName() : fk.referencedTable().qualified();
      List<String> refCols = fk.referencedColumns();
      if (refCols.isEmpty() && target != null) {
        refCols = target.primaryKey;
      }
      table.foreignKeys.add(new ForeignKey(name, cols, targetName, List.copyOf(refCols)));
    }

    /** Column names as the table spells them (MySQL names are case-insensitive). */
    private List<String> resolveColumns(MTable table, List<String> columns) {
      List<String> out = new ArrayList<>();
      for (String name : columns) {
        MColumn col = table.column(name, mysql);
        out.add(col != null ? col.name : name);
      }
      return out;
    }

    private String columnsText(List<String> columns) {
      List<String> quoted = new ArrayList<>();
      for (String col : columns) {
        quoted.add(quoteIfNeeded(col));
      }
      return String.join(", ", quoted);
    }

    private String quoteIfNeeded(String name) {
      return name.matches("[a-z_][a-z0-9_$]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** A PostgreSQL-style definition, as {@code pg_get_indexdef} would print it; null for MySQL. */
    private String definition(MTable table, MIndex index, String keyParts) {
      if (mysql) {
        return null;
      }
      return (index.unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ")
          + quoteIfNeeded(index.name)
          + " ON "
          + quoteIfNeeded(table.schema)
          + "."
          + quoteIfNeeded(table.name)
          + " USING "
          + index.method
          + " ("
          + keyParts
          + ")"
          + (index.include.isEmpty() ? "" : " INCLUDE (" + columnsText(index.include) + ")")
          + (index.predicate == null ? "" : " WHERE " + index.predicate);
    }

    Outcome createIndex(Cursor c, boolean unique, String indexKind) {
      c.accept("CONCURRENTLY");
      boolean ifNotExists = c.accept("IF", "NOT", "EXISTS");
      String name = null;
      if (!c.peek().is("ON") && !c.peek().is("USING")) {
        List<Token> parts = c.qualifiedName();
        name = parts.isEmpty() ? null : names.ident(parts.get(parts.size() - 1));
      }
      String method = indexKind != null ? indexKind : "btree";
      if (c.accept("USING")) {
        method = c.next().text().toLowerCase(Locale.ROOT);
      }
      if (!c.accept("ON")) {
        return Outcome.UNSUPPORTED;
      }
      c.accept("ONLY");
      QName tableName = names.qualified(c.qualifiedName());
      if (tableName == null) {
        return Outcome.UNSUPPORTED;
      }
      MTable table = model.table(tableName);
      if (table == null) {
        return views.contains(tableName.qualified()) ? Outcome.IGNORED : Outcome.UNSUPPORTED;
      }
      if (c.accept("USING")) {
        method = c.next().text().toLowerCase(Locale.ROOT);
      }
      if (!c.peek().isSymbol("(")) {
        return Outcome.UNSUPPORTED;
      }
      int keyStart = c.position();
      List<String> parts = c.wellFormedItems();
      if (parts == null || parts.isEmpty()) {
        return Outcome.MALFORMED;
      }
      String keyText = c.text(keyStart + 1, c.position() - 1);
      List<String> columns = new ArrayList<>();
      for (String part : parts) {
        columns.add(IndexKeyParts.column(part, mysql, names));
      }
      List<String> include = List.of();
      String predicate = null;
      while (!c.atEnd()) {
        if (c.accept("INCLUDE")) {
          List<String> inc = new ArrayList<>();
          for (String part : c.items()) {
            inc.add(IndexKeyParts.column(part, mysql, names));
          }
          include = inc;
        } else if (c.accept("WHERE")) {
          predicate = c.rest();
          break;
        } else if (c.accept("USING")) {
          method = c.next().text().toLowerCase(Locale.ROOT);
        } else if (c.accept("WITH") || c.accept("TABLESPACE")) {
          if (c.peek().isSymbol("(")) {
            c.group();
          } else {
            c.next();
          }
        } else {
          c.next();
        }
      }
      boolean generatedName = name == null;
      if (generatedName) {
        List<String> nameParts = new ArrayList<>();
        for (String col : columns) {
          nameParts.add(indexColumnName(table, col));
        }
        name =
            mysql
                ? model.freeIndexName(
                    table, table.name + "_" + String.join("_", nameParts) + "_idx")
                : model.freeRelationName(
                    table.schema, table.name, String.join("_", nameParts), "idx");
      } else {
        final String explicit = name;
        boolean exists =
            table.indexes.stream()
                .anyMatch(i -> mysql ? i.name.equalsIgnoreCase(explicit) : i.name.equals(explicit));
        if (exists && ifNotExists) {
          return Outcome.APPLIED;
        }
        table.indexes.removeIf(
            i -> mysql ? i.name.equalsIgnoreCase(explicit) : i.name.equals(explicit));
      }
      MIndex index = new MIndex(name, columns);
      index.unique = unique;
      index.method = method;
      index.include = include;
      index.predicate = predicate;
      index.definition = definition(table, index, keyText);
      table.indexes.add(index);
      return Outcome.APPLIED;
    }

    /**
     * The name PostgreSQL gives a key column in a generated index name: the column's own, the
     * function's for a function call ({@code lower(email)}: {@code lower}), else {@code expr}.
     */
    private static String indexColumnName(MTable table, String column) {
      if (table.column(column, false) != null || column.matches("[\\p{L}0-9_$]+")) {
        return column;
      }
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("^\\(*\\s*([A-Za-z_][A-Za-z0-9_$]*)\\s*\\(")
              .matcher(column);
      return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : "expr";
    }

    Outcome createSequence(Cursor c) {
      c.accept("IF", "NOT", "EXISTS");
      QName name = names.qualified(c.qualifiedName());
      if (name == null) {
        return Outcome.UNSUPPORTED;
      }
      MSequence s = model.createSequence(name, "bigint");
      SequenceOptions.apply(c, s, names, mysql);
      return Outcome.APPLIED;
    }

    // ---------------------------------------------------------------- ALTER

    Outcome alter(Cursor c) {
      c.next();
      c.accept("ONLINE");
      c.accept("IGNORE");
      if (c.accept("TABLE")) {
        return alterTable(c);
      }
      if (c.accept("SEQUENCE")) {
        c.accept("IF", "EXISTS");
        QName name = names.qualified(c.qualifiedName());
        MSequence s = name == null ? null : model.sequence(name);
        if (s == null) {
          return onlyOwnership(c) ? Outcome.IGNORED : Outcome.UNSUPPORTED;
        }
        if (onlyOwnership(c)) {
          return Outcome.IGNORED;
        }
        SequenceOptions.apply(c, s, names, mysql);
        return Outcome.APPLIED;
      }
      if (c.accept("INDEX")) {
        c.accept("IF", "EXISTS");
        QName name = names.qualified(c.qualifiedName());
        if (name != null && c.accept("ATTACH", "PARTITION")) {
          // The partition's index becomes part of the partitioned index: like the catalog reader,
          // the snapshot lists it on the partitioned table only.
          QName child = names.qualified(c.qualifiedName());
          for (MTable t : model.tables.values()) {
            if (child != null
                && Objects.equals(t.schema, child.schema())
                && t.indexes.stream().anyMatch(i -> i.name.equals(child.name()))) {
              model.touch(t).indexes.removeIf(i -> i.name.equals(child.name()));
            }
          }
          return Outcome.APPLIED;
        }
        if (name != null && c.accept("RENAME", "TO")) {
          String newName = names.ident(c.next());
          for (MTable t : model.tables.values()) {
            if (Objects.equals(t.schema, name.schema())) {
              for (MIndex i : model.touch(t).indexes) {
                if (i.name.equals(name.name())) {
                  i.name = newName;
                  model.noteIndexName(t.schema, newName);
                  return Outcome.APPLIED;
                }
              }
            }
          }
          return Outcome.UNSUPPORTED;
        }
        return Outcome.IGNORED;
      }
      Token kind = c.peek();
      if (kind.kind() == SqlLexer.Kind.WORD && IGNORED_OBJECT_KINDS.contains(kind.upper())) {
        return Outcome.IGNORED;
      }
      return Outcome.UNSUPPORTED;
    }

    private boolean onlyOwnership(Cursor c) {
      return c.peek().is("OWNER");
    }

    Outcome alterTable(Cursor c) {
      c.accept("IF", "EXISTS");
      boolean only = c.accept("ONLY");
      QName name = names.qualified(c.qualifiedName());
      c.acceptSymbol("*");
      if (name == null) {
        return Outcome.UNSUPPORTED;
      }
      List<String> actions = c.rawTopLevelItems();
      if (actions.contains("")) {
        // No action at all, or a doubled or trailing comma between actions.
        return Outcome.MALFORMED;
      }
      MTable table = model.table(name);
      String context = "ALTER TABLE " + name.qualified();
      boolean applied = false;
      boolean allIgnorable = true;
      List<String> failed = new ArrayList<>();
      for (String action : actions) {
        Cursor a = Cursor.of(action, mysql);
        if (isIgnorableAction(a)) {
          continue;
        }
        allIgnorable = false;
        if (table == null) {
          failed.add(action);
          continue;
        }
        Outcome o;
        try {
          o = alterAction(table, a, action, context);
        } catch (RuntimeException e) {
          LOG.debugf(e, "Could not apply %s", action);
          o = Outcome.UNSUPPORTED;
        }
        if (o == Outcome.MALFORMED) {
          // One invalid action makes the statement invalid: what the others did is undone.
          return Outcome.MALFORMED;
        }
        if (o == Outcome.APPLIED) {
          applied = true;
          table = model.table(name) != null ? model.table(name) : table;
          if (!only) {
            recurse(table, action, context);
          }
        } else if (o == Outcome.UNSUPPORTED) {
          failed.add(action);
        }
      }
      if (allIgnorable) {
        return Outcome.IGNORED;
      }
      if (!applied) {
        return Outcome.UNSUPPORTED;
      }
      for (String action : failed) {
        unsupportedPart(context, action);
      }
      return Outcome.APPLIED;
    }

    /**
     * Without {@code ONLY}, PostgreSQL applies column changes ({@code ADD}/{@code DROP COLUMN},
     * {@code ALTER COLUMN}) to the partitions and inheritance children too, and a primary key to
     * the partitions. A child that already has an added column keeps its own (PostgreSQL merges
     * them).
     */
    private void recurse(MTable table, String action, String context) {
      if (mysql) {
        return;
      }
      Cursor a = Cursor.of(action, false);
      boolean addColumn = false;
      boolean primaryKey = false;
      if (a.accept("ADD")) {
        int p = a.position();
        a.accept("CONSTRAINT");
        if (a.position() > p) {
          a.next();
        }
        primaryKey = a.peek().is("PRIMARY");
        a.reset(p);
        addColumn =
            !primaryKey
                && !(a.peek().is("CONSTRAINT")
                    || a.peek().is("UNIQUE")
                    || a.peek().is("FOREIGN")
                    || a.peek().is("CHECK")
                    || a.peek().is("EXCLUDE"));
        if (!addColumn && !primaryKey) {
          // Foreign keys and unique constraints PostgreSQL clones onto partitions stay on the
          // parent in the snapshot, as the catalog reader lists them.
          return;
        }
      } else if (!(a.peek().is("DROP") && !a.peek(1).is("CONSTRAINT") && !a.peek(1).is("PRIMARY")
          || a.peek().is("ALTER"))) {
        return;
      }
      for (MTable child : children(table)) {
        if (primaryKey && child.partitionOf == null) {
          continue;
        }
        if (addColumn) {
          Cursor b = Cursor.of(action, false);
          b.accept("ADD");
          b.accept("COLUMN");
          b.accept("IF", "NOT", "EXISTS");
          if (b.peek().isIdentifier() && child.column(names.ident(b.peek()), false) != null) {
            continue;
          }
        }
        MTable touched = model.touch(child);
        if (primaryKey) {
          if (touched.primaryKey.isEmpty()) {
            touched.primaryKey = new ArrayList<>(table.primaryKey);
          }
          recurse(touched, action, context);
          continue;
        }
        try {
          if (alterAction(touched, Cursor.of(action, false), action, context) == Outcome.APPLIED) {
            recurse(touched, action, context);
          }
        } catch (RuntimeException e) {
          LOG.debugf(e, "Could not apply %s to %s", action, child.qualifiedName());
        }
      }
    }

    /** The partitions and inheritance children of a table. */
    private List<MTable> children(MTable table) {
      String qualified = table.qualifiedName();
      List<MTable> out = new ArrayList<>();
      for (MTable t : model.tables.values()) {
        if (qualified.equals(t.partitionOf) || t.inherits.contains(qualified)) {
          out.add(t);
        }
      }
      return out;
    }

    private boolean isIgnorableAction(Cursor a) {
      Token t = a.peek();
      if (!mysql
          && (t.is("REPLICA")
              || t.is("VALIDATE")
              || t.is("INHERIT")
              || t.is("NO") && a.peek(1).is("INHERIT"))) {
        return false;
      }
      if (!mysql && t.is("ADD") && endsWithNotValid(a)) {
        return false;
      }
      if (t.is("SET")) {
        Token u = a.peek(1);
        return !u.is("SCHEMA") && !u.is("DEFAULT");
      }
      if (t.is("ALTER")) {
        int p = a.position();
        a.next();
        a.accept("COLUMN");
        a.next();
        boolean ignorable =
            a.accept("SET", "STATISTICS")
                || a.accept("SET", "STORAGE")
                || a.accept("SET", "COMPRESSION")
                || a.peek().is("SET") && a.peek(1).isSymbol("(")
                || a.accept("RESET")
                || a.accept("SET", "VISIBLE")
                || a.accept("SET", "INVISIBLE");
        a.reset(p);
        return ignorable;
      }
      if (t.is("DEFAULT") || t.is("CHARACTER")) {
        return true;
      }
      if (t.is("DROP") && a.peek(1).is("CHECK")) {
        return true;
      }
      if (t.is("ADD")
          && (a.peek(1).is("CHECK") || a.peek(1).is("CONSTRAINT") && a.peek(3).is("CHECK"))) {
        return true;
      }
      return t.kind() == SqlLexer.Kind.WORD && IGNORED_ALTER_ACTIONS.contains(t.upper());
    }

    /** Whether the action's last words are {@code NOT VALID}. */
    private static boolean endsWithNotValid(Cursor a) {
      return a.sql()
          .strip()
          .toUpperCase(Locale.ROOT)
          .replaceAll("\\s+", " ")
          .endsWith(" NOT VALID");
    }

    Outcome alterAction(MTable table, Cursor a, String action, String context) {
      if (!mysql && a.accept("REPLICA", "IDENTITY")) {
        if (a.accept("USING", "INDEX")) {
          table.replicaIdentity = "index:" + names.ident(a.next());
        } else {
          table.replicaIdentity = a.next().text().toLowerCase(Locale.ROOT);
        }
        return Outcome.APPLIED;
      }
      if (!mysql && a.accept("VALIDATE", "CONSTRAINT")) {
        String constraint = names.ident(a.next());
        table.notValid.remove(constraint);
        return Outcome.APPLIED;
      }
      if (!mysql && a.accept("NO", "INHERIT")) {
        QName parent = names.qualified(a.qualifiedName());
        MTable p = parent == null ? null : model.table(parent);
        table.inherits.remove(p == null ? parent.qualified() : p.qualifiedName());
        return Outcome.APPLIED;
      }
      if (!mysql && a.accept("INHERIT")) {
        QName parent = names.qualified(a.qualifiedName());
        MTable p = parent == null ? null : model.table(parent);
        if (p == null) {
          return Outcome.UNSUPPORTED;
        }
        table.inherits.add(p.qualifiedName());
        return Outcome.APPLIED;
      }
      if (!mysql && a.peek().is("ADD") && endsWithNotValid(a)) {
        return addNotValid(table, a, context);
      }
      if (a.accept("ADD")) {
        return alterAdd(table, a, context);
      }
      if (a.accept("DROP")) {
        return alterDrop(table, a);
      }
      if (a.peek().is("ALTER")) {
        a.next();
        a.accept("COLUMN");
        return alterColumn(table, a);
      }
      if (a.accept("MODIFY")) {
        a.accept("COLUMN");
        return replaceColumn(table, a.rest(), null, context);
      }
      if (a.accept("CHANGE")) {
        a.accept("COLUMN");
        String oldName = names.ident(a.next());
        return replaceColumn(table, a.rest(), oldName, context);
      }
      if (a.accept("RENAME")) {
        return rename(table, a);
      }
      if (a.accept("ATTACH", "PARTITION")) {
        MTable child = model.table(names.qualified(a.qualifiedName()));
        if (child == null) {
          return Outcome.UNSUPPORTED;
        }
        child.partitionOf = table.qualifiedName();
        if (child.primaryKey.isEmpty() && !table.primaryKey.isEmpty()) {
          child.primaryKey = new ArrayList<>(table.primaryKey);
        }
        return Outcome.APPLIED;
      }
      if (a.accept("DETACH", "PARTITION")) {
        MTable child = model.table(names.qualified(a.qualifiedName()));
        if (child == null) {
          return Outcome.UNSUPPORTED;
        }
        child.partitionOf = null;
        return Outcome.APPLIED;
      }
      if (a.accept("SET", "SCHEMA")) {
        String schema = names.ident(a.next());
        MTable moved = model.createTable(new QName(schema, table.name));
        copyInto(table, moved);
        model.removeTable(table);
        return Outcome.APPLIED;
      }
      if (a.accept("AUTO_INCREMENT")) {
        a.acceptSymbol("=");
        Long n = SequenceOptions.number(a);
        if (n != null) {
          table.autoIncrementStart = n;
          finishAutoIncrement(table);
        }
        return Outcome.APPLIED;
      }
      return Outcome.UNSUPPORTED;
    }

    /**
     * {@code ADD [CONSTRAINT n] FOREIGN KEY … NOT VALID} or {@code ADD CONSTRAINT n CHECK (…) NOT
     * VALID}: the constraint exists, unvalidated, until {@code VALIDATE CONSTRAINT}.
     */
    private Outcome addNotValid(MTable table, Cursor a, String context) {
      int start = a.position();
      a.accept("ADD");
      String name = null;
      if (a.accept("CONSTRAINT")) {
        name = names.ident(a.next());
      }
      if (a.peek().is("CHECK")) {
        if (name == null) {
          // PostgreSQL would name it after a column of the expression: not modelled.
          return Outcome.UNSUPPORTED;
        }
        table.notValid.add(name);
        return Outcome.APPLIED;
      }
      a.reset(start);
      a.accept("ADD");
      int before = table.foreignKeys.size();
      Outcome o = alterAdd(table, a, context);
      if (o == Outcome.APPLIED && table.foreignKeys.size() > before) {
        table.notValid.add(table.foreignKeys.get(table.foreignKeys.size() - 1).name());
      }
      return o;
    }

    private void copyInto(MTable from, MTable to) {
      to.columns.addAll(from.columns);
      to.primaryKey = from.primaryKey;
      to.primaryKeyName = from.primaryKeyName;
      to.uniqueConstraints.addAll(from.uniqueConstraints);
      to.foreignKeys.addAll(from.foreignKeys);
      to.indexes.addAll(from.indexes);
      to.partitionOf = from.partitionOf;
      to.partitionKey = from.partitionKey;
      to.inherits = new ArrayList<>(from.inherits);
      to.replicaIdentity = from.replicaIdentity;
      to.notValid = new ArrayList<>(from.notValid);
    }

    Outcome alterAdd(MTable table, Cursor a, String context) {
      // ADD [CONSTRAINT n] PRIMARY KEY / UNIQUE USING INDEX idx (PostgreSQL)
      int start = a.position();
      String constraintName = null;
      if (a.accept("CONSTRAINT")) {
        constraintName = names.ident(a.next());
      }
      boolean pk = a.accept("PRIMARY", "KEY");
      boolean unique = !pk && a.accept("UNIQUE");
      if ((pk || unique) && a.accept("USING", "INDEX")) {
        String indexName = names.ident(a.next());
        MIndex index =
            table.indexes.stream().filter(i -> i.name.equals(indexName)).findFirst().orElse(null);
        if (index == null) {
          return Outcome.UNSUPPORTED;
        }
        String newName = constraintName != null ? constraintName : indexName;
        index.name = newName;
        model.noteIndexName(table.schema, newName);
        if (pk) {
          table.indexes.removeIf(i -> i.primary);
          index.primary = true;
          index.unique = true;
          table.primaryKey = new ArrayList<>(index.columns);
          table.primaryKeyName = newName;
        } else {
          table.uniqueConstraints.add(new UniqueConstraint(newName, index.columns));
        }
        return Outcome.APPLIED;
      }
      a.reset(start);
      boolean column = a.accept("COLUMN");
      a.accept("IF", "NOT", "EXISTS");
      Token t = a.peek();
      boolean constraint =
          !column
              && (t.is("CONSTRAINT")
                  || t.is("PRIMARY")
                  || t.is("UNIQUE")
                  || t.is("FOREIGN")
                  || t.is("CHECK")
                  || t.is("EXCLUDE")
                  || t.is("KEY")
                  || t.is("INDEX")
                  || t.is("FULLTEXT")
                  || t.is("SPATIAL"));
      String text = a.rest();
      if (!constraint && text.startsWith("(")) {
        // MySQL: ADD (c1 int, c2 int)
        List<String> items = Cursor.of(text, mysql).wellFormedItems();
        if (items == null || items.isEmpty()) {
          return Outcome.MALFORMED;
        }
        List<Element> read = elements.read(items);
        if (read.stream().anyMatch(e -> e instanceof MalformedEl)) {
          return Outcome.MALFORMED;
        }
        applyElements(table, read, context);
        return Outcome.APPLIED;
      }
      List<Element> read = elements.read(List.of(text));
      if (read.get(0) instanceof MalformedEl) {
        return Outcome.MALFORMED;
      }
      if (read.get(0) instanceof UnsupportedEl) {
        return Outcome.UNSUPPORTED;
      }
      if (!constraint && !(read.get(0) instanceof ColumnEl)) {
        return Outcome.UNSUPPORTED;
      }
      applyElements(table, read, context);
      return Outcome.APPLIED;
    }

    Outcome alterDrop(MTable table, Cursor a) {
      if (a.accept("PRIMARY", "KEY")) {
        table.primaryKey = new ArrayList<>();
        table.primaryKeyName = null;
        table.indexes.removeIf(i -> i.primary);
        return Outcome.APPLIED;
      }
      if (a.accept("FOREIGN", "KEY")) {
        String fkName = names.ident(a.next());
        table.foreignKeys.removeIf(f -> f.name().equalsIgnoreCase(fkName));
        return Outcome.APPLIED;
      }
      if (a.accept("INDEX") || a.accept("KEY")) {
        String indexName = names.ident(a.next());
        table.indexes.removeIf(i -> i.name.equalsIgnoreCase(indexName));
        table.uniqueConstraints.removeIf(u -> u.name().equalsIgnoreCase(indexName));
        return Outcome.APPLIED;
      }
      if (a.accept("CONSTRAINT")) {
        a.accept("IF", "EXISTS");
        String constraint = names.ident(a.next());
        boolean ignoreCase = mysql;
        if (Objects.equals(table.primaryKeyName, constraint)
            || !mysql && table.primaryKeyName == null && constraint.equals(table.name + "_pkey")) {
          table.primaryKey = new ArrayList<>();
          table.primaryKeyName = null;
          table.indexes.removeIf(i -> i.primary);
        }
        table.foreignKeys.removeIf(f -> same(f.name(), constraint, ignoreCase));
        table.notValid.remove(constraint);
        boolean wasUnique =
            table.uniqueConstraints.removeIf(u -> same(u.name(), constraint, ignoreCase));
        if (wasUnique) {
          table.indexes.removeIf(i -> same(i.name, constraint, ignoreCase));
        }
        return Outcome.APPLIED;
      }
      a.accept("COLUMN");
      a.accept("IF", "EXISTS");
      if (a.atEnd()) {
        return Outcome.MALFORMED;
      }
      if (!a.peek().isIdentifier()) {
        return Outcome.UNSUPPORTED;
      }
      MColumn col = table.column(names.ident(a.next()), mysql);
      if (col != null) {
        table.dropColumn(col, mysql);
        String owned = table.qualifiedName() + "." + col.name;
        model.removeSequencesIf(s -> owned.equals(s.ownedBy));
      }
      return Outcome.APPLIED;
    }

    private static boolean same(String a, String b, boolean ignoreCase) {
      return a != null && (ignoreCase ? a.equalsIgnoreCase(b) : a.equals(b));
    }

    Outcome alterColumn(MTable table, Cursor a) {
      MColumn col = table.column(names.ident(a.next()), mysql);
      if (col == null) {
        return Outcome.UNSUPPORTED;
      }
      if (a.accept("SET", "DATA", "TYPE") || a.accept("TYPE")) {
        int from = a.position();
        while (!a.atEnd() && !a.peek().is("USING") && !a.peek().is("COLLATE")) {
          a.next();
        }
        String type = a.text(from, a.position());
        if (type.isEmpty()) {
          return Outcome.MALFORMED;
        }
        col.type = TypeNames.canonical(type, mysql);
        return Outcome.APPLIED;
      }
      if (a.accept("SET", "DEFAULT")) {
        if (a.atEnd()) {
          return Outcome.MALFORMED;
        }
        col.defaultValue = a.rest();
        if (col.defaultValue.equalsIgnoreCase("NULL")) {
          col.defaultValue = null;
        }
        return Outcome.APPLIED;
      }
      if (a.accept("DROP", "DEFAULT")) {
        col.defaultValue = null;
        return Outcome.APPLIED;
      }
      if (a.accept("SET", "NOT", "NULL")) {
        col.nullable = false;
        return Outcome.APPLIED;
      }
      if (a.accept("DROP", "NOT", "NULL")) {
        col.nullable = true;
        return Outcome.APPLIED;
      }
      if (a.accept("ADD", "GENERATED")) {
        IdentityKind kind = a.accept("ALWAYS") ? IdentityKind.ALWAYS : IdentityKind.BY_DEFAULT;
        a.accept("BY", "DEFAULT");
        a.accept("AS", "IDENTITY");
        String options = a.group();
        Long start = options == null ? null : SequenceOptions.startWith(options, mysql);
        QName seq = options == null ? null : SequenceOptions.sequenceName(options, names, mysql);
        applyIdentity(table, col, kind, start, seq);
        return Outcome.APPLIED;
      }
      if (a.accept("DROP", "IDENTITY")) {
        col.defaultValue = null;
        String owned = table.qualifiedName() + "." + col.name;
        model.removeSequencesIf(s -> owned.equals(s.ownedBy));
        return Outcome.APPLIED;
      }
      return Outcome.UNSUPPORTED;
    }

    /** MySQL {@code MODIFY c def} and {@code CHANGE old new def}: the column keeps its place. */
    Outcome replaceColumn(MTable table, String definition, String oldName, String context) {
      List<Element> read = elements.read(List.of(definition));
      if (read.get(0) instanceof MalformedEl) {
        return Outcome.MALFORMED;
      }
      if (!(read.get(0) instanceof ColumnEl el)) {
        return Outcome.UNSUPPORTED;
      }
      MColumn existing = table.column(oldName != null ? oldName : el.name(), mysql);
      if (existing == null) {
        return Outcome.UNSUPPORTED;
      }
      int position = table.columns.indexOf(existing);
      String previousName = existing.name;
      applyElement(table, el, context);
      MColumn replaced = table.column(el.name(), mysql);
      table.columns.remove(replaced);
      if (table.columns.contains(existing)) {
        table.columns.remove(existing);
      }
      table.columns.add(Math.min(position, table.columns.size()), replaced);
      if (!previousName.equalsIgnoreCase(replaced.name)) {
        renameColumnReferences(table, previousName, replaced.name);
      }
      return Outcome.APPLIED;
    }

    Outcome rename(MTable table, Cursor a) {
      if (a.accept("TO") || a.accept("AS")) {
        QName newName = names.qualified(a.qualifiedName());
        QName target = new QName(table.schema, newName.name());
        MTable renamed = model.createTable(target);
        copyInto(table, renamed);
        model.removeTable(table);
        String oldQualified = table.qualifiedName();
        for (MSequence s : model.sequences.values()) {
          if (s.ownedBy != null && s.ownedBy.startsWith(oldQualified + ".")) {
            model.touch(s).ownedBy =
                renamed.qualifiedName() + s.ownedBy.substring(oldQualified.length());
          }
        }
        for (MTable t : model.tables.values()) {
          for (int k = 0; k < t.foreignKeys.size(); k++) {
            ForeignKey fk = t.foreignKeys.get(k);
            if (fk.referencedTable().equals(oldQualified)) {
              model
                  .touch(t)
                  .foreignKeys
                  .set(
                      k,
                      new ForeignKey(
                          fk.name(),
                          fk.columns(),
                          renamed.qualifiedName(),
                          fk.referencedColumns()));
            }
          }
        }
        return Outcome.APPLIED;
      }
      if (a.accept("CONSTRAINT")) {
        String from = names.ident(a.next());
        a.accept("TO");
        String to = names.ident(a.next());
        for (int k = 0; k < table.foreignKeys.size(); k++) {
          ForeignKey fk = table.foreignKeys.get(k);
          if (fk.name().equals(from)) {
            table.foreignKeys.set(
                k, new ForeignKey(to, fk.columns(), fk.referencedTable(), fk.referencedColumns()));
          }
        }
        for (int k = 0; k < table.uniqueConstraints.size(); k++) {
          UniqueConstraint u = table.uniqueConstraints.get(k);
          if (u.name().equals(from)) {
            table.uniqueConstraints.set(k, new UniqueConstraint(to, u.columns()));
          }
        }
        for (MIndex i : table.indexes) {
          if (i.name.equals(from)) {
            i.name = to;
            model.noteIndexName(table.schema, to);
          }
        }
        if (from.equals(table.primaryKeyName)) {
          table.primaryKeyName = to;
        }
        return Outcome.APPLIED;
      }
      if (a.accept("INDEX") || a.accept("KEY")) {
        String from = names.ident(a.next());
        a.accept("TO");
        String to = names.ident(a.next());
        for (MIndex i : table.indexes) {
          if (i.name.equalsIgnoreCase(from)) {
            i.name = to;
            model.noteIndexName(table.schema, to);
          }
        }
        return Outcome.APPLIED;
      }
      a.accept("COLUMN");
      MColumn col = table.column(names.ident(a.next()), mysql);
      if (col == null || !a.accept("TO")) {
        return Outcome.UNSUPPORTED;
      }
      String to = names.ident(a.next());
      String from = col.name;
      col.name = to;
      renameColumnReferences(table, from, to);
      return Outcome.APPLIED;
    }

    private void renameColumnReferences(MTable table, String from, String to) {
      java.util.function.UnaryOperator<String> r = n -> same(n, from, mysql) ? to : n;
      table.primaryKey = new ArrayList<>(table.primaryKey.stream().map(r).toList());
      for (int k = 0; k < table.uniqueConstraints.size(); k++) {
        UniqueConstraint u = table.uniqueConstraints.get(k);
        table.uniqueConstraints.set(
            k, new UniqueConstraint(u.name(), u.columns().stream().map(r).toList()));
      }
      for (int k = 0; k < table.foreignKeys.size(); k++) {
        ForeignKey f = table.foreignKeys.get(k);
        table.foreignKeys.set(
            k,
            new ForeignKey(
                f.name(),
                f.columns().stream().map(r).toList(),
                f.referencedTable(),
                f.referencedColumns()));
      }
      for (MIndex i : table.indexes) {
        i.columns.replaceAll(r);
        i.include = i.include.stream().map(r).toList();
      }
      String oldOwner = table.qualifiedName() + "." + from;
      for (MSequence s : model.sequences.values()) {
        if (oldOwner.equals(s.ownedBy)) {
          model.touch(s).ownedBy = table.qualifiedName() + "." + to;
        }
      }
    }

    // ---------------------------------------------------------------- DROP, RENAME

    Outcome drop(Cursor c) {
      c.next();
      c.accept("TEMPORARY");
      if (c.accept("TABLE")) {
        c.accept("IF", "EXISTS");
        List<QName> tableNames = nameList(c);
        if (tableNames == null) {
          return Outcome.MALFORMED;
        }
        for (QName name : tableNames) {
          MTable t = model.table(name);
          if (t != null) {
            model.dropTable(t);
          }
        }
        return Outcome.APPLIED;
      }
      if (c.accept("INDEX")) {
        c.accept("CONCURRENTLY");
        c.accept("IF", "EXISTS");
        List<QName> indexNames = nameList(c);
        if (indexNames == null) {
          return Outcome.MALFORMED;
        }
        if (mysql || c.peek().is("ON")) {
          if (c.accept("ON")) {
            MTable t = model.table(names.qualified(c.qualifiedName()));
            if (t != null) {
              for (QName n : indexNames) {
                t.indexes.removeIf(i -> i.name.equalsIgnoreCase(n.name()));
                t.uniqueConstraints.removeIf(u -> u.name().equalsIgnoreCase(n.name()));
              }
            }
          }
          return Outcome.APPLIED;
        }
        for (QName n : indexNames) {
          for (MTable t : model.tables.values()) {
            if (Objects.equals(t.schema, n.schema())
                && t.indexes.stream().anyMatch(i -> i.name.equals(n.name()))) {
              model.touch(t).indexes.removeIf(i -> i.name.equals(n.name()));
            }
          }
        }
        return Outcome.APPLIED;
      }
      if (c.accept("SEQUENCE")) {
        c.accept("IF", "EXISTS");
        List<QName> sequenceNames = nameList(c);
        if (sequenceNames == null) {
          return Outcome.MALFORMED;
        }
        for (QName name : sequenceNames) {
          model.removeSequence(name);
        }
        return Outcome.APPLIED;
      }
      if (c.accept("SCHEMA") || mysql && c.accept("DATABASE")) {
        c.accept("IF", "EXISTS");
        List<String> schemas = new ArrayList<>();
        while (c.peek().isIdentifier() && !c.peek().is("CASCADE") && !c.peek().is("RESTRICT")) {
          schemas.add(names.ident(c.next()));
          c.acceptSymbol(",");
        }
        for (MTable t : new ArrayList<>(model.tables.values())) {
          if (schemas.contains(t.schema)) {
            model.dropTable(t);
          }
        }
        model.removeSequencesIf(s -> schemas.contains(s.schema));
        return schemas.isEmpty() ? Outcome.UNSUPPORTED : Outcome.APPLIED;
      }
      Token kind = c.peek();
      if (kind.kind() == SqlLexer.Kind.WORD && IGNORED_OBJECT_KINDS.contains(kind.upper())) {
        return Outcome.IGNORED;
      }
      return Outcome.UNSUPPORTED;
    }

    /** The names a DROP lists; null when it lists none, or a comma is not followed by one. */
    private List<QName> nameList(Cursor c) {
      List<QName> out = new ArrayList<>();
      while (c.peek().isIdentifier()
          && !c.peek().is("CASCADE")
          && !c.peek().is("RESTRICT")
          && !c.peek().is("ON")) {
        QName n = names.qualified(c.qualifiedName());
        if (n != null) {
          out.add(n);
        }
        if (!c.acceptSymbol(",")) {
          return out;
        }
      }
      return null;
    }

    Outcome renameTables(Cursor c) {
      c.next();
      c.next();
      boolean any = false;
      while (!c.atEnd()) {
        QName from = names.qualified(c.qualifiedName());
        if (!c.accept("TO")) {
          break;
        }
        QName to = names.qualified(c.qualifiedName());
        MTable t = from == null ? null : model.table(from);
        if (t != null && to != null) {
          rename(t, Cursor.of("TO " + to.qualified(), mysql));
          any = true;
        }
        if (!c.acceptSymbol(",")) {
          break;
        }
      }
      return any ? Outcome.APPLIED : Outcome.UNSUPPORTED;
    }

    // ---------------------------------------------------------------- COMMENT

    /**
     * {@code COMMENT ON COLUMN [schema.]table.column IS 'text' | NULL} sets the column's comment
     * (what personal-data detection reads); comments on other objects change nothing modelled.
     */
    Outcome comment(Cursor c) {
      c.next();
      if (!c.accept("ON", "COLUMN")) {
        return Outcome.IGNORED;
      }
      List<Token> parts = c.qualifiedName();
      if (parts.size() < 2 || !c.accept("IS")) {
        return Outcome.MALFORMED;
      }
      QName tableName = names.qualified(parts.subList(0, parts.size() - 1));
      MTable table = model.table(tableName);
      if (table == null) {
        return views.contains(tableName.qualified()) ? Outcome.IGNORED : Outcome.UNSUPPORTED;
      }
      MColumn column = table.column(names.ident(parts.get(parts.size() - 1)), false);
      if (column == null) {
        return Outcome.UNSUPPORTED;
      }
      Token value = c.next();
      if (value.is("NULL")) {
        column.comment = null;
        return Outcome.APPLIED;
      }
      if (value.kind() != SqlLexer.Kind.STRING) {
        return Outcome.MALFORMED;
      }
      String text = Literals.text(value.text());
      column.comment = text.isEmpty() ? null : text;
      return Outcome.APPLIED;
    }

    // ---------------------------------------------------------------- SELECT setval, SET

    /**
     * {@code SELECT pg_catalog.setval('s', n [, is_called])} sets a sequence's position; {@code
     * SELECT pg_catalog.set_config('search_path', …)} its schema; any other SELECT is ignored.
     */
    Outcome select(Cursor c) {
      c.next();
      if (c.peek().is("pg_catalog") && c.peek(1).isSymbol(".")) {
        c.next();
        c.next();
      }
      if (c.accept("setval") && c.acceptSymbol("(") && c.peek().kind() == SqlLexer.Kind.STRING) {
        QName name = names.fromLiteral(c.next().text());
        c.acceptSymbol(",");
        Long value = SequenceOptions.number(c);
        boolean called = true;
        if (c.acceptSymbol(",")) {
          called = !c.peek().is("false");
        }
        MSequence s = name == null ? null : model.sequence(name);
        if (s == null || value == null) {
          // The position of a sequence the script does not define is data, not structure.
          return Outcome.IGNORED;
        }
        s.lastValue = called ? value : value - s.increment;
        return Outcome.APPLIED;
      }
      if (c.accept("set_config") && c.acceptSymbol("(")) {
        Token setting = c.next();
        c.acceptSymbol(",");
        Token value = c.next();
        if (setting.text().equalsIgnoreCase("'search_path'")
            && value.kind() == SqlLexer.Kind.STRING) {
          setSearchPath(value.text().substring(1, value.text().length() - 1));
        }
      }
      return Outcome.IGNORED;
    }

    Outcome set(Cursor c) {
      c.next();
      c.accept("SESSION");
      c.accept("LOCAL");
      if (c.accept("search_path") || c.accept("schema")) {
        if (!c.acceptSymbol("=")) {
          c.accept("TO");
        }
        setSearchPath(c.rest());
      }
      return Outcome.IGNORED;
    }

    private void setSearchPath(String value) {
      for (String part : value.split(",")) {
        String p = part.strip();
        if (p.isEmpty()
            || p.equalsIgnoreCase("\"$user\"")
            || p.equals("$user")
            || p.equalsIgnoreCase("pg_catalog")) {
          continue;
        }
        Cursor c =
            Cursor.of(p.startsWith("'") ? p.substring(1, Math.max(1, p.length() - 1)) : p, mysql);
        if (c.peek().isIdentifier()) {
          model.defaultSchema = names.ident(c.next());
        }
        return;
      }
      model.defaultSchema = mysql ? model.defaultSchema : "public";
    }
  }

  /** The whitespace-separated words of a text block, as a set. */
  private static Set<String> words(String text) {
    return Set.of(text.strip().split("\\s+"));
  }
}
