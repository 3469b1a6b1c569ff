package dev.dbarch.report.view;

import dev.dbarch.contracts.Json;
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
 * broadcast to server-sent-event subscribers as they arrive.
 */
@ApplicationScoped
public class RecommendationView {

  private static final Logger LOG = Logger.getLogger(RecommendationView.class);

  /** One stored revision: the event as published, and its parsed form. */
  public record Revision(Recommendation recommendation, String json) {}

  private final Map<String, NavigableMap<Long, Revision>> bySystem = new ConcurrentHashMap<>();
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

  public Optional<Revision> latest(String systemId) {
    NavigableMap<Long, Revision> revisions = bySystem.get(systemId);
    return revisions == null || revisions.isEmpty()
        ? Optional.empty()
        : Optional.of(revisions.lastEntry().getValue());
  }

  public Optional<Revision> revision(String systemId, long revision) {
    NavigableMap<Long, Revision> revisions = bySystem.get(systemId);
    return Optional.ofNullable(revisions == null ? null : revisions.get(revision));
  }

  /** All revisions of a system, oldest first. */
  public List<Revision> revisions(String systemId) {
    NavigableMap<Long, Revision> revisions = bySystem.get(systemId);
    return revisions == null ? List.of() : List.copyOf(revisions.values());
  }

  /** The latest revision of every system, ordered by system id. */
  public List<Revision> systems() {
    List<Revision> latest = new ArrayList<>();
    bySystem
        .values()
        .forEach(
            r -> {
              if (!r.isEmpty()) {
                latest.add(r.lastEntry().getValue());
              }
            });
    latest.sort(Comparator.comparing(r -> r.recommendation().systemId()));
    return latest;
  }

  /** Revisions as they are published from now on. */
  public Multi<Revision> live() {
    return live;
  }

  private void apply(ConsumerRecord<String, String> record) {
    if (record.value() == null) {
      return;
    }
    Recommendation rec;
    try {
      rec = Json.fromJson(record.value(), Recommendation.class);
    } catch (RuntimeException e) {
      LOG.warnf(
          "Skipping an unreadable recommendation at offset %d: %s",
          record.offset(), e.getMessage());
      return;
    }
    Revision revision = new Revision(rec, record.value());
    Revision previous =
        bySystem
            .computeIfAbsent(rec.systemId(), id -> new ConcurrentSkipListMap<>())
            .put(rec.revision(), revision);
    if (previous == null && isCaughtUp()) {
      live.onNext(revision);
    }
  }
}
