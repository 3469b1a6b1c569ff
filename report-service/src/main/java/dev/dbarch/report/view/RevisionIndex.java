package dev.dbarch.report.view;

import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.SystemKey;
import dev.dbarch.contracts.events.Recommendation;
import dev.dbarch.contracts.kafka.Topics;
import dev.dbarch.servicekit.tracing.RecordTracing;
import io.opentelemetry.context.Scope;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.jboss.logging.Logger;

/**
 * The read side's on-disk index of {@link Topics#RECOMMENDATION_HISTORY}: a global RocksDB store,
 * so every instance can answer for every system without routing, holding two families of keys:
 *
 * <ul>
 *   <li>{@code r/<tenant>/<systemId>#<revision, 19 digits>} → the revision as published, so a
 *       system's revisions are one ordered range, and a tenant's revisions are ordered by system id
 *       ({@code #} sorts before every character of an id, {@code /} after {@code -});
 *   <li>{@code l/<tenant>/<systemId>} → the latest revision number, so a tenant's systems are one
 *       range ordered by system id.
 * </ul>
 *
 * Tenant and system id are {@code [a-z0-9-]}: neither holds a {@code /} or a {@code #}, so a prefix
 * ending in one never reaches another tenant or another system. The history topic itself is the
 * store's source of truth (no changelog): the first start indexes it once on disk; later starts
 * resume from the store's checkpoint. Kafka Streams 4.1 re-runs this processor when it restores a
 * global store ({@code Topology#addGlobalStore} reprocesses on restore), so restored entries have
 * this layout.
 */
public final class RevisionIndex {

  private static final Logger LOG = Logger.getLogger(RevisionIndex.class);

  public static final String STORE = "recommendation-index";
  static final String SOURCE = "recommendation-history-index-source";
  static final String PROCESSOR = "recommendation-history-index";

  /** Key prefix of the revisions family. */
  static final String REVISION = "r/";

  /** Key prefix of the latest-revision family. */
  static final String LATEST = "l/";

  /**
   * Told of every revision the index takes in, restored or new, with the trace of the aggregation
   * that published it as the current context.
   */
  @FunctionalInterface
  public interface Feed {
    Feed NONE = (revision, timestamp) -> {};

    void indexed(RecommendationView.Revision revision, long timestamp);
  }

  private RevisionIndex() {}

  public static void addTo(Topology topology, Feed feed) {
    addTo(topology, feed, RecordTracing.noop());
  }

  public static void addTo(Topology topology, Feed feed, RecordTracing tracing) {
    topology.addGlobalStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.String())
            // The history topic is the changelog: a global store restores from its source.
            .withLoggingDisabled(),
        SOURCE,
        Serdes.String().deserializer(),
        Serdes.String().deserializer(),
        Topics.RECOMMENDATION_HISTORY,
        PROCESSOR,
        () -> new IndexProcessor(feed, tracing));
  }

  static String revisionKey(SystemKey system, long revision) {
    return revisionPrefix(system) + String.format("%019d", revision);
  }

  static String revisionPrefix(SystemKey system) {
    return REVISION + system + "#";
  }

  static String latestKey(SystemKey system) {
    return LATEST + system;
  }

  static String latestPrefix(String tenant) {
    return LATEST + tenant + "/";
  }

  /**
   * The first key after every key starting with {@code prefix}, which ends in a separator ({@code
   * /} or {@code #}) that no tenant or system id contains.
   */
  static String after(String prefix) {
    char last = prefix.charAt(prefix.length() - 1);
    return prefix.substring(0, prefix.length() - 1) + (char) (last + 1);
  }

  /** Parses a stored revision; null when it cannot be read (it was skipped when indexed). */
  static RecommendationView.Revision revision(String json) {
    return json == null
        ? null
        : new RecommendationView.Revision(Json.fromJson(json, Recommendation.class), json);
  }

  static final class IndexProcessor implements Processor<String, String, Void, Void> {
    private final Feed feed;
    private final RecordTracing tracing;
    private KeyValueStore<String, String> store;

    IndexProcessor(Feed feed, RecordTracing tracing) {
      this.feed = feed;
      this.tracing = tracing;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
      store = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, String> record) {
      if (record.value() == null) {
        return;
      }
      Recommendation rec;
      SystemKey system;
      try {
        rec = Json.fromJson(record.value(), Recommendation.class);
        system = rec.systemKey();
      } catch (RuntimeException e) {
        LOG.warnf("Skipping an unreadable recommendation: %s", e.getMessage());
        return;
      }
      store.put(revisionKey(system, rec.revision()), record.value());
      String latest = store.get(latestKey(system));
      if (latest == null || Long.parseLong(latest) < rec.revision()) {
        store.put(latestKey(system), Long.toString(rec.revision()));
      }
      // No span of its own: a restore re-runs this for every stored revision. The feed starts one
      // for a revision it pushes to subscribers.
      try (Scope scope = tracing.extract(record.headers()).makeCurrent()) {
        feed.indexed(new RecommendationView.Revision(rec, record.value()), record.timestamp());
      }
    }
  }
}
