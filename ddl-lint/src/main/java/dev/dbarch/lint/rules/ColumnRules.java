package dev.dbarch.lint.rules;

import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.contracts.schema.StatementRisk.TableWork;
import dev.dbarch.lint.classify.Expressions;
import dev.dbarch.lint.classify.TypeChanges;
import dev.dbarch.lint.sql.AlterAction;
import dev.dbarch.lint.sql.ColumnDef;
import dev.dbarch.lint.sql.StatementParser;
import dev.dbarch.lint.sql.Stmt;
import dev.dbarch.lint.sql.TypeName;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Adding, changing, renaming and dropping columns. */
final class ColumnRules {

  private ColumnRules() {}

  static List<MigrationRule> all() {
    return List.of(
        VOLATILE_DEFAULT,
        REQUIRED_WITHOUT_DEFAULT,
        SET_NOT_NULL,
        TYPE_CHANGE,
        RENAME_COLUMN,
        DROP_COLUMN,
        DROP_NOT_NULL,
        COUNTER_COLUMN,
        STORED_GENERATED,
        JSON_COLUMN);
  }

  private static <T extends AlterAction> List<T> actions(RuleInput in, Class<T> type) {
    List<T> out = new ArrayList<>();
    if (in.stmt() instanceof Stmt.AlterTable s) {
      for (AlterAction a : s.actions()) {
        if (type.isInstance(a)) {
          out.add(type.cast(a));
        }
      }
    }
    return out;
  }

  private static List<Hit> perAction(
      RuleInput in, Class<? extends AlterAction> type, Function<AlterAction, Hit> check) {
    List<Hit> hits = new ArrayList<>();
    for (AlterAction a : actions(in, type)) {
      Hit hit = check.apply(a);
      if (hit != null) {
        hits.add(hit);
      }
    }
    return hits;
  }

  private static String lock(RuleInput in) {
    return Rewrites.lockTimeout(in.dialect(), in.context().targets());
  }

  private static Optional<SchemaSnapshot.Column> column(RuleInput in, String name) {
    return in.catalogTable()
        .flatMap(
            t -> t.columns().stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst());
  }

  private static String backfill(RuleInput in, String set, String pending) {
    return in.postgres()
        ? Rewrites.postgresBackfill(in.tableSql(), in.catalogTable().orElse(null), set, pending)
        : Rewrites.mysqlBackfill(in.tableSql(), set, pending);
  }

  static final MigrationRule VOLATILE_DEFAULT =
      Rule.of(
          "MIG-DDL-COL-001",
          "Column added with a default that rewrites the table",
          Rule.POSTGRES,
          "Since PostgreSQL 11 a column added with a constant (or stable) default is a catalog"
              + " change: the value is stored once and old rows read it from there. A volatile"
              + " default (random(), gen_random_uuid(), clock_timestamp(), nextval()), or any"
              + " non-null default before 11, is computed for every existing row: the table is"
              + " rewritten under ACCESS EXCLUSIVE. Add the column without a default, set the"
              + " default for new rows, and backfill old rows in batches.",
          in ->
              !in.existingTable()
                  ? List.of()
                  : perAction(
                      in,
                      AlterAction.AddColumn.class,
                      a -> {
                        ColumnDef col = ((AlterAction.AddColumn) a).column();
                        if (col.counterFilled()
                            || col.generatedStored()
                            || Expressions.nullDefault(col.defaultExpression())) {
                          return null;
                        }
                        boolean volatileDefault =
                            Expressions.volatileDefault(col.defaultExpression());
                        if (!volatileDefault && in.version().atLeast(11)) {
                          return null;
                        }
                        String why =
                            volatileDefault
                                ? "its default " + col.defaultExpression() + " is volatile"
                                : "PostgreSQL "
                                    + in.version()
                                    + " stores every default in the rows";
                        String name = col.name();
                        String sql =
                            lock(in)
                                + "ALTER TABLE "
                                + in.tableSql()
                                + " ADD COLUMN "
                                + name
                                + " "
                                + col.type().text()
                                + ";\nALTER TABLE "
                                + in.tableSql()
                                + " ALTER COLUMN "
                                + name
                                + " SET DEFAULT "
                                + col.defaultExpression()
                                + ";\n"
                                + backfill(
                                    in, name + " = " + col.defaultExpression(), name + " IS NULL")
                                + (col.notNull() ? notNullSteps(in, name) : "");
                        return Hit.of(
                            Impact.LOCK_WHILE_WORKING,
                            "ADD COLUMN "
                                + name
                                + " rewrites "
                                + in.table().qualified()
                                + " ("
                                + in.size().describe()
                                + ") under AccessExclusiveLock: "
                                + why,
                            sql);
                      }));

  /** NOT NULL without a scan under ACCESS EXCLUSIVE (PostgreSQL 12+), or a CHECK before 12. */
  static String notNullSteps(RuleInput in, String column) {
    String check = Rewrites.name(in.table().name(), column + "_not_null", List.of());
    String add =
        "ALTER TABLE "
            + in.tableSql()
            + " ADD CONSTRAINT "
            + check
            + " CHECK ("
            + column
            + " IS NOT NULL) NOT VALID;\n-- commit, then:\nALTER TABLE "
            + in.tableSql()
            + " VALIDATE CONSTRAINT "
            + check
            + ";\n";
    if (!in.version().atLeast(12)) {
      return add
          + "-- PostgreSQL "
          + in.version()
          + " cannot use the CHECK to skip the NOT NULL scan: keep the CHECK (it enforces the"
          + " same), or SET NOT NULL in a maintenance window.\n";
    }
    return add
        + "-- The valid CHECK proves no NULL exists, so SET NOT NULL skips its scan.\nALTER TABLE "
        + in.tableSql()
        + " ALTER COLUMN "
        + column
        + " SET NOT NULL;\nALTER TABLE "
        + in.tableSql()
        + " DROP CONSTRAINT "
        + check
        + ";\n";
  }

  static final MigrationRule REQUIRED_WITHOUT_DEFAULT =
      Rule.of(
          "MIG-DDL-COL-002",
          "NOT NULL column added without a default",
          Rule.ALL,
          "A NOT NULL column without a default cannot be added to a table that has rows in"
              + " PostgreSQL (the statement fails), and in any database it breaks the running"
              + " application's INSERTs that do not name it. Add it with a default (a catalog-only"
              + " change on PostgreSQL 11+ for a constant), or nullable, backfilled, then made NOT"
              + " NULL.",
          in ->
              !in.existingTable()
                  ? List.of()
                  : perAction(
                      in,
                      AlterAction.AddColumn.class,
                      a -> {
                        ColumnDef col = ((AlterAction.AddColumn) a).column();
                        if (!col.notNull()
                            || col.defaultExpression() != null
                            || col.counterFilled()
                            || col.generatedStored()
                            || col.generatedVirtual()) {
                          return null;
                        }
                        boolean fails = in.postgres() && !in.knownEmpty();
                        String zero = zeroValue(col.type());
                        String sql =
                            "-- Pick the value existing rows (and inserts from running versions)"
                                + " should get; "
                                + zero
                                + " is a placeholder.\n"
                                + lock(in)
                                + "ALTER TABLE "
                                + in.tableSql()
                                + " ADD COLUMN "
                                + col.name()
                                + " "
                                + col.type().text()
                                + " NOT NULL DEFAULT "
                                + zero
                                + ";\n";
                        return Hit.of(
                            fails ? Impact.FAILS : Impact.BREAKS_APPLICATION,
                            fails
                                ? "ADD COLUMN "
                                    + col.name()
                                    + " NOT NULL without a default fails on "
                                    + in.table().qualified()
                                    + " as soon as it has a row, and breaks inserts that do not"
                                    + " name it"
                                : "ADD COLUMN "
                                    + col.name()
                                    + " NOT NULL without a default breaks inserts from running"
                                    + " versions that do not name it",
                            sql);
                      }));

  static String zeroValue(TypeName type) {
    if (type == null) {
      return "''";
    }
    return switch (type.base()) {
      case "integer", "bigint", "smallint", "numeric", "real", "double precision" -> "0";
      case "boolean" -> "false";
      case "timestamp", "timestamptz", "datetime" -> "CURRENT_TIMESTAMP";
      case "date" -> "CURRENT_DATE";
      case "uuid" -> "'00000000-0000-0000-0000-000000000000'";
      case "jsonb", "json" -> "'{}'";
      default -> type.array() ? "'{}'" : "''";
    };
  }

  static final MigrationRule SET_NOT_NULL =
      Rule.of(
          "MIG-DDL-COL-003",
          "NOT NULL set on an existing column",
          Rule.POSTGRES,
          "SET NOT NULL holds ACCESS EXCLUSIVE while it reads every row to prove there is no NULL,"
              + " and running versions that still insert NULL start failing. From PostgreSQL 12 a"
              + " validated CHECK (col IS NOT NULL) is accepted as proof: add the CHECK NOT VALID,"
              + " VALIDATE it (reads and writes continue), then SET NOT NULL skips the scan and the"
              + " CHECK can go. Before 12, keep the CHECK in place of the NOT NULL.",
          in ->
              !in.existingTable() || in.classification().work() == TableWork.NONE
                  ? List.of()
                  : perAction(
                      in,
                      AlterAction.SetNotNull.class,
                      a -> {
                        String column = ((AlterAction.SetNotNull) a).column();
                        if (in.state().hasValidatedNotNullCheck(in.table(), column)
                            && in.version().atLeast(12)) {
                          return null;
                        }
                        return Hit.of(
                            Impact.LOCK_WHILE_WORKING,
                            "SET NOT NULL on "
                                + in.table().qualified()
                                + "."
                                + column
                                + " ("
                                + in.size().describe()
                                + ") reads every row under AccessExclusiveLock, and inserts of NULL"
                                + " from running versions start failing",
                            lock(in) + notNullSteps(in, column));
                      }));

  static final MigrationRule TYPE_CHANGE =
      Rule.of(
          "MIG-DDL-COL-004",
          "Column type change that rewrites the table or narrows it",
          Rule.POSTGRES,
          "ALTER COLUMN … TYPE holds ACCESS EXCLUSIVE; unless the new type keeps the stored bytes"
              + " valid (varchar(n) to a longer varchar or text, numeric(p,s) to more precision at"
              + " the same scale, a longer timestamp precision, cidr to inet) PostgreSQL rewrites"
              + " the table and rebuilds its indexes meanwhile, and a narrower type can reject what"
              + " running versions write. Go expand/contract: a new column kept in step by a"
              + " trigger, old rows backfilled in batches, reads moved over, then the columns"
              + " swapped in one short transaction.",
          in ->
              !in.existingTable()
                  ? List.of()
                  : perAction(
                      in,
                      AlterAction.AlterColumnType.class,
                      a -> {
                        AlterAction.AlterColumnType t = (AlterAction.AlterColumnType) a;
                        TypeName from =
                            column(in, t.column())
                                .map(c -> StatementParser.parseType(c.type(), false))
                                .orElse(null);
                        TypeChanges.Outcome outcome =
                            t.using() != null
                                ? TypeChanges.Outcome.REWRITE
                                : TypeChanges.postgres(from, t.type());
                        boolean narrows = TypeChanges.narrows(from, t.type());
                        if (outcome == TypeChanges.Outcome.NO_REWRITE && !narrows) {
                          return null;
                        }
                        String what =
                            outcome == TypeChanges.Outcome.UNKNOWN
                                ? "the current type is unknown, so a rewrite is assumed"
                                : outcome == TypeChanges.Outcome.REWRITE
                                    ? "the table is rewritten"
                                    : "no rewrite, but the type narrows";
                        return Hit.of(
                            outcome == TypeChanges.Outcome.NO_REWRITE
                                ? Impact.BREAKS_APPLICATION
                                : Impact.LOCK_WHILE_WORKING,
                            "ALTER COLUMN "
                                + t.column()
                                + " TYPE "
                                + t.type().text()
                                + " on "
                                + in.table().qualified()
                                + " ("
                                + in.size().describe()
                                + ") holds AccessExclusiveLock: "
                                + what
                                + (from == null ? "" : " (from " + from.text() + ")"),
                            expandContractType(in, t));
                      }));

  private static String expandContractType(RuleInput in, AlterAction.AlterColumnType t) {
    String table = in.tableSql();
    String col = t.column();
    String fresh = col + "_new";
    String fn = Rewrites.name(in.table().name(), col + "_sync", List.of());
    String cast =
        t.using() != null
            ? "(" + t.using().replaceAll("(?i)\\b" + Pattern.quote(col) + "\\b", "NEW." + col) + ")"
            : "NEW." + col + "::" + t.type().text();
    String backfillValue = t.using() != null ? "(" + t.using() + ")" : col + "::" + t.type().text();
    String execute = in.version().atLeast(11) ? "FUNCTION" : "PROCEDURE";
    return "-- Release 1 (expand): a new column kept in step by a trigger, old rows in batches.\n"
        + lock(in)
        + "ALTER TABLE "
        + table
        + " ADD COLUMN "
        + fresh
        + " "
        + t.type().text()
        + ";\nCREATE FUNCTION "
        + fn
        + "() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  NEW."
        + fresh
        + " := "
        + cast
        + ";\n  RETURN NEW;\nEND $$;\nCREATE TRIGGER "
        + fn
        + " BEFORE INSERT OR UPDATE ON "
        + table
        + " FOR EACH ROW EXECUTE "
        + execute
        + " "
        + fn
        + "();\n"
        + backfill(
            in, fresh + " = " + backfillValue, fresh + " IS NULL AND " + col + " IS NOT NULL")
        + "-- Release 2: the application reads "
        + fresh
        + "; then (contract) swap in one short transaction:\nBEGIN;\nDROP TRIGGER "
        + fn
        + " ON "
        + table
        + ";\nDROP FUNCTION "
        + fn
        + "();\nALTER TABLE "
        + table
        + " DROP COLUMN "
        + col
        + ";\nALTER TABLE "
        + table
        + " RENAME COLUMN "
        + fresh
        + " TO "
        + col
        + ";\nCOMMIT;\n-- Indexes, constraints and defaults of the old column are recreated on the"
        + " new one (concurrently) before the swap.\n";
  }

  static final MigrationRule RENAME_COLUMN =
      Rule.of(
          "MIG-DDL-COL-005",
          "Column renamed",
          Rule.ALL,
          "A rename is instant but every application version still running uses the old name and"
              + " starts failing the moment it commits. Go expand/contract over releases: add the"
              + " new column, keep both in step, backfill, move reads and writes, drop the old"
              + " one.",
          in ->
              !in.existingTable()
                  ? List.of()
                  : perAction(
                      in,
                      AlterAction.RenameColumn.class,
                      a -> {
                        AlterAction.RenameColumn r = (AlterAction.RenameColumn) a;
                        return Hit.of(
                            Impact.BREAKS_APPLICATION,
                            "Renaming "
                                + in.table().qualified()
                                + "."
                                + r.from()
                                + " to "
                                + r.to()
                                + " breaks every running version that uses "
                                + r.from(),
                            expandContractRename(in, r.from(), r.to()));
                      }));

  private static String expandContractRename(RuleInput in, String from, String to) {
    Optional<SchemaSnapshot.Column> old = column(in, from);
    String table = in.tableSql();
    if (old.isEmpty() || !in.postgres()) {
      return "-- Release 1: ADD COLUMN "
          + to
          + " with "
          + from
          + "'s type; write both columns; backfill "
          + to
          + " from "
          + from
          + " in batches.\n-- Release 2: read "
          + to
          + ", stop writing "
          + from
          + ".\n-- Release 3: ALTER TABLE "
          + table
          + " DROP COLUMN "
          + from
          + ";\n";
    }
    String fn = Rewrites.name(in.table().name(), to + "_sync", List.of());
    String execute = in.version().atLeast(11) ? "FUNCTION" : "PROCEDURE";
    return "-- Release 1 (expand): the new column, filled from the old one on every write.\n"
        + lock(in)
        + "ALTER TABLE "
        + table
        + " ADD COLUMN "
        + to
        + " "
        + old.get().type()
        + ";\nCREATE FUNCTION "
        + fn
        + "() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  NEW."
        + to
        + " := COALESCE(NEW."
        + to
        + ", NEW."
        + from
        + ");\n  NEW."
        + from
        + " := COALESCE(NEW."
        + from
        + ", NEW."
        + to
        + ");\n  RETURN NEW;\nEND $$;\nCREATE TRIGGER "
        + fn
        + " BEFORE INSERT OR UPDATE ON "
        + table
        + " FOR EACH ROW EXECUTE "
        + execute
        + " "
        + fn
        + "();\n"
        + backfill(in, to + " = " + from, to + " IS NULL AND " + from + " IS NOT NULL")
        + "-- Release 2: the application reads and writes "
        + to
        + " only. Release 3 (contract):\nDROP TRIGGER "
        + fn
        + " ON "
        + table
        + ";\nDROP FUNCTION "
        + fn
        + "();\nALTER TABLE "
        + table
        + " DROP COLUMN "
        + from
        + ";\n";
  }

  static final MigrationRule DROP_COLUMN =
      Rule.of(
          "MIG-DDL-COL-006",
          "Column dropped",
          Rule.ALL,
          "Dropping a column loses its data and breaks every running version that still reads or"
              + " writes it (ORMs that list columns in INSERTs included). First ship a release that"
              + " no longer uses the column (for ORMs, ignore it explicitly), keep a copy if the"
              + " data may be needed, then drop it with a lock timeout.",
          in ->
              !in.existingTable()
                  ? List.of()
                  : perAction(
                      in,
                      AlterAction.DropColumn.class,
                      a -> {
                        String col = ((AlterAction.DropColumn) a).column();
                        List<String> key =
                            in.catalogTable()
                                .map(SchemaSnapshot.Table::primaryKey)
                                .orElse(List.of());
                        String copy =
                            key.isEmpty()
                                ? ""
                                : "CREATE TABLE "
                                    + Rewrites.name(in.table().name(), col + "_archive", List.of())
                                    + " AS SELECT "
                                    + String.join(", ", key)
                                    + ", "
                                    + col
                                    + " FROM "
                                    + in.tableSql()
                                    + ";\n";
                        return Hit.of(
                            in.knownEmpty() ? Impact.BREAKS_APPLICATION : Impact.LOSES_DATA,
                            "Dropping "
                                + in.table().qualified()
                                + "."
                                + col
                                + " ("
                                + in.size().describe()
                                + ") loses its values and breaks running versions that use it",
                            "-- Release 1: stop reading and writing "
                                + col
                                + " (ORMs: mark it ignored) and deploy everywhere.\n"
                                + "-- Release 2: keep a copy if the data may be needed, then drop:\n"
                                + copy
                                + lock(in)
                                + in.statement()
                                + "\n");
                      }));

  static final MigrationRule DROP_NOT_NULL =
      Rule.of(
          "MIG-DDL-COL-007",
          "NOT NULL dropped",
          Rule.POSTGRES,
          "Dropping NOT NULL lets NULLs in that code written against the column, in the"
              + " application or in functions, does not expect. Prefer an explicit marker value, or"
              + " make sure every reader handles NULL before the change.",
          in ->
              !in.existingTable()
                  ? List.of()
                  : perAction(
                      in,
                      AlterAction.DropNotNull.class,
                      a ->
                          Hit.of(
                              Impact.SCHEMA_HYGIENE,
                              in.table().qualified()
                                  + "."
                                  + ((AlterAction.DropNotNull) a).column()
                                  + " may now hold NULL, which readers written against NOT NULL do"
                                  + " not expect",
                              null)));

  static final MigrationRule COUNTER_COLUMN =
      Rule.of(
          "MIG-DDL-COL-008",
          "Auto-incrementing column added to an existing table",
          Rule.ALL,
          "A serial, identity or AUTO_INCREMENT column added to an existing table gets a value for"
              + " every row at once: PostgreSQL rewrites the table under ACCESS EXCLUSIVE, MySQL"
              + " rebuilds it while writes wait. Add a plain bigint column fed by a sequence for new"
              + " rows, backfill old rows in batches, then add NOT NULL and the key without long"
              + " locks (or, on MySQL, use gh-ost).",
          in ->
              !in.existingTable()
                  ? List.of()
                  : perAction(
                      in,
                      AlterAction.AddColumn.class,
                      a -> {
                        ColumnDef col = ((AlterAction.AddColumn) a).column();
                        if (!col.counterFilled()) {
                          return null;
                        }
                        String sql;
                        if (in.postgres()) {
                          String seq =
                              Rewrites.name(in.table().name(), col.name() + "_seq", List.of());
                          sql =
                              "CREATE SEQUENCE IF NOT EXISTS "
                                  + seq
                                  + " AS bigint;\n"
                                  + lock(in)
                                  + "ALTER TABLE "
                                  + in.tableSql()
                                  + " ADD COLUMN "
                                  + col.name()
                                  + " bigint;\nALTER TABLE "
                                  + in.tableSql()
                                  + " ALTER COLUMN "
                                  + col.name()
                                  + " SET DEFAULT nextval('"
                                  + seq
                                  + "');\nALTER SEQUENCE "
                                  + seq
                                  + " OWNED BY "
                                  + in.tableSql()
                                  + "."
                                  + col.name()
                                  + ";\n"
                                  + backfill(
                                      in,
                                      col.name() + " = nextval('" + seq + "')",
                                      col.name() + " IS NULL")
                                  + notNullSteps(in, col.name());
                        } else {
                          sql =
                              Rewrites.onlineSchemaChange(
                                  in.context().snapshot() == null
                                      ? null
                                      : in.context().snapshot().database(),
                                  in.table().name(),
                                  alterClause(in.sql()));
                        }
                        return Hit.of(
                            Impact.LOCK_WHILE_WORKING,
                            "The auto-incrementing column "
                                + col.name()
                                + " fills every row of "
                                + in.table().qualified()
                                + " ("
                                + in.size().describe()
                                + ") at once: "
                                + (in.postgres()
                                    ? "a rewrite under AccessExclusiveLock"
                                    : "a rebuild while writes wait"),
                            sql);
                      }));

  static final MigrationRule STORED_GENERATED =
      Rule.of(
          "MIG-DDL-COL-009",
          "Stored generated column added to an existing table",
          Rule.ALL,
          "A stored generated column is computed and written for every existing row: PostgreSQL"
              + " rewrites the table under ACCESS EXCLUSIVE, MySQL copies it while writes wait."
              + " Add a plain column kept up to date by a trigger and backfill it in batches; on"
              + " MySQL a VIRTUAL generated column is added instantly.",
          in ->
              !in.existingTable()
                  ? List.of()
                  : perAction(
                      in,
                      AlterAction.AddColumn.class,
                      a -> {
                        ColumnDef col = ((AlterAction.AddColumn) a).column();
                        if (!col.generatedStored() || col.generation() == null) {
                          return null;
                        }
                        String sql;
                        if (in.postgres()) {
                          String fn =
                              Rewrites.name(in.table().name(), col.name() + "_compute", List.of());
                          String execute = in.version().atLeast(11) ? "FUNCTION" : "PROCEDURE";
                          sql =
                              lock(in)
                                  + "ALTER TABLE "
                                  + in.tableSql()
                                  + " ADD COLUMN "
                                  + col.name()
                                  + " "
                                  + col.type().text()
                                  + ";\nCREATE FUNCTION "
                                  + fn
                                  + "() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  NEW."
                                  + col.name()
                                  + " := "
                                  + rowExpression(in, col.generation())
                                  + ";\n  RETURN NEW;\nEND $$;\nCREATE TRIGGER "
                                  + fn
                                  + " BEFORE INSERT OR UPDATE ON "
                                  + in.tableSql()
                                  + " FOR EACH ROW EXECUTE "
                                  + execute
                                  + " "
                                  + fn
                                  + "();\n"
                                  + backfill(
                                      in,
                                      col.name() + " = (" + col.generation() + ")",
                                      col.name() + " IS NULL");
                        } else {
                          sql =
                              "-- A VIRTUAL generated column is computed on read: added instantly.\n"
                                  + in.statement()
                                      .replaceAll("(?i)\\b(STORED|PERSISTENT)\\b", "VIRTUAL")
                                  + "\n";
                        }
                        return Hit.of(
                            Impact.LOCK_WHILE_WORKING,
                            "The stored generated column "
                                + col.name()
                                + " is computed for every row of "
                                + in.table().qualified()
                                + " ("
                                + in.size().describe()
                                + ") while the table is locked",
                            sql);
                      }));

  /** The expression with the table's column names read from the trigger's NEW row. */
  private static String rowExpression(RuleInput in, String expression) {
    List<String> columns =
        in.catalogTable()
            .map(t -> t.columns().stream().map(SchemaSnapshot.Column::name).toList())
            .orElse(List.of());
    String out = "(" + expression + ")";
    for (String c : columns) {
      Matcher m =
          Pattern.compile("(?<![.\\w])" + Pattern.quote(c) + "(?![\\w(])", Pattern.CASE_INSENSITIVE)
              .matcher(out);
      out = m.replaceAll("NEW." + Matcher.quoteReplacement(c));
    }
    return out;
  }

  static final MigrationRule JSON_COLUMN =
      Rule.of(
          "MIG-DDL-COL-010",
          "json instead of jsonb",
          Rule.POSTGRES,
          "PostgreSQL's json type keeps the text as written and has no equality operator, so"
              + " SELECT DISTINCT, GROUP BY and UNION over it fail; jsonb is parsed once, compares,"
              + " and can be indexed with GIN.",
          in -> {
            List<Hit> hits = new ArrayList<>();
            for (ColumnDef col : declaredColumns(in.stmt())) {
              if (col.type() != null && col.type().is("json")) {
                hits.add(
                    Hit.of(
                        Impact.SCHEMA_HYGIENE,
                        "Column " + col.name() + " is json: use jsonb",
                        in.statement().replaceAll("(?i)\\bjson\\b(?!b)", "jsonb") + "\n"));
              }
            }
            return hits;
          });

  /** Columns a CREATE TABLE or ADD COLUMN declares. */
  static List<ColumnDef> declaredColumns(Stmt stmt) {
    List<ColumnDef> out = new ArrayList<>();
    if (stmt instanceof Stmt.CreateTable s) {
      out.addAll(s.columns());
    } else if (stmt instanceof Stmt.AlterTable s) {
      for (AlterAction a : s.actions()) {
        if (a instanceof AlterAction.AddColumn add && add.column() != null) {
          out.add(add.column());
        } else if (a instanceof AlterAction.AlterColumnType t && t.type() != null) {
          out.add(
              new ColumnDef(
                  t.newName(),
                  t.type(),
                  false,
                  null,
                  false,
                  false,
                  false,
                  false,
                  false,
                  false,
                  null,
                  null,
                  null,
                  null));
        }
      }
    }
    return out;
  }

  /** The text after {@code ALTER TABLE name}: what gh-ost's {@code --alter} wants. */
  static String alterClause(String sql) {
    Matcher m =
        Pattern.compile(
                "(?is)^\\s*ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?[`\"\\w.]+\\s+(.*?);?\\s*$")
            .matcher(sql);
    return m.matches() ? m.group(1).strip() : sql.strip();
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
