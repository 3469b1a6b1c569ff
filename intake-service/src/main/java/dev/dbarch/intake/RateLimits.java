package dev.dbarch.intake;

import dev.dbarch.servicekit.ratelimit.RateLimitedException;
import dev.dbarch.servicekit.ratelimit.TokenBuckets;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;

/**
 * Per-tenant rates of the two expensive requests, submissions and monitor registrations: a token
 * bucket per tenant in this instance's memory (N instances allow N times the rate; it protects the
 * pipeline from one noisy tenant, it is not a quota). Refused requests are counted per endpoint,
 * never per tenant, so metrics carry no tenant names.
 */
@ApplicationScoped
public class RateLimits {

  @Inject IntakeConfig config;
  @Inject MeterRegistry registry;

  private final TokenBuckets submissions;
  private final TokenBuckets registrations;

  @Inject
  RateLimits(Clock clock) {
    this.submissions = new TokenBuckets(clock);
    this.registrations = new TokenBuckets(clock);
  }

  /** Takes a submission of {@code tenant}, or throws 429 with the seconds to wait. */
  public void submission(String tenant) {
    IntakeConfig.AssessmentRate rate =
        config.rateLimit().tenants().getOrDefault(tenant, config.rateLimit().assessments());
    submissions
        .take(tenant, new TokenBuckets.Limit(rate.perSecond(), rate.burst()))
        .ifPresent(
            wait -> {
              registry.counter("dbarch.intake.rate.limited", "endpoint", "assessments").increment();
              throw new RateLimitedException("submissions", wait);
            });
  }

  /** Takes a monitor registration of {@code tenant}, or throws 429 with the seconds to wait. */
  public void registration(String tenant) {
    IntakeConfig.MonitorRate rate = config.rateLimit().monitors();
    registrations
        .take(tenant, new TokenBuckets.Limit(rate.perSecond(), rate.burst()))
        .ifPresent(
            wait -> {
              registry.counter("dbarch.intake.rate.limited", "endpoint", "monitors").increment();
              throw new RateLimitedException("monitor registrations", wait);
            });
  }
}
