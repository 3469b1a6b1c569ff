package dev.dbarch.lint;

import dev.dbarch.contracts.requirements.SchemaSource;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import java.util.Locale;

/** The SQL a script is written for. MySQL and MariaDB share syntax but not every online ALTER. */
public enum Dialect {
  POSTGRESQL,
  MYSQL,
  MARIADB;

  public boolean mysqlFamily() {
    return this != POSTGRESQL;
  }

  /** The dialect of a captured or submitted schema's engine. */
  public static Dialect of(SchemaSnapshot.Engine engine) {
    return switch (engine) {
      case POSTGRESQL -> POSTGRESQL;
      case MYSQL -> MYSQL;
      case MARIADB -> MARIADB;
    };
  }

  public static Dialect of(SchemaSource.Dialect dialect) {
    return dialect == SchemaSource.Dialect.MYSQL ? MYSQL : POSTGRESQL;
  }

  /** The splitter's dialect: MySQL and MariaDB split alike. */
  public SchemaSource.Dialect scriptDialect() {
    return mysqlFamily() ? SchemaSource.Dialect.MYSQL : SchemaSource.Dialect.POSTGRESQL;
  }

  /** Parses a user-given name (case-insensitive; "postgres" and "pg" accepted). */
  public static Dialect parse(String name) {
    String n = name == null ? "" : name.strip().toUpperCase(Locale.ROOT);
    return switch (n) {
      case "POSTGRESQL", "POSTGRES", "PG" -> POSTGRESQL;
      case "MYSQL" -> MYSQL;
      case "MARIADB" -> MARIADB;
      default ->
          throw new IllegalArgumentException(
              "unknown dialect '" + name + "'; use POSTGRESQL, MYSQL or MARIADB");
    };
  }

  public String displayName() {
    return switch (this) {
      case POSTGRESQL -> "PostgreSQL";
      case MYSQL -> "MySQL";
      case MARIADB -> "MariaDB";
    };
  }
}
