package dev.dbarch.contracts.schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * A change captured on a monitored database: the DDL statements, the objects they touched, and the
 * difference between the catalog before and after.
 *
 * @param before the tables the DDL names, as they were before it ran (their columns, indexes and
 *     sizes: a dropped or rewritten table's size is only known from here), with the server's
 *     version; {@code null} when there was no earlier snapshot
 * @param unassessed entries of {@code ddl} the migration section never reported on: the report
 *     carried them from an assessment that a newer one replaced before that section's verdict came
 *     (empty, and left out of the JSON, in every other case)
 */
public record SchemaChange(
    List<String> ddl,
    List<String> objects,
    SchemaDiff diff,
    SchemaSnapshot before,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Integer> unassessed) {

  public SchemaChange {
    ddl = List.copyOf(Objects.requireNonNullElse(ddl, List.of()));
    objects = List.copyOf(Objects.requireNonNullElse(objects, List.of()));
    unassessed = List.copyOf(Objects.requireNonNullElse(unassessed, List.of()));
  }

  /** A change as captured: every statement still to be assessed. */
  public SchemaChange(
      List<String> ddl, List<String> objects, SchemaDiff diff, SchemaSnapshot before) {
    this(ddl, objects, diff, before, List.of());
  }

  /** A change without the tables' earlier state. */
  public SchemaChange(List<String> ddl, List<String> objects, SchemaDiff diff) {
    this(ddl, objects, diff, null);
  }

  /** The same change, saying which of its statements were never assessed. */
  public SchemaChange withUnassessed(List<Integer> entries) {
    return new SchemaChange(ddl, objects, diff, before, entries);
  }
}
