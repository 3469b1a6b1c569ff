package dev.dbarch.lint.corpus;

import dev.dbarch.contracts.schema.StatementRisk.LockMode;
import dev.dbarch.contracts.schema.StatementRisk.TableLock;
import dev.dbarch.contracts.schema.StatementRisk.TableWork;
import dev.dbarch.lint.Finding;
import dev.dbarch.lint.classify.Classification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checks one corpus case on a server: the risky statement raises the case's rule and its twin does
 * not; for both, what the linter classified is what PostgreSQL did; every SQL rewrite proposed for
 * the risky statement runs without error.
 */
final class CorpusVerifier {

  final AtomicInteger statements = new AtomicInteger();
  final AtomicInteger rewrites = new AtomicInteger();
  final AtomicInteger adviceOnly = new AtomicInteger();

  private final PostgresHarness harness;

  CorpusVerifier(PostgresHarness harness) {
    this.harness = harness;
  }

  /** The mismatches found, empty when the linter was right. */
  List<String> verify(Corpus.Case c) throws Exception {
    List<String> problems = new ArrayList<>();
    PostgresHarness.Linted risky = side(c, c.risky(), true, problems);
    side(c, c.safe(), false, problems);
    for (Finding f : risky.observed().findings()) {
      if (!PostgresHarness.hasSql(f.safeRewrite())) {
        adviceOnly.incrementAndGet();
        continue;
      }
      List<String> setup = new ArrayList<>(c.risky().setup());
      c.risky().prelude().stream()
          .filter(s -> !PostgresHarness.isTransactionControl(s))
          .forEach(setup::add);
      String db = harness.database(setup);
      try {
        harness.runRewrite(db, f.safeRewrite());
        rewrites.incrementAndGet();
      } catch (Exception e) {
        problems.add(f.ruleId() + " rewrite failed: " + e.getMessage() + "\n" + f.safeRewrite());
      } finally {
        harness.drop(db);
      }
    }
    return problems;
  }

  private PostgresHarness.Linted side(
      Corpus.Case c, Corpus.Side side, boolean risky, List<String> problems) throws Exception {
    String label = (risky ? "risky" : "safe") + " '" + side.statement() + "': ";
    String db = harness.database(side.setup());
    try {
      PostgresHarness.Linted linted = harness.lint(db, side);
      statements.incrementAndGet();
      List<String> rules = linted.ruleIds();
      if (risky && !rules.contains(c.rule())) {
        problems.add(label + "expected " + c.rule() + ", the linter raised " + rules);
      }
      if (!risky && rules.contains(c.rule())) {
        problems.add(label + "the safe twin raised " + c.rule());
      }
      Classification expected = linted.observed().classification();
      PostgresHarness.Observation seen = harness.observe(db, side, expected);
      if (linted.expectsFailure()) {
        if (seen.error() == null) {
          problems.add(label + "the linter said it fails, PostgreSQL ran it");
        }
        return linted;
      }
      if (seen.error() != null) {
        problems.add(label + "PostgreSQL failed it: " + seen.error());
        return linted;
      }
      compareLocks(label, expected, seen, problems);
      compareWork(label, expected, seen, problems);
      return linted;
    } finally {
      harness.drop(db);
    }
  }

  private static void compareLocks(
      String label,
      Classification expected,
      PostgresHarness.Observation seen,
      List<String> problems) {
    List<String> named = new ArrayList<>();
    for (TableLock lock : expected.locks()) {
      String relation = PostgresHarness.bare(lock.relation());
      named.add(relation);
      LockMode taken = seen.locks().get(relation);
      boolean alreadyHeld =
          seen.held().getOrDefault(relation, java.util.Set.of()).contains(lock.mode())
              && (taken == null || taken.compareTo(lock.mode()) <= 0);
      if (lock.mode() != taken && !alreadyHeld) {
        problems.add(
            label
                + relation
                + ": the linter said "
                + lock.mode()
                + ", PostgreSQL took "
                + (taken == null ? "no lock" : taken));
      }
    }
    for (Map.Entry<String, LockMode> e : seen.locks().entrySet()) {
      String kind = seen.kinds().get(e.getKey());
      boolean table = "r".equals(kind) || "p".equals(kind);
      if (table
          && !named.contains(e.getKey())
          && e.getValue().compareTo(LockMode.AccessShareLock) > 0) {
        problems.add(
            label
                + e.getKey()
                + ": PostgreSQL took "
                + e.getValue()
                + ", the linter named no lock on it");
      }
    }
  }

  private static void compareWork(
      String label,
      Classification expected,
      PostgresHarness.Observation seen,
      List<String> problems) {
    if (expected.table() == null || !seen.tableExisted()) {
      return;
    }
    boolean newFile = expected.work() == TableWork.REWRITE || expected.truncates();
    if (seen.rewritten() != newFile) {
      problems.add(
          label
              + "the linter said "
              + (newFile ? "the table gets a new file" : "no rewrite")
              + ", PostgreSQL "
              + (seen.rewritten() ? "rewrote it" : "kept its file"));
    }
    boolean dataChange =
        expected.operation().equals("UPDATE")
            || expected.operation().equals("DELETE")
            || expected.operation().equals("INSERT");
    // A partitioned parent holds no rows: its partitions are read, and counted, instead.
    boolean partitioned =
        "p".equals(seen.kinds().get(PostgresHarness.bare(expected.table().qualified())));
    if (!expected.transactional() || dataChange || newFile || partitioned) {
      return;
    }
    boolean scan = expected.work() == TableWork.SCAN;
    if (seen.scanned() != scan) {
      problems.add(
          label
              + "the linter said "
              + (scan ? "it reads the table" : "no scan")
              + ", PostgreSQL "
              + (seen.scanned() ? "read it" : "did not read it"));
    }
  }
}
