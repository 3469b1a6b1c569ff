package dev.dbarch.security.rules;

import dev.dbarch.contracts.events.Heading;
import dev.dbarch.contracts.profile.SystemProfile;
import dev.dbarch.contracts.rules.Rule;
import dev.dbarch.contracts.rules.RuleBook;

/**
 * Every rule the Security &amp; Compliance section may emit, in the order of {@code
 * docs/rules/security.md}, each with the catalogue's text; then SCH-PII-001, the schema rule whose
 * findings (regulated columns in the live schema) this section reports as risks, with the text of
 * its row in {@code docs/rules/schema.md}.
 */
public final class SecurityRuleBook {

  private static final Heading SECURITY = Heading.SECURITY_AND_COMPLIANCE;
  private static final Heading RISKS = Heading.RISKS_AND_MITIGATIONS;

  /** The schema rule this section reports; its catalogue is docs/rules/schema.md. */
  static final String REGULATED_COLUMNS = SystemProfile.REGULATED_DATA_RULE;

  public static final RuleBook BOOK =
      RuleBook.of(
          "security",
          new Rule(
              "SEC-ENC-001",
              SECURITY,
              "Required at-rest encryption with keys in the cloud's key service (AWS KMS, Google"
                  + " Cloud KMS, Azure Key Vault, HashiCorp Vault on premises) for data,"
                  + " snapshots, backups, replicas, logs",
              "HIPAA or PCI-DSS among the regimes"),
          new Rule(
              "SEC-ENC-002",
              SECURITY,
              "At-rest encryption as a baseline",
              "neither HIPAA nor PCI-DSS; also when the regimes or the cloud are not said"),
          new Rule(
              "SEC-TLS-001",
              SECURITY,
              "TLS ≥ 1.2 on every connection, plaintext refused the way the chosen primary runs (self-managed: `ssl = on` and hostssl-only `pg_hba.conf`, or `require_secure_transport`; RDS/Aurora: `rds.force_ssl` or `require_secure_transport` in the parameter group; Cloud SQL's SSL mode; Azure's `require_secure_transport`), clients verify the certificate (`sslmode=verify-full`, MySQL `VERIFY_IDENTITY`)",
              "every system (baseline)"),
          new Rule(
              "SEC-KEY-001",
              SECURITY,
              "Customer-managed keys, yearly automatic rotation, envelope encryption for field"
                  + " keys, IAM-limited key use, AES-256 in FIPS 140-2 storage",
              "HIPAA or PCI-DSS, or a sensitive field the application encrypts"),
          new Rule(
              "SEC-ACCESS-001",
              SECURITY,
              "A role per service, a separate migration role, a read-only reporting role, no"
                  + " application on an admin account, individual human accounts",
              "every system (baseline)"),
          new Rule(
              "SEC-RLS-001",
              SECURITY,
              "Row-level security on `tenant_id` with a per-transaction setting, `FORCE ROW"
                  + " LEVEL SECURITY`, no owner/BYPASSRLS app role, tenant-leading indexes",
              "compliance.multiTenancy SHARED_SCHEMA (a single tenant assumed when not said)"),
          new Rule(
              "SEC-TENANT-001",
              SECURITY,
              "A login role per tenant schema or database, no cross-tenant grants",
              "compliance.multiTenancy SCHEMA_PER_TENANT or DATABASE_PER_TENANT"),
          new Rule(
              "SEC-AUDIT-001",
              SECURITY,
              "pgaudit or the engine/cloud audit log (logins, failures, privilege and schema"
                  + " changes, regulated-table access) to the SIEM; kept 1 year with 3 months"
                  + " online when SOC 2 or PCI-DSS apply",
              "SOC 2, PCI-DSS or HIPAA among the regimes"),
          new Rule(
              "SEC-AUDIT-002",
              SECURITY,
              "Baseline audit of logins, privilege and schema changes, kept 90 days",
              "none of SOC 2, PCI-DSS and HIPAA"),
          new Rule(
              "SEC-GDPR-001",
              SECURITY,
              "Erasure across all copies, portable export, 72-hour breach notification path,"
                  + " consent records, minimisation",
              "GDPR among the regimes"),
          new Rule(
              "SEC-HIPAA-001",
              SECURITY,
              "PHI: encryption everywhere, unique accounts, minimum-necessary grants, every PHI"
                  + " access audited, integrity checks",
              "HIPAA among the regimes"),
          new Rule(
              "SEC-PCI-001",
              SECURITY,
              "Tokenize card numbers, segment the cardholder zone, need-to-know access with"
                  + " unique IDs, regular patching and quarterly scans",
              "PCI-DSS among the regimes"),
          new Rule(
              "SEC-SOC2-001",
              SECURITY,
              "Quarterly access reviews, reviewed versioned schema changes, alerts on privileged"
                  + " actions, audit logs kept a year",
              "SOC 2 among the regimes"),
          new Rule(
              "SEC-PCI-002",
              RISKS,
              "Risk (high/high): card data without declared PCI-DSS scope; a card security code"
                  + " planned for storage",
              "a card-number field without PCI-DSS, or any card security code field"),
          new Rule(
              "SEC-FIELD-001",
              SECURITY,
              "Per field: tokenize card numbers; \"already a token\"; encrypt with a keyed hash"
                  + " (HMAC) for lookup identifiers; encrypt in the application otherwise",
              "a non-empty compliance.sensitiveFields (a question when the list is absent)"),
          new Rule(
              "SEC-RISK-001",
              RISKS,
              "Risk: regulated data in scope; a breach or failed audit means fines and mandatory"
                  + " notification (PCI-DSS: the right to take cards)",
              "PCI-DSS, HIPAA or GDPR among the regimes"),
          new Rule(
              REGULATED_COLUMNS,
              RISKS,
              "Regulated data in a column",
              "the request's schema carries findings of regulated columns"));

  private SecurityRuleBook() {}
}
