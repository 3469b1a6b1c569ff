package dev.dbarch.schema;

import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.contracts.schema.SchemaSnapshot.Column;
import dev.dbarch.contracts.schema.SchemaSnapshot.Index;
import dev.dbarch.contracts.schema.SchemaSnapshot.Sequence;
import dev.dbarch.contracts.schema.SchemaSnapshot.Table;

/** Finds things in a snapshot by name, failing the test with what is there instead. */
public final class Lookups {

  private Lookups() {}

  public static Table table(SchemaSnapshot s, String qualifiedName) {
    return s.tables().stream()
        .filter(t -> t.qualifiedName().equals(qualifiedName))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "no table "
                        + qualifiedName
                        + " in "
                        + s.tables().stream().map(Table::qualifiedName).toList()));
  }

  public static Column column(Table t, String name) {
    return t.columns().stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no column " + name + " in " + t.columns()));
  }

  public static Index index(Table t, String name) {
    return t.indexes().stream()
        .filter(i -> i.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no index " + name + " in " + t.indexes()));
  }

  public static Sequence sequence(SchemaSnapshot s, String name) {
    return s.sequences().stream()
        .filter(q -> q.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no sequence " + name + " in " + s.sequences()));
  }
}
