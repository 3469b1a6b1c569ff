package dev.dbarch.intake.monitor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Secret files for tests, written into the directory the test profile configures as intake's
 * secrets directory ({@code %test.dbarch.secrets.dir}): a {@code file:} reference must name one.
 */
public final class TestSecrets {

  /** The test profile's {@code dbarch.secrets.dir}, relative to the module. */
  public static final Path DIR = Path.of("target/test-secrets").toAbsolutePath();

  private TestSecrets() {}

  /** Writes {@code value} (and a newline, as an editor would) to a file in the directory. */
  public static Path file(String name, String value) {
    try {
      Files.createDirectories(DIR);
      Path file = DIR.resolve(name);
      Files.writeString(file, value + "\n");
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
