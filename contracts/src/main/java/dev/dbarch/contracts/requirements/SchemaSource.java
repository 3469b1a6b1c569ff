package dev.dbarch.contracts.requirements;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A schema given as a DDL script, for a system that is not monitored. */
public record SchemaSource(
    @NotNull Dialect dialect, @NotNull @Size(max = SchemaSource.MAX_DDL_CHARS) String ddl) {

  /**
   * 32 Mi characters, as large as the document limit: a 5,000-table pg_dump is about 10 MB (ADR
   * 0012). Whether the schema it describes fits in one assessment request is checked on the parsed
   * result, against the record limit.
   */
  public static final int MAX_DDL_CHARS = 32 * 1024 * 1024;

  public enum Dialect {
    POSTGRESQL,
    MYSQL
  }
}
