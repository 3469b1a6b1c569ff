package dev.dbarch.intake.assessment;

import dev.dbarch.contracts.events.AssessmentRequested;
import dev.dbarch.contracts.kafka.Channels;
import dev.dbarch.contracts.workload.WorkloadContext;
import dev.dbarch.intake.IntakeConfig;
import dev.dbarch.intake.monitor.MonitorStore;
import dev.dbarch.intake.workload.WorkloadSnapshotLog;
import dev.dbarch.servicekit.kafka.BrokerConfig;
import dev.dbarch.servicekit.kafka.BrokerWrites;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes assessment requests keyed by {@code tenant/systemId} and waits for the broker's
 * acknowledgement. A request of a monitored system carries the database's latest workload snapshot
 * when it has none of its own, so every revision of that system is diagnosed on the same live
 * evidence (a revision without it would report the workload findings as resolved).
 */
@ApplicationScoped
public class AssessmentPublisher {

  @Inject IntakeConfig config;
  @Inject BrokerConfig broker;
  @Inject MonitorStore monitors;
  @Inject WorkloadSnapshotLog workloads;

  @Inject
  @Channel(Channels.ASSESSMENT_REQUESTS_OUT)
  MutinyEmitter<AssessmentRequested> emitter;

  public void publish(AssessmentRequested submitted) {
    publish(submitted, config.publishTimeout());
  }

  /** With a deadline of its own: a large request takes longer to compress and send. */
  public void publish(AssessmentRequested submitted, Duration timeout) {
    AssessmentRequested request = withLatestWorkload(submitted);
    Message<AssessmentRequested> message =
        Message.of(request)
            .addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder()
                    .withKey(request.systemKey().toString())
                    .build())
            .addMetadata(
                OutgoingCloudEventMetadata.builder().withId(request.assessmentId()).build());
    BrokerWrites.await(
        emitter.sendMessage(message), timeout, broker.retryAfter(), "the assessment request");
  }

  private AssessmentRequested withLatestWorkload(AssessmentRequested request) {
    if (request.workload() != null) {
      return request;
    }
    return monitors
        .find(request.systemKey())
        .flatMap(
            monitor ->
                workloads
                    .last(request.systemKey())
                    .filter(s -> monitor.registrationId().equals(s.registrationId())))
        .map(snapshot -> request.withWorkload(new WorkloadContext(snapshot, List.of())))
        .orElse(request);
  }
}
