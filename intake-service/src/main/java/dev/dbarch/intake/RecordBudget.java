package dev.dbarch.intake;

import dev.dbarch.contracts.kafka.RecordLimits;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.servicekit.problem.Problem;
import dev.dbarch.servicekit.problem.ProblemException;
import java.util.List;

/**
 * Refuses, before anything is stored or published, an event too large for one Kafka record (ADR
 * 0012). Without it the broker refuses the record after the requirements were stored, and the
 * client gets a 503 that no retry can fix.
 */
public final class RecordBudget {

  private RecordBudget() {}

  /**
   * @param status 413 for a submitted document, 422 for a monitored database's catalog
   * @param field the part of the input that makes the event large, named in the problem
   * @return the event's size in bytes of JSON
   */
  public static long check(
      long limit, Object event, String what, SchemaSnapshot schema, int status, String field) {
    long size = RecordLimits.serializedSize(event);
    if (size <= limit) {
      return size;
    }
    String shape = schema == null ? "" : " (" + describe(schema) + ")";
    String detail =
        "The "
            + what
            + " would be "
            + size
            + " bytes, over dbarch's record limit of "
            + limit
            + " bytes ("
            + RecordLimits.describe(limit)
            + ", dbarch.intake.max-record-bytes)"
            + shape
            + "; nothing was stored or published.";
    throw new ProblemException(
        Problem.of(
            status,
            status == 413 ? "Payload Too Large" : "Unprocessable Content",
            detail,
            List.of(
                new Problem.FieldError(
                    field,
                    "makes a record of " + size + " bytes; the limit is " + limit + " bytes"))));
  }

  private static String describe(SchemaSnapshot schema) {
    int columns = schema.tables().stream().mapToInt(t -> t.columns().size()).sum();
    return "a schema of " + schema.tables().size() + " tables and " + columns + " columns";
  }
}
