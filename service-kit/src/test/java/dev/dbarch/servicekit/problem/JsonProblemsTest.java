package dev.dbarch.servicekit.problem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.requirements.Requirements;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parse failures explained by line and column, without the parser's internal vocabulary. */
class JsonProblemsTest {

  private static Problem problemOf(boolean yaml, String document) {
    try {
      (yaml ? Json.yaml() : Json.mapper()).readValue(document, Requirements.class);
    } catch (JsonProcessingException e) {
      return JsonProblems.from(e);
    }
    throw new AssertionError("parsed: " + document);
  }

  @Test
  void malformedJsonAndYamlNameLineAndColumnOnly() {
    List<String> json =
        List.of(
            "{\"systemId\": \"x\",\n \"name\": \"y\"",
            "{\"systemId\": x}",
            "{\"systemId\": \"x\" \"name\": 1}",
            "[1, 2",
            "{\"a\":" + "[".repeat(1200) + "]".repeat(1200) + "}");
    List<String> yaml =
        List.of(
            "systemId: [unclosed\n", "systemId: x\n name: y\n", "a: b: c\n", "- [\n", "&a [*b]");
    for (String document : json) {
      assertClean(problemOf(false, document), document);
    }
    for (String document : yaml) {
      assertClean(problemOf(true, document), document);
    }
    assertThat(problemOf(false, json.get(0)).detail()).contains("line 2");
  }

  @Test
  void wrongShapesNameTheFieldWithoutTokenNames() {
    Problem problem = problemOf(false, "{\"systemId\": [1, 2], \"name\": \"y\"}");
    assertThat(problem.errors()).extracting(Problem.FieldError::field).containsExactly("systemId");
    assertClean(problem, "systemId array");
  }

  private static void assertClean(Problem problem, String document) {
    assertThat(problem.status()).isEqualTo(400);
    assertThat(problem.detail())
        .as(document)
        .doesNotContain(
            "JsonToken",
            "START_ARRAY",
            "dev.dbarch",
            "java.",
            "com.fasterxml",
            "org.yaml",
            "[Source",
            "Requirements",
            "REDACTED");
  }
}
