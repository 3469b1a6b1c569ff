package dev.dbarch.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.dbarch.contracts.rules.Rule;
import dev.dbarch.contracts.rules.RuleBook;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * The two checks every rule book gets, written once: its catalogue in {@code docs/rules/} lists
 * exactly its rules with the same text (both ways), and every rule fires on some input and stays
 * silent on a near miss.
 */
public final class RuleBookChecks {

  private RuleBookChecks() {}

  /**
   * How one rule is proven: an input that fires it and a near miss (the same kind of input just on
   * the other side of its condition) that does not. A rule that speaks for every input has no near
   * miss and says why; a rule whose input is not a document is proven by another test, named here.
   */
  public record FiringCase(String fires, String nearMiss, String why, Class<?> provenBy) {

    public static FiringCase of(String fires, String nearMiss) {
      return new FiringCase(fires, nearMiss, null, null);
    }

    /** A rule that fires on every input by design (why says which design). */
    public static FiringCase always(String fires, String why) {
      return new FiringCase(fires, null, why, null);
    }

    /**
     * A rule whose input is not a requirements document, fired and near-missed by {@code test},
     * whose source must name the rule.
     */
    public static FiringCase provenBy(Class<?> test) {
      return new FiringCase(null, null, null, test);
    }

    /**
     * A rule another part registers and proves with its own firing test (schema-kit's rules), which
     * this part only relays; {@code relayTest} shows the relay for every such rule.
     */
    public static FiringCase relayed(Class<?> relayTest, String owner) {
      return new FiringCase(null, null, owner, relayTest);
    }
  }

  private static final Pattern ROW =
      Pattern.compile("(?m)^\\|\\s*`?([A-Z]+(?:-[A-Z0-9]+)+-\\d{3})`?\\s*\\|\\s*([^|]*?)\\s*\\|");

  /**
   * The catalogue rows in {@code doc} whose id matches {@code ids}: the first row of each id, id to
   * its second column. Later rows of the same id (an assumptions table) only count as a mention.
   */
  public static Map<String, String> catalogueRows(Path doc, Pattern ids) {
    String text;
    try {
      text = Files.readString(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> rows = new LinkedHashMap<>();
    Matcher m = ROW.matcher(text);
    while (m.find()) {
      if (ids.matcher(m.group(1)).matches()) {
        rows.putIfAbsent(m.group(1), m.group(2));
      }
    }
    return rows;
  }

  /**
   * {@code doc} has a row for every rule of {@code book} whose second column is the rule's {@code
   * decides} text, and no row (of an id matching {@code ids}) for a rule the book does not have.
   */
  public static void assertCatalogueMatches(RuleBook book, Path doc, Pattern ids) {
    Map<String, String> rows = catalogueRows(doc, ids);
    assertThat(rows.keySet())
        .as("rule ids in %s against the %s rule book", doc, book.name())
        .containsExactlyInAnyOrderElementsOf(book.ids());
    for (Rule rule : book.rules()) {
      assertThat(rows.get(rule.id()))
          .as("%s: the catalogue's text in %s", rule.id(), doc)
          .isEqualTo(rule.decides());
      assertThat(rule.id()).matches(ids);
    }
  }

  /**
   * The source of a test class of the module under test ({@code src/test/java/...}, the module
   * being the working directory as surefire runs it): a rule proven elsewhere must at least be
   * named there, so deleting that test's case cannot leave the rule unproven unnoticed.
   */
  static String testSource(Class<?> test) {
    Class<?> outer = test;
    while (outer.getEnclosingClass() != null) {
      outer = outer.getEnclosingClass();
    }
    Path source = Path.of("src", "test", "java", outer.getName().replace('.', '/') + ".java");
    try {
      return Files.readString(source);
    } catch (IOException e) {
      throw new UncheckedIOException("the proving test's source " + source + " is not readable", e);
    }
  }

  /**
   * One dynamic test per rule of {@code book}: it fires on its case's input and is silent on the
   * near miss. {@code firedIds} runs the part under test on one input and answers the rule ids that
   * produced anything. The cases must name exactly the book's rules.
   */
  public static Stream<DynamicTest> everyRuleFiresAndMissesNarrowly(
      RuleBook book, Map<String, FiringCase> cases, Function<String, Collection<String>> firedIds) {
    assertThat(cases.keySet())
        .as("firing cases for the %s rule book", book.name())
        .containsExactlyInAnyOrderElementsOf(book.ids());
    List<DynamicTest> tests = new ArrayList<>();
    for (Rule rule : book.rules()) {
      FiringCase c = cases.get(rule.id());
      if (c.provenBy() != null && c.why() != null) {
        tests.add(
            dynamicTest(
                rule.id()
                    + " is "
                    + c.why()
                    + "'s, relayed as "
                    + c.provenBy().getSimpleName()
                    + " shows",
                () -> assertThat(testSource(c.provenBy())).isNotBlank()));
        continue;
      }
      if (c.provenBy() != null) {
        tests.add(
            dynamicTest(
                rule.id() + " is proven by " + c.provenBy().getSimpleName(),
                () ->
                    assertThat(testSource(c.provenBy()))
                        .as(c.provenBy() + " names the rule")
                        .contains(rule.id())));
        continue;
      }
      tests.add(
          dynamicTest(
              rule.id() + " fires",
              () -> assertThat(firedIds.apply(c.fires())).as(c.fires()).contains(rule.id())));
      if (c.nearMiss() == null) {
        tests.add(
            dynamicTest(
                rule.id() + " speaks for every input: " + c.why(),
                () -> {
                  assertThat(c.why()).isNotBlank();
                  assertThat(firedIds.apply("")).contains(rule.id());
                }));
      } else {
        tests.add(
            dynamicTest(
                rule.id() + " is silent on the near miss",
                () ->
                    assertThat(firedIds.apply(c.nearMiss()))
                        .as(c.nearMiss())
                        .doesNotContain(rule.id())));
      }
    }
    return tests.stream();
  }
}
