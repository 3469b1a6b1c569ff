package dev.dbarch.selection.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The rule ids as the rule classes spell them, and as the catalogue lists them. */
final class RuleIds {

  static final Pattern RULE_ID = Pattern.compile("SEL-[A-Z]+-\\d{3}");
  static final Path SOURCES = Path.of("src", "main", "java", "dev", "dbarch", "selection", "rules");
  static final Path CATALOGUE = Path.of("..", "docs", "rules", "selection.md");

  private RuleIds() {}

  /** Every id a rule class can emit: each string literal of the form SEL-XXX-000. */
  static Set<String> inSource() {
    Set<String> ids = new TreeSet<>();
    try (Stream<Path> files = Files.list(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        Matcher m =
            Pattern.compile("\"(" + RULE_ID.pattern() + ")\"").matcher(Files.readString(file));
        while (m.find()) {
          ids.add(m.group(1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ids;
  }

  /** Every id the catalogue names. */
  static Set<String> inCatalogue() {
    Set<String> ids = new TreeSet<>();
    try {
      Matcher m = RULE_ID.matcher(Files.readString(CATALOGUE));
      while (m.find()) {
        ids.add(m.group());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ids;
  }
}
