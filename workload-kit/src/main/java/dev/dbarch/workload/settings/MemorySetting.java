package dev.dbarch.workload.settings;

import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's memory settings in bytes, read the way the server reads them: a number with an
 * optional unit ({@code B}, {@code kB}, {@code MB}, {@code GB}, {@code TB}, case-sensitive,
 * multiples of 1024), a bare number counting the setting's base unit, a fractional value rounded to
 * the nearest base unit, and {@code -1} meaning "not set" (as {@code effective_cache_size} never
 * is, but {@code autovacuum_work_mem} can be).
 */
public enum MemorySetting {
  /** {@code shared_buffers}: counted in 8 kB pages. */
  SHARED_BUFFERS("shared_buffers", 8192),
  /** {@code effective_cache_size}: counted in 8 kB pages. */
  EFFECTIVE_CACHE_SIZE("effective_cache_size", 8192),
  /** {@code work_mem}: counted in kB. */
  WORK_MEM("work_mem", 1024);

  private static final Pattern VALUE =
      Pattern.compile("\\s*(\\d{1,15}(?:\\.\\d{1,6})?)\\s*(B|kB|MB|GB|TB)?\\s*");

  private final String name;
  private final long baseUnitBytes;

  MemorySetting(String name, long baseUnitBytes) {
    this.name = name;
    this.baseUnitBytes = baseUnitBytes;
  }

  /** The server's name of the setting. */
  public String settingName() {
    return name;
  }

  public long baseUnitBytes() {
    return baseUnitBytes;
  }

  /**
   * The value in bytes; empty for {@code null} or a value the server would refuse.
   *
   * @throws IllegalArgumentException never: an unreadable value is empty, not an exception
   */
  public OptionalLong bytes(String value) {
    if (value == null) {
      return OptionalLong.empty();
    }
    Matcher m = VALUE.matcher(value);
    if (!m.matches()) {
      return OptionalLong.empty();
    }
    double number = Double.parseDouble(m.group(1));
    long unit = m.group(2) == null ? baseUnitBytes : unitBytes(m.group(2));
    // Like the server, a value with a unit is rounded to a whole number of base units.
    double baseUnits = number * unit / baseUnitBytes;
    return OptionalLong.of(Math.round(baseUnits) * baseUnitBytes);
  }

  private static long unitBytes(String unit) {
    return switch (unit) {
      case "B" -> 1L;
      case "kB" -> 1024L;
      case "MB" -> 1024L * 1024;
      case "GB" -> 1024L * 1024 * 1024;
      case "TB" -> 1024L * 1024 * 1024 * 1024;
      default -> throw new IllegalStateException(unit);
    };
  }

  /**
   * Bytes written the way PostgreSQL prints them: the largest unit that divides the value ({@code
   * 4MB}, {@code 1536kB}, {@code 2GB}).
   */
  public static String format(long bytes) {
    String[] units = {"TB", "GB", "MB", "kB"};
    long[] sizes = {1L << 40, 1L << 30, 1L << 20, 1L << 10};
    for (int i = 0; i < units.length; i++) {
      if (bytes >= sizes[i] && bytes % sizes[i] == 0) {
        return (bytes / sizes[i]) + units[i];
      }
    }
    return bytes + "B";
  }

  /** Bytes for people: {@code 12.5 MB}. */
  public static String human(long bytes) {
    String[] units = {"TB", "GB", "MB", "kB"};
    long[] sizes = {1L << 40, 1L << 30, 1L << 20, 1L << 10};
    for (int i = 0; i < units.length; i++) {
      if (bytes >= sizes[i]) {
        return String.format(Locale.ROOT, "%.1f %s", (double) bytes / sizes[i], units[i]);
      }
    }
    return bytes + " B";
  }
}
