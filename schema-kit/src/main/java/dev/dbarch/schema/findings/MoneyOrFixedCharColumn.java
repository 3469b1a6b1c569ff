package dev.dbarch.schema.findings;

import dev.dbarch.contracts.schema.SchemaSnapshot.Column;
import java.util.Optional;

/**
 * SCH-TYP-003: {@code money} and {@code character(n)} columns, as pg-index-health flags them.
 * {@code money} formats and rounds by the server's {@code lc_monetary} and holds no currency;
 * {@code character(n)} pads with blanks that comparisons then ignore, and is no faster than {@code
 * varchar}.
 */
final class MoneyOrFixedCharColumn extends ColumnTypeRule {

  @Override
  public String id() {
    return "SCH-TYP-003";
  }

  @Override
  public String title() {
    return "money or char(n) column";
  }

  @Override
  String why() {
    return "money rounds and prints by the server's locale and holds no currency (numeric does"
        + " not), and character(n) pads values with blanks that comparisons then ignore"
        + " (varchar or text do not).";
  }

  @Override
  Optional<String> replacement(Column c) {
    String e = element(c);
    if (e.equals("money")) {
      return Optional.of("numeric(19,4)" + arrays(c));
    }
    if (e.startsWith("character(")) {
      return Optional.of("character varying" + e.substring("character".length()) + arrays(c));
    }
    return Optional.empty();
  }
}
