package dev.dbarch.contracts.requirements;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbarch.contracts.Json;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link PlanJson}: JSON structure, not text, and within the byte limit. */
public class PlanJsonValidator implements ConstraintValidator<PlanJson, JsonNode> {

  private int maxBytes;

  @Override
  public void initialize(PlanJson annotation) {
    maxBytes = annotation.maxBytes();
  }

  @Override
  public boolean isValid(JsonNode plan, ConstraintValidatorContext context) {
    if (plan == null) {
      return true;
    }
    if (!plan.isObject() && !plan.isArray()) {
      return false;
    }
    int bytes = Json.toBytes(plan).length;
    if (bytes <= maxBytes) {
      return true;
    }
    context.disableDefaultConstraintViolation();
    context
        .buildConstraintViolationWithTemplate(
            "is " + bytes + " bytes of JSON; a plan may have at most " + maxBytes + " bytes")
        .addConstraintViolation();
    return false;
  }
}
