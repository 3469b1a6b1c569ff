package dev.dbarch.servicekit.kafka;

import dev.dbarch.servicekit.problem.Problem;
import dev.dbarch.servicekit.problem.ProblemException;
import java.util.OptionalLong;

/** 503 with {@code Retry-After}: the broker did not take a write within the configured time. */
public class BrokerUnavailableException extends ProblemException {

  private final long retryAfterSeconds;

  public BrokerUnavailableException(String detail, long retryAfterSeconds) {
    super(Problem.of(503, "Service Unavailable", detail, null));
    this.retryAfterSeconds = retryAfterSeconds;
  }

  @Override
  public OptionalLong retryAfterSeconds() {
    return OptionalLong.of(retryAfterSeconds);
  }
}
