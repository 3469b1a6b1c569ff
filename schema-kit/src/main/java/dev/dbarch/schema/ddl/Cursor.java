package dev.dbarch.schema.ddl;

import dev.dbarch.schema.ddl.SqlLexer.Kind;
import dev.dbarch.schema.ddl.SqlLexer.Token;
import java.util.ArrayList;
import java.util.List;

/** Walks the tokens of one statement; every read is checked, nothing throws past the end. */
final class Cursor {

  private final String sql;
  private final List<Token> tokens;
  private final boolean complete;
  private int i;

  Cursor(String sql, List<Token> tokens, boolean complete) {
    this.sql = sql;
    this.tokens = tokens;
    this.complete = complete;
  }

  static Cursor of(String sql, boolean mysql) {
    SqlLexer.Lexed lexed = SqlLexer.lex(sql, mysql);
    return new Cursor(sql, lexed.tokens(), lexed.complete());
  }

  String sql() {
    return sql;
  }

  int position() {
    return i;
  }

  void reset(int position) {
    i = position;
  }

  /** The source offset just after the last consumed token. */
  int consumedEnd() {
    return i == 0 ? 0 : tokens.get(Math.min(i, tokens.size()) - 1).end();
  }

  boolean atEnd() {
    return i >= tokens.size();
  }

  Token peek() {
    return peek(0);
  }

  Token peek(int ahead) {
    int k = i + ahead;
    return k < tokens.size()
        ? tokens.get(k)
        : new Token(Kind.SYMBOL, "", sql.length(), sql.length());
  }

  Token next() {
    Token t = peek();
    if (i < tokens.size()) {
      i++;
    }
    return t;
  }

  /** Consumes the keywords if they come next, in order; otherwise consumes nothing. */
  boolean accept(String... keywords) {
    for (int k = 0; k < keywords.length; k++) {
      if (!peek(k).is(keywords[k])) {
        return false;
      }
    }
    i += keywords.length;
    return true;
  }

  boolean acceptSymbol(String symbol) {
    if (peek().isSymbol(symbol)) {
      i++;
      return true;
    }
    return false;
  }

  /** Skips a parenthesised group starting at the cursor, returning its inner source text. */
  String group() {
    if (!peek().isSymbol("(")) {
      return null;
    }
    int open = i;
    int depth = 0;
    while (!atEnd()) {
      Token t = next();
      if (t.isSymbol("(")) {
        depth++;
      } else if (t.isSymbol(")")) {
        depth--;
        if (depth == 0) {
          return sql.substring(tokens.get(open).end(), t.start()).strip();
        }
      }
    }
    return sql.substring(tokens.get(open).end()).strip();
  }

  /** The source text from the current token to the end of the statement. */
  String rest() {
    return atEnd() ? "" : sql.substring(peek().start()).strip();
  }

  /** The source text between two token positions (end exclusive). */
  String text(int from, int to) {
    if (from >= to || from >= tokens.size()) {
      return "";
    }
    int end = to - 1 < tokens.size() ? tokens.get(to - 1).end() : sql.length();
    return sql.substring(tokens.get(from).start(), end).strip();
  }

  /**
   * Reads a possibly qualified name ({@code a}, {@code a.b}, {@code "A"."b"}) as its raw parts;
   * empty when no identifier comes next.
   */
  List<Token> qualifiedName() {
    List<Token> parts = new ArrayList<>();
    if (!peek().isIdentifier()) {
      return parts;
    }
    parts.add(next());
    while (peek().isSymbol(".") && peek(1).isIdentifier()) {
      next();
      parts.add(next());
    }
    return parts;
  }

  /**
   * Splits the comma-separated items of the parenthesised group at the cursor into their source
   * texts, respecting nested parentheses and brackets ({@code ARRAY['a', 'b']}); the cursor moves
   * past the group.
   */
  List<String> items() {
    Group group = readGroup();
    return group == null ? List.of() : group.items().stream().filter(s -> !s.isEmpty()).toList();
  }

  /**
   * Like {@link #items()}, for a list that must be well formed: null when no group starts at the
   * cursor, when the group is not closed, or when an item is empty (a leading, doubled or trailing
   * comma); an empty list for {@code ()}. The cursor moves past what was read.
   */
  List<String> wellFormedItems() {
    Group group = readGroup();
    if (group == null || !group.closed()) {
      return null;
    }
    List<String> items = group.items();
    if (items.size() == 1 && items.get(0).isEmpty()) {
      return List.of();
    }
    return items.contains("") ? null : items;
  }

  /** The raw items of a group, empty ones included, and whether its closing parenthesis came. */
  private record Group(List<String> items, boolean closed) {}

  /** Reads the parenthesised group at the cursor; null when none starts here. */
  private Group readGroup() {
    if (!peek().isSymbol("(")) {
      return null;
    }
    next();
    List<String> items = new ArrayList<>();
    int depth = 0;
    int itemStart = i;
    while (!atEnd()) {
      Token t = peek();
      if (t.isSymbol("(") || t.isSymbol("[")) {
        depth++;
      } else if (t.isSymbol("]")) {
        depth--;
      } else if (t.isSymbol(")")) {
        if (depth == 0) {
          items.add(text(itemStart, i));
          next();
          return new Group(items, true);
        }
        depth--;
      } else if (t.isSymbol(",") && depth == 0) {
        items.add(text(itemStart, i));
        itemStart = i + 1;
      }
      next();
    }
    items.add(text(itemStart, i));
    return new Group(items, false);
  }

  /**
   * Whether the statement could be SQL at all: every string, quoted identifier and comment is
   * closed, and every parenthesis and bracket is closed, in order. A statement that fails this is
   * rejected by the database whatever its words.
   */
  boolean wellFormed() {
    if (!complete) {
      return false;
    }
    StringBuilder open = new StringBuilder();
    for (Token t : tokens) {
      if (t.kind() != Kind.SYMBOL) {
        continue;
      }
      String s = t.text();
      if (s.equals("(") || s.equals("[")) {
        open.append(s);
      } else if (s.equals(")") || s.equals("]")) {
        char expected = s.equals(")") ? '(' : '[';
        if (open.isEmpty() || open.charAt(open.length() - 1) != expected) {
          return false;
        }
        open.setLength(open.length() - 1);
      }
    }
    return open.isEmpty();
  }

  /**
   * Splits the tokens from the cursor to the end at top-level commas into source texts, keeping
   * empty ones (a doubled or trailing comma), which {@link #topLevelItems()} drops.
   */
  List<String> rawTopLevelItems() {
    List<String> items = new ArrayList<>();
    int depth = 0;
    int itemStart = i;
    while (!atEnd()) {
      Token t = peek();
      if (t.isSymbol("(") || t.isSymbol("[")) {
        depth++;
      } else if (t.isSymbol(")") || t.isSymbol("]")) {
        depth--;
      } else if (t.isSymbol(",") && depth == 0) {
        items.add(text(itemStart, i));
        itemStart = i + 1;
      }
      next();
    }
    items.add(text(itemStart, i));
    return items;
  }

  /**
   * Splits the tokens from the cursor to the end at top-level commas into source texts (for the
   * actions of an {@code ALTER TABLE}).
   */
  List<String> topLevelItems() {
    return rawTopLevelItems().stream().filter(s -> !s.isEmpty()).toList();
  }
}
