package dev.dbarch.workload.advice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.workload.IndexAdvice;
import dev.dbarch.workload.MachinePostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Index advice on the machine's PostgreSQL 15: measured with HypoPG when the extension is in the
 * database, kept only when the planner's cost falls by the threshold, and the advised index, once
 * really built, is the one the planner uses. Without the extension the advice says it is
 * unverified, and why.
 */
class HypoPgAdvisorTest {

  static final String SCHEMA =
      """
      CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, status text NOT NULL);
      INSERT INTO orders SELECT g, g % 5000, 's' || (g % 3) FROM generate_series(1, 100000) g;
      ANALYZE orders;
      """;

  static final List<Candidate> CANDIDATES =
      List.of(
          new Candidate(
              "public.orders",
              List.of("customer_id"),
              List.of("SELECT id FROM orders WHERE customer_id = $1"),
              1200,
              List.of("statement")),
          new Candidate(
              "public.orders",
              List.of("status"),
              List.of("SELECT id FROM orders WHERE status = $1"),
              300,
              List.of("statement")));

  @Test
  void measuresCandidatesAndTheKeptIndexIsTheOneThePlannerUses() throws Exception {
    try (MachinePostgres pg = MachinePostgres.create(false, true)) {
      pg.execute(SCHEMA, "CREATE EXTENSION hypopg");
      List<IndexAdvice> advice;
      try (Connection c = pg.connect()) {
        advice = new HypoPgAdvisor(0.5, Duration.ofSeconds(10)).advise(c, CANDIDATES);
        try (Statement st = c.createStatement();
            ResultSet rs = st.executeQuery("SELECT count(*) FROM hypopg_list_indexes")) {
          rs.next();
          assertThat(rs.getInt(1)).as("hypothetical indexes left behind").isZero();
        }
      }
      advice.forEach(a -> System.out.println(a.sql() + " | " + a.note()));
      IndexAdvice byCustomer = advice.get(0);
      assertThat(byCustomer.verified()).isTrue();
      assertThat(byCustomer.kept()).isTrue();
      assertThat(byCustomer.costAfter()).isLessThan(byCustomer.costBefore() / 2);
      assertThat(byCustomer.note()).contains("measured with HypoPG").contains("→");
      IndexAdvice byStatus = advice.get(1);
      assertThat(byStatus.verified()).isTrue();
      assertThat(byStatus.kept())
          .as("a third of the table per status: an index does not pay, and HypoPG shows it")
          .isFalse();

      pg.execute(byCustomer.sql());
      try (Connection c = pg.connect();
          Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "EXPLAIN (FORMAT TEXT) SELECT id FROM orders WHERE customer_id = 42")) {
        StringBuilder plan = new StringBuilder();
        while (rs.next()) {
          plan.append(rs.getString(1)).append('\n');
        }
        assertThat(plan).contains("orders_customer_id_idx");
      }
    }
  }

  @Test
  void withoutTheExtensionTheAdviceSaysItIsUnverified() throws Exception {
    try (MachinePostgres pg = MachinePostgres.create(false, false)) {
      pg.execute(SCHEMA);
      try (Connection c = pg.connect()) {
        List<IndexAdvice> advice =
            new HypoPgAdvisor(0.5, Duration.ofSeconds(10)).advise(c, CANDIDATES);
        assertThat(advice)
            .allSatisfy(
                a -> {
                  assertThat(a.verified()).isFalse();
                  assertThat(a.costBefore()).isNull();
                  assertThat(a.note())
                      .startsWith("unverified: HypoPG unavailable")
                      .contains("CREATE EXTENSION hypopg")
                      .contains(pg.database());
                });
      }
    }
  }

  @Test
  void neverPlansSomethingThatIsNotOneSelectUpdateOrDelete() throws Exception {
    try (MachinePostgres pg = MachinePostgres.create(false, true)) {
      pg.execute(SCHEMA, "CREATE EXTENSION hypopg");
      try (Connection c = pg.connect()) {
        HypoPgAdvisor advisor = new HypoPgAdvisor(0.5, Duration.ofSeconds(5));
        c.setAutoCommit(false);
        assertThat(advisor.cost(c, "SELECT 1; DROP TABLE orders")).isNull();
        assertThat(advisor.cost(c, "DROP TABLE orders")).isNull();
        assertThat(advisor.cost(c, "INSERT INTO orders VALUES (1, 1, 's')")).isNull();
        assertThat(advisor.cost(c, "SELECT id FROM orders WHERE customer_id = $1")).isPositive();
        c.rollback();
      }
      try (Connection c = pg.connect();
          Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT count(*) FROM orders")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(100_000);
      }
    }
  }
}
