package dev.dbarch.workload.advice;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.requirements.SchemaSource;
import dev.dbarch.contracts.workload.IndexAdvice;
import dev.dbarch.workload.plan.Plan;
import dev.dbarch.workload.plan.PlanParser;
import dev.dbarch.workload.statement.SqlShape;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Index advice proven by the planner, Dexter's idea applied to a whole workload: each candidate is
 * created as a hypothetical index with HypoPG (in the session only: nothing is built, nothing is
 * written), the statements it should serve are planned before and after, and the index is kept when
 * their total cost drops by at least the configured share.
 *
 * <p>Everything runs in one read-only transaction with a statement timeout, and the hypothetical
 * indexes are dropped at the end. Statements are only planned ({@code EXPLAIN} without {@code
 * ANALYZE}), never executed. A normalised statement ({@code $1} parameters, as {@code
 * pg_stat_statements} shows it) is prepared and planned generically, so no value is needed.
 */
public final class HypoPgAdvisor {

  /** Marks dbarch's own statements so the statistics reader can leave them out. */
  public static final String TAG = "/* dbarch:workload */ ";

  private static final Pattern PARAMETER = Pattern.compile("\\$(\\d+)");

  private final double minCostDrop;
  private final Duration statementTimeout;

  /**
   * @param minCostDrop the share (0 to 1) by which the cost must fall for an index to be kept
   * @param statementTimeout how long planning one statement may take
   */
  public HypoPgAdvisor(double minCostDrop, Duration statementTimeout) {
    this.minCostDrop = minCostDrop;
    this.statementTimeout = statementTimeout;
  }

  /** Why HypoPG cannot be used on this connection, or null when it can. */
  public static String unavailableReason(Connection connection) throws SQLException {
    try (Statement st = connection.createStatement();
        ResultSet rs =
            st.executeQuery(
                TAG
                    + "SELECT current_database(), EXISTS (SELECT 1 FROM pg_extension"
                    + " WHERE extname = 'hypopg')")) {
      rs.next();
      if (!rs.getBoolean(2)) {
        return "the hypopg extension is not installed in database "
            + rs.getString(1)
            + " (CREATE EXTENSION hypopg)";
      }
      return null;
    }
  }

  /** Candidates nobody could measure, each saying why. */
  public static List<IndexAdvice> unverified(List<Candidate> candidates, String reason) {
    return candidates.stream()
        .map(
            c ->
                new IndexAdvice(
                    c.table(),
                    c.keys(),
                    c.createSql(),
                    c.statements(),
                    false,
                    null,
                    null,
                    false,
                    "unverified: HypoPG unavailable: " + reason))
        .toList();
  }

  /** Measures every candidate; falls back to {@link #unverified} when HypoPG is missing. */
  public List<IndexAdvice> advise(Connection connection, List<Candidate> candidates)
      throws SQLException {
    if (candidates.isEmpty()) {
      return List.of();
    }
    String reason = unavailableReason(connection);
    if (reason != null) {
      return unverified(candidates, reason);
    }
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    List<IndexAdvice> advice = new ArrayList<>();
    try (Statement st = connection.createStatement()) {
      st.execute(TAG + "SET TRANSACTION READ ONLY");
      st.execute(TAG + "SET LOCAL statement_timeout = " + Math.max(1, statementTimeout.toMillis()));
      st.execute(TAG + "SELECT hypopg_reset()");
      for (Candidate candidate : candidates) {
        advice.add(measure(connection, candidate));
      }
      st.execute(TAG + "SELECT hypopg_reset()");
    } finally {
      connection.rollback();
      connection.setAutoCommit(autoCommit);
    }
    return advice;
  }

  private IndexAdvice measure(Connection connection, Candidate candidate) throws SQLException {
    List<String> costed = new ArrayList<>();
    double before = 0;
    for (String sql : candidate.statements()) {
      Double cost = cost(connection, sql);
      if (cost != null) {
        costed.add(sql);
        before += cost;
      }
    }
    if (costed.isEmpty()) {
      return new IndexAdvice(
          candidate.table(),
          candidate.keys(),
          candidate.createSql(),
          candidate.statements(),
          false,
          null,
          null,
          false,
          "unverified: none of its statements could be planned");
    }
    try (PreparedStatement create =
        connection.prepareStatement(TAG + "SELECT indexrelid FROM hypopg_create_index(?)")) {
      create.setString(1, candidate.hypotheticalSql());
      create.executeQuery().close();
    }
    double after = 0;
    for (String sql : costed) {
      Double cost = cost(connection, sql);
      after += cost == null ? 0 : cost;
    }
    try (Statement st = connection.createStatement()) {
      st.execute(TAG + "SELECT hypopg_reset()");
    }
    double drop = before <= 0 ? 0 : (before - after) / before;
    boolean kept = drop >= minCostDrop;
    String note =
        String.format(
            Locale.ROOT,
            "measured with HypoPG: planner cost %.2f → %.2f (%s%.1f%%) over %d statement%s; %s"
                + " (threshold %.0f%%)",
            before,
            after,
            drop >= 0 ? "−" : "+",
            Math.abs(drop) * 100,
            costed.size(),
            costed.size() == 1 ? "" : "s",
            kept ? "kept" : "not worth it",
            minCostDrop * 100);
    return new IndexAdvice(
        candidate.table(),
        candidate.keys(),
        candidate.createSql(),
        costed,
        true,
        round(before),
        round(after),
        kept,
        note);
  }

  /**
   * The planner's total cost of one statement, or null when it cannot be planned (not a SELECT,
   * UPDATE or DELETE, several statements, or an error the database reports).
   */
  Double cost(Connection connection, String sql) throws SQLException {
    String text = sql.strip();
    if (text.endsWith(";")) {
      text = text.substring(0, text.length() - 1).strip();
    }
    SqlShape shape = SqlShape.of(text);
    if (!shape.parsed() || !IndexCandidates.explainable(shape) || hasSeparator(text)) {
      return null;
    }
    int parameters = parameterCount(text);
    try (Statement st = connection.createStatement()) {
      st.execute(TAG + "SAVEPOINT dbarch_plan");
      try {
        String explain;
        if (parameters == 0) {
          explain = TAG + "EXPLAIN (FORMAT JSON) " + text;
        } else {
          // A generic plan: with NULL bound as a custom value the planner would fold the
          // condition to false and cost nothing.
          st.execute(TAG + "SET LOCAL plan_cache_mode = force_generic_plan");
          st.execute(TAG + "PREPARE dbarch_plan AS " + text);
          explain =
              TAG
                  + "EXPLAIN (FORMAT JSON) EXECUTE dbarch_plan("
                  + String.join(", ", java.util.Collections.nCopies(parameters, "NULL"))
                  + ")";
        }
        double cost;
        try (ResultSet rs = st.executeQuery(explain)) {
          rs.next();
          JsonNode json = Json.mapper().readTree(rs.getString(1));
          Plan plan = PlanParser.parse(json, SchemaSource.Dialect.POSTGRESQL, null, text);
          cost = plan.root().totalCost() == null ? 0 : plan.root().totalCost();
        }
        if (parameters > 0) {
          st.execute(TAG + "DEALLOCATE dbarch_plan");
        }
        st.execute(TAG + "RELEASE SAVEPOINT dbarch_plan");
        return cost;
      } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
        st.execute(TAG + "ROLLBACK TO SAVEPOINT dbarch_plan");
        try {
          st.execute(TAG + "DEALLOCATE ALL");
        } catch (SQLException ignored) {
          // nothing was prepared
        }
        return null;
      }
    }
  }

  static int parameterCount(String sql) {
    int max = 0;
    Matcher m = PARAMETER.matcher(sql);
    while (m.find()) {
      max = Math.max(max, Integer.parseInt(m.group(1)));
    }
    return max;
  }

  /** A semicolon outside quotes: more than one statement, which is never planned. */
  static boolean hasSeparator(String sql) {
    boolean quoted = false;
    for (char c : sql.toCharArray()) {
      if (c == '\'') {
        quoted = !quoted;
      } else if (c == ';' && !quoted) {
        return true;
      }
    }
    return false;
  }

  private static double round(double cost) {
    return Math.round(cost * 100) / 100.0;
  }
}
