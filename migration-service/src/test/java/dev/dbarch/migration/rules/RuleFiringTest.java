package dev.dbarch.migration.rules;

import static dev.dbarch.migration.rules.Requests.assess;
import static dev.dbarch.testsupport.VerdictChecks.spoke;

import dev.dbarch.testsupport.RuleBookChecks;
import dev.dbarch.testsupport.RuleBookChecks.FiringCase;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every rule of the migration book fires for one requirements document and stays silent for a near
 * miss: the same kind of document just on the other side of the rule's condition. The cases must
 * name every rule in the book, so a new rule cannot ship without both.
 */
class RuleFiringTest {

  static final String CURRENT =
      "currentState: {sourcePlatform: %s, targetPlatform: PostgreSQL 17%s}\n";

  /** An existing system moving from {@code source} to PostgreSQL 17, with more current state. */
  static String moving(String source, String more) {
    return CURRENT.formatted(source, more.isEmpty() ? "" : ", " + more);
  }

  static final String TWO_TABLES =
      "scale: {dataVolumeGb: 200, tableRows: {orders: %d, notes: %d}}\n";

  static final Map<String, FiringCase> CASES = new LinkedHashMap<>();

  static {
    CASES.put(
        "MIG-VER-001",
        FiringCase.always("", "every system's schema changes go through versioned migrations"));
    CASES.put(
        "MIG-EXP-001",
        FiringCase.always("", "every system needs breaking changes made without downtime"));
    // 101 GB with no row counts: the largest table is assumed to hold most of it.
    CASES.put(
        "MIG-ONLINE-001",
        FiringCase.of("scale: {dataVolumeGb: 101}\n", "scale: {dataVolumeGb: 100}\n"));
    // 200 GB shared by rows: orders holds 100.2 GB in the first, exactly 100 GB in the second.
    CASES.put(
        "MIG-RISK-001",
        FiringCase.of(TWO_TABLES.formatted(501, 499), TWO_TABLES.formatted(500, 500)));
    CASES.put("MIG-PLAT-001", FiringCase.of(moving("Oracle 19c", ""), moving("PostgreSQL 14", "")));
    CASES.put(
        "MIG-ZDT-001",
        FiringCase.of(
            moving("PostgreSQL 14", "downtimeToleranceMinutes: 0"),
            moving("PostgreSQL 14", "downtimeToleranceMinutes: 1")));
    CASES.put(
        "MIG-ZDT-002",
        FiringCase.of(
            moving("PostgreSQL 14", "downtimeToleranceMinutes: 1"),
            moving("PostgreSQL 14", "downtimeToleranceMinutes: 0")));
    CASES.put(
        "MIG-SP-001",
        FiringCase.of(
            moving("Oracle 19c", "heavyStoredProcedures: true"),
            moving("Oracle 19c", "heavyStoredProcedures: false")));
    CASES.put("MIG-ORA-001", FiringCase.of(moving("Oracle 19c", ""), moving("MySQL 8.0", "")));
    CASES.put("MIG-PHASE-001", FiringCase.of(moving("MySQL 8.0", ""), moving("PostgreSQL 14", "")));
    CASES.put("MIG-PHASE-002", FiringCase.of("", moving("PostgreSQL 14", "")));
    CASES.put("MIG-PHASE-003", FiringCase.of(moving("PostgreSQL 14", ""), moving("MySQL 8.0", "")));
    // The linter's rules reach this section through DdlRisks (DdlRisksTest); each rule's own fire
    // and near miss is ddl-lint's rule corpus.
    MigrationRuleBook.BOOK.ids().stream()
        .filter(id -> id.startsWith("MIG-DDL-"))
        .forEach(id -> CASES.put(id, FiringCase.provenBy(DdlRisksTest.class)));
  }

  @TestFactory
  Stream<DynamicTest> everyRuleFiresAndMissesNarrowly() {
    return RuleBookChecks.everyRuleFiresAndMissesNarrowly(
        MigrationRuleBook.BOOK, CASES, yaml -> spoke(assess(yaml)));
  }
}
