package dev.dbarch.schema.ddl;

import dev.dbarch.contracts.requirements.SchemaSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Splits a SQL script into statements the way {@code psql} and the {@code mysql} client do: a
 * semicolon ends a statement unless it is inside a quoted string, a quoted identifier, a comment, a
 * dollar-quoted body ({@code $$ … $$}, {@code $fn$ … $fn$}) or a {@code BEGIN ATOMIC … END}
 * function body. PostgreSQL scripts may carry {@code psql} meta-commands ({@code \connect db}),
 * which come out as statements of their own, and {@code COPY … FROM stdin} data blocks, which are
 * attached to their {@code COPY} statement instead of being read as SQL. MySQL scripts may change
 * the delimiter with {@code DELIMITER //}.
 */
public final class SqlScript {

  private static final Pattern COPY_FROM_STDIN =
      Pattern.compile("(?is)^COPY\\s.+\\sFROM\\s+stdin\\b.*");

  private SqlScript() {}

  /**
   * One statement of a script.
   *
   * @param sql the statement without its delimiter and without leading comments
   * @param line the 1-based line where the statement starts
   * @param copyData for {@code COPY … FROM stdin}, the data lines up to (not including) the {@code
   *     \.} terminator; otherwise null
   */
  public record Statement(String sql, int line, String copyData) {

    public Statement {
      Objects.requireNonNull(sql, "sql");
    }

    /** A psql meta-command such as {@code \connect db}. */
    public boolean isMetaCommand() {
      return sql.startsWith("\\");
    }

    /** The first line of the statement, cut to 80 characters: how reports name it. */
    public String summary() {
      return SqlScript.summary(sql);
    }
  }

  /** The first non-blank line of {@code sql}, trimmed and cut to 80 characters. */
  public static String summary(String sql) {
    for (String line : sql.split("\\R")) {
      String trimmed = line.strip();
      if (!trimmed.isEmpty()) {
        return trimmed.length() <= 80 ? trimmed : trimmed.substring(0, 80);
      }
    }
    return "";
  }

  /** Splits {@code script} into statements, in order; blank and comment-only pieces are dropped. */
  public static List<Statement> split(String script, SchemaSource.Dialect dialect) {
    return new Splitter(script, dialect == SchemaSource.Dialect.MYSQL).run();
  }

  private static final class Splitter {
    private final String s;
    private final boolean mysql;
    private final List<Statement> out = new ArrayList<>();
    private int pos;
    private int line = 1;
    private String delimiter = ";";

    Splitter(String script, boolean mysql) {
      this.s = script == null ? "" : script;
      this.mysql = mysql;
    }

    List<Statement> run() {
      while (true) {
        skipBlanksAndComments();
        if (pos >= s.length()) {
          return out;
        }
        int startLine = line;
        if (!mysql && s.charAt(pos) == '\\') {
          int end = lineEnd(pos);
          out.add(new Statement(s.substring(pos, end).strip(), startLine, null));
          advanceTo(end);
          continue;
        }
        if (mysql && startsWithWord(pos, "DELIMITER")) {
          int end = lineEnd(pos);
          String value = s.substring(pos + "DELIMITER".length(), end).strip();
          if (!value.isEmpty()) {
            delimiter = value;
          }
          advanceTo(end);
          continue;
        }
        int start = pos;
        int end = scanStatement();
        String sql = s.substring(start, end).strip();
        if (!sql.isEmpty() && !isOnlyComments(sql)) {
          String copyData = null;
          if (!mysql && COPY_FROM_STDIN.matcher(sql).matches()) {
            copyData = readCopyData();
          }
          out.add(new Statement(sql, startLine, copyData));
        }
      }
    }

    /** Scans to the end of the current statement; leaves pos after its delimiter. */
    private int scanStatement() {
      int atomicDepth = 0;
      StringBuilder word = new StringBuilder();
      String previousWord = "";
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (Character.isLetterOrDigit(c) || c == '_' || c == '$' && word.length() > 0) {
          word.append(c);
          advanceTo(pos + 1);
          continue;
        }
        if (word.length() > 0) {
          String w = word.toString().toUpperCase(Locale.ROOT);
          if (!mysql) {
            if (w.equals("ATOMIC") && previousWord.equals("BEGIN")) {
              atomicDepth++;
            } else if (atomicDepth > 0 && w.equals("CASE")) {
              atomicDepth++;
            } else if (atomicDepth > 0 && w.equals("END")) {
              atomicDepth--;
            }
          }
          previousWord = w;
          word.setLength(0);
        }
        if (atomicDepth == 0 && s.startsWith(delimiter, pos)) {
          int end = pos;
          advanceTo(pos + delimiter.length());
          return end;
        }
        if (c == '\'') {
          boolean backslashes = mysql || isEscapeStringPrefix(pos);
          advanceTo(skipQuoted(pos, '\'', backslashes));
        } else if (c == '"') {
          advanceTo(skipQuoted(pos, '"', mysql));
        } else if (c == '`' && mysql) {
          advanceTo(skipQuoted(pos, '`', false));
        } else if (c == '-' && s.startsWith("--", pos)) {
          advanceTo(lineEnd(pos));
        } else if (c == '#' && mysql) {
          advanceTo(lineEnd(pos));
        } else if (c == '/' && s.startsWith("/*", pos)) {
          advanceTo(skipBlockComment(pos));
        } else if (c == '$' && !mysql && dollarTag(pos) != null) {
          String tag = dollarTag(pos);
          int close = s.indexOf(tag, pos + tag.length());
          advanceTo(close < 0 ? s.length() : close + tag.length());
        } else {
          advanceTo(pos + 1);
        }
      }
      return s.length();
    }

    private String readCopyData() {
      // The data starts on the line after the COPY statement and ends at a line holding "\.".
      int dataStart = lineEnd(pos);
      if (dataStart < s.length()) {
        dataStart++;
      }
      advanceTo(dataStart);
      StringBuilder data = new StringBuilder();
      while (pos < s.length()) {
        int end = lineEnd(pos);
        String row = s.substring(pos, end);
        advanceTo(end < s.length() ? end + 1 : end);
        if (row.equals("\\.") || row.equals("\\.\r")) {
          break;
        }
        data.append(row).append('\n');
      }
      return data.toString();
    }

    private boolean isEscapeStringPrefix(int quote) {
      if (quote == 0) {
        return false;
      }
      char prefix = s.charAt(quote - 1);
      if (prefix != 'E' && prefix != 'e') {
        return false;
      }
      return quote < 2 || !isIdentifierChar(s.charAt(quote - 2));
    }

    private int skipQuoted(int open, char quote, boolean backslashEscapes) {
      int i = open + 1;
      while (i < s.length()) {
        char c = s.charAt(i);
        if (backslashEscapes && c == '\\') {
          i += 2;
          continue;
        }
        if (c == quote) {
          if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
            i += 2;
            continue;
          }
          return i + 1;
        }
        i++;
      }
      return s.length();
    }

    private int skipBlockComment(int open) {
      int depth = 0;
      int i = open;
      while (i < s.length()) {
        if (s.startsWith("/*", i)) {
          depth++;
          i += 2;
          if (mysql) {
            int close = s.indexOf("*/", i);
            return close < 0 ? s.length() : close + 2;
          }
        } else if (s.startsWith("*/", i)) {
          depth--;
          i += 2;
          if (depth == 0) {
            return i;
          }
        } else {
          i++;
        }
      }
      return s.length();
    }

    /** The opening tag ({@code $$} or {@code $name$}) at {@code i}, or null. */
    private String dollarTag(int i) {
      if (i > 0 && isIdentifierChar(s.charAt(i - 1))) {
        return null;
      }
      int j = i + 1;
      if (j < s.length() && Character.isDigit(s.charAt(j))) {
        return null;
      }
      while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
        j++;
      }
      if (j < s.length() && s.charAt(j) == '$') {
        return s.substring(i, j + 1);
      }
      return null;
    }

    private void skipBlanksAndComments() {
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (Character.isWhitespace(c)) {
          advanceTo(pos + 1);
        } else if (s.startsWith("--", pos) || mysql && c == '#') {
          advanceTo(lineEnd(pos));
        } else if (s.startsWith("/*", pos) && !(mysql && s.startsWith("/*!", pos))) {
          advanceTo(skipBlockComment(pos));
        } else if (s.startsWith(delimiter, pos)) {
          advanceTo(pos + delimiter.length());
        } else {
          return;
        }
      }
    }

    private boolean isOnlyComments(String sql) {
      // MySQL's versioned comments (/*!40101 SET NAMES utf8 */) are client hints, not statements.
      return sql.startsWith("/*") && sql.endsWith("*/") && sql.indexOf("*/") == sql.length() - 2;
    }

    private boolean startsWithWord(int i, String word) {
      return s.regionMatches(true, i, word, 0, word.length())
          && (i + word.length() >= s.length()
              || Character.isWhitespace(s.charAt(i + word.length())));
    }

    private int lineEnd(int i) {
      int nl = s.indexOf('\n', i);
      return nl < 0 ? s.length() : nl;
    }

    private void advanceTo(int target) {
      int end = Math.min(target, s.length());
      for (int i = pos; i < end; i++) {
        if (s.charAt(i) == '\n') {
          line++;
        }
      }
      pos = end;
    }

    private static boolean isIdentifierChar(char c) {
      return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
  }
}
