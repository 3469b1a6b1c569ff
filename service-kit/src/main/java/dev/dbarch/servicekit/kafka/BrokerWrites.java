package dev.dbarch.servicekit.kafka;

import dev.dbarch.contracts.kafka.RecordLimits;
import dev.dbarch.servicekit.problem.Problem;
import dev.dbarch.servicekit.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.jboss.logging.Logger;

/**
 * Waits a bounded time for the broker to acknowledge a write made on behalf of an HTTP request. A
 * timeout, a full emitter buffer or a send failure all become {@link BrokerUnavailableException}
 * (503 with {@code Retry-After}), never an uncaught timeout and a 500. A record the broker refuses
 * as too large is a 413: retrying cannot help.
 */
public final class BrokerWrites {

  private static final Logger LOG = Logger.getLogger(BrokerWrites.class);

  private BrokerWrites() {}

  /**
   * @param what what the client sent, for the problem's detail ("the requirements document")
   */
  public static void await(Uni<?> send, Duration timeout, Duration retryAfter, String what) {
    try {
      send.await().atMost(timeout);
    } catch (RuntimeException e) {
      if (tooLarge(e)) {
        // A broker or topic limit below the one dbarch checks up front (RecordLimits).
        LOG.errorf("Kafka refused %s as too large: %s", what, e.getMessage());
        throw new ProblemException(
            Problem.of(
                413,
                "Payload Too Large",
                "The broker refused "
                    + what
                    + " as too large (a topic or broker limit below dbarch's "
                    + RecordLimits.describe(RecordLimits.MAX_RECORD_BYTES)
                    + "); nothing was published.",
                null));
      }
      LOG.warnf(
          "The broker did not acknowledge %s within %d ms: %s",
          what, timeout.toMillis(), e.getMessage());
      throw new BrokerUnavailableException(
          "The broker did not acknowledge "
              + what
              + " within "
              + timeout.toMillis()
              + " ms; it may or may not have been stored. Retry after "
              + Math.max(1, retryAfter.toSeconds())
              + " s (with the same Idempotency-Key to be sure it is processed once).",
          Math.max(1, retryAfter.toSeconds()));
    }
  }

  private static boolean tooLarge(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RecordTooLargeException) {
        return true;
      }
    }
    return false;
  }
}
