package dev.dbarch.contracts.schema;

import java.util.List;
import java.util.Objects;

/**
 * A change captured on a monitored database: the DDL statements, the objects they touched, and the
 * difference between the catalog before and after.
 *
 * @param before the tables the DDL names, as they were before it ran (their columns, indexes and
 *     sizes: a dropped or rewritten table's size is only known from here), with the server's
 *     version; {@code null} when there was no earlier snapshot
 */
public record SchemaChange(
    List<String> ddl, List<String> objects, SchemaDiff diff, SchemaSnapshot before) {

  public SchemaChange {
    ddl = List.copyOf(Objects.requireNonNullElse(ddl, List.of()));
    objects = List.copyOf(Objects.requireNonNullElse(objects, List.of()));
  }

  /** A change without the tables' earlier state. */
  public SchemaChange(List<String> ddl, List<String> objects, SchemaDiff diff) {
    this(ddl, objects, diff, null);
  }
}
