package dev.dbarch.intake;

import dev.dbarch.contracts.events.Section;
import dev.dbarch.contracts.kafka.KafkaSecurity;
import dev.dbarch.contracts.kafka.Topics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * How many assessments the pipeline has not yet taken: for each configured consumer group (the five
 * specialists and the report), the records of {@code dbarch.assessment-requests} and {@code
 * dbarch.section-verdicts} past its committed offsets, in assessments; the backlog is the largest
 * of them, the slowest stage. Read from the broker in the background every {@code
 * dbarch.intake.admission.backlog-interval}, so a submission only compares two numbers.
 *
 * <p>A request is one assessment; a verdict is a fifth of one (each assessment gets one verdict per
 * {@link Section}), so the report's lag on the verdicts is divided by five, rounding up. Counting
 * verdict records as assessments made a report five times "slower" than a specialist holding the
 * same work, and a report restarted mid-burst refused submissions at a fifth of the limit.
 *
 * <p>Only partitions a group has committed count (a group that never committed is not running yet).
 * When the broker does not answer the backlog is unknown and nothing is refused for it: a broker
 * outage is answered by the publish timeout's own 503.
 */
@ApplicationScoped
public class PipelineBacklog {

  private static final Logger LOG = Logger.getLogger(PipelineBacklog.class);
  private static final Set<String> TOPICS =
      Set.of(Topics.ASSESSMENT_REQUESTS, Topics.SECTION_VERDICTS);
  private static final long UNKNOWN = -1;
  private static final long VERDICTS_PER_ASSESSMENT = Section.values().length;

  @Inject IntakeConfig config;
  @Inject MeterRegistry registry;

  @Inject
  @Identifier("default-kafka-broker")
  Map<String, Object> kafkaConfig;

  private volatile long backlog = UNKNOWN;
  private ScheduledExecutorService reader;
  private Admin admin;

  void start(@Observes StartupEvent event) {
    Gauge.builder("dbarch.intake.pipeline.backlog", this, b -> b.backlog)
        .description(
            "Assessments the slowest pipeline consumer group has not committed (-1: unknown)")
        .register(registry);
    if (config.admission().maxBacklog() <= 0) {
      return;
    }
    Map<String, Object> settings = new HashMap<>();
    settings.put(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        kafkaConfig.getOrDefault(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092"));
    settings.putAll(KafkaSecurity.clientSettings(kafkaConfig));
    settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
    settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
    settings.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
    settings.put(AdminClientConfig.CLIENT_ID_CONFIG, "intake-pipeline-backlog");
    admin = Admin.create(settings);
    reader =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "pipeline-backlog");
              thread.setDaemon(true);
              return thread;
            });
    reader.scheduleWithFixedDelay(
        this::read, 0, config.admission().backlogInterval().toMillis(), TimeUnit.MILLISECONDS);
  }

  void stop(@Observes ShutdownEvent event) {
    if (reader != null) {
      reader.shutdownNow();
    }
    if (admin != null) {
      admin.close(Duration.ofSeconds(1));
    }
  }

  /** The last backlog read, if the broker answered. */
  public OptionalLong current() {
    long value = backlog;
    return value < 0 ? OptionalLong.empty() : OptionalLong.of(value);
  }

  private void read() {
    try {
      backlog = measure();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      if (backlog != UNKNOWN) {
        LOG.debugf("Pipeline backlog unknown: %s", e.getMessage());
      }
      backlog = UNKNOWN;
    }
  }

  private long measure() throws Exception {
    List<String> groups = config.admission().backlogGroups();
    Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
    groups.forEach(group -> specs.put(group, new ListConsumerGroupOffsetsSpec()));
    Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new HashMap<>();
    var result = admin.listConsumerGroupOffsets(specs);
    for (String group : groups) {
      Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
      result
          .partitionsToOffsetAndMetadata(group)
          .get(3, TimeUnit.SECONDS)
          .forEach(
              (partition, offset) -> {
                if (offset != null && TOPICS.contains(partition.topic())) {
                  offsets.put(partition, offset);
                }
              });
      committed.put(group, offsets);
    }
    Map<TopicPartition, OffsetSpec> wanted = new HashMap<>();
    committed.values().forEach(m -> m.keySet().forEach(p -> wanted.put(p, OffsetSpec.latest())));
    if (wanted.isEmpty()) {
      return 0;
    }
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
        admin.listOffsets(wanted).all().get(3, TimeUnit.SECONDS);
    long slowest = 0;
    for (Map<TopicPartition, OffsetAndMetadata> offsets : committed.values()) {
      long requests = 0;
      long verdicts = 0;
      for (var entry : offsets.entrySet()) {
        var end = ends.get(entry.getKey());
        if (end != null) {
          long lag = Math.max(0, end.offset() - entry.getValue().offset());
          if (Topics.SECTION_VERDICTS.equals(entry.getKey().topic())) {
            verdicts += lag;
          } else {
            requests += lag;
          }
        }
      }
      slowest = Math.max(slowest, inAssessments(requests, verdicts));
    }
    return slowest;
  }

  /** The assessments {@code requests} request records and {@code verdicts} verdict records hold. */
  static long inAssessments(long requests, long verdicts) {
    return requests + (verdicts + VERDICTS_PER_ASSESSMENT - 1) / VERDICTS_PER_ASSESSMENT;
  }
}
