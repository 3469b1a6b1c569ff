package dev.dbarch.intake.monitor;

import dev.dbarch.servicekit.problem.Problem;
import dev.dbarch.servicekit.problem.ProblemException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A password given by reference: {@code env:NAME} (an environment variable of the intake process)
 * or {@code file:/absolute/path} (a file's content, trailing newline removed). Literal passwords
 * are refused, so a secret never travels through the API, the monitors topic or a log line.
 */
public final class SecretReference {

  static final Pattern FORMAT = Pattern.compile("env:[A-Za-z_][A-Za-z0-9_]*|file:/.+");

  private final String reference;
  private final Function<String, String> environment;

  private SecretReference(String reference, Function<String, String> environment) {
    this.reference = reference;
    this.environment = environment;
  }

  /** Parses a reference, refusing anything that looks like a literal password. */
  public static SecretReference parse(String reference) {
    return parse(reference, System::getenv);
  }

  static SecretReference parse(String reference, Function<String, String> environment) {
    if (reference == null || !FORMAT.matcher(reference).matches()) {
      throw invalid(
          "passwordRef must be env:NAME or file:/absolute/path; literal passwords are refused");
    }
    return new SecretReference(reference, environment);
  }

  /** The secret itself. Never log or return it. */
  public String resolve() {
    if (reference.startsWith("env:")) {
      String name = reference.substring(4);
      String value = environment.apply(name);
      if (value == null) {
        throw unresolvable("environment variable " + name + " is not set for intake-service");
      }
      return value;
    }
    Path file = Path.of(reference.substring(5));
    try {
      return Files.readString(file, StandardCharsets.UTF_8).stripTrailing();
    } catch (IOException e) {
      throw unresolvable("file " + file + " cannot be read by intake-service");
    }
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
