package dev.dbarch.workload.live;

import dev.dbarch.contracts.workload.WorkloadSnapshot;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/** Reads one database's workload statistics into a snapshot with cumulative ratios. */
public interface WorkloadReader {

  WorkloadSnapshot read(
      Connection connection,
      String systemId,
      String registrationId,
      long sequence,
      Instant capturedAt,
      ReadOptions options)
      throws SQLException;
}
