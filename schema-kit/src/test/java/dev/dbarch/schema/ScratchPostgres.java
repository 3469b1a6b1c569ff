package dev.dbarch.schema;

import dev.dbarch.contracts.requirements.SchemaSource;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.schema.catalog.PostgresCatalogReader;
import dev.dbarch.schema.ddl.SqlScript;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The other way to read a script (ADR 0004): load it into a scratch database of a PostgreSQL
 * server, as a role without privileges, under statement and lock timeouts, refusing what could
 * reach outside the database ({@code COPY}, {@code DO}, function bodies in any language, {@code
 * PROGRAM}), then read the catalog and drop the database. The tests use it as the oracle the parser
 * is held against, and to measure what it would cost at run time.
 */
public final class ScratchPostgres {

  /** Statements a sandboxed load refuses outright. */
  private static final Pattern REFUSED =
      Pattern.compile(
          "(?is)^(COPY|DO|LOAD|CREATE\\s+(OR\\s+REPLACE\\s+)?(FUNCTION|PROCEDURE|LANGUAGE|EXTENSION"
              + "|EVENT\\s+TRIGGER|SERVER|SUBSCRIPTION)|ALTER\\s+SYSTEM|SET\\s+ROLE|SET\\s+SESSION"
              + "\\s+AUTHORIZATION|RESET\\s+ROLE)\\b.*");

  private static final Pattern PROGRAM = Pattern.compile("(?i)\\bPROGRAM\\b");

  private ScratchPostgres() {}

  /** What a load gave, and how long each step took. */
  public record Result(
      SchemaSnapshot snapshot, int refused, long createMs, long loadMs, long readMs, long dropMs) {}

  /**
   * Loads the script into a fresh database of the server behind {@code adminUrl} (a superuser
   * connection, used only to create and drop the role and database) and reads it back.
   */
  public static Result load(String adminUrl, String user, String script) throws SQLException {
    String id = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String role = "scratch_" + id;
    String database = "scratch_" + id;
    long t0 = System.nanoTime();
    try (Connection admin = DriverManager.getConnection(adminUrl + "postgres", user, "");
        Statement st = admin.createStatement()) {
      st.execute(
          "CREATE ROLE "
              + role
              + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '"
              + id
              + "'");
      st.execute("CREATE DATABASE " + database + " OWNER " + role);
    }
    long t1 = System.nanoTime();
    int refused = 0;
    SchemaSnapshot snapshot;
    long t2;
    try (Connection c = DriverManager.getConnection(adminUrl + database, role, id)) {
      try (Statement st = c.createStatement()) {
        st.execute("SET statement_timeout = '30s'");
        st.execute("SET lock_timeout = '5s'");
        st.execute("REVOKE ALL ON SCHEMA public FROM PUBLIC");
      }
      for (SqlScript.Statement s : SqlScript.split(script, SchemaSource.Dialect.POSTGRESQL)) {
        String sql = s.sql();
        if (s.isMetaCommand()
            || REFUSED.matcher(sql).matches()
            || PROGRAM.matcher(sql).find() && sql.toUpperCase(Locale.ROOT).startsWith("COPY")
            || s.copyData() != null) {
          refused++;
          continue;
        }
        try (Statement st = c.createStatement()) {
          st.execute(sql);
        } catch (SQLException e) {
          // As psql without ON_ERROR_STOP: the statement is lost, the load goes on.
          refused++;
        }
      }
      t2 = System.nanoTime();
      snapshot = new PostgresCatalogReader().read(c);
    }
    long t3 = System.nanoTime();
    try (Connection admin = DriverManager.getConnection(adminUrl + "postgres", user, "");
        Statement st = admin.createStatement()) {
      st.execute("DROP DATABASE " + database + " WITH (FORCE)");
      st.execute("DROP ROLE " + role);
    }
    long t4 = System.nanoTime();
    return new Result(snapshot, refused, ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), ms(t4 - t3));
  }

  private static long ms(long nanos) {
    return nanos / 1_000_000;
  }
}
