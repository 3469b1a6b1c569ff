package dev.dbarch.servicekit.ratelimit;

import dev.dbarch.servicekit.problem.Problem;
import dev.dbarch.servicekit.problem.ProblemException;

/** 429 with {@code Retry-After}: the caller's tenant sent more than its rate allows. */
public class RateLimitedException extends ProblemException {

  private final long retryAfterSeconds;

  public RateLimitedException(String what, long retryAfterSeconds) {
    super(
        Problem.of(
            429,
            "Too Many Requests",
            "Your tenant sent more "
                + what
                + " than its rate allows; retry after "
                + retryAfterSeconds
                + " s.",
            null));
    this.retryAfterSeconds = retryAfterSeconds;
  }

  @Override
  public java.util.OptionalLong retryAfterSeconds() {
    return java.util.OptionalLong.of(retryAfterSeconds);
  }
}
