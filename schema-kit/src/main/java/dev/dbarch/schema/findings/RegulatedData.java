package dev.dbarch.schema.findings;

import dev.dbarch.contracts.schema.SchemaFinding;
import dev.dbarch.contracts.schema.SchemaFinding.Severity;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.contracts.schema.SchemaSnapshot.Column;
import dev.dbarch.contracts.schema.SchemaSnapshot.Table;
import dev.dbarch.schema.SqlTypes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SCH-PII-001: a column whose name, or failing that its comment, says it holds regulated data:
 * cardholder data (PCI-DSS), national identifiers (PII under GDPR), personal contact and birth data
 * (GDPR), health data (HIPAA PHI), or credentials ({@link RegulatedColumns}). The finding names the
 * regime so the security review can scope it; the name is the only evidence, so it is a prompt to
 * classify, not a verdict. Columns a partition or inheritance child repeats from its parent are
 * reported on the parent.
 */
final class RegulatedData implements SchemaRule {

  @Override
  public String id() {
    return "SCH-PII-001";
  }

  @Override
  public String title() {
    return "Regulated data in a column";
  }

  @Override
  public String rationale() {
    return "Cardholder data, identifiers, contact, health data and credentials bring the table into"
        + " a compliance scope that the architecture must answer.";
  }

  @Override
  public List<SchemaFinding> evaluate(SchemaSnapshot snapshot, RuleContext ctx) {
    List<SchemaFinding> out = new ArrayList<>();
    // Column names repeat across tables (id, created_at, …): each is classified once.
    Map<String, Optional<RegulatedColumns.Match>> byName = new HashMap<>();
    for (Table t : snapshot.tables()) {
      for (Column c : ctx.ownColumns(t)) {
        if (SqlTypes.baseName(c.type()).equals("boolean")) {
          continue;
        }
        Optional<RegulatedColumns.Match> match =
            byName.computeIfAbsent(c.name(), RegulatedColumns::classify);
        String evidence = "name";
        if (match.isEmpty() && c.comment() != null) {
          match = RegulatedColumns.classifyComment(c.comment());
          evidence = "comment";
        }
        if (match.isEmpty()) {
          continue;
        }
        RegulatedColumns.Category category = match.get().category();
        out.add(
            new SchemaFinding(
                id(),
                category == RegulatedColumns.Category.PERSONAL_DATA
                    ? Severity.MEDIUM
                    : Severity.HIGH,
                t.qualifiedName(),
                c.name(),
                "Column %s looks like %s (%s%s): it brings %s into scope."
                    .formatted(
                        c.name(),
                        category.description,
                        category.regime,
                        evidence.equals("comment") ? ", from its comment" : "",
                        t.qualifiedName()),
                fix(ctx, t, c, category, match.get().term()),
                Facts.of(
                    "regime",
                    category.regime,
                    "category",
                    category.description,
                    "matchedTerm",
                    match.get().term(),
                    "matchedIn",
                    evidence,
                    "type",
                    c.type())));
      }
    }
    return out;
  }

  private static String fix(
      RuleContext ctx, Table t, Column c, RegulatedColumns.Category category, String term) {
    return switch (category) {
      case CARDHOLDER_DATA ->
          term.startsWith("cv") || term.equals("card_verification")
              ? "Stop storing it: PCI-DSS forbids keeping card verification codes after authorisation. "
                  + ctx.fixes().dropColumn(t, c)
              : "Do not keep full card numbers: store the payment provider's token (or only the last four digits); if the number must stay, encrypt it with keys held outside the database and isolate the table in the PCI scope.";
      case CREDENTIALS ->
          "Store only a salted, slow hash (argon2id or bcrypt) of passwords, and a hash of tokens and keys (or keep them in a secrets manager); revoke SELECT on %s from roles that do not need it."
              .formatted(c.name());
      case NATIONAL_IDENTIFIER ->
          "Encrypt %s at column level (application-side envelope encryption or pgcrypto), expose it only through a masking view, keep it out of non-production copies, and set a retention period."
              .formatted(c.name());
      case HEALTH ->
          "Treat %s as PHI: encrypt at rest and in transit, restrict and audit every read (pgaudit or equivalent), and keep it out of logs and non-production copies."
              .formatted(c.name());
      case PERSONAL_DATA ->
          "Record %s in the register of processing, restrict access to the roles that need it, mask it in non-production copies, and make it erasable and exportable for data-subject requests."
              .formatted(c.name());
    };
  }
}
