package dev.dbarch.security.rules;

import static dev.dbarch.testsupport.RuleBookChecks.FiringCase.always;
import static dev.dbarch.testsupport.RuleBookChecks.FiringCase.of;
import static dev.dbarch.testsupport.RuleBookChecks.FiringCase.provenBy;

import dev.dbarch.contracts.rules.RuleBook;
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
 * The security rule book against the catalogues (its own rules against docs/rules/security.md, the
 * schema rule it reports against docs/rules/schema.md; both ways, same text), and every rule in it
 * fired by one requirements document and kept silent by a near miss: the same document with one
 * regime, field or tenancy model changed to the nearest one the rule does not speak for.
 */
class SecurityRuleBookTest {

  static final Path CATALOGUE = Path.of("..", "docs", "rules", "security.md");
  static final Path SCHEMA_CATALOGUE = Path.of("..", "docs", "rules", "schema.md");

  static Collection<String> spoke(String yaml) {
    return VerdictChecks.spoke(SecurityRules.assess(VerdictChecks.request(yaml)));
  }

  /** The regimes (and more compliance facts) given, on a named cloud: no assumption about them. */
  static String compliance(String facts) {
    return "compliance: {" + facts + "}\nplatform: {cloud: AWS}\n";
  }

  static String regimes(String regimes) {
    return compliance("regimes: [" + regimes + "]");
  }

  static String tenancy(String model) {
    return compliance("regimes: [GDPR], multiTenancy: " + model);
  }

  static String fields(String regimes, String fields) {
    return compliance("regimes: [" + regimes + "], sensitiveFields: [" + fields + "]");
  }

  static final Map<String, FiringCase> CASES = new LinkedHashMap<>();

  static {
    CASES.put("SEC-ENC-001", of(regimes("HIPAA"), regimes("GDPR")));
    CASES.put("SEC-ENC-002", of(regimes("GDPR"), regimes("GDPR, PCI-DSS")));
    CASES.put(
        "SEC-TLS-001",
        always(regimes("GDPR"), "encryption in transit is the baseline for every system"));
    CASES.put(
        "SEC-KEY-001",
        of(fields("GDPR", "customers.notes"), fields("GDPR", "payments.card_token")));
    CASES.put(
        "SEC-ACCESS-001",
        always(regimes("GDPR"), "least-privilege roles are the baseline for every system"));
    CASES.put("SEC-RLS-001", of(tenancy("SHARED_SCHEMA"), tenancy("SCHEMA_PER_TENANT")));
    CASES.put("SEC-TENANT-001", of(tenancy("SCHEMA_PER_TENANT"), tenancy("SHARED_SCHEMA")));
    CASES.put("SEC-AUDIT-001", of(regimes("SOC2"), regimes("GDPR")));
    CASES.put("SEC-AUDIT-002", of(regimes("GDPR"), regimes("SOC2")));
    CASES.put("SEC-GDPR-001", of(regimes("GDPR"), regimes("SOC2")));
    CASES.put("SEC-SOC2-001", of(regimes("SOC2"), regimes("GDPR")));
    CASES.put("SEC-HIPAA-001", of(regimes("HIPAA"), regimes("GDPR")));
    CASES.put("SEC-PCI-001", of(regimes("PCI-DSS"), regimes("GDPR")));
    CASES.put(
        "SEC-PCI-002",
        of(
            fields("GDPR", "payments.card_number"),
            fields("GDPR, PCI-DSS", "payments.card_number")));
    CASES.put(
        "SEC-FIELD-001",
        of(fields("GDPR", "customers.email"), compliance("regimes: [GDPR], sensitiveFields: []")));
    CASES.put("SEC-RISK-001", of(regimes("GDPR"), regimes("SOC2")));
    // Read from the schema findings on the request, not from a requirements document.
    CASES.put(SecurityRuleBook.REGULATED_COLUMNS, provenBy(RegulatedColumnsTest.class));
  }

  /** The rules of the book whose ids match {@code ids}. */
  static RuleBook only(Pattern ids) {
    return RuleBook.of(
        SecurityRuleBook.BOOK.name(),
        SecurityRuleBook.BOOK.rules().stream().filter(r -> ids.matcher(r.id()).matches()).toList());
  }

  @Test
  void theCatalogueListsExactlyTheBooksOwnRulesWithTheirText() {
    Pattern own = Pattern.compile("SEC-[A-Z0-9]+-\\d{3}");
    RuleBookChecks.assertCatalogueMatches(only(own), CATALOGUE, own);
  }

  @Test
  void theSchemaRuleItReportsHasTheSchemaCataloguesText() {
    Pattern pii = Pattern.compile("SCH-PII-\\d{3}");
    RuleBookChecks.assertCatalogueMatches(only(pii), SCHEMA_CATALOGUE, pii);
  }

  @TestFactory
  Stream<DynamicTest> everyRuleFiresAndMissesNarrowly() {
    return RuleBookChecks.everyRuleFiresAndMissesNarrowly(
        SecurityRuleBook.BOOK, CASES, SecurityRuleBookTest::spoke);
  }
}
