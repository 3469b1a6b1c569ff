package dev.dbarch.workload.diagnosis;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.requirements.Diagnostics;
import dev.dbarch.contracts.requirements.QueryPlan;
import dev.dbarch.contracts.requirements.Requirements;
import dev.dbarch.contracts.requirements.SchemaSource;
import dev.dbarch.contracts.requirements.StatementStats;
import dev.dbarch.workload.EmbeddedPostgres17;
import dev.dbarch.workload.WorkloadThresholds;
import dev.dbarch.workload.plan.PlanParser;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * How fast the analysis runs, for the record (never asserted): plans parsed per second, and
 * statements and plans diagnosed per second in requests of the largest size intake accepts (500
 * statements, 20 plans). Plans are real PostgreSQL 17 output. Run with {@code
 * -Ddbarch.benchmark=true -Dtest=DiagnosisThroughputBenchmark}.
 */
@EnabledIfSystemProperty(named = "dbarch.benchmark", matches = "true")
class DiagnosisThroughputBenchmark {

  static final String[] SHAPES = {
    "SELECT id, total FROM orders WHERE customer_id = $1",
    "SELECT * FROM customers WHERE id = $1",
    "SELECT id FROM customers WHERE lower(email) = $1",
    "SELECT id, created_at FROM orders ORDER BY created_at, id LIMIT 20 OFFSET $1",
    "SELECT o.id, i.qty FROM orders o JOIN order_items i ON i.order_id = o.id WHERE o.status = $1",
    "UPDATE orders SET status = $1 WHERE id = $2",
    "SELECT count(*) FROM order_items WHERE product_id = $1 AND qty > $2",
  };

  @Test
  void measure() throws Exception {
    List<JsonNode> plans = new ArrayList<>();
    try (EmbeddedPostgres17 pg = new EmbeddedPostgres17();
        Connection c = pg.connect();
        Statement st = c.createStatement()) {
      st.execute(dev.dbarch.workload.plan.PlansOnRealServersTest.SCHEMA);
      st.execute("SET work_mem = '64kB'");
      for (String q :
          List.of(
              "SELECT id FROM items WHERE grp = 7",
              "SELECT id, label FROM items ORDER BY label",
              "SELECT t.tag FROM items i JOIN tags t ON t.item_id = i.id WHERE i.grp < 20",
              "SELECT label, count(*) FROM items GROUP BY label",
              "SELECT count(*) FROM items i JOIN tags t ON t.item_id = i.id AND t.tag = i.label")) {
        try (ResultSet rs = st.executeQuery("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + q)) {
          rs.next();
          plans.add(Json.mapper().readTree(rs.getString(1)));
        }
      }
    }
    int parses = 20_000;
    long start = System.nanoTime();
    for (int i = 0; i < parses; i++) {
      PlanParser.parse(plans.get(i % plans.size()), SchemaSource.Dialect.POSTGRESQL, null, null);
    }
    double parseSeconds = (System.nanoTime() - start) / 1e9;

    List<QueryPlan> twenty = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      twenty.add(
          new QueryPlan(
              "plan " + i, null, SchemaSource.Dialect.POSTGRESQL, plans.get(i % plans.size())));
    }
    int requests = 40;
    List<Requirements> distinct = new ArrayList<>();
    for (int r = 0; r < requests; r++) {
      // Every request's statements are new texts, so nothing is served from the shape cache.
      List<StatementStats> statements = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        String sql = SHAPES[i % SHAPES.length].replace("$1", "$1 /* " + r + "." + i + " */");
        statements.add(
            new StatementStats(
                Integer.toString(i),
                sql,
                1_000L + i,
                5_000.0 + i,
                null,
                1_000L,
                10L,
                5L,
                i % 3 == 0 ? 100L : 0L,
                null));
      }
      distinct.add(
          new Requirements(
              "bench",
              "Bench",
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              new Diagnostics(
                  8,
                  20,
                  100,
                  null,
                  null,
                  null,
                  null,
                  null,
                  null,
                  null,
                  6,
                  32.0,
                  statements,
                  twenty,
                  null),
              null));
    }
    int findings = 0;
    start = System.nanoTime();
    for (Requirements req : distinct) {
      findings +=
          Diagnoses.evaluate(Evidence.of(req, null, null, WorkloadThresholds.DEFAULTS)).size();
    }
    double evaluateSeconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "plans parsed: %.0f per second%nrequests of 500 statements + 20 plans: %.1f per second"
            + " (%.0f statements and %.0f plans diagnosed per second, %d findings each)%n",
        parses / parseSeconds,
        requests / evaluateSeconds,
        requests * 500 / evaluateSeconds,
        requests * 20 / evaluateSeconds,
        findings / requests);
  }
}
