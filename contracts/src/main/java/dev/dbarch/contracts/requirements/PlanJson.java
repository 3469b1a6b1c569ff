package dev.dbarch.contracts.requirements;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A plan document: a JSON object or array of at most {@link #maxBytes()} bytes as written by the
 * shared mapper. Plans are the one free-form part of the requirements, so their size is bounded
 * separately from the document's.
 */
@Target({
  ElementType.FIELD,
  ElementType.PARAMETER,
  ElementType.METHOD,
  ElementType.RECORD_COMPONENT
})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = PlanJsonValidator.class)
public @interface PlanJson {

  /** 256 KiB: a plan of several hundred nodes with buffers and timing fits well within it. */
  int maxBytes() default 262_144;

  String message() default
      "must be EXPLAIN … FORMAT JSON output: a JSON object or array, or a string holding one";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
