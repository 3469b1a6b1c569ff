package dev.dbarch.schema;

import dev.dbarch.contracts.schema.SchemaSnapshot;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;

/** Facts about column types as PostgreSQL and MySQL print them, shared by readers and rules. */
public final class SqlTypes {

  /**
   * Large-object types in MySQL and MariaDB: the TEXT and BLOB families (except the 255-byte {@code
   * tiny} ones) and JSON, stored off the row page.
   */
  private static final Set<String> MYSQL_LARGE_OBJECTS =
      Set.of("text", "mediumtext", "longtext", "blob", "mediumblob", "longblob", "json");

  /**
   * Types that hold documents or binaries in PostgreSQL. {@code text} is not among them: it is
   * PostgreSQL's ordinary string type, stored exactly like {@code varchar}.
   */
  private static final Set<String> POSTGRES_LARGE_OBJECTS = Set.of("bytea", "json", "jsonb", "xml");

  /** Large-object types of the SQL standard and other engines. */
  private static final Set<String> STANDARD_LARGE_OBJECTS =
      Set.of("clob", "nclob", "character large object", "binary large object");

  private SqlTypes() {}

  /**
   * The base of a type in lower case, without length, precision, array brackets or {@code
   * unsigned}: {@code character varying(20)} gives {@code character varying}, {@code int(11)
   * unsigned} gives {@code int}.
   */
  public static String baseName(String type) {
    if (type == null) {
      return "";
    }
    String t = type.toLowerCase(Locale.ROOT).strip();
    int paren = t.indexOf('(');
    if (paren >= 0) {
      int close = t.indexOf(')', paren);
      t = (t.substring(0, paren) + (close < 0 ? "" : " " + t.substring(close + 1))).strip();
    }
    t =
        t.replace("[]", "")
            .replace(" unsigned", "")
            .replace(" zerofill", "")
            .replace(" signed", "");
    return t.replaceAll("\\s+", " ").strip();
  }

  /** Whether the type is an array ({@code text[]}). */
  public static boolean isArray(String type) {
    return type != null && type.contains("[]");
  }

  /** Whether the type is MySQL's {@code unsigned}. */
  public static boolean isUnsigned(String type) {
    return type != null && type.toLowerCase(Locale.ROOT).contains("unsigned");
  }

  /**
   * The largest value an integer column of this type holds ({@code integer}: 2,147,483,647), or
   * empty when the type is not an integer type. Serial pseudo-types count as their integer type.
   */
  public static OptionalLong integerMax(String type) {
    if (type == null || isArray(type)) {
      return OptionalLong.empty();
    }
    boolean unsigned = isUnsigned(type);
    return switch (baseName(type)) {
      case "tinyint" -> OptionalLong.of(unsigned ? 255 : 127);
      case "smallint", "int2", "smallserial", "serial2" ->
          OptionalLong.of(unsigned ? 65535 : 32767);
      case "mediumint" -> OptionalLong.of(unsigned ? 16777215 : 8388607);
      case "integer", "int", "int4", "serial", "serial4" ->
          OptionalLong.of(unsigned ? 4294967295L : Integer.MAX_VALUE);
      case "bigint", "int8", "bigserial", "serial8" -> OptionalLong.of(Long.MAX_VALUE);
      default -> OptionalLong.empty();
    };
  }

  /**
   * Whether the type is a large object on this engine: MySQL's and MariaDB's TEXT and BLOB families
   * and JSON; PostgreSQL's {@code bytea}, {@code json}, {@code jsonb} and {@code xml}; {@code clob}
   * anywhere. Arrays of those count too.
   */
  public static boolean isLargeObject(String type, SchemaSnapshot.Engine engine) {
    String base = baseName(type);
    if (STANDARD_LARGE_OBJECTS.contains(base)) {
      return true;
    }
    return engine == SchemaSnapshot.Engine.POSTGRESQL
        ? POSTGRES_LARGE_OBJECTS.contains(base)
        : MYSQL_LARGE_OBJECTS.contains(base);
  }
}
