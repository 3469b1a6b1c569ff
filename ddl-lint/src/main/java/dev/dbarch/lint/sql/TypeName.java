package dev.dbarch.lint.sql;

import java.util.List;
import java.util.Locale;

/**
 * A column type as written: its base name in canonical lower case ({@code varchar} for {@code
 * character varying}, {@code timestamp} for {@code timestamp without time zone}, {@code
 * timestamptz} for {@code timestamp with time zone}), its modifiers and whether it is an array.
 */
public record TypeName(String base, List<Integer> modifiers, boolean array, String text) {

  public TypeName {
    modifiers = List.copyOf(modifiers);
  }

  public Integer modifier(int i) {
    return i < modifiers.size() ? modifiers.get(i) : null;
  }

  public boolean is(String... bases) {
    for (String b : bases) {
      if (base.equals(b)) {
        return true;
      }
    }
    return false;
  }

  /** Canonical base names for the synonyms PostgreSQL and MySQL accept. */
  static String canonical(String written) {
    String w = written.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
    return switch (w) {
      case "character varying", "varchar", "char varying" -> "varchar";
      case "character", "char", "bpchar", "nchar", "national character" -> "char";
      case "int", "integer", "int4", "mediumint" -> "integer";
      case "int2", "smallint", "tinyint" -> "smallint";
      case "int8", "bigint" -> "bigint";
      case "serial", "serial4" -> "serial";
      case "smallserial", "serial2" -> "smallserial";
      case "bigserial", "serial8" -> "bigserial";
      case "decimal", "numeric", "dec" -> "numeric";
      case "timestamp", "timestamp without time zone" -> "timestamp";
      case "timestamptz", "timestamp with time zone" -> "timestamptz";
      case "time", "time without time zone" -> "time";
      case "timetz", "time with time zone" -> "timetz";
      case "bool", "boolean" -> "boolean";
      case "float8", "double precision", "double" -> "double precision";
      case "float4", "real", "float" -> "real";
      case "bit varying", "varbit" -> "varbit";
      default -> w;
    };
  }
}
