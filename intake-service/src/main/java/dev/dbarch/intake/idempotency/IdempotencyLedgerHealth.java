package dev.dbarch.intake.idempotency;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready to take idempotent submissions until the ledger has read its whole topic. */
@Readiness
@ApplicationScoped
public class IdempotencyLedgerHealth implements HealthCheck {

  @Inject IdempotencyLedger ledger;

  @Override
  public HealthCheckResponse call() {
    var builder = HealthCheckResponse.named("idempotency-ledger").status(ledger.isCaughtUp());
    ledger.failure().ifPresent(reason -> builder.withData("lastError", reason));
    return builder.build();
  }
}
