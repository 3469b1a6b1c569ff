package dev.dbarch.lint.context;

import dev.dbarch.contracts.schema.StatementRisk.SizeSource;

/**
 * How big a table is, and how we know.
 *
 * @param rows -1 when unknown
 * @param bytes -1 when unknown
 */
public record TableSize(long rows, long bytes, SizeSource source) {

  public static final TableSize UNKNOWN = new TableSize(-1, -1, SizeSource.UNKNOWN);
  public static final TableSize NEW = new TableSize(0, 0, SizeSource.NEW_TABLE);

  /**
   * Bytes assumed per row when only the row count is known (a narrow OLTP row with its indexes).
   */
  public static final long ASSUMED_BYTES_PER_ROW = 200;

  public boolean known() {
    return rows >= 0 || bytes >= 0;
  }

  /** Empty (or created in this script). */
  public boolean empty() {
    return source == SizeSource.NEW_TABLE || rows == 0 && bytes <= 64 * 1024;
  }

  /** The bytes to read or write: the measured size, else rows times a typical row, else -1. */
  public long effectiveBytes() {
    if (bytes >= 0) {
      return bytes;
    }
    return rows >= 0 ? rows * ASSUMED_BYTES_PER_ROW : -1;
  }

  /** {@code 12,345 rows, 48 MB} as people read it. */
  public String describe() {
    if (source == SizeSource.NEW_TABLE) {
      return "created in this script (empty)";
    }
    if (!known()) {
      return "size unknown";
    }
    StringBuilder s = new StringBuilder();
    if (rows >= 0) {
      s.append(String.format(java.util.Locale.ROOT, "%,d rows", rows));
    }
    if (bytes >= 0) {
      if (!s.isEmpty()) {
        s.append(", ");
      }
      s.append(bytes(bytes));
    }
    s.append(source == SizeSource.REQUIREMENTS ? " (from the requirements)" : "");
    return s.toString();
  }

  public static String bytes(long b) {
    String[] units = {"B", "kB", "MB", "GB", "TB"};
    double v = b;
    int u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return u == 0
        ? b + " B"
        : String.format(java.util.Locale.ROOT, v >= 10 ? "%.0f %s" : "%.1f %s", v, units[u]);
  }
}
