package dev.dbarch.specialist.rules;

import java.util.Map;
import java.util.TreeMap;

/** Builds the sorted fact map a decision carries, skipping facts that were not given. */
public final class Facts {

  private final Map<String, String> facts = new TreeMap<>();

  public static Facts of() {
    return new Facts();
  }

  public Facts put(String name, Object value) {
    if (value != null) {
      facts.put(name, format(value));
    }
    return this;
  }

  public Map<String, String> map() {
    return facts;
  }

  /** Whole numbers print without a trailing ".0" so facts read as people write them. */
  public static String format(Object value) {
    if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
      return Long.toString(d.longValue());
    }
    return String.valueOf(value);
  }
}
