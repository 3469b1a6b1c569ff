package dev.dbarch.deploychecks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The repository the checks read: its deploy/ folder, modules, poms and configuration files. */
final class Repo {

  /** The services: modules that package a Quarkus application (they name quarkus-maven-plugin). */
  static final List<String> SERVICES = services();

  /** The specialists: services that build on specialist-kit. */
  static final List<String> SPECIALISTS =
      SERVICES.stream()
          .filter(s -> pom(s).contains("<artifactId>specialist-kit</artifactId>"))
          .toList();

  private Repo() {}

  static Path root() {
    Path here = Path.of("").toAbsolutePath();
    return Files.exists(here.resolve("deploy-checks")) ? here : here.getParent();
  }

  static Path path(String relative) {
    return root().resolve(relative);
  }

  static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String pom(String module) {
    return read(path(module).resolve("pom.xml"));
  }

  /** The version every module is built with (the parent pom's). */
  static String projectVersion() {
    Matcher m =
        Pattern.compile("<artifactId>dbarch-parent</artifactId>\\s*<version>([^<]+)</version>")
            .matcher(read(path("pom.xml")));
    if (!m.find()) {
      throw new IllegalStateException("no version in the root pom");
    }
    return m.group(1);
  }

  private static List<String> services() {
    Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(read(path("pom.xml")));
    List<String> modules = m.results().map(r -> r.group(1)).toList();
    return modules.stream()
        .filter(mod -> Files.exists(path(mod).resolve("src/main/resources/application.properties")))
        .filter(mod -> pom(mod).contains("<artifactId>quarkus-maven-plugin</artifactId>"))
        .toList();
  }

  /** A properties file, or empty when absent. */
  static Properties properties(Path file) {
    Properties p = new Properties();
    if (Files.exists(file)) {
      try (var in = Files.newBufferedReader(file)) {
        p.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return p;
  }

  /** Every .java file under a module's src/main/java. */
  static List<Path> mainSources(String module) {
    Path dir = path(module).resolve("src/main/java");
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
