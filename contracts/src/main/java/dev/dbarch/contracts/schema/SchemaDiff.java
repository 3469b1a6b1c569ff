package dev.dbarch.contracts.schema;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Objects;

/**
 * What differs between two snapshots, as qualified names ({@code schema.table}, {@code
 * schema.table.column}, {@code schema.table.index}). Each list is sorted.
 */
public record SchemaDiff(
    List<String> tablesAdded,
    List<String> tablesDropped,
    List<String> columnsAdded,
    List<String> columnsDropped,
    List<String> columnsChanged,
    List<String> indexesAdded,
    List<String> indexesDropped,
    List<String> foreignKeysAdded,
    List<String> foreignKeysDropped) {

  public SchemaDiff {
    tablesAdded = sorted(tablesAdded);
    tablesDropped = sorted(tablesDropped);
    columnsAdded = sorted(columnsAdded);
    columnsDropped = sorted(columnsDropped);
    columnsChanged = sorted(columnsChanged);
    indexesAdded = sorted(indexesAdded);
    indexesDropped = sorted(indexesDropped);
    foreignKeysAdded = sorted(foreignKeysAdded);
    foreignKeysDropped = sorted(foreignKeysDropped);
  }

  /** Whether nothing differs. Not a field of the event. */
  @JsonIgnore
  public boolean isEmpty() {
    return tablesAdded.isEmpty()
        && tablesDropped.isEmpty()
        && columnsAdded.isEmpty()
        && columnsDropped.isEmpty()
        && columnsChanged.isEmpty()
        && indexesAdded.isEmpty()
        && indexesDropped.isEmpty()
        && foreignKeysAdded.isEmpty()
        && foreignKeysDropped.isEmpty();
  }

  private static List<String> sorted(List<String> names) {
    return Objects.requireNonNullElse(names, List.<String>of()).stream().sorted().toList();
  }
}
