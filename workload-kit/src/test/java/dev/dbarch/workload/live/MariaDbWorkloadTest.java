package dev.dbarch.workload.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.contracts.workload.WorkloadSnapshot;
import dev.dbarch.workload.plan.Plan;
import dev.dbarch.workload.plan.PlanNode;
import dev.dbarch.workload.plan.PlanParser;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The machine's MariaDB 10.11 (127.0.0.1:3306, root): its statistics read into a snapshot, saying
 * what is missing when performance_schema is off, and its JSON plans parsed. Skips when MariaDB is
 * not reachable.
 */
class MariaDbWorkloadTest {

  @Test
  void readsStatisticsAndParsesPlans() throws Exception {
    String database = "dbarch_wl_" + UUID.randomUUID().toString().substring(0, 8);
    Connection root;
    try {
      root = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/", "root", "");
    } catch (SQLException e) {
      assumeTrue(false, "MariaDB is not reachable on 127.0.0.1:3306: " + e.getMessage());
      return;
    }
    try (root;
        Statement st = root.createStatement()) {
      st.execute("CREATE DATABASE " + database);
      try {
        st.execute("USE " + database);
        st.execute(
            "CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL,"
                + " status VARCHAR(10) NOT NULL, KEY orders_status (status))");
        st.execute(
            "INSERT INTO orders SELECT seq, seq % 500, CONCAT('s', seq % 3) FROM seq_1_to_20000");
        st.execute("ANALYZE TABLE orders");
        WorkloadSnapshot snapshot =
            new MySqlWorkloadReader(SchemaSnapshot.Engine.MARIADB)
                .read(root, "shop", "r1", 1, Instant.now(), ReadOptions.DEFAULTS);
        assertThat(snapshot.database()).isEqualTo(database);
        assertThat(snapshot.tables())
            .anySatisfy(
                t -> {
                  assertThat(t.name()).isEqualTo("orders");
                  assertThat(t.liveRows()).isPositive();
                });
        assertThat(snapshot.indexes())
            .anySatisfy(
                i -> assertThat(i.definition()).contains("orders_status").contains("status"));
        assertThat(snapshot.settings().sharedBuffers()).isNotBlank();
        assertThat(snapshot.settings().maxConnections()).isPositive();
        assertThat(snapshot.activity().blocksHit() + snapshot.activity().blocksRead()).isPositive();
        boolean performanceSchema;
        try (ResultSet rs = st.executeQuery("SELECT @@performance_schema")) {
          rs.next();
          performanceSchema = rs.getInt(1) == 1;
        }
        if (!performanceSchema) {
          assertThat(snapshot.limitations())
              .anyMatch(l -> l.startsWith("performance_schema is off"));
          assertThat(snapshot.statements()).isEmpty();
        }

        Plan explain = plan(st, "EXPLAIN FORMAT=JSON SELECT id FROM orders WHERE customer_id = 42");
        PlanNode scan =
            explain.nodes().filter(PlanNode::isSequentialScan).findFirst().orElseThrow();
        assertThat(scan.relation()).isEqualTo("orders");
        assertThat(scan.filter()).contains("customer_id");
        assertThat(scan.planRows()).isPositive();
        Plan analyzed =
            plan(st, "ANALYZE FORMAT=JSON SELECT id FROM orders WHERE customer_id = 42");
        PlanNode measured =
            analyzed.nodes().filter(PlanNode::isSequentialScan).findFirst().orElseThrow();
        assertThat(analyzed.analyzed()).isTrue();
        assertThat(measured.actualRows()).isEqualTo(40.0);
        assertThat(measured.rowsRemovedByFilter()).isEqualTo(19_960.0);

        // The diagnosis of that plan proposes MariaDB's own DDL; it runs, and the planner uses it.
        var plan =
            new dev.dbarch.contracts.requirements.QueryPlan(
                "orders of a customer",
                "SELECT id FROM orders WHERE customer_id = 42",
                dev.dbarch.contracts.requirements.SchemaSource.Dialect.MYSQL,
                Json.mapper()
                    .readTree(
                        json(
                            st,
                            "ANALYZE FORMAT=JSON SELECT id FROM orders WHERE customer_id = 42")));
        var requirements =
            new dev.dbarch.contracts.requirements.Requirements(
                "shop",
                "Shop",
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
                new dev.dbarch.contracts.requirements.Diagnostics(
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
                    null,
                    null,
                    java.util.List.of(plan),
                    null),
                null);
        var evidence =
            dev.dbarch.workload.diagnosis.Evidence.of(
                requirements,
                snapshot,
                null,
                dev.dbarch.workload.WorkloadThresholds.DEFAULTS.with(
                    java.util.Map.of("large-table-rows", "10000")));
        var fix =
            dev.dbarch.workload.diagnosis.Diagnoses.evaluate(evidence).stream()
                .filter(f -> f.ruleId().equals("PERF-DIAG-010"))
                .findFirst()
                .orElseThrow()
                .fix();
        assertThat(fix)
            .isEqualTo(
                "ALTER TABLE "
                    + database
                    + ".orders ADD INDEX orders_customer_id_idx (customer_id)");
        st.execute(fix);
        Plan indexed = plan(st, "EXPLAIN FORMAT=JSON SELECT id FROM orders WHERE customer_id = 42");
        assertThat(indexed.nodes().map(PlanNode::index)).contains("orders_customer_id_idx");
      } finally {
        st.execute("DROP DATABASE IF EXISTS " + database);
      }
    }
  }

  private static String json(Statement st, String sql) throws Exception {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static Plan plan(Statement st, String sql) throws Exception {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return PlanParser.parse(Json.mapper().readTree(rs.getString(1)), null, null, sql);
    }
  }
}
