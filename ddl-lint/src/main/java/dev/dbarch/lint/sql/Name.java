package dev.dbarch.lint.sql;

import java.util.Locale;

/** A possibly schema-qualified object name, as written (after the server's case folding). */
public record Name(String schema, String name) {

  public String qualified() {
    return schema == null ? name : schema + "." + name;
  }

  /** SQL text for the name, quoted when needed. */
  public String sql() {
    return schema == null ? quote(name) : quote(schema) + "." + quote(name);
  }

  static String quote(String identifier) {
    if (identifier == null) {
      return "";
    }
    if (identifier.matches("[a-z_][a-z0-9_$]*")) {
      return identifier;
    }
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  public boolean sameAs(Name other) {
    return other != null
        && name.toLowerCase(Locale.ROOT).equals(other.name.toLowerCase(Locale.ROOT))
        && (schema == null
            || other.schema == null
            || schema.toLowerCase(Locale.ROOT).equals(other.schema.toLowerCase(Locale.ROOT)));
  }

  @Override
  public String toString() {
    return qualified();
  }
}
