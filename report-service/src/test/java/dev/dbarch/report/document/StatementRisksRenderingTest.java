package dev.dbarch.report.document;

import static dev.dbarch.report.TestVerdicts.verdict;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.SystemKey;
import dev.dbarch.contracts.events.Change;
import dev.dbarch.contracts.events.Recommendation;
import dev.dbarch.contracts.events.Risk;
import dev.dbarch.contracts.events.Section;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.contracts.events.Trigger;
import dev.dbarch.contracts.schema.SchemaChange;
import dev.dbarch.contracts.schema.StatementRisk;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A schema-watch revision shows each captured statement with the risk the migration section gave
 * it, the lock, the table's size and the safe rewrite, from the typed statement on the risk; the
 * same risk is a row of Risks &amp; Mitigations.
 */
class StatementRisksRenderingTest {

  static final String ALTER = "ALTER TABLE orders ALTER COLUMN total TYPE numeric(14,4)";
  static final String CREATE = "CREATE TABLE audit_log (message text)";

  static Risk rewriteRisk() {
    return new Risk(
        "MIG-DDL-COL-004",
        "Statement 1 `" + ALTER + "`: ALTER COLUMN total TYPE numeric(14,4) rewrites the table",
        Risk.Level.HIGH,
        Risk.Level.HIGH,
        "Safe rewrite: ALTER TABLE orders ADD COLUMN total_new numeric(14,4); …",
        new StatementRisk(
            0,
            1,
            ALTER,
            "public.orders",
            List.of(
                new StatementRisk.TableLock(
                    "public.orders", StatementRisk.LockMode.AccessExclusiveLock)),
            null,
            null,
            StatementRisk.TableWork.REWRITE,
            false,
            false,
            900_000_000,
            264L << 30,
            StatementRisk.SizeSource.CATALOG,
            "17.6",
            "ALTER TABLE orders ADD COLUMN total_new numeric(14,4);"));
  }

  static Recommendation revision(boolean withMigration) {
    Map<Section, SectionVerdict> verdicts = new EnumMap<>(Section.class);
    for (Section s : Section.values()) {
      if (s == Section.MIGRATION && !withMigration) {
        continue;
      }
      SectionVerdict v = verdict("shop", "a-2", s);
      if (s == Section.MIGRATION) {
        List<Risk> risks = new ArrayList<>(v.risks());
        risks.add(rewriteRisk());
        v =
            new SectionVerdict(
                v.assessmentId(),
                v.systemId(),
                v.systemName(),
                Trigger.SCHEMA_CHANGED,
                v.section(),
                v.decisions(),
                v.indexes(),
                risks,
                v.alternatives(),
                v.assumptions(),
                v.questions());
      }
      verdicts.put(s, v);
    }
    return ReportAssembler.assemble(
        SystemKey.of("default", "shop"),
        "Shop",
        "a-2",
        4,
        Trigger.SCHEMA_CHANGED,
        verdicts,
        null,
        new SchemaChange(List.of(ALTER, CREATE), List.of(), null),
        new ReportAssembler.Previous(3, Fingerprint.EMPTY));
  }

  @Test
  void eachCapturedStatementShowsItsRiskLockSizeAndRewrite() {
    String md = revision(true).markdown();
    assertThat(md)
        .contains("Each statement's migration risk:\n\n1. `" + ALTER + "`\n")
        .contains("   - **High** `MIG-DDL-COL-004`: Statement 1")
        .contains(
            "   - AccessExclusiveLock on public.orders · table work: rewrites the table · table:"
                + " 900,000,000 rows, 264 GB\n")
        .contains(
            "     ```sql\n     ALTER TABLE orders ADD COLUMN total_new numeric(14,4);\n     ```")
        .contains("2. `" + CREATE + "`: no migration risk found.");
    String risksTable = md.substring(md.indexOf("### Risks & Mitigations"));
    assertThat(risksTable).contains("`MIG-DDL-COL-004`");
  }

  @Test
  void theNewFindingNamesItsStatementFromTheTypedRisk() {
    Recommendation rec = revision(true);
    assertThat(rec.changes())
        .filteredOn(c -> c.ruleId().equals("MIG-DDL-COL-004"))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.kind()).isEqualTo(Change.Kind.FINDING_NEW);
              assertThat(c.cause()).isEqualTo(ALTER);
            });
  }

  @Test
  void withoutTheMigrationVerdictTheRevisionSaysSo() {
    assertThat(revision(false).markdown())
        .contains(
            "Each statement's migration risk:\n\n_Not assessed yet: migration-service has not"
                + " reported for this assessment._");
  }
}
