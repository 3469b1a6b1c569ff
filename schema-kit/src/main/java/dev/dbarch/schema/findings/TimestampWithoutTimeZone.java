package dev.dbarch.schema.findings;

import dev.dbarch.contracts.schema.SchemaSnapshot.Column;
import java.util.Optional;

/**
 * SCH-TYP-002: {@code timestamp without time zone} (and {@code time with time zone}), as
 * pg-index-health flags them. A timestamp without zone is a wall-clock reading whose meaning
 * depends on the writer's setting; {@code timestamptz} is an instant. {@code timetz} cannot account
 * for daylight saving.
 */
final class TimestampWithoutTimeZone extends ColumnTypeRule {

  @Override
  public String id() {
    return "SCH-TYP-002";
  }

  @Override
  public String title() {
    return "timestamp without time zone (or timetz)";
  }

  @Override
  String why() {
    return "a timestamp without time zone records a wall-clock reading whose meaning depends on the"
        + " writer's time zone, and time with time zone cannot follow daylight saving;"
        + " timestamptz stores an instant.";
  }

  /** No cast leads from timetz to timestamptz: today's date is added to each time. */
  @Override
  String using(Column c) {
    String e = element(c);
    return e.startsWith("time with") && arrays(c).isEmpty() ? "(current_date + $column)" : null;
  }

  @Override
  Optional<String> replacement(Column c) {
    String e = element(c);
    if (e.startsWith("timestamp") && e.endsWith("without time zone")) {
      return Optional.of(e.replace("without time zone", "with time zone") + arrays(c));
    }
    if (e.startsWith("time with time zone") && arrays(c).isEmpty()) {
      return Optional.of("timestamp with time zone" + arrays(c));
    }
    return Optional.empty();
  }
}
