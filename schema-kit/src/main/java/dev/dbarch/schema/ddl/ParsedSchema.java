package dev.dbarch.schema.ddl;

import dev.dbarch.contracts.schema.SchemaSnapshot;
import java.util.List;
import java.util.Objects;

/**
 * What a DDL script describes, and what of it was not used.
 *
 * @param snapshot the tables, indexes, constraints and sequences the script builds (source {@code
 *     ddl}; row estimates, sizes and index scans are -1 because a script does not know them)
 * @param unsupported statements (or parts of statements) that may change the structure but could
 *     not be understood or applied, each as its first line cut to 80 characters, in script order;
 *     this is what {@code SchemaContext.unsupportedStatements} carries
 * @param ignored statements understood to have no effect on the structure the snapshot models
 *     (data, grants, comments, settings, functions, triggers, views, types, ownership), each as its
 *     first line cut to 80 characters, in script order
 */
public record ParsedSchema(
    SchemaSnapshot snapshot, List<String> unsupported, List<String> ignored) {

  public ParsedSchema {
    Objects.requireNonNull(snapshot, "snapshot");
    unsupported = List.copyOf(Objects.requireNonNullElse(unsupported, List.of()));
    ignored = List.copyOf(Objects.requireNonNullElse(ignored, List.of()));
  }
}
