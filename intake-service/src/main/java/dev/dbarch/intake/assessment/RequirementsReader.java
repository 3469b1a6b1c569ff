package dev.dbarch.intake.assessment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.requirements.QueryPlan;
import dev.dbarch.contracts.requirements.Requirements;
import dev.dbarch.servicekit.problem.JsonProblems;
import dev.dbarch.servicekit.problem.Problem;
import dev.dbarch.servicekit.problem.ProblemException;
import dev.dbarch.servicekit.problem.Violations;
import dev.dbarch.workload.plan.PlanFormatException;
import dev.dbarch.workload.plan.PlanParser;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns a submitted body into checked {@link Requirements}: size, syntax, unknown fields, types and
 * ranges, each failure a problem naming the field.
 */
public final class RequirementsReader {

  static final Set<String> YAML_TYPES =
      Set.of("application/yaml", "application/x-yaml", "text/yaml");

  private RequirementsReader() {}

  public static Requirements read(
      byte[] body, MediaType mediaType, int maxBytes, Validator validator) {
    if (body.length > maxBytes) {
      throw new ProblemException(
          Problem.of(
              413,
              "Payload Too Large",
              "The document is " + body.length + " bytes; the limit is " + maxBytes + " bytes.",
              null));
    }
    if (body.length == 0 || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
      throw new ProblemException(
          Problem.of(
              400, "Invalid request", "The body is empty; send a requirements document.", null));
    }
    ObjectMapper mapper = isYaml(mediaType) ? Json.yaml() : Json.mapper();
    Requirements requirements;
    try {
      requirements = mapper.readValue(body, Requirements.class);
    } catch (JsonProcessingException e) {
      throw new ProblemException(JsonProblems.from(e));
    } catch (IOException e) {
      throw new ProblemException(
          Problem.of(
              400, "Malformed document", "The body cannot be read: " + e.getMessage(), null));
    }
    if (requirements == null) {
      throw new ProblemException(
          Problem.of(
              400,
              "Invalid request",
              "The document is empty; send a requirements document.",
              null));
    }
    Set<ConstraintViolation<Requirements>> violations = validator.validate(requirements);
    if (!violations.isEmpty()) {
      throw new ProblemException(Violations.toProblem(violations));
    }
    checkPlans(requirements);
    return requirements;
  }

  /**
   * Every submitted plan must be one dbarch can read; the error names the plan and what is wrong.
   */
  static void checkPlans(Requirements requirements) {
    if (requirements.diagnostics() == null || requirements.diagnostics().plans() == null) {
      return;
    }
    List<Problem.FieldError> errors = new ArrayList<>();
    List<QueryPlan> plans = requirements.diagnostics().plans();
    for (int i = 0; i < plans.size(); i++) {
      try {
        PlanParser.parse(plans.get(i));
      } catch (PlanFormatException e) {
        errors.add(new Problem.FieldError("diagnostics.plans[" + i + "].plan", e.getMessage()));
      }
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(
          Problem.of(
              400,
              "Invalid request",
              "Invalid fields: "
                  + String.join(", ", errors.stream().map(Problem.FieldError::field).toList())
                  + ".",
              errors));
    }
  }

  static boolean isYaml(MediaType mediaType) {
    return mediaType != null
        && YAML_TYPES.contains(mediaType.getType() + "/" + mediaType.getSubtype());
  }
}
