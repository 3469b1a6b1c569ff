package dev.dbarch.workload.statement;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Statement text reduced to its shape: comments dropped, literals and parameters replaced by {@code
 * ?}, lists of values collapsed, whitespace and keyword case made uniform. Two statements with the
 * same shape differ only in their values, which is what "the same query, many times" means for the
 * N+1 diagnosis.
 */
public final class QueryText {

  private static final Pattern LINE_COMMENT = Pattern.compile("--[^\\n]*");
  private static final Pattern BLOCK_COMMENT = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL);
  private static final Pattern STRING = Pattern.compile("'(?:[^']|'')*'");
  private static final Pattern NUMBER = Pattern.compile("(?<![\\w$.])-?\\d+(?:\\.\\d+)?(?![\\w])");
  private static final Pattern PARAMETER = Pattern.compile("\\$\\d+|:[A-Za-z_]\\w*|\\?");
  private static final Pattern VALUE_LIST = Pattern.compile("\\(\\s*\\?(?:\\s*,\\s*\\?)+\\s*\\)");
  private static final Pattern SPACE = Pattern.compile("\\s+");

  private QueryText() {}

  /** The statement's shape; two calls with different values give the same text. */
  public static String shape(String sql) {
    if (sql == null) {
      return "";
    }
    String text = BLOCK_COMMENT.matcher(sql).replaceAll(" ");
    text = LINE_COMMENT.matcher(text).replaceAll(" ");
    text = STRING.matcher(text).replaceAll("?");
    text = PARAMETER.matcher(text).replaceAll("?");
    text = NUMBER.matcher(text).replaceAll("?");
    text = VALUE_LIST.matcher(text).replaceAll("(?)");
    text = SPACE.matcher(text).replaceAll(" ").strip();
    if (text.endsWith(";")) {
      text = text.substring(0, text.length() - 1).strip();
    }
    return text.toLowerCase(Locale.ROOT);
  }

  /** One line of at most {@code max} characters, for risk texts and tables. */
  public static String abbreviate(String sql, int max) {
    String oneLine = sql == null ? "" : SPACE.matcher(sql).replaceAll(" ").strip();
    return oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 3) + "...";
  }
}
