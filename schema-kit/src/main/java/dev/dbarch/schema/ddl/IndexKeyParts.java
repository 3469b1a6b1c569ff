package dev.dbarch.schema.ddl;

import dev.dbarch.schema.ddl.SqlLexer.Token;

/**
 * Reads one key part of an index or key list: a column ({@code email}, {@code email
 * text_pattern_ops DESC}, MySQL's prefix {@code name(10)}) gives the column name; an expression
 * ({@code lower(email)}, {@code (a + b)}) gives its text as written.
 */
final class IndexKeyParts {

  private IndexKeyParts() {}

  static String column(String part, boolean mysql, Names names) {
    Cursor c = Cursor.of(part, mysql);
    Token first = c.peek();
    if (first.isIdentifier()) {
      Token second = c.peek(1);
      if (second.isSymbol("(") && !mysql) {
        c.next();
        c.group();
        return part.substring(first.start(), c.consumedEnd()).strip();
      }
      if (!second.isSymbol(".") && !second.isSymbol("::")) {
        return names.ident(first);
      }
    }
    if (first.isSymbol("(")) {
      c.group();
      return part.substring(first.start(), c.consumedEnd()).strip();
    }
    return stripOrdering(part);
  }

  private static String stripOrdering(String part) {
    return part.replaceAll("(?i)\\s+(ASC|DESC)?\\s*(NULLS\\s+(FIRST|LAST))?\\s*$", "").strip();
  }
}
