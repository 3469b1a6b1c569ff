package dev.dbarch.contracts.schema;

import java.util.List;
import java.util.Objects;

/**
 * The schema an assessment is about, with what the shared schema rules found in it and, when a
 * schema change triggered the assessment, the change.
 *
 * @param unsupportedStatements statements of an uploaded DDL script the parser could not use
 */
public record SchemaContext(
    SchemaSnapshot snapshot,
    List<SchemaFinding> findings,
    SchemaChange change,
    List<String> unsupportedStatements) {

  public SchemaContext {
    Objects.requireNonNull(snapshot, "snapshot");
    findings = List.copyOf(Objects.requireNonNullElse(findings, List.of()));
    unsupportedStatements =
        List.copyOf(Objects.requireNonNullElse(unsupportedStatements, List.of()));
  }
}
