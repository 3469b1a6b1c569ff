package dev.dbarch.lint.rules;

import dev.dbarch.lint.Dialect;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** A rule as a value: its identity and catalogue text with the function that evaluates it. */
public record Rule(
    String id,
    String title,
    String catalogue,
    Set<Dialect> appliesTo,
    boolean fallback,
    Evaluation evaluation)
    implements MigrationRule {

  public static final Set<Dialect> POSTGRES = Set.of(Dialect.POSTGRESQL);
  public static final Set<Dialect> MYSQL_FAMILY = Set.of(Dialect.MYSQL, Dialect.MARIADB);
  public static final Set<Dialect> ALL = Set.of(Dialect.POSTGRESQL, Dialect.MYSQL, Dialect.MARIADB);

  public Rule {
    Objects.requireNonNull(id, "id");
    appliesTo = Set.copyOf(appliesTo);
  }

  /** Evaluates one statement: no hit when the rule does not apply. */
  @FunctionalInterface
  public interface Evaluation {
    List<Hit> apply(RuleInput input);
  }

  static Rule of(
      String id, String title, Set<Dialect> dialects, String catalogue, Evaluation evaluation) {
    return new Rule(id, title, catalogue, dialects, false, evaluation);
  }

  static Rule fallbackOf(
      String id, String title, Set<Dialect> dialects, String catalogue, Evaluation evaluation) {
    return new Rule(id, title, catalogue, dialects, true, evaluation);
  }

  @Override
  public List<Hit> evaluate(RuleInput input) {
    return evaluation.apply(input);
  }
}
