package dev.dbarch.schema.findings;

import dev.dbarch.contracts.schema.SchemaSnapshot.Column;
import java.util.Optional;

/** SCH-TYP-001: a {@code json} column where {@code jsonb} serves better. */
final class JsonColumn extends ColumnTypeRule {

  @Override
  public String id() {
    return "SCH-TYP-001";
  }

  @Override
  public String title() {
    return "json instead of jsonb";
  }

  @Override
  String why() {
    return "json keeps the text as sent and parses it on every access, cannot be indexed with GIN"
        + " and has no equality operator; jsonb stores it parsed.";
  }

  @Override
  Optional<String> replacement(Column c) {
    return element(c).equals("json") ? Optional.of("jsonb" + arrays(c)) : Optional.empty();
  }
}
