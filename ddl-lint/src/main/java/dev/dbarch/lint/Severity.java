package dev.dbarch.lint;

import java.util.Locale;

/** How much a finding matters; {@code --fail-on} compares against it. */
public enum Severity {
  LOW,
  MEDIUM,
  HIGH;

  public boolean atLeast(Severity other) {
    return compareTo(other) >= 0;
  }

  public Severity raise() {
    return this == LOW ? MEDIUM : HIGH;
  }

  public Severity lower() {
    return this == HIGH ? MEDIUM : LOW;
  }

  public static Severity max(Severity a, Severity b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  public static Severity parse(String text) {
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException(
          "unknown severity '" + text + "'; use low, medium or high");
    }
  }
}
