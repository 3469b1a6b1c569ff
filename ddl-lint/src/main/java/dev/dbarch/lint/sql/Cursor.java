package dev.dbarch.lint.sql;

import java.util.ArrayList;
import java.util.List;

/** Walks the tokens of one statement; the parser's only way to read them. */
final class Cursor {

  private final String sql;
  private final List<Token> tokens;
  private final boolean mysql;
  private int pos;

  Cursor(String sql, List<Token> tokens, boolean mysql) {
    this.sql = sql;
    this.tokens = tokens;
    this.mysql = mysql;
  }

  boolean mysql() {
    return mysql;
  }

  boolean atEnd() {
    return pos >= tokens.size() || tokens.get(pos).isSymbol(";") && pos == tokens.size() - 1;
  }

  Token peek() {
    return peek(0);
  }

  Token peek(int ahead) {
    int i = pos + ahead;
    return i < tokens.size() ? tokens.get(i) : null;
  }

  boolean peekIs(String... keywords) {
    for (int k = 0; k < keywords.length; k++) {
      Token t = peek(k);
      if (t == null || !t.is(keywords[k])) {
        return false;
      }
    }
    return true;
  }

  boolean peekSymbol(String symbol) {
    Token t = peek();
    return t != null && t.isSymbol(symbol);
  }

  Token next() {
    return pos < tokens.size() ? tokens.get(pos++) : null;
  }

  /** Consumes the keywords if they come next, in order; otherwise consumes nothing. */
  boolean accept(String... keywords) {
    if (peekIs(keywords)) {
      pos += keywords.length;
      return true;
    }
    return false;
  }

  boolean acceptSymbol(String symbol) {
    if (peekSymbol(symbol)) {
      pos++;
      return true;
    }
    return false;
  }

  int position() {
    return pos;
  }

  void reset(int position) {
    pos = position;
  }

  /** An identifier, folded as the server folds it (PostgreSQL lower-cases unquoted names). */
  String identifier() {
    Token t = next();
    if (t == null || !t.isIdentifier() && t.kind() != Token.Kind.STRING) {
      return null;
    }
    if (t.kind() == Token.Kind.STRING) {
      // MySQL accepts 'name' in a few places; PostgreSQL never does for identifiers.
      return t.text().length() >= 2 ? t.text().substring(1, t.text().length() - 1) : t.text();
    }
    return t.identifier(!mysql);
  }

  /** {@code name} or {@code schema.name} (a third part, as in {@code db.schema.name}, is kept). */
  Name qualifiedName() {
    String first = identifier();
    if (first == null) {
      return null;
    }
    if (acceptSymbol(".")) {
      String second = identifier();
      if (acceptSymbol(".")) {
        return new Name(second, identifier());
      }
      return new Name(first, second);
    }
    return new Name(null, first);
  }

  /** Skips a parenthesised group whose opening parenthesis is next; returns its inner text. */
  String parenthesised() {
    if (!peekSymbol("(")) {
      return null;
    }
    int open = peek().end();
    int depth = 0;
    while (!atEnd()) {
      Token t = next();
      if (t.isSymbol("(")) {
        depth++;
      } else if (t.isSymbol(")")) {
        depth--;
        if (depth == 0) {
          return sql.substring(open, t.start()).strip();
        }
      }
    }
    return sql.substring(open).strip();
  }

  /** The identifiers of a parenthesised, comma-separated list such as {@code (a, b DESC)}. */
  List<String> identifierList() {
    List<String> names = new ArrayList<>();
    if (!acceptSymbol("(")) {
      return names;
    }
    int depth = 1;
    boolean expectName = true;
    while (!atEnd() && depth > 0) {
      Token t = peek();
      if (t.isSymbol("(")) {
        depth++;
        expectName = false;
        next();
      } else if (t.isSymbol(")")) {
        depth--;
        next();
      } else if (t.isSymbol(",") && depth == 1) {
        expectName = true;
        next();
      } else if (expectName && depth == 1 && t.isIdentifier()) {
        names.add(t.identifier(!mysql));
        expectName = false;
        next();
      } else {
        if (expectName && depth == 1) {
          names.add(t.text());
          expectName = false;
        }
        next();
      }
    }
    return names;
  }

  /**
   * Reads an expression up to (not including) a comma or closing parenthesis at depth zero, or one
   * of the stop words; returns its source text.
   */
  String expressionUntil(String... stopWords) {
    Token first = peek();
    if (first == null) {
      return "";
    }
    int start = first.start();
    int end = start;
    int depth = 0;
    while (!atEnd()) {
      Token t = peek();
      if (depth == 0 && (t.isSymbol(",") || t.isSymbol(")") || t.isSymbol(";"))) {
        break;
      }
      if (depth == 0 && t.kind() == Token.Kind.WORD) {
        boolean stop = false;
        for (String w : stopWords) {
          if (t.is(w)) {
            stop = true;
            break;
          }
        }
        if (stop) {
          break;
        }
      }
      if (t.isSymbol("(")) {
        depth++;
      } else if (t.isSymbol(")")) {
        depth--;
      }
      end = t.end();
      next();
    }
    return sql.substring(start, end).strip();
  }

  /** Skips to the next comma at depth zero (or the end); used to pass over unknown clauses. */
  void skipToComma() {
    int depth = 0;
    while (!atEnd()) {
      Token t = peek();
      if (depth == 0 && (t.isSymbol(",") || t.isSymbol(";"))) {
        return;
      }
      if (t.isSymbol("(")) {
        depth++;
      } else if (t.isSymbol(")")) {
        if (depth == 0) {
          return;
        }
        depth--;
      }
      next();
    }
  }

  /** Whether a keyword appears anywhere in the rest of the statement at depth zero. */
  boolean restContains(String keyword) {
    int depth = 0;
    for (int i = pos; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.isSymbol("(")) {
        depth++;
      } else if (t.isSymbol(")")) {
        depth--;
      } else if (depth == 0 && t.is(keyword)) {
        return true;
      }
    }
    return false;
  }

  String text(int fromToken, int toTokenExclusive) {
    if (fromToken >= toTokenExclusive || fromToken >= tokens.size()) {
      return "";
    }
    int start = tokens.get(fromToken).start();
    int end = tokens.get(Math.min(toTokenExclusive, tokens.size()) - 1).end();
    return sql.substring(start, end);
  }

  String restText() {
    return pos < tokens.size() ? sql.substring(tokens.get(pos).start()).strip() : "";
  }
}
