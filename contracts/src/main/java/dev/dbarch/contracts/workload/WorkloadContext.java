package dev.dbarch.contracts.workload;

import java.util.List;
import java.util.Objects;

/**
 * The live workload an assessment is about: the latest snapshot of the monitored database and, when
 * a workload change triggered the assessment, what changed.
 */
public record WorkloadContext(WorkloadSnapshot snapshot, List<WorkloadChange> changes) {

  public WorkloadContext {
    Objects.requireNonNull(snapshot, "snapshot");
    changes = List.copyOf(Objects.requireNonNullElse(changes, List.of()));
  }
}
