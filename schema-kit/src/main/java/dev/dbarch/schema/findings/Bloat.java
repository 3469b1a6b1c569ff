package dev.dbarch.schema.findings;

import dev.dbarch.contracts.schema.SchemaFinding;
import dev.dbarch.contracts.schema.SchemaFinding.Severity;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.contracts.schema.SchemaSnapshot.Index;
import dev.dbarch.contracts.schema.SchemaSnapshot.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * SCH-BLT-001 (tables) and SCH-BLT-002 (B-tree indexes): estimated wasted space, from the catalog
 * reader's statistics-based estimate (the ioguix method pg-index-health also uses), at least {@link
 * RuleSettings#bloatMinPercent} of the relation and {@link RuleSettings#bloatMinBytes}. Only a live
 * PostgreSQL catalog has the estimate; it is as fresh as the last {@code ANALYZE}.
 */
final class Bloat {

  private Bloat() {}

  static String percent(long bloat, long size) {
    return String.format(Locale.ROOT, "%.1f", size <= 0 ? 0.0 : 100.0 * bloat / size);
  }

  static boolean over(RuleContext ctx, long bloat, long size) {
    return size > 0
        && bloat >= ctx.settings().bloatMinBytes()
        && Math.round(10000.0 * bloat / size) / 100.0 >= ctx.settings().bloatMinPercent();
  }

  /** The table's own size (heap and TOAST): its total less its indexes. */
  static long heapSize(Table t) {
    return t.sizeBytes() - t.indexes().stream().mapToLong(i -> Math.max(0, i.sizeBytes())).sum();
  }

  static final class TableBloat implements SchemaRule {

    @Override
    public String id() {
      return "SCH-BLT-001";
    }

    @Override
    public String title() {
      return "Bloated table";
    }

    @Override
    public String rationale() {
      return "Dead space left by updates and deletes that vacuum cannot return makes every scan"
          + " read more pages than the rows need.";
    }

    @Override
    public List<SchemaFinding> evaluate(SchemaSnapshot snapshot, RuleContext ctx) {
      List<SchemaFinding> out = new ArrayList<>();
      for (Table t : snapshot.tables()) {
        if (t.bloatBytes() == null || t.partitionKey() != null) {
          continue;
        }
        long size = heapSize(t);
        if (!over(ctx, t.bloatBytes(), size)) {
          continue;
        }
        out.add(
            new SchemaFinding(
                id(),
                Severity.LOW,
                t.qualifiedName(),
                null,
                "Table %s wastes an estimated %s%% of its %d bytes (%d bytes), so scans read pages of dead space."
                    .formatted(
                        t.qualifiedName(), percent(t.bloatBytes(), size), size, t.bloatBytes()),
                "VACUUM (VERBOSE, ANALYZE) %s; -- frees space for reuse without blocking; to give it back to the system, rewrite the table online (pg_repack) rather than with VACUUM FULL, which locks it"
                    .formatted(ctx.fixes().table(t)),
                Facts.of(
                    "bloatBytes", t.bloatBytes(),
                    "sizeBytes", size,
                    "bloatPercent", percent(t.bloatBytes(), size),
                    "thresholdPercent", ctx.settings().bloatMinPercent(),
                    "thresholdBytes", ctx.settings().bloatMinBytes())));
      }
      return out;
    }
  }

  static final class IndexBloat implements SchemaRule {

    @Override
    public String id() {
      return "SCH-BLT-002";
    }

    @Override
    public String title() {
      return "Bloated index";
    }

    @Override
    public String rationale() {
      return "A B-tree with many half-empty pages costs memory and I/O on every lookup; a rebuild"
          + " packs it again.";
    }

    @Override
    public List<SchemaFinding> evaluate(SchemaSnapshot snapshot, RuleContext ctx) {
      List<SchemaFinding> out = new ArrayList<>();
      for (Table t : snapshot.tables()) {
        for (Index i : t.indexes()) {
          if (i.bloatBytes() == null || !over(ctx, i.bloatBytes(), i.sizeBytes())) {
            continue;
          }
          out.add(
              new SchemaFinding(
                  id(),
                  Severity.LOW,
                  t.qualifiedName(),
                  i.name(),
                  "Index %s wastes an estimated %s%% of its %d bytes (%d bytes)."
                      .formatted(
                          i.name(),
                          percent(i.bloatBytes(), i.sizeBytes()),
                          i.sizeBytes(),
                          i.bloatBytes()),
                  ctx.fixes().rebuildIndex(t, i).replaceAll(" -- or DROP.*", "")
                      + " -- rebuilds it beside the old one, without blocking writes",
                  Facts.of(
                      "bloatBytes", i.bloatBytes(),
                      "sizeBytes", i.sizeBytes(),
                      "bloatPercent", percent(i.bloatBytes(), i.sizeBytes()),
                      "thresholdPercent", ctx.settings().bloatMinPercent(),
                      "thresholdBytes", ctx.settings().bloatMinBytes())));
        }
      }
      return out;
    }
  }
}
