package dev.dbarch.schema.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.contracts.schema.SchemaSnapshot.Table;
import dev.dbarch.schema.EmbeddedPg;
import java.sql.Connection;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Proves the reader works at scale: 2,000 tables in four schemas, each with an identity primary
 * key, a unique constraint, a foreign key to the previous table and (every other table) an index on
 * it ({@code -Ddbarch.scale.tables=10000} for a larger run). The time is printed, not asserted:
 * machines differ; the point is a constant number of queries.
 */
class PostgresCatalogReaderScaleTest {

  /** 2,000 by default; {@code -Ddbarch.scale.tables=10000} for the full-size run. */
  private static final int TABLES = Integer.getInteger("dbarch.scale.tables", 2_000);

  @Test
  void snapshotsThousandsOfTables() throws Exception {
    DataSource db = EmbeddedPg.freshDatabase("catalog_scale");
    long created = System.nanoTime();
    EmbeddedPg.execute(
        db, "CREATE SCHEMA s0", "CREATE SCHEMA s1", "CREATE SCHEMA s2", "CREATE SCHEMA s3");
    // In chunks of 1,000 tables: one transaction per chunk keeps the lock table small.
    for (int from = 1; from <= TABLES; from += 1_000) {
      EmbeddedPg.execute(
          db,
          """
          DO $$
          BEGIN
            FOR i IN %d..%d LOOP
              EXECUTE format(
                'CREATE TABLE s%%s.t%%s (
                   id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                   parent_id bigint %%s,
                   code text NOT NULL UNIQUE,
                   amount numeric(12, 2),
                   created_at timestamptz NOT NULL DEFAULT now())',
                i %% 4, i,
                CASE WHEN i > 1 THEN format('REFERENCES s%%s.t%%s (id)', (i - 1) %% 4, i - 1) ELSE '' END);
              IF i %% 2 = 0 THEN
                EXECUTE format('CREATE INDEX t%%s_parent_idx ON s%%s.t%%s (parent_id)', i, i %% 4, i);
              END IF;
            END LOOP;
          END $$
          """
              .formatted(from, Math.min(TABLES, from + 999)));
    }
    long createMs = (System.nanoTime() - created) / 1_000_000;

    PostgresCatalogReader reader = new PostgresCatalogReader();
    SchemaSnapshot snapshot;
    long readMs;
    try (Connection c = db.getConnection()) {
      reader.read(c); // warm the catalog caches once, as a long-running monitor would be
      long started = System.nanoTime();
      snapshot = reader.read(c);
      readMs = (System.nanoTime() - started) / 1_000_000;
    }
    System.out.printf(
        "PostgresCatalogReader: %d tables, %d columns, %d indexes, %d foreign keys snapshotted in %d ms"
            + " (created in %d ms)%n",
        snapshot.tables().size(),
        snapshot.tables().stream().mapToInt(t -> t.columns().size()).sum(),
        snapshot.tables().stream().mapToInt(t -> t.indexes().size()).sum(),
        snapshot.tables().stream().mapToInt(t -> t.foreignKeys().size()).sum(),
        readMs,
        createMs);

    assertThat(snapshot.tables()).hasSize(TABLES);
    assertThat(snapshot.tables().stream().mapToInt(t -> t.foreignKeys().size()).sum())
        .isEqualTo(TABLES - 1);
    assertThat(snapshot.tables().stream().mapToInt(t -> t.indexes().size()).sum())
        .isEqualTo(TABLES * 2 + TABLES / 2);
    assertThat(snapshot.sequences()).hasSize(TABLES);
    Table t2 =
        snapshot.tables().stream().filter(t -> t.name().equals("t2")).findFirst().orElseThrow();
    assertThat(t2.schema()).isEqualTo("s2");
    assertThat(t2.foreignKeys().get(0).referencedTable()).isEqualTo("s1.t1");
  }
}
