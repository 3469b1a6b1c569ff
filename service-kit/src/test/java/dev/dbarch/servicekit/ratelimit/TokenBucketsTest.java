package dev.dbarch.servicekit.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class TokenBucketsTest {

  /** A clock the test moves by hand. */
  static final class ManualClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  private final ManualClock clock = new ManualClock();
  private final TokenBuckets buckets = new TokenBuckets(clock);
  private final TokenBuckets.Limit twoPerSecondBurstThree = new TokenBuckets.Limit(2, 3);

  @Test
  void allowsTheBurstThenSaysWhenToRetry() {
    for (int i = 0; i < 3; i++) {
      assertThat(buckets.take("acme", twoPerSecondBurstThree)).isEmpty();
    }
    assertThat(buckets.take("acme", twoPerSecondBurstThree)).isEqualTo(OptionalLong.of(1));
    clock.now = clock.now.plus(Duration.ofMillis(500));
    assertThat(buckets.take("acme", twoPerSecondBurstThree)).as("one token back").isEmpty();
    assertThat(buckets.take("acme", twoPerSecondBurstThree)).isPresent();
  }

  @Test
  void eachTenantHasItsOwnBucket() {
    for (int i = 0; i < 3; i++) {
      buckets.take("acme", twoPerSecondBurstThree);
    }
    assertThat(buckets.take("acme", twoPerSecondBurstThree)).isPresent();
    assertThat(buckets.take("globex", twoPerSecondBurstThree)).isEmpty();
  }

  @Test
  void retryAfterIsTheWholeSecondsUntilATokenIsBack() {
    TokenBuckets.Limit slow = new TokenBuckets.Limit(0.1, 1);
    assertThat(buckets.take("acme", slow)).isEmpty();
    assertThat(buckets.take("acme", slow)).isEqualTo(OptionalLong.of(10));
    clock.now = clock.now.plus(Duration.ofSeconds(4));
    assertThat(buckets.take("acme", slow)).isEqualTo(OptionalLong.of(6));
    clock.now = clock.now.plus(Duration.ofSeconds(6));
    assertThat(buckets.take("acme", slow)).isEmpty();
  }

  @Test
  void aBucketNeverHoldsMoreThanItsBurst() {
    clock.now = clock.now.plus(Duration.ofHours(1));
    for (int i = 0; i < 3; i++) {
      assertThat(buckets.take("acme", twoPerSecondBurstThree)).isEmpty();
    }
    assertThat(buckets.take("acme", twoPerSecondBurstThree)).isPresent();
  }

  @Test
  void refusesANonsenseLimit() {
    assertThatThrownBy(() -> new TokenBuckets.Limit(0, 1)).hasMessageContaining("perSecond");
    assertThatThrownBy(() -> new TokenBuckets.Limit(1, 0)).hasMessageContaining("burst");
  }
}
