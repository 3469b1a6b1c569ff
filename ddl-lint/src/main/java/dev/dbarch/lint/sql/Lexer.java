package dev.dbarch.lint.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts one SQL statement into tokens; comments are dropped. PostgreSQL and MySQL differ in quoting
 * (backticks, backslash escapes, {@code #} comments, dollar quotes), so the dialect is given.
 */
public final class Lexer {

  private Lexer() {}

  public static List<Token> tokenize(String sql, boolean mysql) {
    List<Token> tokens = new ArrayList<>();
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
        i = close < 0 ? n : close + 2;
      } else if (c == '\'') {
        int end = skipQuoted(sql, i, '\'', mysql);
        tokens.add(new Token(Token.Kind.STRING, sql.substring(i, end), i, end));
        i = end;
      } else if ((c == 'E' || c == 'e' || c == 'N' || c == 'n' || c == 'B' || c == 'b' || c == 'X'
              || c == 'x')
          && i + 1 < n
          && sql.charAt(i + 1) == '\''
          && (i == 0 || !identifierChar(sql.charAt(i - 1)))) {
        int end = skipQuoted(sql, i + 1, '\'', mysql || c == 'E' || c == 'e');
        tokens.add(new Token(Token.Kind.STRING, sql.substring(i, end), i, end));
        i = end;
      } else if (c == '"' || c == '`' && mysql) {
        int end = skipQuoted(sql, i, c, false);
        String inner = sql.substring(i + 1, Math.max(i + 1, end - 1));
        String doubled = String.valueOf(c) + c;
        tokens.add(new Token(Token.Kind.QUOTED, inner.replace(doubled, String.valueOf(c)), i, end));
        i = end;
      } else if (c == '$' && !mysql && dollarTag(sql, i) != null) {
        String tag = dollarTag(sql, i);
        int close = sql.indexOf(tag, i + tag.length());
        int end = close < 0 ? n : close + tag.length();
        tokens.add(new Token(Token.Kind.STRING, sql.substring(i, end), i, end));
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
        tokens.add(new Token(Token.Kind.NUMBER, sql.substring(i, j), i, j));
        i = j;
      } else if (Character.isLetter(c) || c == '_') {
        int j = i + 1;
        while (j < n && identifierChar(sql.charAt(j))) {
          j++;
        }
        tokens.add(new Token(Token.Kind.WORD, sql.substring(i, j), i, j));
        i = j;
      } else if (c == ':' && sql.startsWith("::", i)) {
        tokens.add(new Token(Token.Kind.SYMBOL, "::", i, i + 2));
        i += 2;
      } else {
        tokens.add(new Token(Token.Kind.SYMBOL, String.valueOf(c), i, i + 1));
        i++;
      }
    }
    return tokens;
  }

  private static boolean identifierChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }

  /** The offset just after the closing quote, or the end of the text when it is not closed. */
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
    return s.length();
  }

  private static String dollarTag(String s, int i) {
    if (i > 0 && identifierChar(s.charAt(i - 1))) {
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
