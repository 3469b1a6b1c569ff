package dev.dbarch.schema.findings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.schema.SchemaFinding;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.schema.EmbeddedPg;
import dev.dbarch.schema.LoadedSchemas;
import dev.dbarch.schema.PublicSchemas;
import dev.dbarch.schema.catalog.PostgresCatalogReader;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The rules over snapshots read from real databases. */
class SchemaRulesOnCatalogTest {

  private static List<SchemaFinding> analyze(DataSource ds) throws Exception {
    return analyze(ds, RuleSettings.DEFAULTS);
  }

  private static List<SchemaFinding> analyze(DataSource ds, RuleSettings settings)
      throws Exception {
    try (Connection c = ds.getConnection()) {
      SchemaSnapshot snapshot = new PostgresCatalogReader().read(c);
      return SchemaRules.analyze(snapshot, settings);
    }
  }

  private static void print(String label, List<SchemaFinding> findings) {
    Map<String, Long> byRule = new TreeMap<>();
    findings.forEach(f -> byRule.merge(f.ruleId(), 1L, Long::sum));
    System.out.println("SchemaRules [" + label + "]: " + byRule);
    findings.forEach(
        f ->
            System.out.println(
                "  " + f.ruleId() + " " + f.severity() + " " + f.table() + " " + f.object()));
  }

  @Test
  void fixtureFindsExactlyWhatItWasBuiltToContain() throws Exception {
    DataSource ds = EmbeddedPg.freshDatabase("rules_fixture");
    try (Connection c = ds.getConnection()) {
      EmbeddedPg.load(c, EmbeddedPg.fixture("findings.sql"));
    }
    // The server just started: its usage counters are too young for SCH-IDX-003 by default.
    assertThat(analyze(ds)).noneMatch(f -> f.ruleId().equals(SchemaRules.UNUSED_INDEX));
    List<SchemaFinding> findings = analyze(ds, RuleFixture.SETTINGS);
    print("fixture", findings);
    assertThat(findings)
        .extracting(f -> f.ruleId() + " " + f.table() + " " + f.object())
        .containsExactly(
            "SCH-BLT-001 app.jobs null",
            "SCH-BLT-001 app.visits_2024 null",
            "SCH-BLT-002 app.jobs jobs_pkey",
            "SCH-BLT-002 app.jobs jobs_ref_idx",
            "SCH-CON-001 app.payments payments_customer_fkey",
            "SCH-FK-001 app.measurements measurements_customer_id_fkey",
            "SCH-FK-001 app.orders orders_customer_id_fkey",
            "SCH-FK-001 app.replies replies_note_id_fkey",
            "SCH-FK-002 app.customers address_id",
            "SCH-FK-003 app.payments payments_customer_fkey",
            "SCH-GOD-001 app.wide null",
            "SCH-IDX-001 app.orders orders_status_idx",
            "SCH-IDX-002 app.orders orders_status_dup",
            "SCH-IDX-002 app.orders orders_status_idx",
            "SCH-IDX-003 app.jobs jobs_ref_idx",
            "SCH-IDX-003 app.measurements measurements_taken_idx",
            "SCH-IDX-003 app.notes notes_author_incl",
            "SCH-IDX-003 app.notes notes_author_topic",
            "SCH-IDX-003 app.notes notes_lower_author",
            "SCH-IDX-003 app.notes notes_topic_body",
            "SCH-IDX-003 app.notes notes_topic_hash",
            "SCH-IDX-003 app.notes notes_upper_author_topic",
            "SCH-IDX-003 app.orders orders_id_status",
            "SCH-IDX-003 app.orders orders_lower_coupon",
            "SCH-IDX-003 app.orders orders_open",
            "SCH-IDX-003 app.orders orders_placed_incl",
            "SCH-IDX-003 app.orders orders_status_dup",
            "SCH-IDX-003 app.orders orders_status_idx",
            "SCH-IDX-003 app.orders orders_status_pattern",
            "SCH-IDX-003 app.orders orders_status_placed_idx",
            "SCH-IDX-003 app.tags tags_label_copy",
            "SCH-IDX-004 app.tags tags_label_idx",
            "SCH-LOB-001 app.documents null",
            "SCH-NUL-001 app.orders orders_coupon_shipping_key",
            "SCH-PII-001 app.customers card_number",
            "SCH-PII-001 app.customers cvv",
            "SCH-PII-001 app.customers date_of_birth",
            "SCH-PII-001 app.customers diagnosis",
            "SCH-PII-001 app.customers email",
            "SCH-PII-001 app.customers password_hash",
            "SCH-PII-001 app.customers phone",
            "SCH-PII-001 app.customers ssn",
            "SCH-PK-001 app.event_log null",
            "SCH-PK-001 app.legacy_events null",
            "SCH-PK-002 app.event_log null",
            "SCH-PK-002 app.legacy_events null",
            "SCH-SEQ-001 null app.ticket_seq",
            "SCH-SEQ-001 app.legacy app.legacy_id_seq",
            "SCH-TYP-001 app.documents meta",
            "SCH-TYP-002 app.legacy_events at",
            "SCH-TYP-002 app.payments paid_at",
            "SCH-TYP-003 app.payments amount",
            "SCH-TYP-003 app.payments currency");
  }

  @Test
  void publicSchemas() throws Exception {
    PublicSchemas.assumePresent();
    List<SchemaFinding> pagila = analyze(LoadedSchemas.pagila());
    print("pagila", pagila);
    assertThat(pagila)
        .extracting(f -> f.ruleId() + " " + f.table() + " " + f.object())
        .contains(
            "SCH-FK-001 public.rental rental_customer_id_fkey",
            "SCH-FK-002 public.store manager_staff_id",
            "SCH-IDX-001 public.payment_p2022_01 payment_p2022_01_customer_id_idx",
            "SCH-PII-001 public.staff password");
    List<SchemaFinding> northwind = analyze(LoadedSchemas.northwind());
    print("northwind", northwind);
    assertThat(northwind)
        .extracting(f -> f.ruleId() + " " + f.table() + " " + f.object())
        .contains(
            "SCH-FK-001 public.orders fk_orders_customers",
            "SCH-PII-001 public.employees birth_date");
    List<SchemaFinding> chinook = analyze(LoadedSchemas.chinook());
    print("chinook", chinook);
    assertThat(chinook)
        .extracting(f -> f.ruleId() + " " + f.table() + " " + f.object())
        .contains(
            "SCH-IDX-002 public.playlist_track playlist_track_playlist_id_idx",
            "SCH-PII-001 public.customer email");
  }
}
