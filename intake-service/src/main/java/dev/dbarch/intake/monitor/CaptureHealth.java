package dev.dbarch.intake.monitor;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The state of schema capture on this instance: how many engines it runs in each state (STARTING,
 * RUNNING, DEGRADED: capturing but its change not yet published, FAILED). Health is served without
 * a token, so it names no tenant, system or reason; an admin reads one monitor's capture state and
 * failure at {@code GET /api/v1/monitors/{systemId}}. A failed engine does not take the intake API
 * out of service (it is retried); the check is DOWN only when the supervisor itself cannot reach
 * Kafka.
 */
@Readiness
@ApplicationScoped
public class CaptureHealth implements HealthCheck {

  @Inject CaptureSupervisor supervisor;
  @Inject MeterRegistry registry;

  void metrics(@Observes StartupEvent event) {
    for (MonitorCapture.State state : MonitorCapture.State.values()) {
      Gauge.builder(
              "dbarch.capture.engines",
              supervisor,
              s -> s.states().values().stream().filter(v -> v.startsWith(state.name())).count())
          .tag("state", state.name())
          .register(registry);
    }
  }

  @Override
  public HealthCheckResponse call() {
    var builder = HealthCheckResponse.named("schema-capture").status(supervisor.failure() == null);
    for (MonitorCapture.State state : MonitorCapture.State.values()) {
      long count =
          supervisor.states().values().stream().filter(v -> v.startsWith(state.name())).count();
      if (count > 0) {
        builder.withData(state.name().toLowerCase(), count);
      }
    }
    if (supervisor.failure() != null) {
      builder.withData("supervisor", "cannot read the monitors topic");
    }
    return builder.build();
  }
}
