package dev.dbarch.report.view;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready to serve until the on-disk index of stored revisions has caught up and is readable. */
@Readiness
@ApplicationScoped
public class RecommendationViewHealth implements HealthCheck {

  @Inject RecommendationView view;

  @Override
  public HealthCheckResponse call() {
    var builder = HealthCheckResponse.named("recommendation-view").status(view.isReady());
    view.failure().ifPresent(reason -> builder.withData("lastError", reason));
    return builder.build();
  }
}
