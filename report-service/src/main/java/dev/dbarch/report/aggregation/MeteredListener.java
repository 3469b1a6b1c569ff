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
    registry
        .counter("dbarch.report.ignored", "reason", reason.replaceAll(" \\[.*", ""))
        .increment();
  }

  @Override
  public void deadLettered(String topic) {
    registry.counter("dbarch.report.dead.letters", "topic", topic).increment();
  }
}
