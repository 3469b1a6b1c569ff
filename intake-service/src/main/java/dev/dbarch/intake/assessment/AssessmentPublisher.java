package dev.dbarch.intake.assessment;

import dev.dbarch.contracts.events.AssessmentRequested;
import dev.dbarch.contracts.kafka.Channels;
import dev.dbarch.contracts.kafka.RecordLimits;
import dev.dbarch.contracts.workload.WorkloadContext;
import dev.dbarch.intake.IntakeConfig;
import dev.dbarch.intake.monitor.MonitorStore;
import dev.dbarch.intake.workload.WorkloadSnapshotLog;
import dev.dbarch.servicekit.problem.Problem;
import dev.dbarch.servicekit.problem.ProblemException;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Publishes assessment requests keyed by {@code tenant/systemId} and waits for the broker's
 * acknowledgement. A request of a monitored system carries the database's latest workload snapshot
 * when it has none of its own, so every revision of that system is diagnosed on the same live
 * evidence (a revision without it would report the workload findings as resolved).
 */
@ApplicationScoped
public class AssessmentPublisher {

  private static final Logger LOG = Logger.getLogger(AssessmentPublisher.class);

  @Inject IntakeConfig config;
  @Inject MonitorStore monitors;
  @Inject WorkloadSnapshotLog workloads;

  @Inject
  @Channel(Channels.ASSESSMENT_REQUESTS_OUT)
  MutinyEmitter<AssessmentRequested> emitter;

  public void publish(AssessmentRequested submitted) {
    AssessmentRequested request = withLatestWorkload(submitted);
    Message<AssessmentRequested> message =
        Message.of(request)
            .addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder()
                    .withKey(request.systemKey().toString())
                    .build())
            .addMetadata(
                OutgoingCloudEventMetadata.builder().withId(request.assessmentId()).build());
    try {
      emitter.sendMessage(message).await().atMost(config.publishTimeout());
    } catch (RuntimeException e) {
      if (tooLarge(e)) {
        // A broker with a lower limit than RecordBudget checks: retrying cannot help, so no 503.
        LOG.errorf("Kafka refused the assessment request as too large: %s", e.getMessage());
        throw new ProblemException(
            Problem.of(
                413,
                "Payload Too Large",
                "The broker refused the assessment request as too large (a topic or broker limit"
                    + " below dbarch's "
                    + RecordLimits.describe(RecordLimits.MAX_RECORD_BYTES)
                    + "); nothing was published.",
                null));
      }
      LOG.errorf("Kafka did not accept the assessment request: %s", e.getMessage());
      throw new ProblemException(
          Problem.of(
              503,
              "Service Unavailable",
              "The request could not be stored in Kafka; nothing was published. Retry later.",
              null));
    }
  }

  private static boolean tooLarge(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RecordTooLargeException) {
        return true;
      }
    }
    return false;
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
