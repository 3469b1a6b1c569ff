package dev.dbarch.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.requirements.SchemaSource.Dialect;
import dev.dbarch.contracts.schema.SchemaDiff;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.contracts.schema.SchemaSnapshot.Table;
import dev.dbarch.schema.catalog.PostgresCatalogReader;
import dev.dbarch.schema.ddl.DdlParser;
import dev.dbarch.schema.ddl.ParsedSchema;
import dev.dbarch.schema.diff.SnapshotDiff;
import java.sql.Connection;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The same schema two ways: parsed from its script, and read from the catalog after the script ran
 * in PostgreSQL. The snapshots must describe the same tables, columns (types, nullability,
 * defaults), keys, indexes and foreign keys. Skipped without the public schemas.
 */
class DdlMatchesCatalogTest {

  @Test
  void chinook() throws Exception {
    assertSame(PublicSchemas::chinook, LoadedSchemas::chinook);
  }

  @Test
  void northwind() throws Exception {
    assertSame(PublicSchemas::northwind, LoadedSchemas::northwind);
  }

  @Test
  void pagila() throws Exception {
    assertSame(
        () -> PublicSchemas.pagilaSchema() + "\n" + PublicSchemas.pagilaData(),
        LoadedSchemas::pagila);
  }

  private static void assertSame(Supplier<String> script, Supplier<DataSource> database)
      throws Exception {
    PublicSchemas.assumePresent();
    ParsedSchema parsed = new DdlParser().parse(script.get(), Dialect.POSTGRESQL);
    SchemaSnapshot catalog;
    try (Connection c = database.get().getConnection()) {
      catalog = new PostgresCatalogReader().read(c);
    }
    SchemaDiff diff = SnapshotDiff.between(parsed.snapshot(), catalog);
    assertThat(diff)
        .isEqualTo(new SchemaDiff(null, null, null, null, null, null, null, null, null));
    Map<String, Table> fromCatalog = Snapshots.byQualifiedName(catalog);
    for (Table t : parsed.snapshot().tables()) {
      Table c = fromCatalog.get(t.qualifiedName());
      assertThat(t.primaryKey()).as(t.qualifiedName()).isEqualTo(c.primaryKey());
      assertThat(t.uniqueConstraints()).as(t.qualifiedName()).isEqualTo(c.uniqueConstraints());
      assertThat(t.partitionOf()).as(t.qualifiedName()).isEqualTo(c.partitionOf());
      assertThat(t.partitionKey()).as(t.qualifiedName()).isEqualTo(c.partitionKey());
    }
    assertThat(parsed.snapshot().sequences())
        .extracting(s -> s.schema() + "." + s.name() + " " + s.dataType() + " " + s.lastValue())
        .isEqualTo(
            catalog.sequences().stream()
                .map(s -> s.schema() + "." + s.name() + " " + s.dataType() + " " + s.lastValue())
                .toList());
  }
}
