package dev.dbarch.servicekit.ratelimit;

import java.time.Clock;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per key (a tenant): {@code burst} requests at once, refilled at {@code perSecond}.
 * It lives in one instance's memory, so N instances behind a load balancer allow up to N times the
 * rate: it protects each instance and the pipeline behind it from one noisy tenant, it is not a
 * quota.
 */
public final class TokenBuckets {

  /** Above this many keys, full (idle) buckets are forgotten: they equal a fresh one. */
  static final int FORGET_IDLE_ABOVE = 10_000;

  /** One bucket's rate. */
  public record Limit(double perSecond, int burst) {
    public Limit {
      if (!(perSecond > 0) || burst < 1) {
        throw new IllegalArgumentException("a rate limit needs perSecond > 0 and burst >= 1");
      }
    }
  }

  private record Bucket(double tokens, long atNanos) {}

  private final Clock clock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  public TokenBuckets(Clock clock) {
    this.clock = clock;
  }

  /**
   * Takes one token from {@code key}'s bucket.
   *
   * @return empty when allowed; otherwise the whole seconds until a token is back (at least 1)
   */
  public OptionalLong take(String key, Limit limit) {
    long now = nanos();
    long[] wait = {0};
    buckets.compute(
        key,
        (k, bucket) -> {
          double tokens =
              bucket == null
                  ? limit.burst()
                  : Math.min(
                      limit.burst(),
                      bucket.tokens() + (now - bucket.atNanos()) / 1e9 * limit.perSecond());
          if (tokens >= 1) {
            return new Bucket(tokens - 1, now);
          }
          wait[0] = Math.max(1, (long) Math.ceil((1 - tokens) / limit.perSecond()));
          return new Bucket(tokens, now);
        });
    if (buckets.size() > FORGET_IDLE_ABOVE) {
      buckets.entrySet().removeIf(e -> e.getValue().tokens() >= 1 && !e.getKey().equals(key));
    }
    return wait[0] == 0 ? OptionalLong.empty() : OptionalLong.of(wait[0]);
  }

  private long nanos() {
    java.time.Instant now = clock.instant();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}
