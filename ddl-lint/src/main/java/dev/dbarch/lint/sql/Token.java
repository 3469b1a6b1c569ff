package dev.dbarch.lint.sql;

import java.util.Locale;

/**
 * One token of a statement, with its place in the statement's text so the original text of an
 * expression (a default, a predicate) can be handed back unchanged.
 */
public record Token(Kind kind, String text, int start, int end) {

  public enum Kind {
    /** A keyword or an unquoted identifier. */
    WORD,
    /** A quoted identifier ({@code "Name"} or {@code `name`}); text without the quotes. */
    QUOTED,
    /** A string literal, including {@code E'…'} and dollar-quoted bodies; text as written. */
    STRING,
    NUMBER,
    SYMBOL
  }

  public boolean is(String keyword) {
    return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
  }

  public boolean isSymbol(String symbol) {
    return kind == Kind.SYMBOL && text.equals(symbol);
  }

  public boolean isIdentifier() {
    return kind == Kind.WORD || kind == Kind.QUOTED;
  }

  public String upper() {
    return text.toUpperCase(Locale.ROOT);
  }

  /** An identifier as the server folds it: unquoted names to lower case, quoted ones as written. */
  public String identifier(boolean foldToLower) {
    return kind == Kind.WORD && foldToLower ? text.toLowerCase(Locale.ROOT) : text;
  }
}
