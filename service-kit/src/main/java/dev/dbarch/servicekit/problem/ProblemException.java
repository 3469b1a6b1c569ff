package dev.dbarch.servicekit.problem;

/** Thrown by resources to answer with a problem document rather than a bare status. */
public class ProblemException extends RuntimeException {

  private final transient Problem problem;

  public ProblemException(Problem problem) {
    super(problem.detail(), null, false, false);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }

  /** When the client may retry, for a {@code Retry-After} header; empty for most problems. */
  public java.util.OptionalLong retryAfterSeconds() {
    return java.util.OptionalLong.empty();
  }
}
