package dev.dbarch.workload.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.Json;
import dev.dbarch.workload.EmbeddedPostgres17;
import dev.dbarch.workload.MachinePostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * Plans written by real servers, PostgreSQL 15 (the machine's) and 17 (embedded), parse into the
 * typed tree with the figures the diagnoses read: rows removed by a filter, a sort that went to
 * disk, a hash join in several batches, a hash aggregate that spilled, loops of a nested loop.
 */
public class PlansOnRealServersTest {

  public static final String SCHEMA =
      """
      CREATE TABLE items (id bigint PRIMARY KEY, grp int NOT NULL, label text NOT NULL);
      INSERT INTO items SELECT g, g % 1000, md5(g::text) FROM generate_series(1, 60000) g;
      CREATE TABLE tags (item_id bigint NOT NULL, tag text NOT NULL);
      INSERT INTO tags SELECT g, 't' || (g % 7) FROM generate_series(1, 60000) g;
      CREATE INDEX tags_item_idx ON tags (item_id);
      ANALYZE;
      """;

  @Test
  void postgres15PlansParse() throws Exception {
    try (MachinePostgres pg = MachinePostgres.create(false, false);
        Connection c = pg.connect()) {
      checkPlans(c);
    }
  }

  @Test
  void postgres17PlansParse() throws Exception {
    try (EmbeddedPostgres17 pg = new EmbeddedPostgres17();
        Connection c = pg.connect()) {
      checkPlans(c);
    }
  }

  private static void checkPlans(Connection c) throws Exception {
    try (Statement st = c.createStatement()) {
      st.execute(SCHEMA);
      st.execute("SET work_mem = '64kB'");
      st.execute("SET max_parallel_workers_per_gather = 0");
    }
    Plan scan = explain(c, "SELECT id FROM items WHERE grp = 7");
    PlanNode seq = scan.nodes().filter(PlanNode::isSequentialScan).findFirst().orElseThrow();
    assertThat(scan.analyzed()).isTrue();
    assertThat(scan.executionTimeMs()).isNotNull();
    assertThat(seq.relation()).isEqualTo("items");
    assertThat(seq.filter()).contains("grp = 7");
    assertThat(seq.actualRows()).isEqualTo(60.0);
    assertThat(seq.rowsRemovedByFilter()).isEqualTo(59940.0);
    assertThat(seq.sharedHitBlocks() + seq.sharedReadBlocks()).isPositive();

    Plan sort = explain(c, "SELECT id, label FROM items ORDER BY label");
    PlanNode sortNode =
        sort.nodes().filter(n -> "Sort".equals(n.nodeType())).findFirst().orElseThrow();
    assertThat(sortNode.sortSpaceType()).isEqualTo("Disk");
    assertThat(sortNode.sortMethod()).isEqualTo("external merge");
    assertThat(sortNode.sortSpaceKb()).isPositive();
    assertThat(sortNode.sortKeys()).containsExactly("label");

    Plan hash =
        explain(
            c,
            "SELECT count(*) FROM items i JOIN tags t ON t.item_id = i.id AND t.tag = i.label",
            "SET LOCAL enable_mergejoin = off",
            "SET LOCAL enable_nestloop = off");
    PlanNode hashNode =
        hash.nodes().filter(n -> "Hash".equals(n.nodeType())).findFirst().orElseThrow();
    assertThat(hashNode.hashBatches()).isGreaterThan(1);
    assertThat(hashNode.peakMemoryKb()).isPositive();

    Plan aggregate =
        explain(
            c, "SELECT label, count(*) FROM items GROUP BY label", "SET LOCAL enable_sort = off");
    PlanNode agg =
        aggregate
            .nodes()
            .filter(n -> "Aggregate".equals(n.nodeType()) || "HashAggregate".equals(n.nodeType()))
            .findFirst()
            .orElseThrow();
    assertThat(agg.diskUsageKb()).isPositive();

    Plan loop =
        explain(
            c,
            "SELECT t.tag FROM items i JOIN tags t ON t.item_id = i.id WHERE i.grp < 20",
            "SET LOCAL enable_hashjoin = off",
            "SET LOCAL enable_mergejoin = off");
    PlanNode nested =
        loop.nodes().filter(n -> "Nested Loop".equals(n.nodeType())).findFirst().orElseThrow();
    assertThat(nested.children()).hasSize(2);
    assertThat(nested.children().get(1).actualLoops()).isEqualTo(1200.0);
    assertThat(nested.children().get(1).index()).isEqualTo("tags_item_idx");
  }

  static Plan explain(Connection c, String query, String... settings) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement st = c.createStatement()) {
      for (String setting : settings) {
        st.execute(setting);
      }
      try (ResultSet rs = st.executeQuery("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + query)) {
        rs.next();
        return PlanParser.parse(Json.mapper().readTree(rs.getString(1)), null, null, query);
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    } finally {
      c.rollback();
      c.setAutoCommit(autoCommit);
    }
  }
}
