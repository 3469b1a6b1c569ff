package dev.dbarch.schema;

import dev.dbarch.contracts.schema.SchemaFinding;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.contracts.schema.SchemaSnapshot.Column;
import dev.dbarch.contracts.schema.SchemaSnapshot.Index;
import dev.dbarch.contracts.schema.SchemaSnapshot.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a script can know of a schema, as text lines that compare and print well: everything
 * structural of every table, column, key, index and sequence; nothing a live database alone has
 * (row estimates, sizes, scans, bloat, statistics, planner values, index definition text).
 */
public final class Comparable {

  /** Rules that read what only a live catalog has. */
  public static final Set<String> LIVE_ONLY_RULES =
      Set.of("SCH-IDX-003", "SCH-IDX-004", "SCH-SEQ-002", "SCH-BLT-001", "SCH-BLT-002");

  private Comparable() {}

  /** With default expressions compared as text (pg_dump output prints them as PostgreSQL does). */
  public static List<String> lines(SchemaSnapshot s) {
    return lines(s, true);
  }

  /**
   * With {@code exactDefaults} false, a default compares by what the rules read of it (none, a
   * sequence, an identity, a generated expression, or some value): PostgreSQL stores a default as a
   * parsed expression and prints it its own way ({@code NOW()} is {@code now()}, {@code
   * '2025-01-01'} on a timestamptz column is {@code '2025-01-01 00:00:00+00'::timestamp with time
   * zone}), which a parser cannot reproduce without PostgreSQL's type system (ADR 0004).
   */
  public static List<String> lines(SchemaSnapshot s, boolean exactDefaults) {
    List<String> out = new ArrayList<>();
    for (Table t : s.tables()) {
      String q = t.qualifiedName();
      out.add(
          "table %s partitionOf=%s key=%s inherits=%s identity=%s pk=%s notValid=%s"
              .formatted(
                  q,
                  t.partitionOf(),
                  t.partitionKey(),
                  t.inherits(),
                  t.replicaIdentity(),
                  t.primaryKey(),
                  t.notValidConstraints()));
      for (Column c : t.columns()) {
        out.add(
            "  column %s.%s %s null=%s default=%s comment=%s #%d"
                .formatted(
                    q,
                    c.name(),
                    c.type(),
                    c.nullable(),
                    exactDefaults ? c.defaultValue() : defaultKind(c.defaultValue()),
                    c.comment(),
                    c.position()));
      }
      t.uniqueConstraints()
          .forEach(u -> out.add("  unique %s.%s %s".formatted(q, u.name(), u.columns())));
      t.foreignKeys()
          .forEach(
              f ->
                  out.add(
                      "  fk %s.%s %s -> %s %s"
                          .formatted(
                              q,
                              f.name(),
                              f.columns(),
                              f.referencedTable(),
                              f.referencedColumns())));
      for (Index i : t.indexes()) {
        out.add(
            "  index %s.%s %s include=%s unique=%s primary=%s %s where=%s"
                .formatted(
                    q,
                    i.name(),
                    i.columns().stream().map(Comparable::keyPart).toList(),
                    i.include(),
                    i.unique(),
                    i.primary(),
                    i.method(),
                    predicate(i.predicate())));
      }
    }
    s.sequences()
        .forEach(
            q ->
                out.add(
                    "sequence %s %s last=%d max=%d owner=%s"
                        .formatted(
                            Snapshots.qualifiedName(q),
                            q.dataType(),
                            q.lastValue(),
                            q.maxValue(),
                            q.ownedBy())));
    return out;
  }

  private static String defaultKind(String d) {
    if (d == null) {
      return null;
    }
    if (d.contains("nextval(")) {
      return "sequence " + d.replace("\"", "");
    }
    if (d.contains("as identity") || d.startsWith("generated")) {
      return d;
    }
    return "a value";
  }

  /** An expression key part without PostgreSQL's added parentheses and spacing. */
  private static String keyPart(String part) {
    return part.contains("(") ? part.replaceAll("[()\\s]", "") : part;
  }

  /** {@code (a IS NOT NULL)} and {@code a IS NOT NULL} are the same predicate. */
  private static String predicate(String p) {
    if (p == null) {
      return null;
    }
    String s = p.strip();
    while (s.startsWith("(") && s.endsWith(")")) {
      s = s.substring(1, s.length() - 1).strip();
    }
    return s.replaceAll("\\s+", " ");
  }

  /** The findings a script can have: rule, table, object and fix, live-only rules left out. */
  public static List<String> findings(List<SchemaFinding> findings) {
    return findings.stream()
        .filter(f -> !LIVE_ONLY_RULES.contains(f.ruleId()))
        .map(f -> f.ruleId() + " " + f.table() + " " + f.object() + " :: " + f.fix())
        .toList();
  }
}
