package dev.dbarch.contracts.requirements;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A schema given as a DDL script, for a system that is not monitored. */
public record SchemaSource(@NotNull Dialect dialect, @NotNull @Size(max = 500_000) String ddl) {

  public enum Dialect {
    POSTGRESQL,
    MYSQL
  }
}
