package dev.dbarch.workload.diagnosis;

import dev.dbarch.contracts.events.Risk;
import dev.dbarch.workload.statement.Rewrites;
import dev.dbarch.workload.statement.SqlShape;
import dev.dbarch.workload.statement.WorkloadStatement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PERF-DIAG-016: {@code SELECT *} in the workload. Every column is read, sent and decoded, wide and
 * TOASTed ones included, index-only scans are impossible, and a column added later changes what the
 * application receives. Fix: the columns named, from the catalog when dbarch has it.
 */
final class SelectStar implements Diagnosis {

  static final String ID = "PERF-DIAG-016";

  /** The heaviest statements that select {@code *}; more would repeat the same advice. */
  static final int MAX_FINDINGS = 5;

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String title() {
    return "SELECT *";
  }

  @Override
  public String catalogue() {
    return "Statements: a SELECT of `*` or `table.*`, the heaviest "
        + MAX_FINDINGS
        + " by total time. Fix: the statement with the table's columns named (from the schema"
        + " snapshot) so the caller can keep only those it reads.";
  }

  @Override
  public List<Finding> evaluate(Evidence e) {
    List<Finding> findings = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (WorkloadStatement s : e.statements()) {
      SqlShape shape = s.shape();
      if (shape.kind() != SqlShape.Kind.SELECT
          || !shape.selectsStar()
          || !seen.add(s.shapeText())) {
        continue;
      }
      if (findings.size() >= MAX_FINDINGS) {
        break;
      }
      String starTable = shape.starTables().get(0);
      List<String> columns = e.columnsOf(starTable);
      String fix =
          Rewrites.namedColumns(s.query(), columns)
              .orElse("Name the columns the caller reads instead of * in: " + s.label());
      Map<String, String> facts = new LinkedHashMap<>();
      facts.put("statement", s.label());
      facts.put("calls", Numbers.count(s.calls()));
      if (!columns.isEmpty()) {
        facts.put("columns", Integer.toString(columns.size()));
      }
      findings.add(
          new Finding(
              ID,
              title(),
              s.label(),
              Risk.Level.MEDIUM,
              Risk.Level.LOW,
              s.label() + ": SELECT * reads and sends every column",
              fix,
              Numbers.count(s.calls())
                  + " calls, "
                  + Numbers.count(s.totalMillis())
                  + " ms in all, each returning all "
                  + (columns.isEmpty() ? "" : columns.size() + " ")
                  + "columns of "
                  + e.qualified(starTable)
                  + "; naming the columns lets an index-only scan serve it and keeps wide columns"
                  + " off the wire.",
              facts,
              "The statement must change when the caller needs another column."));
    }
    return findings;
  }
}
