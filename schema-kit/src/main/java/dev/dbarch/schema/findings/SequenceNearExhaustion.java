package dev.dbarch.schema.findings;

import dev.dbarch.contracts.schema.SchemaFinding;
import dev.dbarch.contracts.schema.SchemaFinding.Severity;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.contracts.schema.SchemaSnapshot.Sequence;
import dev.dbarch.schema.Snapshots;
import dev.dbarch.schema.SqlTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * SCH-SEQ-001: a sequence that has used more than the threshold share of its range, when that range
 * is 32 bits or less: an {@code integer} or {@code smallint} sequence, or any sequence feeding an
 * {@code integer} or {@code smallint} column (whose range then counts), and MySQL {@code
 * AUTO_INCREMENT} counters. Only ascending sequences that have been used are assessed.
 */
final class SequenceNearExhaustion implements SchemaRule {

  @Override
  public String id() {
    return "SCH-SEQ-001";
  }

  @Override
  public String title() {
    return "Sequence near exhaustion";
  }

  @Override
  public String rationale() {
    return "When the sequence or the column it feeds runs out, every insert fails.";
  }

  @Override
  public List<SchemaFinding> evaluate(SchemaSnapshot snapshot, RuleContext ctx) {
    double threshold = ctx.settings().usedShare();
    List<SchemaFinding> out = new ArrayList<>();
    for (Sequence s : snapshot.sequences()) {
      long max = s.maxValue();
      String limitedBy = "sequence";
      OptionalLong seqTypeMax = SqlTypes.integerMax(s.dataType());
      boolean narrow = seqTypeMax.isPresent() && seqTypeMax.getAsLong() <= 4294967295L;
      Optional<RuleContext.Fed> fed = ctx.fedColumn(s);
      if (fed.isPresent()) {
        OptionalLong colMax = SqlTypes.integerMax(fed.get().column().type());
        if (colMax.isPresent() && colMax.getAsLong() <= 4294967295L) {
          narrow = true;
          if (colMax.getAsLong() < max) {
            max = colMax.getAsLong();
            limitedBy = "column";
          }
        }
      }
      if (!narrow || max <= 0 || s.lastValue() <= 0) {
        continue;
      }
      double used = (double) s.lastValue() / max;
      if (used <= threshold) {
        continue;
      }
      out.add(
          new SchemaFinding(
              id(),
              Severity.HIGH,
              fed.map(f -> f.table().qualifiedName()).orElse(null),
              Snapshots.qualifiedName(s),
              "Sequence %s has used %.1f%% of its range (%d of %d); inserts fail when it runs out."
                  .formatted(Snapshots.qualifiedName(s), used * 100, s.lastValue(), max),
              ctx.fixes().widenSequence(s, fed.orElse(null)),
              Facts.of(
                  "lastValue", s.lastValue(),
                  "maxValue", max,
                  "usedPercent", String.format(Locale.ROOT, "%.1f", used * 100),
                  "threshold", String.format(Locale.ROOT, "%.0f%%", threshold * 100),
                  "dataType", s.dataType(),
                  "limitedBy", limitedBy,
                  "column",
                      fed.map(f -> f.table().qualifiedName() + "." + f.column().name())
                          .orElse(null))));
    }
    return out;
  }
}
