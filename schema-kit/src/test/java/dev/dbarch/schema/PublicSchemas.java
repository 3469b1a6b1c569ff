package dev.dbarch.schema;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The public sample schemas in the shared workspace ({@code ../../shared/schemas} from this module;
 * {@code -Ddbarch.schemas.dir=…} points elsewhere). A user's clone has no shared directory: tests
 * that need it skip.
 */
public final class PublicSchemas {

  public static final Path DIR =
      Path.of(System.getProperty("dbarch.schemas.dir", "../../shared/schemas"));

  private PublicSchemas() {}

  public static void assumePresent() {
    assumeTrue(
        Files.isDirectory(DIR),
        "Public schemas not found at " + DIR.toAbsolutePath().normalize() + "; skipping");
  }

  public static String chinook() {
    return read("chinook/Chinook_PostgreSql.sql");
  }

  public static String northwind() {
    return read("northwind/northwind.sql");
  }

  public static String pagilaSchema() {
    return read("pagila/pagila-schema-2024-e0e35a6.sql");
  }

  public static String pagilaData() {
    return read("pagila/pagila-data-2024-e0e35a6.sql");
  }

  private static String read(String file) {
    assumePresent();
    Path path = DIR.resolve(file);
    assumeTrue(Files.isRegularFile(path), "Public schema file " + path + " not found; skipping");
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
