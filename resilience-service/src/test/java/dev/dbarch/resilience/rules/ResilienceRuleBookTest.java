package dev.dbarch.resilience.rules;

import static dev.dbarch.testsupport.RuleBookChecks.FiringCase.of;

import dev.dbarch.testsupport.RuleBookChecks;
import dev.dbarch.testsupport.RuleBookChecks.FiringCase;
import dev.dbarch.testsupport.VerdictChecks;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The resilience rule book against its catalogue (both ways, same text), and every rule in it fired
 * by one requirements document and kept silent by a near miss: the same targets just on the other
 * side of the rule's threshold (a second of RPO, a minute of RTO, a millisecond of latency).
 */
class ResilienceRuleBookTest {

  static final Path CATALOGUE = Path.of("..", "docs", "rules", "resilience.md");

  static Collection<String> spoke(String yaml) {
    return VerdictChecks.spoke(ResilienceRules.assess(VerdictChecks.request(yaml)));
  }

  /** Both targets given, so no rule speaks through an assumption about them. */
  static String targets(double rpoSeconds, double rtoMinutes) {
    return targets(rpoSeconds, rtoMinutes, "");
  }

  static String targets(double rpoSeconds, double rtoMinutes, String more) {
    return "availability: {rpoSeconds: %s, rtoMinutes: %s%s}\n"
        .formatted(rpoSeconds, rtoMinutes, more);
  }

  static String selfRun(String expertise) {
    return targets(60, 60, ", multiRegion: false")
        + "platform: {cloud: ON_PREM, opsExpertise: %s}\n".formatted(expertise);
  }

  static String zeroLossAcrossRegions(double p99WriteMs) {
    return targets(0, 60, ", multiRegion: true")
        + "latency: {p99WriteMs: %s}\n".formatted(p99WriteMs);
  }

  static final Map<String, FiringCase> CASES = new LinkedHashMap<>();

  static {
    CASES.put("RES-TIER-001", of(targets(3_599, 240), targets(3_600, 240)));
    CASES.put("RES-TIER-002", of(targets(3_600, 240), targets(3_599, 240)));
    CASES.put("RES-TIER-003", of(targets(86_400, 1_440), targets(86_400, 1_439)));
    CASES.put("RES-REPL-001", of(targets(59, 4), targets(60, 4)));
    CASES.put("RES-REPL-002", of(targets(60, 4), targets(59, 4)));
    CASES.put(
        "RES-FAILOVER-001",
        of(
            targets(3_600, 4.9, ", automaticFailover: false"),
            targets(3_600, 5, ", automaticFailover: false")));
    CASES.put(
        "RES-FAILOVER-002",
        of(
            targets(3_600, 5, ", automaticFailover: false"),
            targets(3_600, 5, ", automaticFailover: true")));
    CASES.put(
        "RES-GEO-001",
        of(targets(60, 60, ", multiRegion: true"), targets(60, 60, ", multiRegion: false")));
    CASES.put("RES-GEO-002", of(zeroLossAcrossRegions(59), zeroLossAcrossRegions(60)));
    CASES.put(
        "RES-GEO-003",
        of(targets(60, 60, ", dataResidency: [EU]"), targets(60, 60, ", dataResidency: []")));
    CASES.put("RES-BACKUP-001", of(targets(86_399, 1_440), targets(86_400, 1_440)));
    CASES.put("RES-BACKUP-002", of(targets(86_400, 1_440), targets(86_399, 1_440)));
    CASES.put("RES-DRILL-001", of(targets(86_400, 1_439), targets(86_400, 1_440)));
    CASES.put("RES-OPS-001", of(selfRun("MEDIUM"), selfRun("HIGH")));
    // RPO 299 s against 300 s, with an RTO of 60 min (asynchronous either way).
    CASES.put(
        "RES-LAG-001",
        of(targets(299, 60, ", multiRegion: false"), targets(300, 60, ", multiRegion: false")));
    CASES.put(
        "RES-RISK-001",
        of(
            targets(86_400, 1_439, ", multiRegion: false"),
            targets(86_400, 1_440, ", multiRegion: false")));
  }

  @Test
  void theCatalogueListsExactlyTheBooksRulesWithTheirText() {
    RuleBookChecks.assertCatalogueMatches(
        ResilienceRuleBook.BOOK, CATALOGUE, Pattern.compile("RES-[A-Z]+-\\d{3}"));
  }

  @TestFactory
  Stream<DynamicTest> everyRuleFiresAndMissesNarrowly() {
    return RuleBookChecks.everyRuleFiresAndMissesNarrowly(
        ResilienceRuleBook.BOOK, CASES, ResilienceRuleBookTest::spoke);
  }
}
