package dev.dbarch.schema.findings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.schema.SchemaFinding;
import dev.dbarch.schema.EmbeddedPg;
import dev.dbarch.schema.catalog.PostgresCatalogReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The claim behind SCH-FK-001's partial-index rule, checked against PostgreSQL: the lookup a
 * foreign key makes on a delete of the referenced row ({@code SELECT 1 FROM ONLY t WHERE col = $1
 * FOR KEY SHARE}, planned generically as the RI trigger does) uses a partial index whose predicate
 * is {@code col IS NOT NULL}, and cannot use one on another condition.
 */
class PartialIndexForeignKeyTest {

  @Test
  void theForeignKeyLookupUsesAPartialIndexItsEqualityImplies() throws Exception {
    DataSource ds = EmbeddedPg.freshDatabase("partial_fk");
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE users (id bigint PRIMARY KEY)");
      st.execute(
          "CREATE TABLE posts (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id),"
              + " created_at timestamptz NOT NULL, hidden boolean NOT NULL DEFAULT false,"
              + " editor_id bigint REFERENCES users (id))");
      st.execute(
          "CREATE INDEX posts_user_recent ON posts (user_id, created_at) WHERE user_id IS NOT NULL");
      st.execute("CREATE INDEX posts_editor_visible ON posts (editor_id) WHERE NOT hidden");
      st.execute("INSERT INTO users SELECT g FROM generate_series(1, 1000) g");
      st.execute(
          "INSERT INTO posts SELECT g, CASE WHEN g % 5 = 0 THEN NULL ELSE 1 + g % 1000 END,"
              + " now(), g % 2 = 0, 1 + g % 1000 FROM generate_series(1, 20000) g");
      st.execute("ANALYZE");
      st.execute("SET plan_cache_mode = force_generic_plan");
      st.execute(
          "PREPARE by_user(bigint) AS SELECT 1 FROM ONLY posts x WHERE user_id = $1"
              + " FOR KEY SHARE OF x");
      st.execute(
          "PREPARE by_editor(bigint) AS SELECT 1 FROM ONLY posts x WHERE editor_id = $1"
              + " FOR KEY SHARE OF x");
      assertThat(plan(st, "EXPLAIN EXECUTE by_user(7)")).contains("posts_user_recent");
      assertThat(plan(st, "EXPLAIN EXECUTE by_editor(7)")).doesNotContain("posts_editor_visible");

      List<SchemaFinding> fk001 =
          SchemaRules.analyze(new PostgresCatalogReader().read(c)).stream()
              .filter(f -> f.ruleId().equals(SchemaRules.FK_WITHOUT_INDEX))
              .toList();
      assertThat(fk001).extracting(SchemaFinding::object).containsExactly("posts_editor_id_fkey");
    }
  }

  private static String plan(Statement st, String explain) throws Exception {
    StringBuilder out = new StringBuilder();
    try (ResultSet rs = st.executeQuery(explain)) {
      while (rs.next()) {
        out.append(rs.getString(1)).append('\n');
      }
    }
    return out.toString();
  }
}
