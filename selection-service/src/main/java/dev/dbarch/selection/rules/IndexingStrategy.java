package dev.dbarch.selection.rules;

import static dev.dbarch.selection.rules.Profile.yes;

import dev.dbarch.contracts.events.Heading;
import dev.dbarch.contracts.events.IndexSuggestion;
import dev.dbarch.contracts.events.Risk;
import dev.dbarch.contracts.requirements.AccessPattern;
import dev.dbarch.specialist.rules.Facts;
import dev.dbarch.specialist.rules.VerdictBuilder;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Indexing Strategy: index rows derived from the structured access patterns (equality columns,
 * then sort, then range, one index serving every query on its leftmost prefix), partial indexes,
 * foreign keys, GIN and HNSW indexes, and the filters that defeat any index.
 */
final class IndexingStrategy {

  /** Fewer reads than writes: every index is paid on each write and rarely used. */
  static final double WRITE_HEAVY_READ_WRITE_RATIO = 1.0;

  /** PostgreSQL truncates identifiers longer than this. */
  static final int MAX_IDENTIFIER = 63;

  private static final Pattern IDENTIFIER =
      Pattern.compile("\\s*([A-Za-z_][\\w.]*)\\s*(.*)", Pattern.DOTALL);
  private static final Pattern FUNCTION_CALL =
      Pattern.compile("\\s*[A-Za-z_]\\w*\\s*\\(\\s*([A-Za-z_][\\w.]*)?.*", Pattern.DOTALL);
  private static final Pattern QUALIFIED = Pattern.compile("([A-Za-z_]\\w*)\\.([A-Za-z_]\\w*)");
  private static final Set<String> LOW_CARDINALITY =
      Set.of(
          "status",
          "state",
          "type",
          "kind",
          "gender",
          "country",
          "currency",
          "active",
          "enabled",
          "deleted",
          "archived",
          "visible",
          "priority",
          "level",
          "tier",
          "role",
          "language");

  private IndexingStrategy() {}

  static void suggest(VerdictBuilder verdict, Profile p, Technology primary) {
    List<Candidate> candidates = accessPatterns(verdict, p, primary);
    foreignKeys(verdict, p, primary, candidates);
    gin(verdict, p, primary);
    hnsw(verdict, p, primary);
    writeHeavy(verdict, p);
    indexDefeatingFilters(verdict, p);
  }

  /** How a filter can use an index. */
  enum Kind {
    EQUALITY,
    RANGE,
    /** Always the same value of a low-cardinality column, or a NULL test: a partial index. */
    FIXED_VALUE,
    /** The column is wrapped in a function: a plain index on it is not used. */
    FUNCTION,
    /** Negation or a leading wildcard: no B-tree helps. */
    UNINDEXABLE
  }

  /**
   * One structured filter, such as {@code customer_id}, {@code status = 'active'}, {@code total >
   * ?}.
   */
  record Filter(String text, String column, Kind kind, String predicate) {

    static Filter parse(String text) {
      String raw = text == null ? "" : text.strip();
      Matcher call = FUNCTION_CALL.matcher(raw);
      Matcher id = IDENTIFIER.matcher(raw);
      if (call.matches() && !raw.toUpperCase(Locale.ROOT).startsWith("NOT ")) {
        return new Filter(
            raw, call.group(1) == null ? null : bareColumn(call.group(1)), Kind.FUNCTION, null);
      }
      if (!id.matches()) {
        return new Filter(raw, null, Kind.UNINDEXABLE, null);
      }
      String column = bareColumn(id.group(1));
      String rest = id.group(2).strip();
      String op = rest.toUpperCase(Locale.ROOT);
      if (rest.isEmpty() || op.startsWith("IN ") || op.startsWith("IN(")) {
        return new Filter(raw, column, Kind.EQUALITY, null);
      }
      if (op.startsWith("<>") || op.startsWith("!=") || op.startsWith("NOT ")) {
        return new Filter(raw, column, Kind.UNINDEXABLE, null);
      }
      if (op.startsWith("IS ")) {
        return new Filter(raw, column, Kind.FIXED_VALUE, column + " " + rest);
      }
      if (op.startsWith("=")) {
        String value = rest.substring(1).strip();
        boolean parameter =
            value.isEmpty()
                || value.startsWith("?")
                || value.startsWith(":")
                || value.startsWith("$");
        boolean fixed =
            !parameter
                && (cardinality(column) == Cardinality.LOW
                    || value.equalsIgnoreCase("true")
                    || value.equalsIgnoreCase("false"));
        return fixed
            ? new Filter(raw, column, Kind.FIXED_VALUE, column + " = " + value)
            : new Filter(raw, column, Kind.EQUALITY, null);
      }
      if (op.startsWith("LIKE") || op.startsWith("ILIKE")) {
        String value = rest.substring(op.startsWith("LIKE") ? 4 : 5).strip();
        return new Filter(
            raw, column, value.startsWith("'%") ? Kind.UNINDEXABLE : Kind.RANGE, null);
      }
      if (op.startsWith("<") || op.startsWith(">") || op.startsWith("BETWEEN")) {
        return new Filter(raw, column, Kind.RANGE, null);
      }
      return new Filter(raw, column, Kind.EQUALITY, null);
    }
  }

  enum Cardinality {
    HIGH,
    UNKNOWN,
    LOW
  }

  /** A guess from the column name; the index table says when it is only a guess. */
  static Cardinality cardinality(String column) {
    if (column == null) {
      return Cardinality.UNKNOWN;
    }
    String c = column.toLowerCase(Locale.ROOT);
    if (c.equals("id")
        || c.endsWith("_id")
        || c.endsWith("uuid")
        || c.endsWith("email")
        || c.endsWith("sku")
        || c.equals("username")
        || c.endsWith("_number")) {
      return Cardinality.HIGH;
    }
    if (LOW_CARDINALITY.contains(c)
        || c.startsWith("is_")
        || c.startsWith("has_")
        || c.endsWith("_status")
        || c.endsWith("_type")
        || c.endsWith("_flag")
        || c.endsWith("_state")) {
      return Cardinality.LOW;
    }
    return Cardinality.UNKNOWN;
  }

  static String bareColumn(String qualified) {
    String name =
        qualified.contains(".") ? qualified.substring(qualified.lastIndexOf('.') + 1) : qualified;
    return name.toLowerCase(Locale.ROOT);
  }

  /** The column of an ORDER BY item such as {@code created_at DESC}. */
  static String orderColumn(String orderBy) {
    Matcher id = IDENTIFIER.matcher(orderBy == null ? "" : orderBy);
    return id.matches() ? bareColumn(id.group(1)) : null;
  }

  /** An index to suggest: its table, key columns, optional partial predicate and who needs it. */
  static final class Candidate {
    final String table;
    List<String> columns;
    final String predicate;
    final List<String> purposes = new ArrayList<>();

    Candidate(String table, List<String> columns, String predicate, String purpose) {
      this.table = table;
      this.columns = columns;
      this.predicate = predicate;
      purposes.add(purpose);
    }

    boolean sameTarget(Candidate other) {
      return table.equals(other.table) && java.util.Objects.equals(predicate, other.predicate);
    }
  }

  /** SEL-IDX-001 and SEL-IDX-002: one index per access pattern, merged by leftmost prefix. */
  static List<Candidate> accessPatterns(VerdictBuilder verdict, Profile p, Technology primary) {
    List<Candidate> candidates = new ArrayList<>();
    if (p.accessPatterns().isEmpty()) {
      verdict.assume(
          "SEL-IDX-001",
          "access patterns",
          "only primary keys and foreign keys are indexed",
          "What are the most frequent queries: the table, the columns they filter and join on, and"
              + " the sort order?");
      return candidates;
    }
    if (!indexable(primary)) {
      return candidates;
    }
    for (AccessPattern pattern : p.accessPatterns()) {
      String name = pattern.name() == null ? "unnamed query" : pattern.name();
      boolean structured =
          pattern.table() != null
              && ((pattern.filters() != null && !pattern.filters().isEmpty())
                  || (pattern.orderBy() != null && !pattern.orderBy().isEmpty()));
      if (!structured) {
        if (pattern.joins() == null || pattern.joins().isEmpty()) {
          verdict.assume(
              "SEL-IDX-001",
              "structure of access pattern '" + name + "'",
              "no index derived for it; check it with EXPLAIN once it runs",
              "For '"
                  + name
                  + "', which table does it read, which columns does it filter on and"
                  + " how is it sorted?");
        }
        continue;
      }
      Candidate candidate = candidate(pattern, name);
      if (candidate != null) {
        merge(candidates, candidate);
      }
    }
    if (candidates.isEmpty()) {
      return candidates;
    }
    boolean anyPartial = false;
    for (Candidate c : candidates) {
      boolean partial = c.predicate != null;
      anyPartial |= partial;
      verdict.index(
          new IndexSuggestion(
              partial ? "SEL-IDX-002" : "SEL-IDX-001",
              c.table,
              indexName(c.table, c.columns, partial),
              indexType(primary, c.columns, c.predicate),
              String.join("; ", c.purposes),
              selectivity(c.columns.get(0), partial)));
    }
    verdict.decide(
        "SEL-IDX-001",
        Heading.INDEXING_STRATEGY,
        "Composite indexes for the access patterns",
        candidates.size()
            + " composite index(es) for "
            + p.accessPatterns().size()
            + " access pattern(s): equality columns first (most selective first), then the sort"
            + " columns, then range columns; an index also serves every query on its leftmost"
            + " prefix, so narrower duplicates are folded in",
        Facts.of()
            .put("accessPatterns", p.accessPatterns().size())
            .put("indexes", candidates.size())
            .put("primary", primary.label())
            .map(),
        "One index per query shape lets the planner find rows and return them already sorted,"
            + " without a scan or a sort step.",
        "Each index costs storage and extra work on every insert and update of its table.");
    if (anyPartial) {
      verdict.decide(
          "SEL-IDX-002",
          Heading.INDEXING_STRATEGY,
          "Partial indexes",
          "Where a query always asks for one value of a low-cardinality column (or a NULL test),"
              + " index only those rows with a WHERE clause on the index",
          Facts.of()
              .put("partialIndexes", candidates.stream().filter(c -> c.predicate != null).count())
              .map(),
          "A column with few distinct values narrows nothing as an index key; restricting the"
              + " index to the rows queried keeps it small and cheap to maintain.",
          "The planner uses the index only when the query repeats the same condition.");
    }
    return candidates;
  }

  static boolean indexable(Technology primary) {
    return primary.sql()
        || primary == Technology.MONGODB
        || primary == Technology.DYNAMODB
        || primary.family() == Technology.Family.WIDE_COLUMN;
  }

  static Candidate candidate(AccessPattern pattern, String name) {
    List<Filter> filters =
        pattern.filters() == null
            ? List.of()
            : pattern.filters().stream().map(Filter::parse).toList();
    List<String> high = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    List<String> low = new ArrayList<>();
    List<String> ranges = new ArrayList<>();
    List<String> predicates = new ArrayList<>();
    for (Filter f : filters) {
      switch (f.kind()) {
        case EQUALITY -> {
          switch (cardinality(f.column())) {
            case HIGH -> high.add(f.column());
            case LOW -> low.add(f.column());
            default -> unknown.add(f.column());
          }
        }
        case RANGE -> ranges.add(f.column());
        case FIXED_VALUE -> predicates.add(f.predicate());
        default -> {}
      }
    }
    Set<String> columns = new LinkedHashSet<>();
    columns.addAll(high);
    columns.addAll(unknown);
    columns.addAll(low);
    if (pattern.orderBy() != null) {
      pattern.orderBy().stream()
          .map(IndexingStrategy::orderColumn)
          .filter(c -> c != null)
          .forEach(columns::add);
    }
    columns.addAll(ranges);
    if (columns.isEmpty() && !predicates.isEmpty()) {
      filters.stream()
          .filter(f -> f.kind() == Kind.FIXED_VALUE)
          .forEach(f -> columns.add(f.column()));
    }
    if (columns.isEmpty()) {
      return null;
    }
    String purpose =
        name
            + (pattern.perSecond() == null ? "" : " (" + Facts.format(pattern.perSecond()) + "/s)");
    return new Candidate(
        pattern.table().toLowerCase(Locale.ROOT),
        List.copyOf(columns),
        predicates.isEmpty() ? null : String.join(" AND ", predicates),
        purpose);
  }

  /** Folds a candidate into an existing index when one is a leftmost prefix of the other. */
  static void merge(List<Candidate> candidates, Candidate next) {
    for (Candidate existing : candidates) {
      if (!existing.sameTarget(next)) {
        continue;
      }
      if (startsWith(existing.columns, next.columns)) {
        existing.purposes.addAll(next.purposes);
        return;
      }
      if (startsWith(next.columns, existing.columns)) {
        existing.columns = next.columns;
        existing.purposes.addAll(next.purposes);
        return;
      }
    }
    candidates.add(next);
  }

  static boolean startsWith(List<String> columns, List<String> prefix) {
    return columns.size() >= prefix.size() && columns.subList(0, prefix.size()).equals(prefix);
  }

  static String indexName(String table, List<String> columns, boolean partial) {
    String name = "idx_" + table + "_" + String.join("_", columns) + (partial ? "_partial" : "");
    return name.length() > MAX_IDENTIFIER ? name.substring(0, MAX_IDENTIFIER) : name;
  }

  static String indexType(Technology primary, List<String> columns, String predicate) {
    String where = predicate == null ? "" : " WHERE " + predicate;
    if (primary == Technology.MONGODB) {
      return "Compound index {"
          + String.join(", ", columns.stream().map(c -> c + ": 1").toList())
          + "}"
          + (predicate == null ? "" : " with a partial filter (" + predicate + ")");
    }
    if (primary == Technology.DYNAMODB) {
      return "Global secondary index (partition key "
          + columns.get(0)
          + (columns.size() > 1 ? ", sort key " + columns.get(1) : "")
          + ")";
    }
    if (primary.family() == Technology.Family.WIDE_COLUMN) {
      return "Query table PRIMARY KEY (("
          + columns.get(0)
          + ")"
          + (columns.size() > 1 ? ", " + String.join(", ", columns.subList(1, columns.size())) : "")
          + ")";
    }
    return "B-tree (" + String.join(", ", columns) + ")" + where;
  }

  static String selectivity(String leading, boolean partial) {
    return switch (cardinality(leading)) {
      case HIGH -> "High";
      case LOW ->
          partial ? "Low key, narrowed by the WHERE clause" : "Low: lead with a selective column";
      default -> "Unknown: check distinct values / rows (aim above 0.1)";
    };
  }

  /** SEL-IDX-003: every foreign key gets an index; join columns of the patterns become rows. */
  static void foreignKeys(
      VerdictBuilder verdict, Profile p, Technology primary, List<Candidate> composite) {
    if (!primary.sql()) {
      return;
    }
    Set<String> seen = new LinkedHashSet<>();
    int rows = 0;
    for (AccessPattern pattern : p.accessPatterns()) {
      if (pattern.joins() == null) {
        continue;
      }
      String name = pattern.name() == null ? "unnamed query" : pattern.name();
      for (String join : pattern.joins()) {
        for (String[] target : joinColumns(join, pattern.table())) {
          String table = target[0];
          String column = target[1];
          boolean covered =
              composite.stream()
                  .anyMatch(
                      c ->
                          c.table.equals(table)
                              && c.predicate == null
                              && c.columns.get(0).equals(column));
          if (covered || !seen.add(table + "." + column)) {
            continue;
          }
          rows++;
          verdict.index(
              new IndexSuggestion(
                  "SEL-IDX-003",
                  table,
                  indexName(table, List.of(column), false),
                  "B-tree (" + column + ")",
                  "Foreign key joined by " + name,
                  selectivity(column, false)));
        }
      }
    }
    verdict.decide(
        "SEL-IDX-003",
        Heading.INDEXING_STRATEGY,
        "Foreign keys",
        "Index every foreign key column on the referencing side"
            + (rows == 0 ? "" : "; " + rows + " join column(s) from the access patterns listed"),
        Facts.of()
            .put("primary", primary.label())
            .put("joinIndexes", rows == 0 ? null : rows)
            .map(),
        "Without one, every join scans the child table, and deleting or updating a parent row"
            + " scans it too to check the constraint.",
        "One more index per relationship to maintain on writes.");
  }

  /**
   * The child-side columns a join names: {@code orders.customer_id = customers.id} gives
   * orders.customer_id; a bare {@code customer_id} is a column of the pattern's own table.
   */
  static List<String[]> joinColumns(String join, String patternTable) {
    List<String[]> targets = new ArrayList<>();
    if (join == null) {
      return targets;
    }
    Matcher qualified = QUALIFIED.matcher(join);
    while (qualified.find()) {
      String column = qualified.group(2).toLowerCase(Locale.ROOT);
      if (!column.equals("id")) {
        targets.add(new String[] {qualified.group(1).toLowerCase(Locale.ROOT), column});
      }
    }
    String bare = join.strip();
    if (targets.isEmpty() && patternTable != null && bare.matches("[A-Za-z_]\\w*_id")) {
      targets.add(
          new String[] {patternTable.toLowerCase(Locale.ROOT), bare.toLowerCase(Locale.ROOT)});
    }
    return targets;
  }

  /** SEL-IDX-004: GIN indexes for JSONB attributes and full-text search on PostgreSQL. */
  static void gin(VerdictBuilder verdict, Profile p, Technology primary) {
    boolean documents = yes(p.shape().flexibleDocuments());
    boolean search = yes(p.shape().fullTextSearch());
    if (!primary.postgres() || !(documents || search)) {
      return;
    }
    List<String> uses = new ArrayList<>();
    if (documents) {
      uses.add("the JSONB attribute columns (containment and key-exists filters)");
    }
    if (search) {
      uses.add("the tsvector columns (full-text search)");
    }
    verdict.decide(
        "SEL-IDX-004",
        Heading.INDEXING_STRATEGY,
        "GIN indexes",
        "GIN indexes on " + String.join(" and on ", uses),
        Facts.of()
            .put("flexibleDocuments", p.shape().flexibleDocuments())
            .put("fullTextSearch", p.shape().fullTextSearch())
            .map(),
        "GIN indexes the elements inside a value (keys, array members, words), which a B-tree"
            + " cannot.",
        "Larger than a B-tree and slower to update, so writes to those columns cost more.");
  }

  /** SEL-IDX-005: an HNSW index for similarity search. */
  static void hnsw(VerdictBuilder verdict, Profile p, Technology primary) {
    if (!yes(p.shape().embeddings())) {
      return;
    }
    boolean pgvector = primary.postgres() || primary == Technology.PGVECTOR;
    verdict.decide(
        "SEL-IDX-005",
        Heading.INDEXING_STRATEGY,
        "Vector index",
        pgvector
            ? "HNSW index on the embedding column with the operator class of the model's distance"
                + " (vector_cosine_ops for most text embeddings)"
            : "HNSW index on each collection, with the distance metric the embedding model uses",
        Facts.of()
            .put("embeddings", true)
            .put("vectorDimensions", p.shape().vectorDimensions())
            .map(),
        "HNSW answers nearest-neighbour queries in milliseconds with high recall (around 95%),"
            + " where an exact scan compares every vector.",
        "Approximate results, slow index builds, and the graph must fit in memory to stay fast.");
  }

  /** SEL-IDX-006: a write-heavy workload keeps its indexes to the minimum. */
  static void writeHeavy(VerdictBuilder verdict, Profile p) {
    Double ratio = p.workload().readWriteRatio();
    if (ratio == null || ratio >= WRITE_HEAVY_READ_WRITE_RATIO) {
      return;
    }
    verdict.decide(
        "SEL-IDX-006",
        Heading.INDEXING_STRATEGY,
        "Index budget",
        "Index only the listed access patterns; review index usage monthly (idx_scan = 0 in"
            + " pg_stat_user_indexes, or the engine's equivalent) and drop what no query uses",
        Facts.of().put("readWriteRatio", ratio).map(),
        "Writes outnumber reads, and every index adds I/O to each insert, update and delete.",
        "A rare query (monthly report) may run without an index; check before dropping one.");
  }

  /** SEL-IDX-007: filters that no index can serve as written. */
  static void indexDefeatingFilters(VerdictBuilder verdict, Profile p) {
    for (AccessPattern pattern : p.accessPatterns()) {
      if (pattern.filters() == null) {
        continue;
      }
      String name = pattern.name() == null ? "unnamed query" : pattern.name();
      for (String text : pattern.filters()) {
        Filter filter = Filter.parse(text);
        if (filter.kind() == Kind.FUNCTION) {
          verdict.risk(
              "SEL-IDX-007",
              "'"
                  + name
                  + "' filters on "
                  + filter.text()
                  + ": a function around the column stops"
                  + " any index on it from being used",
              Risk.Level.HIGH,
              Risk.Level.MEDIUM,
              "Rewrite as a range on the bare column (for a year: >= its first day and < the next"
                  + " year's), or add an expression index matching the function exactly.");
        } else if (filter.kind() == Kind.UNINDEXABLE) {
          verdict.risk(
              "SEL-IDX-007",
              "'"
                  + name
                  + "' filters on "
                  + filter.text()
                  + ": a negation or leading wildcard"
                  + " cannot use a B-tree index",
              Risk.Level.HIGH,
              Risk.Level.MEDIUM,
              "Rewrite the condition positively or as a partial index; for substring search use a"
                  + " trigram (pg_trgm) GIN index or the search engine.");
        }
      }
    }
  }
}
