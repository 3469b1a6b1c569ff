package dev.dbarch.intake;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the intake API. */
@ConfigMapping(prefix = "dbarch.intake")
public interface IntakeConfig {

  /** Largest requirements document accepted, in bytes; larger bodies get 413. */
  @WithDefault("1048576")
  int maxDocumentBytes();

  /** Where clients read recommendations: the report service's public base URL. */
  @WithDefault("http://localhost:8086")
  String reportBaseUrl();

  /** How long a submission waits for the broker to acknowledge its event before answering 503. */
  @WithDefault("10s")
  Duration publishTimeout();

  /** How long the idempotency ledger may take to catch up with its topic at start-up. */
  @WithDefault("60s")
  Duration ledgerCatchUpTimeout();
}
