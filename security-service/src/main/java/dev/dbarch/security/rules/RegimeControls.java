package dev.dbarch.security.rules;

import dev.dbarch.contracts.events.Heading;
import dev.dbarch.contracts.events.Risk;
import dev.dbarch.contracts.requirements.Compliance.Regime;
import dev.dbarch.security.rules.SecurityRules.Inputs;
import dev.dbarch.security.rules.SensitiveFields.Protection;
import dev.dbarch.specialist.rules.Facts;
import dev.dbarch.specialist.rules.VerdictBuilder;
import java.util.List;
import java.util.Map;

/**
 * The controls each regime adds (SEC-GDPR-001, SEC-HIPAA-001, SEC-PCI-001, SEC-SOC2-001), and card
 * data found where no PCI-DSS scope was declared (SEC-PCI-002).
 */
final class RegimeControls {

  private RegimeControls() {}

  static void apply(VerdictBuilder verdict, Inputs in) {
    if (in.has(Regime.GDPR)) {
      gdpr(verdict, in);
    }
    if (in.has(Regime.HIPAA)) {
      hipaa(verdict, in);
    }
    if (in.has(Regime.PCI_DSS)) {
      pci(verdict, in);
    }
    if (in.has(Regime.SOC2)) {
      soc2(verdict);
    }
    undeclaredCardData(verdict, in);
  }

  /** SEC-GDPR-001: erasure, export, breach notification, consent, minimisation. */
  static void gdpr(VerdictBuilder verdict, Inputs in) {
    verdict.decide(
        "SEC-GDPR-001",
        Heading.SECURITY_AND_COMPLIANCE,
        "GDPR controls",
        "Erasure: a job that deletes or anonymises a person's rows in the database and in every"
            + " copy (replicas, caches, search and analytics stores), with backups ageing out"
            + " within their retention; access: an export of a person's data in a portable format"
            + " (JSON); breach notification within 72 hours: alerts on unusual access and an"
            + " incident runbook; consent recorded with purpose and time; only the fields the"
            + " purpose needs",
        Facts.of().put("regime", "GDPR").put("sensitiveFields", count(in)).map(),
        "GDPR gives people rights over their data that the database must be able to honour on"
            + " request, and sets a 72-hour clock on reporting a breach.",
        "Soft deletes alone are not erasure; finding a person's data in every derived store is"
            + " real engineering work, and backups keep erased data until they expire.");
  }

  /** SEC-HIPAA-001: protected health information. */
  static void hipaa(VerdictBuilder verdict, Inputs in) {
    verdict.decide(
        "SEC-HIPAA-001",
        Heading.SECURITY_AND_COMPLIANCE,
        "HIPAA controls",
        "Treat patient data as PHI: encryption at rest and in transit without exception, a unique"
            + " account per person and service, minimum-necessary grants (views or column"
            + " privileges), every read and change of PHI in the audit log, and integrity checks"
            + " (constraints, append-only audit tables, checksummed backups)",
        Facts.of().put("regime", "HIPAA").put("sensitiveFields", count(in)).map(),
        "HIPAA requires health data to be encrypted, reachable only by those who need it, and"
            + " every access to it to be traceable.",
        "Logging every PHI read is expensive at volume, and minimum-necessary access means more"
            + " narrowly scoped roles and views to maintain.");
  }

  /** SEC-PCI-001: cardholder data. */
  static void pci(VerdictBuilder verdict, Inputs in) {
    verdict.decide(
        "SEC-PCI-001",
        Heading.SECURITY_AND_COMPLIANCE,
        "PCI-DSS controls",
        "Never store the full card number: tokenize it with the payment provider or a vault;"
            + " keep whatever cardholder data remains in a segmented network zone (its own subnet"
            + " and firewall rules); need-to-know access with individual IDs; regular patching and"
            + " vulnerability scans (at least quarterly)",
        Facts.of().put("regime", "PCI-DSS").put("sensitiveFields", count(in)).map(),
        "Every system that stores, processes or can reach card numbers is in audit scope;"
            + " tokenizing and segmenting shrink that scope to as little as possible.",
        "A token service becomes a dependency of payments, and segmentation adds network rules"
            + " to every path into the zone.");
  }

  /** SEC-SOC2-001: the database side of a SOC 2 audit. */
  static void soc2(VerdictBuilder verdict) {
    verdict.decide(
        "SEC-SOC2-001",
        Heading.SECURITY_AND_COMPLIANCE,
        "SOC 2 controls",
        "Quarterly reviews of who holds which database role; schema changes only through reviewed,"
            + " versioned migrations; alerts on privileged actions; audit logs kept a year",
        Facts.of().put("regime", "SOC 2").map(),
        "SOC 2 auditors look for evidence that access is controlled, changes are reviewed and"
            + " activity is recorded over the whole audit period.",
        "Reviews and change approvals slow emergency fixes unless a break-glass path is defined.");
  }

  /** SEC-PCI-002: card data outside a declared PCI-DSS scope, or a stored security code. */
  static void undeclaredCardData(VerdictBuilder verdict, Inputs in) {
    List<String> cardFields =
        in.sensitiveFields().entrySet().stream()
            .filter(e -> e.getValue().cardData())
            .map(Map.Entry::getKey)
            .toList();
    if (!cardFields.isEmpty() && !in.has(Regime.PCI_DSS)) {
      verdict.risk(
          "SEC-PCI-002",
          "Card data ("
              + String.join(", ", cardFields)
              + ") in a system with no PCI-DSS scope declared",
          Risk.Level.HIGH,
          Risk.Level.HIGH,
          "Tokenize the card numbers so they never reach this database, or bring the system into"
              + " PCI-DSS scope with its controls.");
    }
    List<String> securityCodes =
        in.sensitiveFields().entrySet().stream()
            .filter(e -> e.getValue() == Protection.NEVER_STORE)
            .map(Map.Entry::getKey)
            .toList();
    if (!securityCodes.isEmpty()) {
      verdict.risk(
          "SEC-PCI-002",
          "Card security codes (" + String.join(", ", securityCodes) + ") are planned for storage",
          Risk.Level.HIGH,
          Risk.Level.HIGH,
          "Drop the columns: a security code may be used for authorization but never stored"
              + " afterwards, encrypted or not.");
    }
  }

  private static Integer count(Inputs in) {
    return in.sensitiveFields().isEmpty() ? null : in.sensitiveFields().size();
  }
}
