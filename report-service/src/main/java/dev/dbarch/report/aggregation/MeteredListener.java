package dev.dbarch.report.aggregation;

import dev.dbarch.contracts.events.Recommendation;
import io.micrometer.core.instrument.MeterRegistry;

/** Counts revisions, ignored inputs and dead letters for Prometheus. */
class MeteredListener implements AggregationListener {

  private final MeterRegistry registry;

  MeteredListener(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void published(Recommendation rec) {
    registry
        .counter("dbarch.report.revisions", "complete", Boolean.toString(rec.complete()))
        .increment();
  }

  @Override
  public void ignored(String reason) {
    registry.counter("dbarch.report.ignored", "reason", category(reason)).increment();
  }

  /**
   * The kind of reason without the ids it names: metrics are served without a token, so they carry
   * no assessment id, system or tenant (and no unbounded tag values).
   */
  static String category(String reason) {
    String dropped = "dropped the oldest pending assessment";
    return reason.startsWith(dropped) ? dropped : reason.replaceAll(" \\[.*", "");
  }

  @Override
  public void deadLettered(String topic) {
    registry.counter("dbarch.report.dead.letters", "topic", topic).increment();
  }
}
