package dev.dbarch.lint.rules;

import dev.dbarch.lint.sql.AlterAction;
import dev.dbarch.lint.sql.ColumnDef;
import dev.dbarch.lint.sql.ConstraintDef;
import dev.dbarch.lint.sql.Lexer;
import dev.dbarch.lint.sql.Stmt;
import dev.dbarch.lint.sql.Token;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Column types and names chosen in DDL, and enum changes. */
final class TypeRules {

  private TypeRules() {}

  static List<MigrationRule> all() {
    return List.of(
        CHAR_TYPE,
        VARCHAR_LIMIT,
        TIMESTAMP_WITHOUT_ZONE,
        INTEGER_KEY,
        SERIAL_TYPE,
        ENUM_RENAME,
        ENUM_APPEND,
        LONG_IDENTIFIER);
  }

  private static List<Hit> columns(
      RuleInput in, java.util.function.Predicate<ColumnDef> bad, String why, String fix) {
    List<Hit> hits = new ArrayList<>();
    for (ColumnDef col : ColumnRules.declaredColumns(in.stmt())) {
      if (col.type() != null && bad.test(col)) {
        hits.add(
            Hit.of(
                Impact.SCHEMA_HYGIENE,
                "Column " + col.name() + " " + col.type().text() + ": " + why,
                fix == null ? null : "-- " + fix + "\n"));
      }
    }
    return hits;
  }

  static final MigrationRule CHAR_TYPE =
      Rule.of(
          "MIG-DDL-TYP-001",
          "char(n) column",
          Rule.POSTGRES,
          "char(n) pads values with blanks to n characters, compares with the padding ignored in"
              + " some places and not others, and is no faster than text or varchar. Use text"
              + " (with a CHECK on the length if one matters).",
          in ->
              columns(
                  in,
                  c -> c.type().is("char"),
                  "blank-padded, surprising in comparisons and no faster",
                  "use text, with CHECK (char_length(col) <= n) if the limit matters"));

  static final MigrationRule VARCHAR_LIMIT =
      Rule.of(
          "MIG-DDL-TYP-002",
          "varchar(n) where text with a CHECK serves",
          Rule.POSTGRES,
          "In PostgreSQL varchar(n) stores like text; its only effect is the limit, and raising the"
              + " limit later is cheap but lowering it rewrites the table. text with a CHECK"
              + " (char_length(col) <= n) constraint can be changed NOT VALID and validated"
              + " online.",
          in ->
              columns(
                  in,
                  c -> c.type().is("varchar") && c.type().modifier(0) != null,
                  "a length limit that can only be changed by an ALTER TYPE",
                  "use text with CHECK (char_length(col) <= n): the CHECK can be replaced NOT"
                      + " VALID and validated online"));

  static final MigrationRule TIMESTAMP_WITHOUT_ZONE =
      Rule.of(
          "MIG-DDL-TYP-003",
          "timestamp without time zone",
          Rule.POSTGRES,
          "timestamp without time zone stores a wall-clock reading with no zone: the same instant"
              + " written from two sessions in different zones compares wrongly, and daylight"
              + " saving makes hours repeat. timestamptz stores the instant (in UTC) and converts on"
              + " display.",
          in ->
              columns(
                  in,
                  c -> c.type().is("timestamp"),
                  "no time zone: instants from different zones do not compare",
                  "use timestamptz"));

  static final MigrationRule INTEGER_KEY =
      Rule.of(
          "MIG-DDL-TYP-004",
          "integer key that can run out",
          Rule.ALL,
          "An integer (or smallint) primary key, serial, or a column referencing one, stops at"
              + " 2,147,483,647 (32,767): inserts fail once the sequence reaches it, and widening"
              + " the column later rewrites the table and every referencing one. Use bigint for"
              + " keys from the start.",
          in -> {
            List<Hit> hits = new ArrayList<>();
            Set<String> keyColumns = new LinkedHashSet<>();
            if (in.stmt() instanceof Stmt.CreateTable s) {
              for (ConstraintDef c : s.constraints()) {
                if (c.kind() == ConstraintDef.Kind.PRIMARY_KEY
                    || c.kind() == ConstraintDef.Kind.FOREIGN_KEY) {
                  c.columns().forEach(col -> keyColumns.add(col.toLowerCase(Locale.ROOT)));
                }
              }
            }
            for (ColumnDef col : ColumnRules.declaredColumns(in.stmt())) {
              if (col.type() == null) {
                continue;
              }
              boolean small = col.type().is("integer", "smallint", "serial", "smallserial");
              boolean key =
                  col.primaryKey()
                      || col.references() != null
                      || col.type().is("serial", "smallserial")
                      || col.identity()
                      || col.autoIncrement()
                      || keyColumns.contains(col.name().toLowerCase(Locale.ROOT));
              if (small && key) {
                hits.add(
                    Hit.of(
                        Impact.SCHEMA_HYGIENE,
                        "Key column "
                            + col.name()
                            + " is "
                            + col.type().text()
                            + ": it runs out at "
                            + (col.type().is("smallint", "smallserial")
                                ? "32,767"
                                : "2,147,483,647")
                            + " and widening it later rewrites this table and those referencing"
                            + " it",
                        "-- declare "
                            + col.name()
                            + " as bigint"
                            + (col.type().is("serial", "smallserial")
                                ? " GENERATED ALWAYS AS IDENTITY"
                                : "")
                            + "\n"));
              }
            }
            return hits;
          });

  static final MigrationRule SERIAL_TYPE =
      Rule.of(
          "MIG-DDL-TYP-005",
          "serial instead of an identity column",
          Rule.POSTGRES,
          "serial creates a sequence the table does not own in the SQL standard's sense: grants,"
              + " copies (CREATE TABLE … LIKE) and ownership need extra steps, and inserts may"
              + " bypass it. GENERATED ALWAYS AS IDENTITY (PostgreSQL 10+) ties the sequence to the"
              + " column.",
          in ->
              columns(
                  in,
                  c -> c.type().is("serial", "bigserial", "smallserial"),
                  "use an identity column",
                  "declare it bigint GENERATED ALWAYS AS IDENTITY"));

  static final MigrationRule ENUM_RENAME =
      Rule.of(
          "MIG-DDL-TYP-006",
          "Enum value renamed",
          Rule.POSTGRES,
          "ALTER TYPE … RENAME VALUE is instant, but every running version that writes or compares"
              + " the old value fails or silently matches nothing. Add the new value, make the"
              + " application accept both, backfill, then stop using the old one (PostgreSQL cannot"
              + " remove an enum value without recreating the type).",
          in -> {
            if (!(in.stmt() instanceof Stmt.RenameEnumValue s)) {
              return List.of();
            }
            return List.of(
                Hit.of(
                    Impact.BREAKS_APPLICATION,
                    "Renaming '"
                        + s.from()
                        + "' to '"
                        + s.to()
                        + "' in "
                        + s.type().qualified()
                        + " breaks running versions that use '"
                        + s.from()
                        + "'",
                    "-- Release 1: add the new value next to the old one; the application accepts"
                        + " both.\nALTER TYPE "
                        + s.type().sql()
                        + " ADD VALUE IF NOT EXISTS '"
                        + s.to().replace("'", "''")
                        + "' AFTER '"
                        + s.from().replace("'", "''")
                        + "';\n-- Release 2: write '"
                        + s.to()
                        + "' and backfill rows holding '"
                        + s.from()
                        + "' in batches; then stop using it.\n"));
          });

  static final MigrationRule ENUM_APPEND =
      Rule.of(
          "MIG-DDL-TYP-007",
          "Enum value added without a position, or inside a transaction on old servers",
          Rule.POSTGRES,
          "ALTER TYPE … ADD VALUE without BEFORE or AFTER appends the value: enums sort by"
              + " declaration order, so queries comparing values (status < 'shipped') change"
              + " meaning. Before PostgreSQL 12 the statement also cannot run inside a transaction"
              + " block.",
          in -> {
            if (!(in.stmt() instanceof Stmt.AddEnumValue s)) {
              return List.of();
            }
            List<Hit> hits = new ArrayList<>();
            if (!in.classification().transactional() && in.state().inTransaction()) {
              hits.add(
                  Hit.of(
                      Impact.FAILS,
                      "PostgreSQL "
                          + in.version()
                          + " cannot run ALTER TYPE … ADD VALUE inside a transaction block",
                      "COMMIT;\n" + in.statement() + "\n"));
            }
            if (!s.positioned()) {
              hits.add(
                  Hit.of(
                      Impact.SCHEMA_HYGIENE,
                      "'"
                          + s.value()
                          + "' is appended to "
                          + s.type().qualified()
                          + ": comparisons by order change meaning",
                      "-- name where it belongs: ALTER TYPE "
                          + s.type().sql()
                          + " ADD VALUE '"
                          + s.value()
                          + "' BEFORE|AFTER '<existing value>';\n"));
            }
            return hits;
          });

  static final MigrationRule LONG_IDENTIFIER =
      Rule.of(
          "MIG-DDL-TYP-008",
          "Identifier longer than the server allows",
          Rule.ALL,
          "PostgreSQL cuts identifiers to 63 bytes with only a notice, so the object gets another"
              + " name than the script says (and two long names can collide); MySQL rejects names"
              + " over 64 characters.",
          in -> {
            int limit = in.postgres() ? 63 : 64;
            Set<String> long_ = new LinkedHashSet<>();
            for (Token t : Lexer.tokenize(in.sql(), !in.postgres())) {
              if (t.isIdentifier()) {
                int length =
                    in.postgres()
                        ? t.text().getBytes(StandardCharsets.UTF_8).length
                        : t.text().length();
                if (length > limit) {
                  long_.add(t.text());
                }
              }
            }
            return long_.stream()
                .map(
                    name ->
                        Hit.of(
                            in.postgres() ? Impact.SCHEMA_HYGIENE : Impact.FAILS,
                            "Identifier "
                                + name
                                + " is longer than "
                                + limit
                                + (in.postgres()
                                    ? " bytes: PostgreSQL truncates it"
                                    : ": rejected"),
                            null))
                .toList();
          });

  /** Whether an action adds a column (for rules that read column definitions). */
  static boolean addsColumns(Stmt stmt) {
    return stmt instanceof Stmt.CreateTable
        || stmt instanceof Stmt.AlterTable s
            && s.actions().stream().anyMatch(a -> a instanceof AlterAction.AddColumn);
  }
}
