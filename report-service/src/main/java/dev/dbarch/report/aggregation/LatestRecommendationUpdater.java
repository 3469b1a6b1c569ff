package dev.dbarch.report.aggregation;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Keeps the global store of each system's latest recommendation in step with the topic. */
class LatestRecommendationUpdater implements Processor<String, String, Void, Void> {

  private KeyValueStore<String, String> store;

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    store = context.getStateStore(ReportTopology.LATEST_STORE);
  }

  @Override
  public void process(Record<String, String> record) {
    if (record.key() == null) {
      return;
    }
    if (record.value() == null) {
      store.delete(record.key());
    } else {
      store.put(record.key(), record.value());
    }
  }
}
