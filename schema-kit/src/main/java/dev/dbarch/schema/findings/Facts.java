package dev.dbarch.schema.findings;

import java.util.LinkedHashMap;
import java.util.Map;

/** The facts of a finding, built in a line: {@code Facts.of("columns", "a,b", "rows", 3)}. */
final class Facts {

  private Facts() {}

  static Map<String, String> of(Object... keysAndValues) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int k = 0; k + 1 < keysAndValues.length; k += 2) {
      if (keysAndValues[k + 1] != null) {
        out.put(String.valueOf(keysAndValues[k]), String.valueOf(keysAndValues[k + 1]));
      }
    }
    return out;
  }
}
