package dev.dbarch.schema.diff;

import dev.dbarch.contracts.schema.SchemaDiff;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.contracts.schema.SchemaSnapshot.Column;
import dev.dbarch.contracts.schema.SchemaSnapshot.ForeignKey;
import dev.dbarch.contracts.schema.SchemaSnapshot.Index;
import dev.dbarch.contracts.schema.SchemaSnapshot.Table;
import dev.dbarch.schema.Snapshots;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What changed between two snapshots of the same database, by qualified name: tables ({@code
 * schema.table}), columns ({@code schema.table.column}), indexes ({@code schema.table.index}) and
 * foreign keys ({@code schema.table.constraint}).
 *
 * <ul>
 *   <li>A table added or dropped is listed once, as a table; its columns, indexes and foreign keys
 *       are not repeated in the other lists.
 *   <li>A column has changed when its type, nullability or default changed (its position does not
 *       count).
 *   <li>An index or foreign key whose name stayed but whose definition changed (columns, {@code
 *       INCLUDE}, uniqueness, method, predicate; referenced table or columns) was rebuilt: it is
 *       listed as both dropped and added. Statistics (scans, sizes) and validity never count.
 * </ul>
 */
public final class SnapshotDiff {

  private SnapshotDiff() {}

  public static SchemaDiff between(SchemaSnapshot before, SchemaSnapshot after) {
    Map<String, Table> old = Snapshots.byQualifiedName(before);
    Map<String, Table> now = Snapshots.byQualifiedName(after);
    List<String> tablesAdded = new ArrayList<>();
    List<String> tablesDropped = new ArrayList<>();
    List<String> columnsAdded = new ArrayList<>();
    List<String> columnsDropped = new ArrayList<>();
    List<String> columnsChanged = new ArrayList<>();
    List<String> indexesAdded = new ArrayList<>();
    List<String> indexesDropped = new ArrayList<>();
    List<String> foreignKeysAdded = new ArrayList<>();
    List<String> foreignKeysDropped = new ArrayList<>();

    for (String name : now.keySet()) {
      if (!old.containsKey(name)) {
        tablesAdded.add(name);
      }
    }
    for (Map.Entry<String, Table> e : old.entrySet()) {
      String table = e.getKey();
      Table was = e.getValue();
      Table is = now.get(table);
      if (is == null) {
        tablesDropped.add(table);
        continue;
      }
      compare(
          table,
          byName(was.columns(), Column::name),
          byName(is.columns(), Column::name),
          SnapshotDiff::sameColumn,
          columnsAdded,
          columnsDropped,
          columnsChanged);
      compare(
          table,
          byName(was.indexes(), Index::name),
          byName(is.indexes(), Index::name),
          SnapshotDiff::sameIndex,
          indexesAdded,
          indexesDropped,
          null);
      compare(
          table,
          byName(was.foreignKeys(), ForeignKey::name),
          byName(is.foreignKeys(), ForeignKey::name),
          ForeignKey::equals,
          foreignKeysAdded,
          foreignKeysDropped,
          null);
    }
    return new SchemaDiff(
        tablesAdded,
        tablesDropped,
        columnsAdded,
        columnsDropped,
        columnsChanged,
        indexesAdded,
        indexesDropped,
        foreignKeysAdded,
        foreignKeysDropped);
  }

  /**
   * Compares two name-keyed maps; an object in both that is not the same goes to {@code changed},
   * or, when there is no such list, to both {@code dropped} and {@code added}.
   */
  private static <T> void compare(
      String table,
      Map<String, T> before,
      Map<String, T> after,
      java.util.function.BiPredicate<T, T> same,
      List<String> added,
      List<String> dropped,
      List<String> changed) {
    for (Map.Entry<String, T> e : after.entrySet()) {
      T was = before.get(e.getKey());
      String qualified = table + "." + e.getKey();
      if (was == null) {
        added.add(qualified);
      } else if (!same.test(was, e.getValue())) {
        if (changed != null) {
          changed.add(qualified);
        } else {
          dropped.add(qualified);
          added.add(qualified);
        }
      }
    }
    for (String name : before.keySet()) {
      if (!after.containsKey(name)) {
        dropped.add(table + "." + name);
      }
    }
  }

  private static boolean sameColumn(Column a, Column b) {
    return Objects.equals(a.type(), b.type())
        && a.nullable() == b.nullable()
        && Objects.equals(a.defaultValue(), b.defaultValue());
  }

  private static boolean sameIndex(Index a, Index b) {
    return a.columns().equals(b.columns())
        && a.include().equals(b.include())
        && a.unique() == b.unique()
        && a.primary() == b.primary()
        && Objects.equals(a.method(), b.method())
        && Objects.equals(a.predicate(), b.predicate());
  }

  private static <T> Map<String, T> byName(List<T> items, Function<T, String> name) {
    Map<String, T> map = new LinkedHashMap<>();
    for (T item : items) {
      map.put(name.apply(item), item);
    }
    return map;
  }
}
