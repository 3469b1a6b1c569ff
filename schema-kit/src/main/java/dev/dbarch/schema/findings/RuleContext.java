package dev.dbarch.schema.findings;

import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.contracts.schema.SchemaSnapshot.Column;
import dev.dbarch.contracts.schema.SchemaSnapshot.ForeignKey;
import dev.dbarch.contracts.schema.SchemaSnapshot.Index;
import dev.dbarch.contracts.schema.SchemaSnapshot.Sequence;
import dev.dbarch.contracts.schema.SchemaSnapshot.Table;
import dev.dbarch.schema.Snapshots;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the rules share about one snapshot: the settings, lookups built once (so a 5,000-table
 * snapshot is analysed in linear time), the families of partitions and inheritance children, and
 * the dialect's fix text ({@link Fixes}).
 *
 * <p>Families: a partition and an old-style inheritance child repeat what their parent declares.
 * Rules report such repeated things once, on the parent: {@link #isChild} and {@link
 * #inheritedColumn} tell them what is repeated.
 */
public final class RuleContext {

  private static final Pattern NEXTVAL = Pattern.compile("nextval\\('([^']+)'");

  private final SchemaSnapshot snapshot;
  private final RuleSettings settings;
  private final Fixes fixes;
  private final Map<String, Table> tables;
  private final Map<String, Table> tablesIgnoringCase = new HashMap<>();
  private final Map<String, List<Table>> children = new HashMap<>();
  private final Map<String, Fed> fedByNextval = new HashMap<>();

  private RuleContext(SchemaSnapshot snapshot, RuleSettings settings) {
    this.snapshot = snapshot;
    this.settings = settings;
    this.tables = Snapshots.byQualifiedName(snapshot);
    this.fixes = new Fixes(snapshot.engine() == SchemaSnapshot.Engine.POSTGRESQL, this);
    for (Table t : snapshot.tables()) {
      tablesIgnoringCase.putIfAbsent((t.schema() + "." + t.name()).toLowerCase(Locale.ROOT), t);
      for (String parent : parents(t)) {
        children.computeIfAbsent(parent, k -> new ArrayList<>()).add(t);
      }
      if (t.partitionOf() != null) {
        continue;
      }
      for (Column c : t.columns()) {
        if (c.defaultValue() != null) {
          Matcher m = NEXTVAL.matcher(c.defaultValue());
          if (m.find()) {
            fedByNextval.putIfAbsent(m.group(1).replace("\"", ""), new Fed(t, c));
          }
        }
      }
    }
  }

  public static RuleContext of(SchemaSnapshot snapshot, RuleSettings settings) {
    return new RuleContext(snapshot, settings);
  }

  public RuleSettings settings() {
    return settings;
  }

  public Fixes fixes() {
    return fixes;
  }

  public boolean postgres() {
    return snapshot.engine() == SchemaSnapshot.Engine.POSTGRESQL;
  }

  public SchemaSnapshot.Engine engine() {
    return snapshot.engine();
  }

  public Optional<Table> table(String qualifiedName) {
    return Optional.ofNullable(tables.get(qualifiedName));
  }

  // ------------------------------------------------------------------------ families

  /** The partitioned parent and the inheritance parents of a table, as named in the snapshot. */
  private static List<String> parents(Table t) {
    List<String> out = new ArrayList<>();
    if (t.partitionOf() != null) {
      out.add(t.partitionOf());
    }
    out.addAll(t.inherits());
    return out;
  }

  /** Whether the table is a partition or an inheritance child of a table in the snapshot. */
  public boolean isChild(Table t) {
    return parents(t).stream().anyMatch(tables::containsKey);
  }

  /** The partitions and inheritance children of a table, and theirs, nearest first. */
  public List<Table> descendants(Table t) {
    List<Table> out = new ArrayList<>();
    Set<String> seen = new HashSet<>(Set.of(t.qualifiedName()));
    List<Table> frontier = List.of(t);
    while (!frontier.isEmpty()) {
      List<Table> next = new ArrayList<>();
      for (Table x : frontier) {
        for (Table c : children.getOrDefault(x.qualifiedName(), List.of())) {
          if (seen.add(c.qualifiedName())) {
            out.add(c);
            next.add(c);
          }
        }
      }
      frontier = next;
    }
    out.sort(Snapshots.TABLE_ORDER);
    return out;
  }

  /** The table and the partitioned tables above it, nearest first. */
  public List<Table> lineage(Table t) {
    List<Table> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Table current = t;
    while (current != null && seen.add(current.qualifiedName())) {
      out.add(current);
      current = current.partitionOf() == null ? null : tables.get(current.partitionOf());
    }
    return out;
  }

  /** The parents of a table that are in the snapshot (partitioned parent, inheritance parents). */
  public List<Table> parentTables(Table t) {
    return parents(t).stream().map(tables::get).filter(Objects::nonNull).toList();
  }

  /**
   * Whether the column comes from a parent: every column of a partition does, and a column of an
   * inheritance child does when a parent (or its parents) has a column of that name.
   */
  public boolean inheritedColumn(Table t, String column) {
    Set<String> seen = new HashSet<>();
    List<Table> frontier = parentTables(t);
    while (!frontier.isEmpty()) {
      List<Table> next = new ArrayList<>();
      for (Table p : frontier) {
        if (!seen.add(p.qualifiedName())) {
          continue;
        }
        if (Snapshots.column(p, column).isPresent()) {
          return true;
        }
        next.addAll(parentTables(p));
      }
      frontier = next;
    }
    return false;
  }

  /** The columns a table declares itself (not those it repeats from a parent). */
  public List<Column> ownColumns(Table t) {
    if (!isChild(t)) {
      return t.columns();
    }
    return t.columns().stream().filter(c -> !inheritedColumn(t, c.name())).toList();
  }

  /** A partition has its own indexes and every index of the partitioned tables above it. */
  public List<Index> effectiveIndexes(Table t) {
    List<Index> out = new ArrayList<>();
    for (Table x : lineage(t)) {
      out.addAll(x.indexes());
    }
    return out;
  }

  /** A partition has its own foreign keys and those of the partitioned tables above it. */
  public List<ForeignKey> effectiveForeignKeys(Table t) {
    List<ForeignKey> out = new ArrayList<>();
    for (Table x : lineage(t)) {
      out.addAll(x.foreignKeys());
    }
    return out;
  }

  public boolean isConstraint(Table t, Index i) {
    return t.uniqueConstraints().stream().anyMatch(u -> u.name().equals(i.name()));
  }

  // ------------------------------------------------------------------------ references

  /**
   * The table a {@code <stem>_id} column probably refers to: {@code stem}, {@code stems}, {@code
   * stemes}, {@code stemies} in the same schema, or the same for the stem's last word ({@code
   * manager_staff} → {@code staff}); only a table with a one-column primary key.
   */
  public Optional<Table> guessReferencedTable(Table t, String stem) {
    List<String> stems = new ArrayList<>();
    stems.add(stem);
    int underscore = stem.lastIndexOf('_');
    if (underscore > 0) {
      stems.add(stem.substring(underscore + 1));
    }
    for (String s : stems) {
      List<String> candidates = new ArrayList<>(List.of(s, s + "s", s + "es"));
      if (s.endsWith("y")) {
        candidates.add(s.substring(0, s.length() - 1) + "ies");
      }
      for (String name : candidates) {
        String qualified = t.schema() == null ? name : t.schema() + "." + name;
        Table target = tables.get(qualified);
        if (target == null) {
          target = tablesIgnoringCase.get((t.schema() + "." + name).toLowerCase(Locale.ROOT));
        }
        if (target != null && target.primaryKey().size() == 1) {
          return Optional.of(target);
        }
      }
    }
    return Optional.empty();
  }

  /** A column and its table, fed by a sequence. */
  public record Fed(Table table, Column column) {}

  /** The column a sequence feeds: its owner, else a column whose default calls nextval on it. */
  public Optional<Fed> fedColumn(Sequence s) {
    if (s.ownedBy() != null) {
      int dot = s.ownedBy().lastIndexOf('.');
      if (dot > 0) {
        Table t = tables.get(s.ownedBy().substring(0, dot));
        if (t != null) {
          Optional<Column> c = Snapshots.column(t, s.ownedBy().substring(dot + 1));
          if (c.isPresent()) {
            return Optional.of(new Fed(t, c.get()));
          }
        }
      }
    }
    Fed byName = fedByNextval.get(Snapshots.qualifiedName(s));
    if (byName == null && "public".equals(s.schema())) {
      byName = fedByNextval.get(s.name());
    }
    return Optional.ofNullable(byName);
  }

  /** Whether a column takes its values from a sequence (serial, identity, a nextval default). */
  public static boolean sequenceFed(Column c) {
    String d = c.defaultValue();
    return d != null && (d.contains("nextval(") || d.contains("as identity"));
  }
}
