package dev.dbarch.servicekit.problem;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** Bean Validation failures as a problem that names each field the way the client wrote it. */
public final class Violations {

  private Violations() {}

  public static Problem toProblem(Set<? extends ConstraintViolation<?>> violations) {
    List<Problem.FieldError> errors =
        violations.stream()
            .map(v -> new Problem.FieldError(field(v.getPropertyPath()), v.getMessage()))
            .sorted(
                Comparator.comparing(Problem.FieldError::field)
                    .thenComparing(Problem.FieldError::message))
            .toList();
    String fields =
        String.join(", ", errors.stream().map(Problem.FieldError::field).distinct().toList());
    return Problem.of(400, "Invalid request", "Invalid fields: " + fields + ".", errors);
  }

  /**
   * {@code scale.tableRows<V>[orders]} becomes {@code scale.tableRows.orders}, list elements keep
   * their index ({@code accessPatterns[2].sql}, a null element {@code accessPatterns[0]}), and a
   * method parameter path ({@code submit.arg0.name}) loses its method and parameter parts.
   */
  static String field(Path path) {
    List<String> parts = new ArrayList<>();
    for (Path.Node node : path) {
      switch (node.getKind()) {
        case METHOD, CONSTRUCTOR, PARAMETER, RETURN_VALUE, CROSS_PARAMETER -> parts.clear();
        case CONTAINER_ELEMENT -> {
          // A constraint on a list element ({@code List<@NotNull AccessPattern>}) lands on a
          // container-element node carrying the index: {@code accessPatterns[0]}.
          if (node.getIndex() != null && !parts.isEmpty()) {
            int last = parts.size() - 1;
            parts.set(last, parts.get(last) + "[" + node.getIndex() + "]");
          } else if (node.getKey() != null) {
            parts.add(String.valueOf(node.getKey()));
          }
        }
        default -> {
          String name = node.getName();
          if (node.getIndex() != null && !parts.isEmpty()) {
            int last = parts.size() - 1;
            parts.set(last, parts.get(last) + "[" + node.getIndex() + "]");
          } else if (node.getKey() != null && !parts.isEmpty()) {
            parts.add(String.valueOf(node.getKey()));
          }
          if (name != null) {
            parts.add(name);
          }
        }
      }
    }
    return parts.isEmpty() ? "(document)" : String.join(".", parts);
  }
}
