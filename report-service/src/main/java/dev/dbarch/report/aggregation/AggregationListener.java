package dev.dbarch.report.aggregation;

import dev.dbarch.contracts.events.Recommendation;

/** What the aggregation tells the outside world besides its output records (metrics, logs). */
public interface AggregationListener {

  AggregationListener NONE = new AggregationListener() {};

  default void published(Recommendation recommendation) {}

  default void ignored(String reason) {}

  default void deadLettered(String topic) {}
}
