package dev.dbarch.report.view;

import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.SystemKey;
import dev.dbarch.contracts.events.Recommendation;
import dev.dbarch.contracts.kafka.Topics;
import dev.dbarch.servicekit.kafka.TopicReplayer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * The read side of the report service: every revision of every system, rebuilt at start-up from
 * {@link Topics#RECOMMENDATION_HISTORY} (which keeps every revision forever) and then tailed, so
 * every instance can answer for every system and a restart forgets nothing. New revisions are
 * broadcast to server-sent-event subscribers as they arrive. Everything is kept and looked up by
 * {@link SystemKey}: a question about one tenant's system can only ever find that tenant's.
 */
@ApplicationScoped
public class RecommendationView {

  private static final Logger LOG = Logger.getLogger(RecommendationView.class);

  /** One stored revision: the event as published, and its parsed form. */
  public record Revision(Recommendation recommendation, String json) {}

  private final Map<SystemKey, NavigableMap<Long, Revision>> bySystem = new ConcurrentHashMap<>();
  private final BroadcastProcessor<Revision> live = BroadcastProcessor.create();
  private TopicReplayer replayer;

  @Inject
  @Identifier("default-kafka-broker")
  Map<String, Object> kafkaConfig;

  void start(@Observes StartupEvent event) {
    replayer = new TopicReplayer(Topics.RECOMMENDATION_HISTORY, kafkaConfig, this::apply);
    replayer.start();
  }

  void stop(@Observes ShutdownEvent event) {
    replayer.stop();
    live.onComplete();
  }

  public boolean isCaughtUp() {
    return replayer != null && replayer.isCaughtUp();
  }

  public Optional<String> failure() {
    return Optional.ofNullable(replayer == null ? null : replayer.failure());
  }

  public Optional<Revision> latest(SystemKey system) {
    NavigableMap<Long, Revision> revisions = bySystem.get(system);
    return revisions == null || revisions.isEmpty()
        ? Optional.empty()
        : Optional.of(revisions.lastEntry().getValue());
  }

  public Optional<Revision> revision(SystemKey system, long revision) {
    NavigableMap<Long, Revision> revisions = bySystem.get(system);
    return Optional.ofNullable(revisions == null ? null : revisions.get(revision));
  }

  /** All revisions of a system, oldest first. */
  public List<Revision> revisions(SystemKey system) {
    NavigableMap<Long, Revision> revisions = bySystem.get(system);
    return revisions == null ? List.of() : List.copyOf(revisions.values());
  }

  /** The latest revision of every system of one tenant, ordered by system id. */
  public List<Revision> systems(String tenant) {
    List<Revision> latest = new ArrayList<>();
    bySystem.forEach(
        (system, r) -> {
          if (system.tenant().equals(tenant) && !r.isEmpty()) {
            latest.add(r.lastEntry().getValue());
          }
        });
    latest.sort(Comparator.comparing(r -> r.recommendation().systemId()));
    return latest;
  }

  /** Revisions of every tenant as they are published from now on; subscribers filter theirs. */
  public Multi<Revision> live() {
    return live;
  }

  private void apply(ConsumerRecord<String, String> record) {
    if (record.value() == null) {
      return;
    }
    Recommendation rec;
    SystemKey system;
    try {
      rec = Json.fromJson(record.value(), Recommendation.class);
      system = rec.systemKey();
    } catch (RuntimeException e) {
      LOG.warnf(
          "Skipping an unreadable recommendation at offset %d: %s",
          record.offset(), e.getMessage());
      return;
    }
    Revision revision = new Revision(rec, record.value());
    Revision previous =
        bySystem
            .computeIfAbsent(system, id -> new ConcurrentSkipListMap<>())
            .put(rec.revision(), revision);
    if (previous == null && isCaughtUp()) {
      live.onNext(revision);
    }
  }
}
