package dev.dbarch.lint.rules;

import dev.dbarch.contracts.schema.StatementRisk.TableWork;
import dev.dbarch.lint.Severity;
import dev.dbarch.lint.classify.Classification;
import dev.dbarch.lint.context.TableSize;
import dev.dbarch.lint.context.Targets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a hit into a severity from what is known about the table and the system:
 *
 * <ul>
 *   <li>a lock held while the table is read or rewritten blocks queries for about {@code bytes /
 *       throughput} (reading {@value #SCAN_MB_PER_S} MB/s, rewriting with indexes {@value
 *       #REWRITE_MB_PER_S} MB/s): under a second is low, under a minute medium, longer high; past
 *       the system's p99 latency target at least medium; past its RTO (or any outage when it
 *       tolerates no downtime) high; unknown size medium;
 *   <li>a brief lock that can queue behind long transactions is low, medium on a table of a million
 *       rows or a gigabyte (large tables are where long queries run);
 *   <li>breaking running versions or losing data is high, low on a table known to be empty;
 *   <li>a statement that will fail is high; a script whose transactions are wrong, medium; a schema
 *       choice that costs later, low.
 * </ul>
 */
public final class SeverityModel {

  static final long SCAN_MB_PER_S = 100;
  static final long REWRITE_MB_PER_S = 30;
  static final long LARGE_ROWS = 1_000_000;
  static final long LARGE_BYTES = 1L << 30;

  private SeverityModel() {}

  /** A severity and the facts it was decided from. */
  public record Assessment(Severity severity, Map<String, String> facts) {}

  public static Assessment assess(
      Impact impact, Classification c, TableSize size, Targets targets) {
    Map<String, String> facts = new TreeMap<>();
    Severity severity =
        switch (impact) {
          case LOCK_WHILE_WORKING -> whileWorking(c, size, targets, facts);
          case LOCK_QUEUE, REPLICA_LAG -> large(size) ? Severity.MEDIUM : Severity.LOW;
          case BREAKS_APPLICATION, LOSES_DATA ->
              size.known() && size.empty() ? Severity.LOW : Severity.HIGH;
          case FAILS -> Severity.HIGH;
          case SCRIPT_STRUCTURE -> Severity.MEDIUM;
          case SCHEMA_HYGIENE -> Severity.LOW;
        };
    return new Assessment(severity, facts);
  }

  private static boolean large(TableSize size) {
    return size.rows() >= LARGE_ROWS || size.bytes() >= LARGE_BYTES;
  }

  private static Severity whileWorking(
      Classification c, TableSize size, Targets targets, Map<String, String> facts) {
    if (size.empty()) {
      return Severity.LOW;
    }
    long bytes = size.effectiveBytes();
    if (bytes < 0) {
      facts.put("blockedFor", "unknown (table size unknown)");
      return Severity.MEDIUM;
    }
    long rate = (c.work() == TableWork.REWRITE ? REWRITE_MB_PER_S : SCAN_MB_PER_S) * 1024 * 1024;
    double seconds = (double) bytes / rate;
    facts.put("blockedForSecondsEstimate", String.format(Locale.ROOT, "%.1f", seconds));
    Severity severity = seconds < 1 ? Severity.LOW : seconds < 60 ? Severity.MEDIUM : Severity.HIGH;
    Double latency = targets.latencyMs(c.blocksReads());
    if (latency != null && seconds * 1000 > latency) {
      facts.put("p99TargetMs", format(latency));
      severity = Severity.max(severity, Severity.MEDIUM);
    }
    if (targets.rtoMinutes() != null && seconds >= targets.rtoMinutes() * 60) {
      facts.put("rtoMinutes", format(targets.rtoMinutes()));
      severity = Severity.HIGH;
    }
    if (targets.downtimeToleranceMinutes() != null
        && seconds >= Math.max(1, targets.downtimeToleranceMinutes() * 60)) {
      facts.put("downtimeToleranceMinutes", format(targets.downtimeToleranceMinutes()));
      severity = Severity.HIGH;
    }
    return severity;
  }

  private static String format(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
