package dev.dbarch.lint.cli;

import dev.dbarch.lint.Dialect;
import dev.dbarch.lint.LintReport;
import dev.dbarch.lint.Linter;
import dev.dbarch.lint.Severity;
import dev.dbarch.lint.context.LintContext;
import dev.dbarch.lint.output.Formats;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./dbarch check-migration FILE.sql [--system ID] [--dialect D] [--server-version N]
 * [--fail-on low|medium|high] [--format text|json|sarif|markdown]}: lints a migration offline, or,
 * with {@code --system}, through the running intake service against that system's live catalog and
 * targets. Exit codes: 0 nothing at or above {@code --fail-on}, 1 a finding at or above it stands,
 * 2 bad usage or unreadable input, 3 the intake service could not answer.
 */
public final class CheckMigration {

  public static final int OK = 0;
  public static final int FINDINGS = 1;
  public static final int USAGE = 2;
  public static final int UNAVAILABLE = 3;

  static final String USAGE_TEXT =
      """
      Usage: ./dbarch check-migration FILE.sql [options]
        --system ID            check against that system's live catalog and targets
                               (calls the running intake service)
        --dialect D            POSTGRESQL (default), MYSQL or MARIADB
        --server-version N     the server version to follow (e.g. 15, 8.0, 10.11)
        --fail-on LEVEL        low, medium or high (default high): exit 1 when a finding at or
                               above it is not suppressed
        --format F             text (default), json, sarif or markdown
        --intake URL           the intake service (default $DBARCH_INTAKE_URL or http://localhost:8080)
      FILE.sql may be - for standard input. With --system the bearer token (role submitter) comes
      from $DBARCH_TOKEN; ./dbarch check-migration mints a local one when it is unset.
      """;

  private CheckMigration() {}

  public static void main(String[] args) {
    System.exit(
        run(
            args,
            System.out,
            System.err,
            System.getenv("DBARCH_INTAKE_URL"),
            System.getenv("DBARCH_TOKEN")));
  }

  /** The options, as read from the command line. */
  record Options(
      String file,
      String system,
      Dialect dialect,
      String serverVersion,
      Severity failOn,
      String format,
      String intake) {}

  /** Runs the command without a bearer token; returns its exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err, String intakeFromEnv) {
    return run(args, out, err, intakeFromEnv, null);
  }

  /**
   * Runs the command; returns its exit code. The token (never an argument, so it stays out of
   * process listings) authenticates the call to intake when {@code --system} is given.
   */
  public static int run(
      String[] args, PrintStream out, PrintStream err, String intakeFromEnv, String token) {
    Options options;
    try {
      options = parse(args, intakeFromEnv);
    } catch (IllegalArgumentException e) {
      err.println("check-migration: " + e.getMessage());
      err.print(USAGE_TEXT);
      return USAGE;
    }
    if (options == null) {
      out.print(USAGE_TEXT);
      return OK;
    }
    String script;
    try {
      script =
          options.file().equals("-")
              ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
              : Files.readString(Path.of(options.file()), StandardCharsets.UTF_8);
    } catch (IOException e) {
      err.println("check-migration: cannot read " + options.file() + ": " + e.getMessage());
      return USAGE;
    }
    String source =
        options.file().equals("-") ? "stdin" : Path.of(options.file()).getFileName().toString();
    if (options.system() != null) {
      return remote(options, script, token, out, err);
    }
    LintContext context;
    try {
      context = LintContext.of(options.dialect(), options.serverVersion(), null, null);
    } catch (IllegalArgumentException e) {
      err.println("check-migration: " + e.getMessage());
      return USAGE;
    }
    Linter linter = new Linter();
    LintReport report = linter.lint(script, context);
    out.print(render(report, options.format(), source, linter));
    return report.failsAt(options.failOn()) ? FINDINGS : OK;
  }

  static String render(LintReport report, String format, String source, Linter linter) {
    return switch (format) {
      case "json" -> Formats.json(report) + "\n";
      case "sarif" -> Formats.sarif(report, source, linter.registry()) + "\n";
      case "markdown" -> Formats.markdown(report, source);
      default -> Formats.text(report, source);
    };
  }

  static Options parse(String[] args, String intakeFromEnv) {
    String file = null;
    String system = null;
    Dialect dialect = Dialect.POSTGRESQL;
    String version = null;
    Severity failOn = Severity.HIGH;
    String format = "text";
    String intake =
        intakeFromEnv == null || intakeFromEnv.isBlank() ? "http://localhost:8080" : intakeFromEnv;
    List<String> rest = new ArrayList<>(List.of(args));
    for (int i = 0; i < rest.size(); i++) {
      String a = rest.get(i);
      switch (a) {
        case "-h", "--help" -> {
          return null;
        }
        case "--system" -> system = value(rest, ++i, a);
        case "--dialect" -> dialect = Dialect.parse(value(rest, ++i, a));
        case "--server-version" -> version = value(rest, ++i, a);
        case "--fail-on" -> failOn = Severity.parse(value(rest, ++i, a));
        case "--format" -> {
          format = value(rest, ++i, a).toLowerCase(Locale.ROOT);
          if (!List.of("text", "json", "sarif", "markdown").contains(format)) {
            throw new IllegalArgumentException(
                "unknown format '" + format + "'; use text, json, sarif or markdown");
          }
        }
        case "--intake" -> intake = value(rest, ++i, a);
        default -> {
          if (a.startsWith("--")) {
            throw new IllegalArgumentException("unknown option " + a);
          }
          if (file != null) {
            throw new IllegalArgumentException(
                "one file at a time (got " + file + " and " + a + ")");
          }
          file = a;
        }
      }
    }
    if (file == null) {
      throw new IllegalArgumentException("no FILE.sql given");
    }
    if (system != null && !system.matches("[a-z0-9][a-z0-9-]{0,63}")) {
      throw new IllegalArgumentException("--system must be a system id such as shop-platform");
    }
    return new Options(file, system, dialect, version, failOn, format, intake);
  }

  private static String value(List<String> args, int i, String option) {
    if (i >= args.size()) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args.get(i);
  }

  /** Asks the intake service; the severity header decides the exit code. */
  private static int remote(
      Options options, String script, String token, PrintStream out, PrintStream err) {
    String accept =
        switch (options.format()) {
          case "json" -> "application/json";
          case "sarif" -> "application/sarif+json";
          default -> "text/markdown";
        };
    StringBuilder url =
        new StringBuilder(options.intake().replaceAll("/+$", ""))
            .append("/api/v1/migrations/check?systemId=")
            .append(URLEncoder.encode(options.system(), StandardCharsets.UTF_8))
            .append("&dialect=")
            .append(options.dialect().name());
    if (options.serverVersion() != null) {
      url.append("&serverVersion=")
          .append(URLEncoder.encode(options.serverVersion(), StandardCharsets.UTF_8));
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url.toString()))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/sql")
            .header("Accept", accept)
            .POST(HttpRequest.BodyPublishers.ofString(script, StandardCharsets.UTF_8));
    if (token != null && !token.isBlank()) {
      request.header("Authorization", "Bearer " + token.strip());
    }
    try {
      HttpResponse<String> response =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(10))
              .build()
              .send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (response.statusCode() == 401 || response.statusCode() == 403) {
        err.println(
            "check-migration: the intake service refused the call ("
                + response.statusCode()
                + "): set DBARCH_TOKEN to a token with the submitter role of the system's tenant"
                + " (./dbarch token submitter).");
        return USAGE;
      }
      if (response.statusCode() != 200) {
        err.println(
            "check-migration: the intake service answered "
                + response.statusCode()
                + ": "
                + response.body());
        return response.statusCode() >= 500 ? UNAVAILABLE : USAGE;
      }
      out.print(response.body());
      if (!response.body().endsWith("\n")) {
        out.println();
      }
      String highest = response.headers().firstValue("X-Dbarch-Highest-Severity").orElse("NONE");
      return !highest.equals("NONE") && Severity.parse(highest).atLeast(options.failOn())
          ? FINDINGS
          : OK;
    } catch (IOException e) {
      err.println(
          "check-migration: cannot reach the intake service at "
              + options.intake()
              + " ("
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
              + "); is dbarch running (./dbarch up)?");
      return UNAVAILABLE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return UNAVAILABLE;
    }
  }
}
