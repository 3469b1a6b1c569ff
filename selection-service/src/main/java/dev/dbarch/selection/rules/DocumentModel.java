package dev.dbarch.selection.rules;

import dev.dbarch.contracts.events.Assumption;
import dev.dbarch.contracts.events.Heading;
import dev.dbarch.contracts.events.IndexSuggestion;
import dev.dbarch.contracts.events.Risk;
import dev.dbarch.selection.rules.IndexingStrategy.Cardinality;
import dev.dbarch.selection.rules.IndexingStrategy.Filter;
import dev.dbarch.specialist.rules.Facts;
import dev.dbarch.specialist.rules.VerdictBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The seed's document model design for MongoDB and DynamoDB: embed related data that is few per
 * parent and read with it, reference the rest, never grow an array without bound
 * (SEL-DOCM-001..003); and for DynamoDB a single-table design whose keys and global secondary
 * indexes come from the declared access patterns (SEL-DDB-001..002).
 */
final class DocumentModel {

  /** Ours: at most this many children per parent on average still counts as "one-to-few". */
  static final double EMBED_MAX_PER_PARENT = 10;

  /** MongoDB's document size limit. */
  static final String MONGODB_LIMIT = "16 MB per document";

  /** DynamoDB's item size limit. */
  static final String DYNAMODB_LIMIT = "400 KB per item";

  private DocumentModel() {}

  /** A parent and the child rows that point at it. */
  record Relationship(String child, String column, String parent) {}

  static void design(VerdictBuilder verdict, Profile p, Technology primary) {
    if (primary.family() != Technology.Family.DOCUMENT) {
      return;
    }
    embedOrReference(verdict, p, primary);
    if (primary == Technology.DYNAMODB) {
      singleTable(verdict, p);
    }
  }

  /** The relationships the access patterns' joins reveal, each once. */
  static List<Relationship> relationships(Profile p) {
    Set<String> known = new LinkedHashSet<>(p.tableRows().keySet());
    p.queries().stream().map(Query::table).filter(t -> t != null).forEach(known::add);
    Map<String, Relationship> found = new LinkedHashMap<>();
    for (Query query : p.queries()) {
      for (Query.Join join : query.joins()) {
        String parent = join.parent() != null ? join.parent() : guessParent(join.column(), known);
        if (parent == null || parent.equals(join.table())) {
          continue;
        }
        found.putIfAbsent(
            join.table() + ">" + parent, new Relationship(join.table(), join.column(), parent));
      }
    }
    return List.copyOf(found.values());
  }

  static String guessParent(String column, Set<String> known) {
    if (column == null || !column.endsWith("_id") || column.length() <= 3) {
      return null;
    }
    String stem = column.substring(0, column.length() - 3);
    List<String> names = new ArrayList<>(List.of(stem + "s", stem + "es", stem));
    if (stem.endsWith("y")) {
      names.add(0, stem.substring(0, stem.length() - 1) + "ies");
    }
    for (String name : names) {
      if (known.stream().anyMatch(k -> k.equalsIgnoreCase(name))) {
        return name;
      }
    }
    return stem + "s";
  }

  /** SEL-DOCM-001..003: embed one-to-few data read together, reference the rest. */
  static void embedOrReference(VerdictBuilder verdict, Profile p, Technology primary) {
    boolean dynamo = primary == Technology.DYNAMODB;
    List<Relationship> relationships = relationships(p);
    if (relationships.isEmpty()) {
      verdict.assume(
          "SEL-DOCM-002",
          Assumption.About.RELATIONSHIPS,
          "relationships between " + (dynamo ? "item types" : "collections"),
          "none beyond the access patterns: each entity is its own "
              + (dynamo ? "item type" : "collection"),
          "Which related records are always read together with their parent, and how many can"
              + " one parent hold at most?");
      return;
    }
    List<String> embedded = new ArrayList<>();
    List<String> referenced = new ArrayList<>();
    for (Relationship r : relationships) {
      Long childRows = p.rows(r.child());
      Long parentRows = p.rows(r.parent());
      Double perParent =
          childRows == null || parentRows == null || parentRows == 0
              ? null
              : (double) childRows / parentRows;
      String readAlone = readAlone(p, r);
      if (perParent == null) {
        verdict.assume(
            "SEL-DOCM-002",
            Assumption.About.RELATIONSHIPS,
            r.child() + " per " + singular(r.parent()),
            "more than a few, or unknown: referenced",
            "How many "
                + r.child()
                + " can one "
                + singular(r.parent())
                + " have at most, and are they always read with it?");
      }
      String count =
          perParent == null
              ? "count per " + singular(r.parent()) + " not given"
              : "about " + Facts.format(round(perParent)) + " per " + singular(r.parent());
      if (perParent != null && perParent <= EMBED_MAX_PER_PARENT && readAlone == null) {
        embedded.add(
            (dynamo
                    ? r.child() + " as a list attribute of the " + singular(r.parent()) + " item"
                    : r.child() + " inside " + r.parent())
                + " ("
                + count
                + ", read together)");
        continue;
      }
      referenced.add(
          (dynamo
                  ? r.child()
                      + " as separate items in the "
                      + singular(r.parent())
                      + "'s item collection (PK "
                      + entity(r.parent())
                      + "#<id>, SK "
                      + entity(r.child())
                      + "#<id>)"
                  : r.child()
                      + " in its own collection, pointing at "
                      + r.parent()
                      + " by "
                      + r.column())
              + " ("
              + count
              + (readAlone == null ? "" : "; read on its own by '" + readAlone + "'")
              + ")");
      if (perParent != null && perParent > EMBED_MAX_PER_PARENT) {
        verdict.risk(
            "SEL-DOCM-003",
            "Embedding "
                + r.child()
                + " in "
                + r.parent()
                + " would be an unbounded array (about "
                + Facts.format(round(perParent))
                + " per "
                + singular(r.parent())
                + " and growing): "
                + (dynamo ? "items" : "documents")
                + " grow toward the "
                + (dynamo ? DYNAMODB_LIMIT : MONGODB_LIMIT)
                + " limit and every append rewrites the whole "
                + (dynamo ? "item" : "document"),
            Risk.Level.MEDIUM,
            Risk.Level.HIGH,
            "Keep "
                + r.child()
                + " referenced"
                + (dynamo ? " as separate items" : " with an index on " + r.column())
                + "; if the "
                + singular(r.parent())
                + " view needs a few, embed only a capped subset (the latest 10, "
                + (dynamo ? "trimmed on write" : "$push with $slice")
                + ").");
      }
    }
    Facts facts =
        Facts.of()
            .put("primary", primary.label())
            .put("relationships", relationships.size())
            .put("embedMaxPerParent", EMBED_MAX_PER_PARENT);
    if (!embedded.isEmpty()) {
      verdict.decide(
          "SEL-DOCM-001",
          Heading.SCHEMA_DESIGN,
          "Embedded data",
          "Embed " + String.join("; ", embedded),
          facts.map(),
          "One-to-few data that is always read with its parent comes back in the same read, with"
              + " no second query or application-side join.",
          "The embedded copy is updated through its parent; if it is ever needed on its own it"
              + " must be pulled out.");
    }
    if (!referenced.isEmpty()) {
      verdict.decide(
          "SEL-DOCM-002",
          Heading.SCHEMA_DESIGN,
          "Referenced data",
          "Reference " + String.join("; ", referenced),
          facts.map(),
          "One-to-many and many-to-many data, data that grows, or data read on its own stays"
              + " separate so the parent stays small and each side is read and indexed as needed.",
          "Reading a parent with its children takes a second query (or $lookup); keep references"
              + " to what the access patterns need, not a relational design in disguise.");
    }
  }

  /** The name of a pattern that reads the child without its parent, or null. */
  static String readAlone(Profile p, Relationship r) {
    for (Query query : p.queries()) {
      if (!r.child().equals(query.table())) {
        continue;
      }
      boolean withParent =
          query.joins().stream()
              .anyMatch(j -> j.table().equals(r.child()) && j.column().equals(r.column()));
      if (!withParent) {
        return query.name();
      }
    }
    return null;
  }

  /** A DynamoDB key shape: a partition key column and the sort-key columns after it. */
  static final class Key {
    final String table;
    final String partition;
    List<String> sort;
    final List<String> purposes = new ArrayList<>();

    Key(String table, String partition, List<String> sort, String purpose) {
      this.table = table;
      this.partition = partition;
      this.sort = sort;
      purposes.add(purpose);
    }
  }

  /** SEL-DDB-001 and -002: base key and GSIs from the access patterns; scans are risks. */
  static void singleTable(VerdictBuilder verdict, Profile p) {
    List<Key> keys = new ArrayList<>();
    for (Query query : p.queries()) {
      if (query.table() == null) {
        continue;
      }
      List<String> equality = new ArrayList<>();
      List<String> low = new ArrayList<>();
      String sortColumn = query.orderBy().isEmpty() ? null : query.orderBy().get(0);
      for (Filter f : query.filters()) {
        switch (f.kind()) {
          case EQUALITY, FIXED_VALUE -> {
            if (IndexingStrategy.cardinality(f.column()) == Cardinality.LOW) {
              low.add(f.column());
            } else {
              equality.add(f.column());
            }
          }
          case RANGE -> sortColumn = sortColumn == null ? f.column() : sortColumn;
          default -> {}
        }
      }
      equality.addAll(low);
      if (equality.isEmpty()) {
        verdict.risk(
            "SEL-DDB-002",
            "'"
                + query.name()
                + "' names no key value to look up: in DynamoDB it becomes a Scan that reads (and"
                + " bills) the whole table",
            Risk.Level.HIGH,
            Risk.Level.MEDIUM,
            "Give it a key the query can name (for example a GSI on an attribute it knows, or a"
                + " partition per day for time-ordered lists), or serve it from an export to an"
                + " analytics store.");
        continue;
      }
      List<String> sort = new ArrayList<>(equality.subList(1, equality.size()));
      if (sortColumn != null && !sort.contains(sortColumn) && !sortColumn.equals(equality.get(0))) {
        sort.add(sortColumn);
      }
      mergeKey(keys, new Key(query.table(), equality.get(0), sort, query.label()));
    }
    if (keys.isEmpty()) {
      return;
    }
    // The pattern that reads an entity by its own key is the natural base key; the rest are GSIs.
    for (int i = 0; i < keys.size(); i++) {
      if (ownKey(keys.get(i))) {
        keys.add(0, keys.remove(i));
        break;
      }
    }
    for (int i = 0; i < keys.size(); i++) {
      Key key = keys.get(i);
      String pk = i == 0 ? "PK" : "GSI" + i + "PK";
      String sk = i == 0 ? "SK" : "GSI" + i + "SK";
      String sortValue =
          key.sort.isEmpty()
              ? (ownKey(key)
                  ? entity(key.table) + " (the item itself; related items add their own SK)"
                  : entity(key.table) + "#<id>")
              : entity(key.table)
                  + "#"
                  + String.join("#", key.sort.stream().map(c -> "<" + c + ">").toList());
      Cardinality cardinality = IndexingStrategy.cardinality(key.partition);
      verdict.index(
          new IndexSuggestion(
              "SEL-DDB-001",
              key.table,
              i == 0 ? "base table (PK, SK)" : "GSI" + i,
              pk
                  + " = "
                  + (ownKey(key) ? entity(key.table) : attribute(key.partition))
                  + "#<"
                  + key.partition
                  + ">, "
                  + sk
                  + " = "
                  + sortValue,
              String.join("; ", key.purposes),
              switch (cardinality) {
                case HIGH -> "High: one partition per " + stem(key.partition);
                case LOW -> "Low: few partitions, so hot partitions";
                default -> "Unknown: needs many distinct " + key.partition + " values";
              }));
      if (cardinality == Cardinality.LOW) {
        verdict.risk(
            "SEL-IDX-010",
            (i == 0 ? "The base table" : "GSI" + i)
                + " is partitioned by "
                + key.partition
                + ", a low-cardinality attribute: traffic concentrates on a few hot partitions",
            Risk.Level.HIGH,
            Risk.Level.MEDIUM,
            "Add a high-cardinality attribute to the partition key, or spread writes with a"
                + " suffix (write sharding) and read the shards in parallel.");
      }
    }
    verdict.decide(
        "SEL-DDB-001",
        Heading.SCHEMA_DESIGN,
        "Single-table design",
        "One table for all item types: base key PK/SK serves '"
            + String.join("; ", keys.get(0).purposes)
            + "'"
            + (keys.size() > 1
                ? ", and " + (keys.size() - 1) + " global secondary index(es) serve the others"
                : "")
            + "; keys carry the entity type as a prefix (for example "
            + (ownKey(keys.get(0)) ? entity(keys.get(0).table) : attribute(keys.get(0).partition))
            + "#<"
            + keys.get(0).partition
            + ">) so related items share a partition and one Query returns them",
        Facts.of()
            .put("accessPatterns", p.accessPatterns().size())
            .put("globalSecondaryIndexes", keys.size() - 1)
            .map(),
        "DynamoDB answers only what its keys and indexes name; deriving them from the declared"
            + " queries makes each one a single Query call instead of a Scan.",
        "A new access pattern needs a new GSI (at most 20 per table) and a backfill; overloaded"
            + " key names make the table unreadable without this access-pattern map.");
  }

  static void mergeKey(List<Key> keys, Key next) {
    for (Key existing : keys) {
      if (!existing.partition.equals(next.partition) || !existing.table.equals(next.table)) {
        continue;
      }
      if (IndexingStrategy.startsWith(existing.sort, next.sort)) {
        existing.purposes.addAll(next.purposes);
        return;
      }
      if (IndexingStrategy.startsWith(next.sort, existing.sort)) {
        existing.sort = next.sort;
        existing.purposes.addAll(next.purposes);
        return;
      }
    }
    keys.add(next);
  }

  /** Whether the key reads an entity by its own identifier (orders by order_id or id). */
  static boolean ownKey(Key key) {
    return key.sort.isEmpty()
        && (key.partition.equals("id") || key.partition.equals(singular(key.table) + "_id"));
  }

  /** The key prefix of an entity: ORDER for orders, ORDER_LINE for order_lines. */
  static String entity(String table) {
    return singular(table).toUpperCase(Locale.ROOT);
  }

  /** The key prefix of an attribute: CUSTOMER for customer_id, STATUS for status. */
  static String attribute(String column) {
    return stem(column).toUpperCase(Locale.ROOT);
  }

  static String stem(String column) {
    return column.endsWith("_id") && column.length() > 3
        ? column.substring(0, column.length() - 3)
        : column;
  }

  static String singular(String table) {
    if (table.endsWith("ies") && table.length() > 3) {
      return table.substring(0, table.length() - 3) + "y";
    }
    if (table.endsWith("sses") || table.endsWith("xes")) {
      return table.substring(0, table.length() - 2);
    }
    if (table.endsWith("s")
        && !table.endsWith("ss")
        && !table.endsWith("us")
        && !table.endsWith("is")
        && table.length() > 1) {
      return table.substring(0, table.length() - 1);
    }
    return table;
  }

  private static double round(double value) {
    return value >= 10 ? Math.round(value) : Math.round(value * 10) / 10.0;
  }
}
