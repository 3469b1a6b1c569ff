package dev.dbarch.contracts.schema;

import java.util.List;
import java.util.Objects;

/**
 * A change captured on a monitored database: the DDL statements, the objects they touched, and the
 * difference between the catalog before and after.
 */
public record SchemaChange(List<String> ddl, List<String> objects, SchemaDiff diff) {

  public SchemaChange {
    ddl = List.copyOf(Objects.requireNonNullElse(ddl, List.of()));
    objects = List.copyOf(Objects.requireNonNullElse(objects, List.of()));
  }
}
