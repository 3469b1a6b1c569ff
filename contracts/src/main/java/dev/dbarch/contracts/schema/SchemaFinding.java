package dev.dbarch.contracts.schema;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Something worth fixing in a schema, found by a schema rule.
 *
 * @param ruleId the stable rule id ({@code SCH-FK-001}), documented in docs/rules/schema.md
 * @param severity how much it matters
 * @param table the table it concerns ({@code schema.table}), if any
 * @param object the index, column, constraint or sequence it concerns, if any
 * @param message what is wrong, in one sentence
 * @param fix the concrete fix (often a DDL statement)
 * @param facts what the rule read, sorted by name
 */
public record SchemaFinding(
    String ruleId,
    Severity severity,
    String table,
    String object,
    String message,
    String fix,
    Map<String, String> facts) {

  public SchemaFinding {
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(severity, "severity");
    facts = facts == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(facts));
  }

  public enum Severity {
    LOW,
    MEDIUM,
    HIGH
  }
}
