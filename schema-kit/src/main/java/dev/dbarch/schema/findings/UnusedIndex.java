package dev.dbarch.schema.findings;

import dev.dbarch.contracts.schema.SchemaFinding;
import dev.dbarch.contracts.schema.SchemaFinding.Severity;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.contracts.schema.SchemaSnapshot.ForeignKey;
import dev.dbarch.contracts.schema.SchemaSnapshot.Index;
import dev.dbarch.contracts.schema.SchemaSnapshot.Statistics;
import dev.dbarch.contracts.schema.SchemaSnapshot.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * SCH-IDX-003: an index never scanned since the usage counters started, that is not unique, not a
 * primary key, valid, and does not hold the columns of one of the table's foreign keys (that index
 * is what keeps SCH-FK-001 quiet, however rarely it is read).
 *
 * <p>Counters only mean something once they have seen a full business cycle: the rule stays silent
 * until they are {@link RuleSettings#unusedIndexMinStatisticsAge} old (counted from {@code
 * stats_reset}, or from the server start), and says their age in every finding. Scans on a standby
 * never reach the primary's counters: when the server has (or may have) replicas, or the snapshot
 * was read on a standby, the finding says the index may still serve reads there. A script has no
 * counters, so the rule never fires on one.
 */
final class UnusedIndex implements SchemaRule {

  @Override
  public String id() {
    return "SCH-IDX-003";
  }

  @Override
  public String title() {
    return "Unused index";
  }

  @Override
  public String rationale() {
    return "Every write maintains an index no query reads; old enough counters say which ones.";
  }

  @Override
  public List<SchemaFinding> evaluate(SchemaSnapshot snapshot, RuleContext ctx) {
    List<SchemaFinding> out = new ArrayList<>();
    Statistics stats = snapshot.statistics();
    long minAge = ctx.settings().unusedIndexMinStatisticsAge().toSeconds();
    if (stats == null || stats.ageSeconds() < minAge) {
      return out;
    }
    String age = days(stats.ageSeconds());
    String since =
        "server_start".equals(stats.since()) ? "the server started" : "statistics were reset";
    String replicaNote =
        stats.standby()
            ? " These counters are this standby's own: the primary and other standbys may still read it."
            : stats.replicas() != 0
                ? (stats.replicas() > 0
                            ? " %d standby(s) stream from this server:"
                            : " Standbys, if any,")
                        .formatted(stats.replicas())
                    + " reads there never reach these counters, so check each before dropping."
                : "";
    for (Table t : snapshot.tables()) {
      List<ForeignKey> fks = ctx.effectiveForeignKeys(t);
      for (Index i : t.indexes()) {
        if (i.scans() != 0 || i.unique() || i.primary() || !i.valid()) {
          continue;
        }
        List<String> all = new ArrayList<>(i.columns());
        all.addAll(i.include());
        if (fks.stream().anyMatch(fk -> all.containsAll(fk.columns()))) {
          continue;
        }
        out.add(
            new SchemaFinding(
                id(),
                Severity.LOW,
                t.qualifiedName(),
                i.name(),
                ("Index %s has not been used in the %s since %s, yet every write to %s maintains it."
                        + replicaNote)
                    .formatted(i.name(), age, since, t.qualifiedName()),
                ctx.fixes().dropIndex(t, i)
                    + " -- only once the counters cover a full business cycle and every standby",
                Facts.of(
                    "scans", 0,
                    "sizeBytes", i.sizeBytes(),
                    "columns", String.join(",", i.columns()),
                    "statisticsAgeDays",
                        String.format(Locale.ROOT, "%.1f", stats.ageSeconds() / 86400.0),
                    "statisticsSince", stats.since(),
                    "minimumAgeDays", String.format(Locale.ROOT, "%.1f", minAge / 86400.0),
                    "standby", stats.standby(),
                    "replicas", stats.replicas())));
      }
    }
    return out;
  }

  private static String days(long seconds) {
    long days = seconds / 86400;
    return days >= 1 ? days + (days == 1 ? " day" : " days") : (seconds / 3600) + " hours";
  }
}
