package dev.dbarch.servicekit.kafka;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Waits a bounded time for the broker to acknowledge a write made on behalf of an HTTP request. A
 * timeout, a full emitter buffer or a send failure all become {@link BrokerUnavailableException}
 * (503 with {@code Retry-After}), never an uncaught timeout and a 500.
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
}
