package dev.dbarch.security.rules;

import dev.dbarch.contracts.events.AssessmentRequested;
import dev.dbarch.contracts.events.Assumption;
import dev.dbarch.contracts.events.Design;
import dev.dbarch.contracts.events.Heading;
import dev.dbarch.contracts.events.Risk;
import dev.dbarch.contracts.events.Section;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.contracts.profile.ChosenTechnology;
import dev.dbarch.contracts.profile.SystemProfile;
import dev.dbarch.contracts.requirements.Compliance;
import dev.dbarch.contracts.requirements.Compliance.Regime;
import dev.dbarch.contracts.requirements.Platform;
import dev.dbarch.contracts.requirements.Requirements;
import dev.dbarch.security.rules.SensitiveFields.Protection;
import dev.dbarch.specialist.rules.Facts;
import dev.dbarch.specialist.rules.SchemaFindings;
import dev.dbarch.specialist.rules.VerdictBuilder;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Security &amp; Compliance section: encryption at rest and in transit, keys, least privilege,
 * tenant isolation, audit logging, the controls each regime asks for, and field-level protection of
 * sensitive data, following the seed's security and compliance frameworks.
 */
public final class SecurityRules {

  /** Audit log retention when no regime sets one: our default, long enough for investigations. */
  static final int DEFAULT_AUDIT_RETENTION_DAYS = 90;

  private SecurityRules() {}

  /** What the rules read, with every group present and the regimes as a set. */
  record Inputs(
      Set<Regime> regimes,
      boolean regimesGiven,
      Map<String, Protection> sensitiveFields,
      boolean sensitiveFieldsGiven,
      Compliance.Tenancy tenancy,
      Platform.Cloud cloud) {

    boolean has(Regime regime) {
      return regimes.contains(regime);
    }

    /** HIPAA and PCI-DSS make encryption at rest mandatory. */
    boolean encryptionMandated() {
      return has(Regime.HIPAA) || has(Regime.PCI_DSS);
    }

    String regimeNames(Set<Regime> which) {
      List<String> names = new ArrayList<>();
      for (Regime r : regimes) {
        if (which.contains(r)) {
          names.add(name(r));
        }
      }
      return String.join(", ", names);
    }

    static Inputs of(Requirements req) {
      return of(req, SystemProfile.of(req, null));
    }

    /**
     * The inputs; when the team did not say which regimes apply, those the schema's regulated
     * columns bring in (the profile's) are assumed, the same the assumption states.
     */
    static Inputs of(Requirements req, SystemProfile profile) {
      Compliance c = req.compliance() != null ? req.compliance() : new Compliance(null, null, null);
      EnumSet<Regime> regimes = EnumSet.noneOf(Regime.class);
      if (c.regimes() != null) {
        c.regimes().stream().filter(r -> r != null).forEach(regimes::add);
      } else {
        regimes.addAll(profile.schemaRegimes());
      }
      Map<String, Protection> fields = new TreeMap<>();
      if (c.sensitiveFields() != null) {
        c.sensitiveFields().stream()
            .filter(f -> f != null && !f.isBlank())
            .forEach(f -> fields.put(f.strip(), SensitiveFields.classify(f)));
      }
      return new Inputs(
          regimes,
          c.regimes() != null,
          fields,
          c.sensitiveFields() != null,
          c.multiTenancy(),
          req.platform() == null ? null : req.platform().cloud());
    }
  }

  public static SectionVerdict assess(AssessmentRequested request) {
    VerdictBuilder verdict = new VerdictBuilder(request, Section.SECURITY, SecurityRuleBook.BOOK);
    SystemProfile profile = SystemProfile.of(request);
    Inputs in = Inputs.of(request.requirements(), profile);
    if (!in.regimesGiven()) {
      verdict.assume(
          "SEC-ENC-002",
          Assumption.About.COMPLIANCE_REGIMES,
          "compliance regimes",
          profile.assumedRegimes(),
          "Which regulations apply to this data: GDPR, HIPAA, PCI-DSS, SOC 2?");
    }
    encryptionAtRest(verdict, in);
    encryptionInTransit(verdict, in, profile.chosen());
    keyManagement(verdict, in);
    leastPrivilege(verdict);
    tenantIsolation(verdict, in);
    auditLogging(verdict, in);
    RegimeControls.apply(verdict, in);
    fieldProtection(verdict, in);
    regulatedScope(verdict, in);
    // Columns whose names say they hold regulated data, found in the live schema.
    SchemaFindings.report(request, verdict, SchemaFindings.prefixed("SCH-PII-"));
    return verdict.build();
  }

  /**
   * SEC-RISK-001: regulated data in scope. The impact of a breach under PCI-DSS, HIPAA or GDPR is
   * always high (fines, mandatory notification); the likelihood rises with the named sensitive
   * fields, each one a column an attacker or a careless query can reach.
   */
  static void regulatedScope(VerdictBuilder verdict, Inputs in) {
    Set<Regime> regulated = EnumSet.of(Regime.PCI_DSS, Regime.HIPAA, Regime.GDPR);
    String names = in.regimeNames(regulated);
    if (names.isEmpty()) {
      return;
    }
    int fields = in.sensitiveFields().size();
    verdict.risk(
        "SEC-RISK-001",
        "Regulated data in scope ("
            + names
            + (fields == 0
                ? ""
                : ", " + fields + " named sensitive field" + (fields == 1 ? "" : "s"))
            + "): a breach or a failed audit means fines and mandatory breach notification"
            + (in.has(Regime.PCI_DSS) ? ", and under PCI-DSS the right to take cards" : ""),
        fields == 0 ? Risk.Level.LOW : Risk.Level.MEDIUM,
        Risk.Level.HIGH,
        "Keep the regulated scope small (tokens instead of card numbers, pseudonymised copies"
            + " outside production), apply the encryption, access and audit controls above, and"
            + " rehearse the breach-notification process"
            + (in.has(Regime.GDPR) ? " (GDPR: 72 hours to notify the authority)" : "")
            + ".");
  }

  /** SEC-ENC-001 (required by HIPAA or PCI-DSS) or SEC-ENC-002 (baseline). */
  static void encryptionAtRest(VerdictBuilder verdict, Inputs in) {
    String kms = keyService(verdict, in.cloud());
    Facts facts =
        Facts.of()
            .put("regimes", in.regimes().isEmpty() ? null : in.regimeNames(in.regimes()))
            .put("cloud", in.cloud());
    if (in.encryptionMandated()) {
      verdict.decide(
          "SEC-ENC-001",
          Heading.SECURITY_AND_COMPLIANCE,
          "Encryption at rest",
          "Required: storage encryption with keys in "
              + kms
              + " for data files, snapshots, backups, replicas and logs",
          facts.map(),
          "Under "
              + in.regimeNames(EnumSet.of(Regime.HIPAA, Regime.PCI_DSS)).replace(", ", " and ")
              + " stored data must be encrypted, and every copy counts, backups included.",
          "Roughly 5% more CPU and I/O; losing the key means losing the data, so key access is"
              + " itself a control to audit.");
      verdict.typed(Design.encryptionAtRest(true));
      return;
    }
    verdict.decide(
        "SEC-ENC-002",
        Heading.SECURITY_AND_COMPLIANCE,
        "Encryption at rest",
        "Storage encryption with keys in " + kms + " for volumes, snapshots and backups",
        facts.map(),
        "No regime named here demands it, but it costs little and protects lost disks, shared"
            + " snapshots and stolen backups.",
        "Roughly 5% more CPU and I/O; it does not protect data from anyone who can query it.");
    verdict.typed(Design.encryptionAtRest(true));
  }

  static String keyService(VerdictBuilder verdict, Platform.Cloud cloud) {
    if (cloud == null) {
      verdict.assume(
          "SEC-ENC-002",
          Assumption.About.CLOUD,
          "cloud provider",
          "not decided",
          "Which cloud (AWS, GCP, Azure) or on-premises environment will host the database?");
      return "a managed key service (AWS KMS, Google Cloud KMS, Azure Key Vault or HashiCorp Vault)";
    }
    return switch (cloud) {
      case AWS -> "AWS KMS";
      case GCP -> "Google Cloud KMS";
      case AZURE -> "Azure Key Vault";
      case ON_PREM -> "HashiCorp Vault";
    };
  }

  /**
   * How the chosen primary refuses plaintext where it runs: a managed service's setting, not a
   * self-hosted server's configuration file, when selection chose a managed service.
   */
  static String refusePlaintext(ChosenTechnology chosen) {
    boolean pg = chosen.product().postgres();
    boolean my = chosen.product().mysql();
    if (!pg && !my) {
      return "PostgreSQL: ssl = on and hostssl-only rules; MySQL: require_secure_transport = ON";
    }
    if (chosen.hosting() == Design.Hosting.SELF_MANAGED) {
      return pg
          ? "ssl = on and only hostssl rules in pg_hba.conf"
          : "require_secure_transport = ON";
    }
    if (chosen.cloud() == Design.Cloud.AWS) {
      return (pg ? "rds.force_ssl = 1" : "require_secure_transport = 1")
          + " in the parameter group of "
          + chosen.service();
    }
    if (chosen.cloud() == Design.Cloud.GCP) {
      return "Cloud SQL's SSL mode set to accept encrypted connections only";
    }
    if (chosen.cloud() == Design.Cloud.AZURE) {
      return "require_secure_transport = ON on the flexible server (its default)";
    }
    return pg
        ? "the managed service's setting that refuses non-TLS connections (ssl = on and"
            + " hostssl-only rules where the server is configurable)"
        : "require_secure_transport = ON";
  }

  /** SEC-TLS-001: encryption in transit, for every system. */
  static void encryptionInTransit(VerdictBuilder verdict, Inputs in, ChosenTechnology chosen) {
    verdict.decide(
        "SEC-TLS-001",
        Heading.SECURITY_AND_COMPLIANCE,
        "Encryption in transit",
        "TLS 1.2 or later on every connection with plaintext refused ("
            + refusePlaintext(chosen)
            + "), and clients that verify the server certificate and host name"
            + (chosen.product().mysql() ? " (ssl-mode=VERIFY_IDENTITY)" : " (sslmode=verify-full)"),
        Facts.of()
            .put("regimes", in.regimes().isEmpty() ? null : in.regimeNames(in.regimes()))
            .map(),
        "Without certificate validation, encryption alone does not stop a man-in-the-middle"
            + (in.encryptionMandated()
                ? "; under "
                    + in.regimeNames(EnumSet.of(Regime.HIPAA, Regime.PCI_DSS))
                        .replace(", ", " and ")
                    + " encrypted transport is also required."
                : "."),
        "Up to 10-15% throughput cost on very busy connections, and certificates to rotate before"
            + " they expire.");
  }

  /** SEC-KEY-001: customer-managed keys and rotation when data is regulated or field-encrypted. */
  static void keyManagement(VerdictBuilder verdict, Inputs in) {
    boolean fieldKeys =
        in.sensitiveFields().values().stream()
            .anyMatch(p -> p == Protection.ENCRYPT || p == Protection.ENCRYPT_WITH_KEYED_HASH);
    if (!in.encryptionMandated() && !fieldKeys) {
      return;
    }
    verdict.decide(
        "SEC-KEY-001",
        Heading.SECURITY_AND_COMPLIANCE,
        "Key management",
        "Customer-managed keys with automatic yearly rotation; envelope encryption for"
            + " application-encrypted fields (a data key per table or tenant, wrapped by the master"
            + " key and re-wrapped on rotation); key use granted only to the service roles that"
            + " need it; AES-256 in FIPS 140-2 validated key storage",
        Facts.of()
            .put("encryptionMandated", in.encryptionMandated())
            .put("fieldEncryption", fieldKeys)
            .map(),
        "Regulated or field-encrypted data needs keys the team controls, can rotate and can"
            + " audit, separate from the data they protect.",
        "Key handling becomes operations work; rotation means re-encrypting or re-wrapping old"
            + " data; a lost key is lost data.");
  }

  /** SEC-ACCESS-001: least privilege, for every system. */
  static void leastPrivilege(VerdictBuilder verdict) {
    verdict.decide(
        "SEC-ACCESS-001",
        Heading.SECURITY_AND_COMPLIANCE,
        "Access control",
        "A login role per service with only the statements it needs on its own tables; schema"
            + " changes by a separate migration role used only by the pipeline; a read-only role"
            + " for reporting; no application uses the admin or superuser account; people sign in"
            + " with individual accounts",
        Facts.of().map(),
        "A compromised or buggy service can then do only what its role allows, and every action"
            + " traces back to one service or person.",
        "More roles and grants to create, review and keep in step with the schema.");
  }

  /** SEC-RLS-001 (shared schema) or SEC-TENANT-001 (schema or database per tenant). */
  static void tenantIsolation(VerdictBuilder verdict, Inputs in) {
    Compliance.Tenancy tenancy = in.tenancy();
    if (tenancy == null) {
      verdict.assume(
          "SEC-RLS-001",
          Assumption.About.MULTI_TENANCY,
          "multi-tenancy model",
          "a single tenant",
          "Does the database hold data of several customers (tenants), and if so, do they share"
              + " tables, have a schema each or a database each?");
      return;
    }
    Facts facts = Facts.of().put("multiTenancy", tenancy);
    switch (tenancy) {
      case SHARED_SCHEMA ->
          verdict.decide(
              "SEC-RLS-001",
              Heading.SECURITY_AND_COMPLIANCE,
              "Tenant isolation",
              "Row-level security on every tenant table: a tenant_id column, a policy comparing it"
                  + " with a per-transaction setting (SET LOCAL app.tenant_id), FORCE ROW LEVEL"
                  + " SECURITY, an application role that neither owns the tables nor bypasses RLS,"
                  + " and tenant_id leading the composite indexes",
              facts.map(),
              "Tenants share tables, so the database itself must stop one tenant's query from"
                  + " reaching another's rows, whatever the application forgets.",
              "Every query carries an extra predicate; pooled connections must set the tenant per"
                  + " transaction, and a mistake there shows one tenant another's data.");
      case SCHEMA_PER_TENANT, DATABASE_PER_TENANT ->
          verdict.decide(
              "SEC-TENANT-001",
              Heading.SECURITY_AND_COMPLIANCE,
              "Tenant isolation",
              "A login role per tenant limited to its own "
                  + (tenancy == Compliance.Tenancy.SCHEMA_PER_TENANT ? "schema" : "database")
                  + "; the application connects as the tenant's role; no grants across tenants",
              facts.map(),
              "Tenants are already separated by "
                  + (tenancy == Compliance.Tenancy.SCHEMA_PER_TENANT ? "schema" : "database")
                  + "; per-tenant roles make that separation enforced rather than conventional.",
              "Many roles and objects to manage; every migration runs once per tenant.");
      case SINGLE_TENANT -> {}
    }
  }

  /** SEC-AUDIT-001 (required by SOC 2, PCI-DSS or HIPAA) or SEC-AUDIT-002 (baseline). */
  static void auditLogging(VerdictBuilder verdict, Inputs in) {
    Set<Regime> auditRegimes = EnumSet.of(Regime.SOC2, Regime.PCI_DSS, Regime.HIPAA);
    boolean required = in.regimes().stream().anyMatch(auditRegimes::contains);
    if (!required) {
      verdict.decide(
          "SEC-AUDIT-002",
          Heading.SECURITY_AND_COMPLIANCE,
          "Audit logging",
          "Log logins and failed logins, privilege changes and schema changes; forward them to"
              + " central logging; keep "
              + DEFAULT_AUDIT_RETENTION_DAYS
              + " days",
          Facts.of().put("retentionDays", DEFAULT_AUDIT_RETENTION_DAYS).map(),
          "No regime sets a retention here; these events are what an incident investigation asks"
              + " for first.",
          "Log volume and storage; statement-level logging of every query would cost far more and"
              + " is not asked for.");
      return;
    }
    List<String> retention = new ArrayList<>();
    if (in.has(Regime.PCI_DSS)) {
      retention.add("PCI-DSS: 3 months searchable online and 1 year in total");
    }
    if (in.has(Regime.SOC2)) {
      retention.add("SOC 2: 1 year");
    }
    if (in.has(Regime.HIPAA)) {
      retention.add("HIPAA: every read and change of PHI, kept as your HIPAA policy sets");
    }
    boolean yearLong = in.has(Regime.PCI_DSS) || in.has(Regime.SOC2);
    verdict.decide(
        "SEC-AUDIT-001",
        Heading.SECURITY_AND_COMPLIANCE,
        "Audit logging",
        "pgaudit (or the engine's audit plugin or the cloud's database audit logs) recording"
            + " logins and failed logins, privilege and role changes, schema changes and access to"
            + " regulated tables; forwarded to the SIEM"
            + (yearLong ? "; kept 1 year with the last 3 months online" : "")
            + " ("
            + String.join("; ", retention)
            + ")",
        Facts.of()
            .put("regimes", in.regimeNames(auditRegimes))
            .put("retentionDays", yearLong ? 365 : null)
            .put("onlineDays", in.has(Regime.PCI_DSS) ? 90 : null)
            .map(),
        "Under "
            + in.regimeNames(auditRegimes).replace(", ", " and ")
            + " a trail of who did what to regulated data must exist and outlive the audit"
            + " period.",
        "Audit logging adds write load and storage; logs must be protected from the people they"
            + " record (append-only, separate account).");
  }

  /** SEC-FIELD-001: field-level protection of named sensitive fields. */
  static void fieldProtection(VerdictBuilder verdict, Inputs in) {
    if (!in.sensitiveFieldsGiven()) {
      verdict.assume(
          "SEC-FIELD-001",
          Assumption.About.SENSITIVE_FIELDS,
          "sensitive fields",
          "no column needs protection beyond storage encryption",
          "Which columns hold personal, health or payment card data?");
      return;
    }
    if (in.sensitiveFields().isEmpty()) {
      return;
    }
    List<String> treatments = new ArrayList<>();
    in.sensitiveFields().forEach((field, p) -> treatments.add(field + ": " + p.treatment()));
    verdict.decide(
        "SEC-FIELD-001",
        Heading.SECURITY_AND_COMPLIANCE,
        "Sensitive fields",
        String.join("; ", treatments),
        Facts.of().put("sensitiveFields", String.join(", ", in.sensitiveFields().keySet())).map(),
        "Storage encryption protects disks, not query results: anyone with read access sees"
            + " these fields unless the application encrypts or tokenizes them first.",
        "Encrypted fields cannot be filtered, sorted, joined or range-searched in SQL; a keyed"
            + " hash allows exact matches only; tokenization adds a dependency on the token"
            + " service.");
  }

  static String name(Regime regime) {
    return switch (regime) {
      case PCI_DSS -> "PCI-DSS";
      case SOC2 -> "SOC 2";
      default -> regime.name();
    };
  }
}
