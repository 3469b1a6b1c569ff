package dev.dbarch.e2e;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One packaged Quarkus service ({@code quarkus-run.jar}) run as its own process. */
final class ServiceProcess {

  private final String name;
  private final Path jar;
  private final int port;
  private final Path logFile;
  private Process process;
  private long launchedAt;
  private Duration startupTime;

  ServiceProcess(String name, Path jar, int port, Path logFile) {
    this.name = name;
    this.jar = jar;
    this.port = port;
    this.logFile = logFile;
  }

  private Map<String, String> env = Map.of();
  private final Map<String, String> added = new java.util.LinkedHashMap<>();

  /** Variables every start of this service gets besides those {@link #start} is given. */
  void addEnvironment(Map<String, String> variables) {
    added.putAll(variables);
  }

  /** Starts the service again with the environment of its first start. */
  void restart() throws IOException {
    start(env);
  }

  void start(Map<String, String> env) throws IOException {
    this.env = Map.copyOf(env);
    startupTime = null;
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-XX:+UseSerialGC");
    command.add("-XX:+ExitOnOutOfMemoryError");
    command.add("-Dquarkus.http.port=" + port);
    command.add("-jar");
    command.add(jar.toString());
    ProcessBuilder builder = new ProcessBuilder(command).directory(jar.getParent().toFile());
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    builder.environment().remove("JDK_JAVA_OPTIONS");
    builder.environment().putAll(added);
    builder.environment().putAll(env);
    builder.redirectErrorStream(true);
    // Appended, so a restarted service keeps the log of its previous run.
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    launchedAt = System.nanoTime();
    process = builder.start();
  }

  /**
   * Whether {@code /q/health} answers UP; records the startup time the first time it does.
   *
   * @throws IllegalStateException if the process has exited
   */
  boolean healthy(HttpClient http) {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          name
              + " exited with code "
              + process.exitValue()
              + "; log "
              + logFile
              + ":\n"
              + tail(40));
    }
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health"))
                  .timeout(Duration.ofSeconds(3))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      boolean up =
          response.statusCode() == 200
              && response.body().replace(" ", "").contains("\"status\":\"UP\"");
      if (up && startupTime == null) {
        startupTime = Duration.ofNanos(System.nanoTime() - launchedAt);
      }
      return up;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** SIGTERM, then SIGKILL after the timeout; waits until the process is gone. */
  void stop(Duration timeout) {
    if (process == null) {
      return;
    }
    try {
      if (process.isAlive()) {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          System.out.println(name + " did not stop within " + timeout + "; killing it");
          process.destroyForcibly();
          process.waitFor(10, TimeUnit.SECONDS);
        }
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** Sends SIGTERM without waiting; for stopping several services in parallel. */
  void signalStop() {
    if (process != null && process.isAlive()) {
      process.destroy();
    }
  }

  void kill() {
    if (process != null) {
      process.destroyForcibly();
    }
  }

  boolean isAlive() {
    return process != null && process.isAlive();
  }

  String name() {
    return name;
  }

  int port() {
    return port;
  }

  long pid() {
    return process == null ? -1 : process.pid();
  }

  String baseUrl() {
    return "http://localhost:" + port;
  }

  Path logFile() {
    return logFile;
  }

  Duration startupTime() {
    return startupTime;
  }

  String tail(int lines) {
    return tail(logFile, lines);
  }

  static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | RuntimeException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }

  /** Resident set size in KiB from /proc/&lt;pid&gt;/status, or -1 if unknown. */
  static long rssKib(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // not on Linux, or gone
    }
    return -1;
  }
}
