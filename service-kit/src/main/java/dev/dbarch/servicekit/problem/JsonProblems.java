package dev.dbarch.servicekit.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.List;

/** Explains a JSON or YAML parse failure in terms of the document's fields. */
public final class JsonProblems {

  private JsonProblems() {}

  public static Problem from(JsonProcessingException e) {
    if (e instanceof UnrecognizedPropertyException unknown) {
      String field = path(unknown);
      return invalid(field, "unknown field '" + unknown.getPropertyName() + "'");
    }
    if (e instanceof InvalidFormatException format) {
      return invalid(
          path(format),
          "cannot read " + quote(format.getValue()) + " as " + typeName(format.getTargetType()));
    }
    if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
      return invalid(path(mismatch), "expected " + typeName(mismatch.getTargetType()));
    }
    if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      // The document itself has the wrong shape (an array, a number): say what it must be.
      return Problem.of(
          400,
          "Invalid request",
          "The document must be " + typeName(mismatch.getTargetType()) + ".",
          null);
    }
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      return invalid(path(mapping), mapping.getOriginalMessage());
    }
    String location =
        e.getLocation() == null
            ? ""
            : " at line "
                + e.getLocation().getLineNr()
                + ", column "
                + e.getLocation().getColumnNr();
    return Problem.of(
        400,
        "Malformed document",
        "The body is not well-formed" + location + ": " + reason(e.getOriginalMessage()) + ".",
        null);
  }

  /**
   * The parser's own words, without what only its authors understand: the first line (snakeyaml
   * appends a snippet), no source description, no token or class names.
   */
  static String reason(String message) {
    if (message == null || message.isBlank()) {
      return "unreadable";
    }
    String reason = message.lines().findFirst().orElse("").strip();
    int source = reason.indexOf(" at [Source");
    if (source >= 0) {
      reason = reason.substring(0, source);
    }
    reason =
        reason
            .replaceAll("\\s*\\(token `?JsonToken\\.[A-Z_]+`?\\)", "")
            .replaceAll("JsonToken\\.[A-Z_]+", "a value")
            .replaceAll("`?([a-z][a-z0-9_]*\\.)+([A-Z][A-Za-z0-9_$]*)`?", "$2")
            .replaceAll("\\s*\\(for [A-Z][A-Za-z ]*\\)", "")
            .replaceAll("[\\s:;.]+$", "");
    return reason.isBlank() ? "unreadable" : reason;
  }

  private static Problem invalid(String field, String message) {
    return Problem.of(
        400,
        "Invalid request",
        "Field '" + field + "': " + message + ".",
        List.of(new Problem.FieldError(field, message)));
  }

  /** The field path, e.g. {@code workload.peakQps} or {@code accessPatterns[2].sql}. */
  public static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.length() == 0 ? "(document)" : path.toString();
  }

  private static String quote(Object value) {
    return value instanceof String s ? "'" + s + "'" : String.valueOf(value);
  }

  private static String typeName(Class<?> type) {
    if (type == null) {
      return "another type";
    }
    if (type.isEnum()) {
      StringBuilder values = new StringBuilder("one of ");
      Object[] constants = type.getEnumConstants();
      for (int i = 0; i < constants.length; i++) {
        values.append(i == 0 ? "" : ", ").append(constants[i]);
      }
      return values.toString();
    }
    if (type == Integer.class || type == Long.class || type == int.class || type == long.class) {
      return "a whole number";
    }
    if (type == Double.class || type == double.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (java.util.Collection.class.isAssignableFrom(type)) {
      return "a list";
    }
    if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "an object";
    }
    return type.getSimpleName();
  }
}
