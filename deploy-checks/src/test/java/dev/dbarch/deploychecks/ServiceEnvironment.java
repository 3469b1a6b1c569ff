package dev.dbarch.deploychecks;

import dev.dbarch.contracts.kafka.KafkaSecurity;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment variables one service reads, derived from its code and configuration and those of
 * the modules it is built from (never listed by hand):
 *
 * <ul>
 *   <li>{@link KafkaSecurity}'s variables, each also as {@code _FILE};
 *   <li>{@code ${NAME}} expressions of the properties files, and each property's own environment
 *       name ({@code KAFKA_BOOTSTRAP_SERVERS} for {@code kafka.bootstrap.servers});
 *   <li>the environment names of {@code @ConfigMapping} interfaces ({@code dbarch.topics} with
 *       {@code provision()} is {@code DBARCH_TOPICS_PROVISION});
 *   <li>variable names a configuration source reads, as string constants in the code ({@code
 *       "DBARCH_OTEL_ENDPOINT"}); a constant ending in {@code _} is a prefix.
 * </ul>
 */
record ServiceEnvironment(
    String service,
    Set<String> names,
    Set<String> prefixes,
    List<ServiceEnvironment.Mapping> mappings) {

  /** Read by the JVM itself, not by a service's configuration. */
  static final Set<String> JVM = Set.of("JAVA_TOOL_OPTIONS");

  private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");
  private static final Pattern CONSTANT = Pattern.compile("\"((?:DBARCH|QUARKUS)_[A-Z0-9_]+)\"");
  private static final Pattern MAPPING =
      Pattern.compile("@ConfigMapping\\(prefix\\s*=\\s*\"([^\"]+)\"\\)");
  private static final Pattern METHOD = Pattern.compile("\\b([a-z][A-Za-z0-9]*)\\(\\)\\s*;");
  private static final Pattern DEPENDENCY =
      Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);
  private static final Pattern MODULE =
      Pattern.compile("<groupId>dev\\.dbarch</groupId>\\s*<artifactId>([^<]+)</artifactId>");

  boolean reads(String variable) {
    return JVM.contains(variable)
        || names.contains(variable)
        || prefixes.stream().anyMatch(variable::startsWith)
        || mappings.stream().anyMatch(m -> m.reads(variable));
  }

  static ServiceEnvironment of(String service) {
    Set<String> names = new TreeSet<>();
    Set<String> prefixes = new TreeSet<>();
    for (Field f : KafkaSecurity.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        String v = constant(f);
        if (v.startsWith("DBARCH_")) {
          names.add(v);
          names.add(v + "_FILE");
        }
      }
    }
    List<Mapping> found = new ArrayList<>();
    for (String module : modules(service)) {
      Path resources = Repo.path(module).resolve("src/main/resources");
      for (Path file :
          List.of(
              resources.resolve("application.properties"),
              resources.resolve("META-INF/microprofile-config.properties"))) {
        if (!Files.exists(file)) {
          continue;
        }
        Properties p = Repo.properties(file);
        for (String key : p.stringPropertyNames()) {
          String property = key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key;
          names.add(envName(property));
          EXPRESSION.matcher(p.getProperty(key)).results().forEach(r -> names.add(r.group(1)));
        }
      }
      for (Path source : Repo.mainSources(module)) {
        String code = Repo.read(source);
        CONSTANT
            .matcher(code)
            .results()
            .map(r -> r.group(1))
            .forEach(c -> (c.endsWith("_") ? prefixes : names).add(c));
        Matcher mapping = MAPPING.matcher(code);
        if (mapping.find()) {
          Set<String> methods = new TreeSet<>();
          METHOD.matcher(code).results().forEach(r -> methods.add(envName(kebab(r.group(1)))));
          found.add(new Mapping(envName(mapping.group(1)) + "_", methods));
        }
      }
    }
    return new ServiceEnvironment(service, names, prefixes, found);
  }

  /** A {@code @ConfigMapping}: its prefix and the names of its (nested) methods. */
  record Mapping(String prefix, Set<String> methods) {
    boolean reads(String variable) {
      return variable.startsWith(prefix) && segments(variable.substring(prefix.length()));
    }

    /** Whether {@code rest} is method names joined by {@code _} (nested groups). */
    private boolean segments(String rest) {
      if (methods.contains(rest)) {
        return true;
      }
      for (String m : methods) {
        if (rest.startsWith(m + "_") && segments(rest.substring(m.length() + 1))) {
          return true;
        }
      }
      return false;
    }
  }

  /** The service's module and every dbarch module it is built from. */
  static Set<String> modules(String service) {
    Set<String> modules = new TreeSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of(service));
    while (!todo.isEmpty()) {
      String module = todo.pop();
      if (!modules.add(module) || !Files.exists(Repo.path(module).resolve("pom.xml"))) {
        continue;
      }
      // What the module runs with: its dbarch dependencies outside the test scope.
      for (var dependency : DEPENDENCY.matcher(Repo.pom(module)).results().toList()) {
        Matcher m = MODULE.matcher(dependency.group(1));
        if (m.find() && !dependency.group(1).contains("<scope>test</scope>")) {
          todo.push(m.group(1));
        }
      }
    }
    modules.removeIf(m -> !Files.exists(Repo.path(m).resolve("pom.xml")));
    return modules;
  }

  /** How SmallRye Config names a property in the environment. */
  static String envName(String property) {
    return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
  }

  private static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  private static String constant(Field f) {
    try {
      return (String) f.get(null);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }
}
