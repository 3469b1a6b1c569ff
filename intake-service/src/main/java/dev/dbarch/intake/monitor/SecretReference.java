package dev.dbarch.intake.monitor;

import dev.dbarch.servicekit.problem.Problem;
import dev.dbarch.servicekit.problem.ProblemException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A password given by reference, inside the configured scopes: {@code env:NAME} names an
 * environment variable whose name starts with the configured prefix ({@code DBARCH_SECRET_}), and
 * {@code file:NAME} a regular file inside the secrets directory ({@code file:shop.password} or the
 * absolute path of a file in it). Literal passwords and references outside the scopes are refused
 * with 400 before anything is read or any connection is attempted.
 *
 * <p>The scope is checked twice: on the text when parsing (no {@code ..}, inside the directory),
 * and on the real path when reading (symbolic links resolved, the target re-checked, regular file,
 * size-limited), so a link inside the directory cannot point out of it.
 */
public final class SecretReference {

  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final String field;
  private final String reference;
  private final Scope scope;
  private final String envName;
  private final Path file;

  private SecretReference(String field, String reference, Scope scope, String envName, Path file) {
    this.field = field;
    this.reference = reference;
    this.scope = scope;
    this.envName = envName;
    this.file = file;
  }

  /** The scopes references must stay in, and where environment variables are read from. */
  public record Scope(
      Optional<Path> dir, String envPrefix, int maxFileBytes, Function<String, String> env) {

    public static Scope of(SecretsConfig config) {
      return new Scope(config.dir(), config.envPrefix(), config.maxFileBytes(), System::getenv);
    }

    /** Parses a password reference, refusing literals and anything outside the scopes (400). */
    public SecretReference parse(String reference) {
      return parse("passwordRef", reference);
    }

    /**
     * Parses a reference given in {@code field}, refusing literals and anything outside the scopes
     * with 400 naming the field.
     */
    public SecretReference parse(String field, String reference) {
      if (reference == null || reference.isBlank()) {
        throw invalid(field, field + " is required");
      }
      if (reference.startsWith("env:")) {
        String name = reference.substring(4);
        if (!ENV_NAME.matcher(name).matches()) {
          throw invalid(field, field + " env: must name an environment variable");
        }
        if (!name.startsWith(envPrefix) || name.length() == envPrefix.length()) {
          throw invalid(
              field,
              field
                  + " env: may only name variables starting with "
                  + envPrefix
                  + "; other variables of intake-service are out of scope");
        }
        return new SecretReference(field, reference, this, name, null);
      }
      if (reference.startsWith("file:")) {
        return new SecretReference(
            field, reference, this, null, file(field, reference.substring(5)));
      }
      throw invalid(
          field,
          field
              + " must be env:"
              + envPrefix
              + "NAME or file:NAME (a file in the secrets directory); literal values are"
              + " refused");
    }

    /**
     * Parses a reference that must name a file in the secrets directory (a CA certificate, which a
     * driver reads by path): the same scope as {@link #parse}, {@code env:} refused.
     */
    public SecretReference parseFile(String field, String reference) {
      if (reference != null && !reference.startsWith("file:")) {
        throw invalid(field, field + " must be file:NAME (a file in the secrets directory)");
      }
      return parse(field, reference);
    }

    private Path file(String field, String name) {
      if (dir.isEmpty()) {
        throw invalid(
            field,
            field
                + " file: references are disabled: intake-service has no secrets directory"
                + " (dbarch.secrets.dir)");
      }
      if (name.isEmpty() || name.indexOf('\0') >= 0) {
        throw invalid(field, field + " file: must name a file in the secrets directory");
      }
      Path given;
      try {
        given = Path.of(name);
      } catch (RuntimeException e) {
        throw invalid(field, field + " file: must name a file in the secrets directory");
      }
      for (Path part : given) {
        if (part.toString().equals("..")) {
          throw invalid(field, field + " file: may not contain '..'");
        }
      }
      Path root = dir.get().toAbsolutePath().normalize();
      Path resolved = root.resolve(given).normalize();
      if (!resolved.startsWith(root) || resolved.equals(root)) {
        throw invalid(field, field + " file: must name a file inside the secrets directory");
      }
      return resolved;
    }
  }

  /** The secret itself. Never log or return it. */
  public String resolve() {
    if (envName != null) {
      String value = scope.env().apply(envName);
      if (value == null) {
        throw unresolvable(
            field, "environment variable " + envName + " is not set for intake-service");
      }
      return value;
    }
    return new String(content(realFile()), StandardCharsets.UTF_8).stripTrailing();
  }

  /**
   * The file's real path, checked as {@link #resolve} checks it, and its content, size-limited:
   * what a driver that reads a file by path (a CA certificate) may be given. Only for {@code file:}
   * references.
   */
  public FileContent file() {
    if (file == null) {
      throw invalid(field, field + " must be file:NAME (a file in the secrets directory)");
    }
    Path real = realFile();
    return new FileContent(real, content(real));
  }

  /** A checked file inside the secrets directory and what it held when checked. */
  public record FileContent(Path path, byte[] content) {}

  private Path realFile() {
    Path real;
    Path root;
    try {
      root = scope.dir().orElseThrow().toRealPath();
      real = file.toRealPath();
    } catch (NoSuchFileException e) {
      throw unresolvable(field, "no such file in the secrets directory");
    } catch (IOException e) {
      throw unresolvable(field, "the file cannot be read by intake-service");
    }
    // Re-checked on the real path: a symbolic link inside the directory may point anywhere.
    if (!real.startsWith(root)) {
      throw invalid(field, field + " file: resolves to a file outside the secrets directory");
    }
    if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
      throw invalid(field, field + " file: must name a regular file");
    }
    return real;
  }

  private byte[] content(Path real) {
    byte[] content;
    try (InputStream in = Files.newInputStream(real, LinkOption.NOFOLLOW_LINKS)) {
      // Bounded read rather than a size check first: the file may grow in between.
      content = in.readNBytes(scope.maxFileBytes() + 1);
    } catch (IOException e) {
      throw unresolvable(field, "the file cannot be read by intake-service");
    }
    if (content.length > scope.maxFileBytes()) {
      throw invalid(
          field,
          field
              + " file: is larger than "
              + scope.maxFileBytes()
              + " bytes (dbarch.secrets.max-file-bytes)");
    }
    return content;
  }

  /** The reference, which is safe to store and show. */
  @Override
  public String toString() {
    return reference;
  }

  private static ProblemException invalid(String field, String message) {
    return new ProblemException(
        Problem.of(
            400,
            "Invalid request",
            message + ".",
            List.of(new Problem.FieldError(field, message))));
  }

  private static ProblemException unresolvable(String field, String message) {
    String what = "passwordRef".equals(field) ? "password reference" : field + " reference";
    return new ProblemException(
        Problem.of(
            422,
            "Unprocessable Content",
            "The " + what + " cannot be resolved: " + message + ".",
            List.of(new Problem.FieldError(field, message))));
  }
}
