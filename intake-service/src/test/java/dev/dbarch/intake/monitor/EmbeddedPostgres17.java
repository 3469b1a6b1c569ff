package dev.dbarch.intake.monitor;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * A real PostgreSQL 17 server from Maven-resolved binaries, set up for logical decoding. {@code
 * synchronous_commit=on} because zonky turns it off, which delays what logical decoding sees.
 */
final class EmbeddedPostgres17 implements AutoCloseable {

  private final EmbeddedPostgres postgres;

  EmbeddedPostgres17() {
    this(Map.of());
  }

  /** With more server settings (TLS: {@code ssl}, {@code ssl_cert_file}, {@code hba_file}...). */
  EmbeddedPostgres17(Map<String, String> settings) {
    try {
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setServerConfig("wal_level", "logical")
              .setServerConfig("synchronous_commit", "on")
              .setServerConfig("max_replication_slots", "10")
              .setServerConfig("max_wal_senders", "10");
      settings.forEach(builder::setServerConfig);
      postgres = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start embedded PostgreSQL", e);
    }
  }

  int port() {
    return postgres.getPort();
  }

  Connection connect() throws SQLException {
    return postgres.getPostgresDatabase().getConnection();
  }

  void execute(String... statements) {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot run " + String.join("; ", statements), e);
    }
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }
}
