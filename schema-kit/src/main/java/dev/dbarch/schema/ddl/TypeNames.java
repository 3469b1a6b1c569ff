package dev.dbarch.schema.ddl;

import java.util.Locale;
import java.util.Map;

/**
 * Writes a declared column type the way the catalog prints it, so a snapshot parsed from a script
 * compares with one read from the live database: PostgreSQL's {@code format_type} spelling ({@code
 * INT} is {@code integer}, {@code VARCHAR(60)} is {@code character varying(60)}, {@code
 * timestamptz} is {@code timestamp with time zone}); MySQL types in lower case as written.
 */
final class TypeNames {

  private static final Map<String, String> PG_ALIASES =
      Map.ofEntries(
          Map.entry("int", "integer"),
          Map.entry("int4", "integer"),
          Map.entry("integer", "integer"),
          Map.entry("serial", "integer"),
          Map.entry("serial4", "integer"),
          Map.entry("int2", "smallint"),
          Map.entry("smallserial", "smallint"),
          Map.entry("serial2", "smallint"),
          Map.entry("int8", "bigint"),
          Map.entry("bigserial", "bigint"),
          Map.entry("serial8", "bigint"),
          Map.entry("bool", "boolean"),
          Map.entry("float8", "double precision"),
          Map.entry("float", "double precision"),
          Map.entry("float4", "real"),
          Map.entry("decimal", "numeric"),
          Map.entry("dec", "numeric"),
          Map.entry("varchar", "character varying"),
          Map.entry("char varying", "character varying"),
          Map.entry("char", "character"),
          Map.entry("bpchar", "character"),
          Map.entry("timestamptz", "timestamp with time zone"),
          Map.entry("timetz", "time with time zone"),
          Map.entry("varbit", "bit varying"));

  private TypeNames() {}

  static boolean isSerial(String rawType) {
    String base = rawType.toLowerCase(Locale.ROOT).strip();
    return base.equals("serial")
        || base.equals("serial4")
        || base.equals("bigserial")
        || base.equals("serial8")
        || base.equals("smallserial")
        || base.equals("serial2");
  }

  static String canonical(String rawType, boolean mysql) {
    String t = collapse(rawType);
    if (mysql) {
      return lowerOutsideQuotes(t).replace("integer", "int");
    }
    t = lowerOutsideQuotes(t);
    if (t.startsWith("pg_catalog.")) {
      t = t.substring("pg_catalog.".length());
    }
    String arrays = "";
    while (t.endsWith("[]")) {
      arrays += "[]";
      t = t.substring(0, t.length() - 2).strip();
    }
    String base = t;
    String args = "";
    String rest = "";
    int open = t.indexOf('(');
    if (open > 0) {
      int close = t.indexOf(')', open);
      base = t.substring(0, open).strip();
      args = close < 0 ? t.substring(open) : t.substring(open, close + 1);
      rest = close < 0 ? "" : t.substring(close + 1).strip();
    }
    if (base.equals("timestamp") || base.equals("time")) {
      if (rest.isEmpty()) {
        rest = "without time zone";
      }
      return (base + args + " " + rest).strip() + arrays;
    }
    if ((base.equals("char") || base.equals("character")) && args.isEmpty()) {
      args = "(1)";
    }
    String mapped = PG_ALIASES.getOrDefault(base, base);
    return (mapped + args + (rest.isEmpty() ? "" : " " + rest)).strip() + arrays;
  }

  private static String collapse(String s) {
    String t = s.strip().replaceAll("\\s+", " ");
    t = t.replaceAll("\\s*\\(\\s*", "(").replaceAll("\\s*\\)", ")").replaceAll("\\s*,\\s*", ",");
    t = t.replaceAll("\\)(?=[A-Za-z])", ") ");
    return t;
  }

  private static String lowerOutsideQuotes(String s) {
    StringBuilder b = new StringBuilder(s.length());
    boolean quoted = false;
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\'') {
        quoted = !quoted;
      }
      b.append(quoted ? c : Character.toLowerCase(c));
    }
    return b.toString();
  }
}
