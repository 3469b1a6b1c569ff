package dev.dbarch.properties;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbarch.contracts.SystemKey;
import dev.dbarch.contracts.events.AssessmentRequested;
import dev.dbarch.contracts.events.Assumption;
import dev.dbarch.contracts.events.Decision;
import dev.dbarch.contracts.events.Design;
import dev.dbarch.contracts.events.Heading;
import dev.dbarch.contracts.events.Recommendation;
import dev.dbarch.contracts.events.Risk;
import dev.dbarch.contracts.events.Section;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.contracts.events.Trigger;
import dev.dbarch.contracts.requirements.Requirements;
import dev.dbarch.intake.assessment.RequirementsReader;
import dev.dbarch.intake.assessment.SchemaScripts;
import dev.dbarch.migration.rules.MigrationRules;
import dev.dbarch.performance.rules.PerformanceRules;
import dev.dbarch.report.document.ReportAssembler;
import dev.dbarch.resilience.rules.ResilienceRules;
import dev.dbarch.security.rules.SecurityRules;
import dev.dbarch.selection.rules.SelectionRules;
import dev.dbarch.workload.WorkloadThresholds;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

/**
 * The document as a reader gets it (the five specialists run in-process, the report assembles and
 * renders their verdicts) keeps five promises, for every example in {@code examples/} and for 250
 * documents of the seeded {@link RequirementsGenerator}:
 *
 * <ol>
 *   <li>no section assumes (or asks for) a fact the requirements state or another section decided,
 *       judged on each assumption's typed {@link Assumption.About}, never on its prose;
 *   <li>no fact is assumed twice and no question asked twice;
 *   <li>no two decisions set one typed {@link Design} value to different values;
 *   <li>every heading of the output format has content, not a placeholder;
 *   <li>every rule id the document uses is in the catalogue ({@code docs/rules/*.md}).
 * </ol>
 */
class DocumentInvariantsTest {

  private static final int GENERATED = 250;
  private static final int MAX_BYTES = 1_048_576;
  private static final Path ROOT = Path.of("..");
  private static final ObjectMapper JSON_WRITER = new ObjectMapper();
  private static final Validator VALIDATOR =
      Validation.byDefaultProvider()
          .configure()
          .messageInterpolator(new ParameterMessageInterpolator())
          .buildValidatorFactory()
          .getValidator();

  private static final Map<Section, Function<AssessmentRequested, SectionVerdict>> SPECIALISTS =
      new EnumMap<>(
          Map.of(
              Section.SELECTION, SelectionRules::assess,
              Section.PERFORMANCE, r -> PerformanceRules.assess(r, WorkloadThresholds.DEFAULTS),
              Section.RESILIENCE, ResilienceRules::assess,
              Section.SECURITY, SecurityRules::assess,
              Section.MIGRATION, MigrationRules::assess));

  /**
   * The placeholders the renderer writes under a heading with nothing to show. A heading that shows
   * only one of these has no content. ("Every fact the rules needed was given" is an answer, not a
   * placeholder: it tells the reader nothing was assumed.)
   */
  private static final List<String> PLACEHOLDERS =
      List.of(
          "_Nothing to decide here for this input._",
          "_No access patterns given, so no index is proposed yet._",
          "_No alternative was close enough to list._",
          "_No phased plan for this input._",
          "_No risk found for this input._",
          "_No risk reported so far._");

  /** A rule id: upper-case parts, the middle ones may hold digits (SEC-SOC2-001), three digits. */
  private static final Pattern RULE_ID = Pattern.compile("[A-Z]+(?:-[A-Z][A-Z0-9]*)+-\\d{3}");

  private static final Pattern CATALOGUE_ROW =
      Pattern.compile("(?m)^\\|\\s*`?(" + RULE_ID.pattern() + ")`?\\s*\\|");

  record Violation(String input, String invariant, String detail) {
    @Override
    public String toString() {
      return input + " [" + invariant + "] " + detail;
    }
  }

  private final List<Violation> violations = new ArrayList<>();
  private final Set<String> catalogue = catalogue();
  private int documents;

  @Test
  void everyExampleAndEveryGeneratedDocumentKeepsTheInvariants() throws IOException {
    List<Path> examples;
    try (Stream<Path> files = Files.list(ROOT.resolve("examples"))) {
      examples =
          files
              .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".json"))
              .sorted()
              .toList();
    }
    assertThat(examples).as("examples/*.yaml").isNotEmpty();
    for (Path example : examples) {
      MediaType type =
          example.toString().endsWith(".json")
              ? MediaType.APPLICATION_JSON_TYPE
              : MediaType.valueOf("application/yaml");
      check(example.getFileName().toString(), Files.readAllBytes(example), type);
    }
    for (long seed = 1; seed <= GENERATED; seed++) {
      check(
          "seed " + seed,
          json(new RequirementsGenerator(seed).document()),
          MediaType.APPLICATION_JSON_TYPE);
    }

    System.out.printf(
        "document invariants: %d documents (%d examples, %d generated); %d violations%n",
        documents, examples.size(), GENERATED, violations.size());
    Map<String, List<String>> grouped = new TreeMap<>();
    violations.forEach(
        v ->
            grouped
                .computeIfAbsent("(" + v.invariant() + ") " + v.detail(), k -> new ArrayList<>())
                .add(v.input()));
    StringBuilder report = new StringBuilder();
    grouped.forEach(
        (what, inputs) ->
            report.append(
                String.format(
                    "%n  x%d %s (e.g. %s)",
                    inputs.size(), what, inputs.subList(0, Math.min(3, inputs.size())))));
    assertThat(documents).isGreaterThanOrEqualTo(GENERATED + examples.size());
    assertThat(violations).as("document invariant violations:%s", report).isEmpty();
  }

  // ---- one document

  private void check(String input, byte[] body, MediaType type) {
    Requirements requirements = RequirementsReader.read(body, type, MAX_BYTES, VALIDATOR);
    AssessmentRequested request =
        new AssessmentRequested(
            "default",
            "assessment-" + documents,
            requirements.systemId(),
            Trigger.SUBMITTED,
            Instant.parse("2026-01-01T00:00:00Z"),
            requirements,
            SchemaScripts.parse(requirements.schema()).context());
    Map<Section, SectionVerdict> verdicts = new EnumMap<>(Section.class);
    SPECIALISTS.forEach((section, specialist) -> verdicts.put(section, specialist.apply(request)));
    Recommendation rec =
        ReportAssembler.assemble(
            SystemKey.of("default", requirements.systemId()),
            requirements.name(),
            request.assessmentId(),
            1,
            Trigger.SUBMITTED,
            verdicts,
            requirements,
            null,
            ReportAssembler.Previous.NONE);
    documents++;
    noAssumptionOfAKnownFact(input, requirements, verdicts);
    nothingAssumedOrAskedTwice(input, rec);
    noContradictoryDecisions(input, verdicts);
    everyHeadingHasContent(
        input,
        rec.markdown(),
        verdicts.get(Section.SELECTION).decisions().stream()
            .map(Decision::design)
            .filter(Objects::nonNull)
            .map(Design::engine)
            .filter(Objects::nonNull)
            .findFirst()
            .orElse(null));
    everyRuleIdIsCatalogued(input, rec);
  }

  /** (a) */
  private void noAssumptionOfAKnownFact(
      String input, Requirements requirements, Map<Section, SectionVerdict> verdicts) {
    for (SectionVerdict verdict : verdicts.values()) {
      for (Assumption a : verdict.assumptions()) {
        if (a.about() == null) {
          fail(
              input,
              "a",
              verdict.section()
                  + " "
                  + a.ruleId()
                  + " assumes '"
                  + a.fact()
                  + "' without naming which fact (about)");
          continue;
        }
        if (a.about().stated(requirements)) {
          fail(
              input,
              "a",
              verdict.section()
                  + " "
                  + a.ruleId()
                  + " assumes "
                  + a.about()
                  + ", which the requirements state");
        }
        for (SectionVerdict other : verdicts.values()) {
          if (other.section() == verdict.section()) {
            continue;
          }
          for (Decision d : other.decisions()) {
            if (a.about().decided(d.design())) {
              String detail =
                  verdict.section()
                      + " "
                      + a.ruleId()
                      + " assumes "
                      + a.about()
                      + ", which "
                      + other.section()
                      + " "
                      + d.ruleId()
                      + " decided ("
                      + d.design().canonical()
                      + ")";
              fail(input, "a", detail);
            }
          }
        }
      }
    }
  }

  /**
   * (b) On the rendered document: the assumptions table and the questions list, each row traced
   * back to the assumptions it shows, so two rows about one typed fact are duplicates however they
   * are worded.
   */
  private void nothingAssumedOrAskedTwice(String input, Recommendation rec) {
    String body = body(rec.markdown(), Heading.ASSUMPTIONS_AND_QUESTIONS);
    List<Assumption> all = rec.sections().stream().flatMap(s -> s.assumptions().stream()).toList();
    Map<String, String> shownAbout = new HashMap<>();
    Set<String> shownFacts = new HashSet<>();
    Matcher row = Pattern.compile("(?m)^\\| (.+?) \\| (.+?) \\| `([A-Z0-9-]+)` \\|$").matcher(body);
    while (row.find()) {
      String fact = row.group(1).replace("\\|", "|");
      String ruleId = row.group(3);
      if (!shownFacts.add(fact.toLowerCase(Locale.ROOT))) {
        fail(input, "b", "the fact '" + fact + "' is assumed twice");
      }
      all.stream()
          .filter(a -> a.ruleId().equals(ruleId) && inline(a.fact()).equals(fact))
          .map(DocumentInvariantsTest::identity)
          .filter(Objects::nonNull)
          .distinct()
          .forEach(
              about -> {
                String before = shownAbout.put(about, fact);
                if (before != null) {
                  fail(
                      input, "b", about + " is assumed twice: '" + before + "' and '" + fact + "'");
                }
              });
    }
    Map<String, String> askedAbout = new HashMap<>();
    Set<String> asked = new HashSet<>();
    Matcher question = Pattern.compile("(?m)^- (.+)$").matcher(body);
    while (question.find()) {
      String q = question.group(1);
      if (!asked.add(q.toLowerCase(Locale.ROOT))) {
        fail(input, "b", "the question '" + q + "' is asked twice");
      }
      all.stream()
          .filter(a -> inline(a.question()).equals(q))
          .map(DocumentInvariantsTest::identity)
          .filter(Objects::nonNull)
          .distinct()
          .forEach(
              about -> {
                String before = askedAbout.put(about, q);
                if (before != null) {
                  fail(
                      input,
                      "b",
                      "two questions about " + about + ": '" + before + "' and '" + q + "'");
                }
              });
    }
  }

  /**
   * Where in the design a value of a many-scoped field applies. Two values of one scope differ only
   * as contradictions; two of different scopes combine (docs/events.md, "Design"). Layout values
   * (partitions inside a server) may differ between tables, so they combine with each other too.
   */
  private static String scope(Object value) {
    if (value instanceof Design.Replication r) {
      return switch (r) {
        case SYNC_STANDBY, ASYNC_REPLICAS -> "in-region";
        case CROSS_REGION_ASYNC -> "cross-region";
        case CONSENSUS, NONE -> "whole";
      };
    }
    if (value instanceof Design.Partitioning p) {
      return switch (p) {
        case RANGE_TIME, HASH -> "layout";
        case SHARDING_PLANNED, SHARDED -> "scale-out";
        case NONE -> "whole";
      };
    }
    return "whole";
  }

  /** (c) Every typed value set by more than one decision is set to the same value. */
  private void noContradictoryDecisions(String input, Map<Section, SectionVerdict> verdicts) {
    Map<String, Map<Object, String>> byField = new TreeMap<>();
    for (SectionVerdict verdict : verdicts.values()) {
      for (Decision d : verdict.decisions()) {
        if (d.design() == null) {
          continue;
        }
        for (var component : Design.class.getRecordComponents()) {
          Object value;
          try {
            value = component.getAccessor().invoke(d.design());
          } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
          }
          if (value != null) {
            byField
                .computeIfAbsent(component.getName(), k -> new LinkedHashMap<>())
                .merge(value, verdict.section() + " " + d.ruleId(), (x, y) -> x + ", " + y);
          }
        }
      }
    }
    byField.forEach(
        (field, values) -> {
          List<Object> distinct = List.copyOf(values.keySet());
          for (int i = 0; i < distinct.size(); i++) {
            for (int j = i + 1; j < distinct.size(); j++) {
              Object a = distinct.get(i);
              Object b = distinct.get(j);
              boolean combine =
                  !scope(a).equals(scope(b))
                          && !scope(a).equals("whole")
                          && !scope(b).equals("whole")
                      || scope(a).equals("layout") && scope(b).equals("layout");
              if (combine) {
                continue;
              }
              String detail =
                  field
                      + " "
                      + a
                      + " ("
                      + values.get(a)
                      + ") against "
                      + b
                      + " ("
                      + values.get(b)
                      + ")";
              fail(input, "c", detail);
            }
          }
        });
  }

  /** (d) */
  private void everyHeadingHasContent(String input, String markdown, Design.Engine engine) {
    for (Heading heading : Heading.values()) {
      String body = body(markdown, heading).strip();
      if (body.isEmpty() || PLACEHOLDERS.contains(body)) {
        fail(
            input,
            "d",
            heading.title()
                + " has no content"
                + (body.isEmpty() ? "" : ": " + body)
                + " (engine "
                + engine
                + ")");
      }
    }
  }

  /** (e) */
  private void everyRuleIdIsCatalogued(String input, Recommendation rec) {
    Set<String> used = new LinkedHashSet<>();
    for (SectionVerdict s : rec.sections()) {
      s.decisions().forEach(d -> used.add(d.ruleId()));
      s.indexes().forEach(i -> used.add(i.ruleId()));
      s.risks().forEach(r -> used.add(r.ruleId()));
      s.assumptions().forEach(a -> used.add(a.ruleId()));
    }
    rec.risks().stream().map(Risk::ruleId).forEach(used::add);
    Matcher inText = Pattern.compile("`(" + RULE_ID.pattern() + ")`").matcher(rec.markdown());
    while (inText.find()) {
      used.add(inText.group(1));
    }
    for (String id : used) {
      if (!catalogue.contains(id)) {
        fail(input, "e", id + " is not in docs/rules/*.md");
      }
    }
  }

  // ---- helpers

  private void fail(String input, String invariant, String detail) {
    violations.add(new Violation(input, invariant, detail));
  }

  /** The text under {@code heading}, up to the next heading. */
  private static String body(String markdown, Heading heading) {
    String start = "\n### " + heading.title() + "\n";
    int at = markdown.indexOf(start);
    assertThat(at).as("heading %s", heading.title()).isNotNegative();
    int from = at + start.length();
    int next = markdown.indexOf("\n### ", from);
    return markdown.substring(from, next < 0 ? markdown.length() : next);
  }

  private static Set<String> catalogue() {
    Set<String> ids = new HashSet<>();
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs/rules"))) {
      for (Path doc : docs.filter(p -> p.toString().endsWith(".md")).toList()) {
        Matcher m = CATALOGUE_ROW.matcher(Files.readString(doc));
        while (m.find()) {
          ids.add(m.group(1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(ids).as("rule ids in docs/rules/*.md").hasSizeGreaterThan(50);
    return ids;
  }

  /**
   * Which fact an assumption is about, typed: its {@link Assumption.About}, and for a per-subject
   * fact (an access pattern, a relationship) also its subject as the fact names it.
   */
  private static String identity(Assumption a) {
    if (a.about() == null) {
      return null;
    }
    return a.about().perSubject() ? a.about() + ": " + a.fact() : a.about().name();
  }

  private static String inline(String text) {
    return text == null ? "" : text.replaceAll("\\s*\\R\\s*", " ").strip();
  }

  private static byte[] json(Map<String, Object> doc) {
    try {
      return JSON_WRITER.writeValueAsBytes(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
