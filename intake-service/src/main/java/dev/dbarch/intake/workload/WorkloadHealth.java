package dev.dbarch.intake.workload;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The last workload read of every monitor this instance reads ({@code READ #n}, with what could not
 * be read, or {@code FAILED: reason}). A monitored database that cannot be read does not take the
 * intake API out of service: the check stays UP and shows the failure.
 */
@Readiness
@ApplicationScoped
public class WorkloadHealth implements HealthCheck {

  @Inject WorkloadPoller poller;

  @Override
  public HealthCheckResponse call() {
    var builder = HealthCheckResponse.named("workload-statistics").up();
    poller.states().forEach(builder::withData);
    return builder.build();
  }
}
