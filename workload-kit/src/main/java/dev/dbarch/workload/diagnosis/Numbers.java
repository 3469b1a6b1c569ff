package dev.dbarch.workload.diagnosis;

import java.util.Locale;

/** Numbers written the same way on every machine, for facts and arithmetic. */
final class Numbers {

  private Numbers() {}

  /** A count or a large figure: {@code 12,345}. */
  static String count(double value) {
    return String.format(Locale.ROOT, "%,.0f", value);
  }

  /** A figure with one decimal when it has a fraction: {@code 2.5}, {@code 12}. */
  static String decimal(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    return String.format(Locale.ROOT, "%,.1f", value);
  }

  /** Two decimals, for planner costs and milliseconds per call. */
  static String precise(double value) {
    return String.format(Locale.ROOT, "%,.2f", value);
  }

  /** A share as a percentage: {@code 12.3%}; tiny shares keep three decimals. */
  static String percent(double share) {
    double pct = share * 100;
    if (pct != 0 && Math.abs(pct) < 0.1) {
      return String.format(Locale.ROOT, "%.3f%%", pct);
    }
    return String.format(Locale.ROOT, "%.1f%%", pct);
  }

  /** A factor: {@code ×12.5}. */
  static String factor(double value) {
    return "×" + decimal(Math.round(value * 10) / 10.0);
  }
}
