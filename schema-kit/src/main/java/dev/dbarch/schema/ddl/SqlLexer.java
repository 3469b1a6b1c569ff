package dev.dbarch.schema.ddl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cuts one SQL statement into tokens that keep their place in the source text, so a parser can hand
 * back the original text of a default expression, a predicate or an index column.
 */
final class SqlLexer {

  enum Kind {
    /** A bare word: keyword or unquoted identifier. */
    WORD,
    /** A quoted identifier ({@code "Name"} or {@code `name`}), text without the quotes. */
    QUOTED,
    /** A string literal, including {@code E'…'}, {@code N'…'} and dollar-quoted bodies. */
    STRING,
    NUMBER,
    SYMBOL
  }

  record Token(Kind kind, String text, int start, int end) {

    boolean is(String keyword) {
      return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }

    boolean isSymbol(String symbol) {
      return kind == Kind.SYMBOL && text.equals(symbol);
    }

    boolean isIdentifier() {
      return kind == Kind.WORD || kind == Kind.QUOTED;
    }

    String upper() {
      return text.toUpperCase(Locale.ROOT);
    }
  }

  /**
   * The tokens of a statement, and whether every string, quoted identifier, dollar-quoted body and
   * block comment in it is closed (an unclosed one runs to the end of the statement).
   */
  record Lexed(List<Token> tokens, boolean complete) {}

  private SqlLexer() {}

  static List<Token> tokenize(String sql, boolean mysql) {
    return lex(sql, mysql).tokens();
  }

  static Lexed lex(String sql, boolean mysql) {
    List<Token> tokens = new ArrayList<>();
    boolean complete = true;
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && sql.startsWith("--", i) || mysql && c == '#') {
        int nl = sql.indexOf('\n', i);
        i = nl < 0 ? n : nl + 1;
      } else if (c == '/' && sql.startsWith("/*", i)) {
        int close = sql.indexOf("*/", i + 2);
        complete &= close >= 0;
        i = close < 0 ? n : close + 2;
      } else if (c == '\'') {
        int end = skipQuoted(sql, i, '\'', mysql);
        complete &= end >= 0;
        end = end < 0 ? n : end;
        tokens.add(new Token(Kind.STRING, sql.substring(i, end), i, end));
        i = end;
      } else if ((c == 'E' || c == 'e' || c == 'N' || c == 'n' || c == 'B' || c == 'b' || c == 'X'
              || c == 'x')
          && i + 1 < n
          && sql.charAt(i + 1) == '\'') {
        int end = skipQuoted(sql, i + 1, '\'', mysql || c == 'E' || c == 'e');
        complete &= end >= 0;
        end = end < 0 ? n : end;
        tokens.add(new Token(Kind.STRING, sql.substring(i, end), i, end));
        i = end;
      } else if (c == '"' || c == '`') {
        int end = skipQuoted(sql, i, c, false);
        complete &= end >= 0;
        end = end < 0 ? n : end;
        String inner = sql.substring(i + 1, Math.max(i + 1, end - 1));
        String doubled = String.valueOf(c) + c;
        tokens.add(new Token(Kind.QUOTED, inner.replace(doubled, String.valueOf(c)), i, end));
        i = end;
      } else if (c == '$' && !mysql && dollarTag(sql, i) != null) {
        String tag = dollarTag(sql, i);
        int close = sql.indexOf(tag, i + tag.length());
        complete &= close >= 0;
        int end = close < 0 ? n : close + tag.length();
        tokens.add(new Token(Kind.STRING, sql.substring(i, end), i, end));
        i = end;
      } else if (Character.isDigit(c)
          || c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1))) {
        int j = i + 1;
        while (j < n
            && (Character.isLetterOrDigit(sql.charAt(j))
                || sql.charAt(j) == '.'
                || (sql.charAt(j) == '+' || sql.charAt(j) == '-')
                    && Character.toLowerCase(sql.charAt(j - 1)) == 'e')) {
          j++;
        }
        tokens.add(new Token(Kind.NUMBER, sql.substring(i, j), i, j));
        i = j;
      } else if (Character.isLetter(c) || c == '_') {
        int j = i + 1;
        while (j < n
            && (Character.isLetterOrDigit(sql.charAt(j))
                || sql.charAt(j) == '_'
                || sql.charAt(j) == '$')) {
          j++;
        }
        tokens.add(new Token(Kind.WORD, sql.substring(i, j), i, j));
        i = j;
      } else if (c == ':' && sql.startsWith("::", i)) {
        tokens.add(new Token(Kind.SYMBOL, "::", i, i + 2));
        i += 2;
      } else {
        tokens.add(new Token(Kind.SYMBOL, String.valueOf(c), i, i + 1));
        i++;
      }
    }
    return new Lexed(tokens, complete);
  }

  /** The offset just after the closing quote, or -1 when the quote is not closed. */
  private static int skipQuoted(String s, int open, char quote, boolean backslashEscapes) {
    int i = open + 1;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (backslashEscapes && c == '\\') {
        i += 2;
      } else if (c == quote) {
        if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
          i += 2;
        } else {
          return i + 1;
        }
      } else {
        i++;
      }
    }
    return -1;
  }

  private static String dollarTag(String s, int i) {
    if (i > 0 && (Character.isLetterOrDigit(s.charAt(i - 1)) || s.charAt(i - 1) == '_')) {
      return null;
    }
    int j = i + 1;
    if (j < s.length() && Character.isDigit(s.charAt(j))) {
      return null;
    }
    while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
      j++;
    }
    return j < s.length() && s.charAt(j) == '$' ? s.substring(i, j + 1) : null;
  }
}
