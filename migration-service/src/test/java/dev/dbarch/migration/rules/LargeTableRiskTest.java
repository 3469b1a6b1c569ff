package dev.dbarch.migration.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.events.Risk;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** MIG-RISK-001: a blocking change on a large table, raised with MIG-ONLINE-001. */
class LargeTableRiskTest {

  private static Optional<Risk> risk(String yaml) {
    return Requests.assess(yaml).risks().stream()
        .filter(r -> r.ruleId().equals("MIG-RISK-001"))
        .findFirst();
  }

  @Test
  void theEcommerceOrderItemsTableIsNamedWithItsSize() {
    // 400 GB shared by rows: order_items holds 11 of 16.65 million rows, about 264 GB.
    Risk risk =
        risk("""
                scale:
                  dataVolumeGb: 50
                  dataVolumeGbIn12Months: 400
                  tableRows: {orders: 3650000, order_items: 11000000, reviews: 2000000}
                """)
            .orElseThrow();
    assertThat(risk.risk()).contains("order_items (about 264 GB)").contains("over 100 GB");
    assertThat(risk.likelihood()).isEqualTo(Risk.Level.MEDIUM);
    assertThat(risk.impact()).isEqualTo(Risk.Level.HIGH);
  }

  @Test
  void smallDataStaysSilent() {
    assertThat(risk("scale: {dataVolumeGb: 100}\n")).isEmpty();
    assertThat(risk("scale: {dataVolumeGb: 150, tableRows: {a: 1000, b: 1000, c: 1000}}\n"))
        .isEmpty();
  }
}
