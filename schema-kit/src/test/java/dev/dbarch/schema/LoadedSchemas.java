package dev.dbarch.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The public sample schemas loaded into the embedded server, once per test JVM: a database per
 * schema, data included (pagila's COPY blocks through the COPY protocol), then ANALYZE.
 */
public final class LoadedSchemas {

  private static final Map<String, DataSource> LOADED = new HashMap<>();

  private LoadedSchemas() {}

  public static synchronized DataSource chinook() {
    return load("chinook", PublicSchemas.chinook());
  }

  public static synchronized DataSource northwind() {
    return load("northwind", PublicSchemas.northwind());
  }

  public static synchronized DataSource pagila() {
    return load("pagila", PublicSchemas.pagilaSchema() + "\n" + PublicSchemas.pagilaData());
  }

  private static DataSource load(String name, String script) {
    return LOADED.computeIfAbsent(
        name,
        n -> {
          DataSource ds = EmbeddedPg.freshDatabase(n);
          try (Connection c = ds.getConnection()) {
            EmbeddedPg.load(c, script);
          } catch (SQLException e) {
            throw new IllegalStateException("Cannot load " + n, e);
          }
          EmbeddedPg.execute(ds, "ANALYZE");
          return ds;
        });
  }
}
