package dev.dbarch.workload.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.requirements.SchemaSource;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * Plan documents of each engine into the typed tree; live PostgreSQL plans are in
 * PlansOnRealServersTest.
 */
class PlanParserTest {

  static JsonNode fixture(String name) throws Exception {
    try (InputStream in = PlanParserTest.class.getResourceAsStream("/plans/" + name)) {
      return Json.mapper().readTree(in);
    }
  }

  @Test
  void readsMySqlsClassicFormatTablesAndSort() throws Exception {
    Plan plan = PlanParser.parse(fixture("mysql8-join-filesort.json"), null, "orders page", null);
    assertThat(plan.engine()).isEqualTo(Plan.Engine.MYSQL);
    assertThat(plan.root().totalCost()).isEqualTo(52412.35);
    assertThat(plan.nodes().map(PlanNode::nodeType))
        .containsExactly("Query Block", "Sort", "Full Table Scan", "Full Table Scan");
    PlanNode orders =
        plan.nodes().filter(n -> "orders".equals(n.relation())).findFirst().orElseThrow();
    assertThat(orders.isSequentialScan()).isTrue();
    assertThat(orders.planRows()).isEqualTo(198432.0);
    assertThat(orders.filteredPercent()).isEqualTo(1.0);
    assertThat(orders.filter()).contains("status");
    assertThat(plan.analyzed()).isFalse();
  }

  @Test
  void readsMySqlsVersionTwoFormat() throws Exception {
    Plan plan = PlanParser.parse(fixture("mysql8-v2-tablescan.json"), null, null, null);
    assertThat(plan.engine()).isEqualTo(Plan.Engine.MYSQL);
    assertThat(plan.root().nodeType()).isEqualTo("Filter");
    assertThat(plan.root().children().get(0).isSequentialScan()).isTrue();
    assertThat(plan.root().children().get(0).schema()).isEqualTo("shop");
    assertThat(plan.query()).contains("customer_id");
  }

  @Test
  void readsAPostgresPlanGivenAsAnObjectAndToleratesUnknownFields() throws Exception {
    JsonNode json =
        Json.mapper()
            .readTree(
                "{\"Plan\": {\"Node Type\": \"Seq Scan\", \"Relation Name\": \"t\", \"Plan Rows\":"
                    + " 10, \"Actual Rows\": 3, \"Actual Loops\": 2, \"Rows Removed by Filter\": 7,"
                    + " \"Some Future Field\": {\"x\": 1}}, \"Planning Time\": 0.1}");
    Plan plan = PlanParser.parse(json, null, null, null);
    assertThat(plan.engine()).isEqualTo(Plan.Engine.POSTGRESQL);
    assertThat(plan.analyzed()).isTrue();
    assertThat(plan.root().rowsReadTotal()).isEqualTo(20.0);
    assertThat(plan.root().actualRowsTotal()).isEqualTo(6.0);
  }

  @Test
  void refusesWhatIsNotAPlanSayingWhy() throws Exception {
    assertThatThrownBy(
            () -> PlanParser.parse(Json.mapper().readTree("{\"rows\": []}"), null, null, null))
        .isInstanceOf(PlanFormatException.class)
        .hasMessageContaining("query_block");
    assertThatThrownBy(
            () ->
                PlanParser.parse(
                    Json.mapper().readTree("[{\"Plan\": {\"Relation Name\": \"t\"}}]"),
                    SchemaSource.Dialect.POSTGRESQL,
                    null,
                    null))
        .isInstanceOf(PlanFormatException.class)
        .hasMessageContaining("Node Type");
    assertThatThrownBy(
            () ->
                PlanParser.parse(
                    Json.mapper()
                        .readTree(
                            "[{\"Plan\": {\"Node Type\": \"Seq Scan\", \"Plan Rows\": \"many\"}}]"),
                    null,
                    null,
                    null))
        .hasMessageContaining("Plan Rows");
  }
}
