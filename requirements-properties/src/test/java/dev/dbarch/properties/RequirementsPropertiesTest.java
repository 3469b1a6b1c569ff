package dev.dbarch.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.dbarch.contracts.events.AssessmentRequested;
import dev.dbarch.contracts.events.Section;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.contracts.events.Trigger;
import dev.dbarch.contracts.requirements.Requirements;
import dev.dbarch.intake.assessment.RequirementsReader;
import dev.dbarch.intake.assessment.SchemaScripts;
import dev.dbarch.migration.rules.MigrationRules;
import dev.dbarch.performance.rules.PerformanceRules;
import dev.dbarch.resilience.rules.ResilienceRules;
import dev.dbarch.security.rules.SecurityRules;
import dev.dbarch.selection.rules.SelectionRules;
import dev.dbarch.servicekit.problem.Problem;
import dev.dbarch.servicekit.problem.ProblemException;
import dev.dbarch.workload.WorkloadThresholds;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Properties of the requirements model, over documents from a seeded generator (fixed seeds, so a
 * failure is reproduced by its seed): what intake accepts, every specialist assesses without an
 * exception; a valid document with one value made invalid is refused, naming that value's field.
 */
class RequirementsPropertiesTest {

  private static final int CASES = 400;
  private static final int MAX_BYTES = 1_048_576;
  private static final MediaType JSON = MediaType.APPLICATION_JSON_TYPE;
  private static final MediaType YAML = MediaType.valueOf("application/yaml");
  // Plain writers: dbarch's own mapper leaves nulls out, and the nulls are what is tested.
  private static final ObjectMapper JSON_WRITER = new ObjectMapper();
  private static final ObjectMapper YAML_WRITER = new YAMLMapper();
  private static final Map<Section, Integer> VERDICTS = new EnumMap<>(Section.class);
  private static int refused;

  private static final Validator VALIDATOR =
      Validation.byDefaultProvider()
          .configure()
          .messageInterpolator(new ParameterMessageInterpolator())
          .buildValidatorFactory()
          .getValidator();

  private static final Map<Section, Function<AssessmentRequested, SectionVerdict>> SPECIALISTS =
      Map.of(
          Section.SELECTION, SelectionRules::assess,
          Section.PERFORMANCE, r -> PerformanceRules.assess(r, WorkloadThresholds.DEFAULTS),
          Section.RESILIENCE, ResilienceRules::assess,
          Section.SECURITY, SecurityRules::assess,
          Section.MIGRATION, MigrationRules::assess);

  @Test
  void everyAcceptedDocumentIsAssessedByEverySpecialist() {
    for (long seed = 1; seed <= CASES; seed++) {
      Map<String, Object> doc = new RequirementsGenerator(seed).document();
      MediaType type = seed % 4 == 0 ? YAML : JSON;
      Requirements requirements;
      try {
        requirements = RequirementsReader.read(bytes(doc, type), type, MAX_BYTES, VALIDATOR);
      } catch (ProblemException e) {
        fail("seed %d: a valid document was refused: %s%n%s", seed, e.problem(), doc);
        return;
      }
      AssessmentRequested request =
          new AssessmentRequested(
              "tenant-" + (seed % 3),
              "assessment-" + seed,
              requirements.systemId(),
              Trigger.SUBMITTED,
              Instant.parse("2026-01-01T00:00:00Z"),
              requirements,
              SchemaScripts.parse(requirements.schema()).context());
      for (Map.Entry<Section, Function<AssessmentRequested, SectionVerdict>> specialist :
          SPECIALISTS.entrySet()) {
        SectionVerdict verdict;
        try {
          verdict = specialist.getValue().apply(request);
        } catch (RuntimeException e) {
          throw new AssertionError(
              "seed " + seed + ": " + specialist.getKey() + " threw on an accepted document " + doc,
              e);
        }
        assertThat(verdict.section()).as("seed %d", seed).isEqualTo(specialist.getKey());
        assertThat(verdict.assessmentId()).as("seed %d", seed).isEqualTo("assessment-" + seed);
        VERDICTS.merge(specialist.getKey(), 1, Integer::sum);
      }
    }
  }

  /** One way of breaking a document: where, and what a client sees named. */
  private record Mutation(String name, Function<Map<String, Object>, String> apply) {}

  private static final List<Mutation> MUTATIONS =
      List.of(
          new Mutation("null access pattern", d -> nullElement(d, "accessPatterns", null)),
          new Mutation(
              "null sensitive field", d -> nullElement(d, "compliance", "sensitiveFields")),
          new Mutation(
              "blank sensitive field", d -> element(d, "compliance", "sensitiveFields", "   ")),
          new Mutation("null regime", d -> nullElement(d, "compliance", "regimes")),
          new Mutation("null residency", d -> nullElement(d, "availability", "dataResidency")),
          new Mutation(
              "null existing database", d -> nullElement(d, "platform", "existingDatabases")),
          new Mutation("null statement", d -> nullElement(d, "diagnostics", "statements")),
          new Mutation("null filter", RequirementsPropertiesTest::nullFilter),
          new Mutation(
              "negative rate",
              d -> {
                Map<String, Object> pattern = new LinkedHashMap<>();
                pattern.put("perSecond", -2);
                return element(d, "accessPatterns", null, pattern) + ".perSecond";
              }),
          new Mutation(
              "statement without calls",
              d -> {
                Map<String, Object> statement = new LinkedHashMap<>();
                statement.put("query", "SELECT 1");
                return element(d, "diagnostics", "statements", statement) + ".calls";
              }),
          new Mutation("null table rows", d -> nullValue(d, "scale", "tableRows", "orders")),
          new Mutation("null area level", d -> nullValue(d, "consistency", "perArea", "inventory")),
          new Mutation("negative peak", d -> set(d, "workload", "peakQps", -1)),
          new Mutation("deep relationships", d -> set(d, "dataShape", "relationshipDepth", 101)),
          new Mutation("unknown workload type", d -> set(d, "workload", "type", "STREAMING")),
          new Mutation("zero latency", d -> set(d, "latency", "p99ReadMs", 0)),
          new Mutation("text for a number", d -> set(d, "workload", "peakQps", "many")),
          new Mutation("list for a string", d -> set(d, "platform", "cloud", List.of("AWS"))),
          new Mutation(
              "bad memory", d -> set(d, "diagnostics", "settings", Map.of("workMem", "x"))),
          new Mutation(
              "no dialect", d -> set(d, "schema", null, Map.of("ddl", "CREATE TABLE t();"))),
          new Mutation(
              "unknown field",
              d -> {
                d.put("colour", "blue");
                return "colour";
              }),
          new Mutation(
              "bad system id",
              d -> {
                d.put("systemId", "Not An Id");
                return "systemId";
              }),
          new Mutation("null instances", d -> set(d, "diagnostics", "applicationInstances", 0)));

  @Test
  void everyMutatedDocumentIsRefusedNamingTheField() {
    for (long seed = 1; seed <= CASES; seed++) {
      Mutation mutation = MUTATIONS.get((int) (seed % MUTATIONS.size()));
      Map<String, Object> doc = new RequirementsGenerator(seed).document();
      String field = mutation.apply().apply(doc);
      MediaType type = seed % 4 == 0 ? YAML : JSON;
      try {
        RequirementsReader.read(bytes(doc, type), type, MAX_BYTES, VALIDATOR);
        fail("seed %d (%s): accepted %s", seed, mutation.name(), doc);
      } catch (ProblemException e) {
        Problem problem = e.problem();
        assertThat(problem.status()).as("seed %d (%s)", seed, mutation.name()).isIn(400, 422);
        assertThat(problem.errors())
            .as("seed %d (%s): %s", seed, mutation.name(), problem)
            .isNotNull()
            .extracting(Problem.FieldError::field)
            .contains(field);
        assertThat(problem.detail())
            .as("seed %d (%s): no internal names", seed, mutation.name())
            .doesNotContain("dev.dbarch", "JsonToken", "java.", "com.fasterxml");
        refused++;
      }
    }
  }

  @AfterAll
  static void printCounts() {
    System.out.printf(
        "requirements properties: %d generated documents per property; verdicts %s; %d mutated"
            + " documents refused naming the field%n",
        CASES, VERDICTS, refused);
  }

  // ---- mutations: each returns the field path a client must see named

  @SuppressWarnings("unchecked")
  private static Map<String, Object> section(Map<String, Object> doc, String name) {
    return (Map<String, Object>) doc.computeIfAbsent(name, k -> new LinkedHashMap<>());
  }

  @SuppressWarnings("unchecked")
  private static String element(
      Map<String, Object> doc, String section, String listName, Object value) {
    Map<String, Object> owner = listName == null ? doc : section(doc, section);
    String key = listName == null ? section : listName;
    Object existing = owner.get(key);
    List<Object> list =
        existing instanceof List<?> l ? new ArrayList<>((List<Object>) l) : new ArrayList<>();
    int index = new Random(list.size()).nextInt(list.size() + 1);
    list.add(index, value);
    owner.put(key, list);
    return (listName == null ? section : section + "." + listName) + "[" + index + "]";
  }

  private static String nullElement(Map<String, Object> doc, String section, String listName) {
    return element(doc, section, listName, null);
  }

  @SuppressWarnings("unchecked")
  private static String nullFilter(Map<String, Object> doc) {
    List<Object> patterns = new ArrayList<>();
    Object existing = doc.get("accessPatterns");
    if (existing instanceof List<?> l) {
      patterns.addAll((List<Object>) l);
    }
    Map<String, Object> pattern = new LinkedHashMap<>();
    pattern.put("table", "orders");
    List<Object> filters = new ArrayList<>();
    filters.add("customer_id");
    filters.add(null);
    pattern.put("filters", filters);
    patterns.add(pattern);
    doc.put("accessPatterns", patterns);
    return "accessPatterns[" + (patterns.size() - 1) + "].filters[1]";
  }

  private static String nullValue(Map<String, Object> doc, String section, String map, String key) {
    Map<String, Object> owner = section(doc, section);
    @SuppressWarnings("unchecked")
    Map<String, Object> values =
        owner.get(map) instanceof Map<?, ?> m
            ? new LinkedHashMap<>((Map<String, Object>) m)
            : new LinkedHashMap<>();
    values.put(key, null);
    owner.put(map, values);
    return section + "." + map + "." + key;
  }

  private static String set(Map<String, Object> doc, String section, String field, Object value) {
    if (field == null) {
      Map<String, Object> schema = new LinkedHashMap<>();
      @SuppressWarnings("unchecked")
      Map<String, Object> given = (Map<String, Object>) value;
      schema.putAll(given);
      doc.put(section, schema);
      return section + ".dialect";
    }
    Map<String, Object> owner = section(doc, section);
    owner.put(field, value);
    if (value instanceof Map<?, ?> settings && settings.containsKey("workMem")) {
      return section + "." + field + ".workMem";
    }
    return section + "." + field;
  }

  private static byte[] bytes(Map<String, Object> doc, MediaType type) {
    try {
      return (type == YAML ? YAML_WRITER : JSON_WRITER).writeValueAsBytes(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
