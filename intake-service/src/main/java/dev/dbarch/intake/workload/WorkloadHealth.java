package dev.dbarch.intake.workload;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * How many monitors this instance reads whose last workload read succeeded ({@code read}) or failed
 * ({@code failed}). Health is served without a token, so it names no tenant, system or reason; the
 * reason is in the log, with the system in the MDC. A monitored database that cannot be read does
 * not take the intake API out of service: the check stays UP.
 */
@Readiness
@ApplicationScoped
public class WorkloadHealth implements HealthCheck {

  @Inject WorkloadPoller poller;

  @Override
  public HealthCheckResponse call() {
    var builder = HealthCheckResponse.named("workload-statistics").up();
    var states = poller.states().values();
    builder.withData("read", states.stream().filter(v -> v.startsWith("READ")).count());
    builder.withData("failed", states.stream().filter(v -> v.startsWith("FAILED")).count());
    return builder.build();
  }
}
