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

  private final String reference;
  private final Scope scope;
  private final String envName;
  private final Path file;

  private SecretReference(String reference, Scope scope, String envName, Path file) {
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

    /** Parses a reference, refusing literals and anything outside the scopes (400). */
    public SecretReference parse(String reference) {
      if (reference == null || reference.isBlank()) {
        throw invalid("passwordRef is required");
      }
      if (reference.startsWith("env:")) {
        String name = reference.substring(4);
        if (!ENV_NAME.matcher(name).matches()) {
          throw invalid("passwordRef env: must name an environment variable");
        }
        if (!name.startsWith(envPrefix) || name.length() == envPrefix.length()) {
          throw invalid(
              "passwordRef env: may only name variables starting with "
                  + envPrefix
                  + "; other variables of intake-service are out of scope");
        }
        return new SecretReference(reference, this, name, null);
      }
      if (reference.startsWith("file:")) {
        return new SecretReference(reference, this, null, file(reference.substring(5)));
      }
      throw invalid(
          "passwordRef must be env:"
              + envPrefix
              + "NAME or file:NAME (a file in the secrets directory); literal passwords are"
              + " refused");
    }

    private Path file(String name) {
      if (dir.isEmpty()) {
        throw invalid(
            "passwordRef file: references are disabled: intake-service has no secrets directory"
                + " (dbarch.secrets.dir)");
      }
      if (name.isEmpty() || name.indexOf('\0') >= 0) {
        throw invalid("passwordRef file: must name a file in the secrets directory");
      }
      Path given;
      try {
        given = Path.of(name);
      } catch (RuntimeException e) {
        throw invalid("passwordRef file: must name a file in the secrets directory");
      }
      for (Path part : given) {
        if (part.toString().equals("..")) {
          throw invalid("passwordRef file: may not contain '..'");
        }
      }
      Path root = dir.get().toAbsolutePath().normalize();
      Path resolved = root.resolve(given).normalize();
      if (!resolved.startsWith(root) || resolved.equals(root)) {
        throw invalid("passwordRef file: must name a file inside the secrets directory");
      }
      return resolved;
    }
  }

  /** The secret itself. Never log or return it. */
  public String resolve() {
    if (envName != null) {
      String value = scope.env().apply(envName);
      if (value == null) {
        throw unresolvable("environment variable " + envName + " is not set for intake-service");
      }
      return value;
    }
    Path real;
    Path root;
    try {
      root = scope.dir().orElseThrow().toRealPath();
      real = file.toRealPath();
    } catch (NoSuchFileException e) {
      throw unresolvable("no such file in the secrets directory");
    } catch (IOException e) {
      throw unresolvable("the file cannot be read by intake-service");
    }
    // Re-checked on the real path: a symbolic link inside the directory may point anywhere.
    if (!real.startsWith(root)) {
      throw invalid("passwordRef file: resolves to a file outside the secrets directory");
    }
    if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
      throw invalid("passwordRef file: must name a regular file");
    }
    byte[] content;
    try (InputStream in = Files.newInputStream(real, LinkOption.NOFOLLOW_LINKS)) {
      // Bounded read rather than a size check first: the file may grow in between.
      content = in.readNBytes(scope.maxFileBytes() + 1);
    } catch (IOException e) {
      throw unresolvable("the file cannot be read by intake-service");
    }
    if (content.length > scope.maxFileBytes()) {
      throw invalid(
          "passwordRef file: is larger than " + scope.maxFileBytes() + " bytes; not a password");
    }
    return new String(content, StandardCharsets.UTF_8).stripTrailing();
  }

  /** The reference, which is safe to store and show. */
  @Override
  public String toString() {
    return reference;
  }

  private static ProblemException invalid(String message) {
    return new ProblemException(
        Problem.of(
            400,
            "Invalid request",
            message + ".",
            List.of(new Problem.FieldError("passwordRef", message))));
  }

  private static ProblemException unresolvable(String message) {
    return new ProblemException(
        Problem.of(
            422,
            "Unprocessable Content",
            "The password reference cannot be resolved: " + message + ".",
            List.of(new Problem.FieldError("passwordRef", message))));
  }
}
