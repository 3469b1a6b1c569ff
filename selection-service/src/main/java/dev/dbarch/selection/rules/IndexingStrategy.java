package dev.dbarch.selection.rules;

import static dev.dbarch.selection.rules.Profile.yes;

import dev.dbarch.contracts.events.Assumption;
import dev.dbarch.contracts.events.Heading;
import dev.dbarch.contracts.events.IndexSuggestion;
import dev.dbarch.contracts.events.Risk;
import dev.dbarch.specialist.rules.Facts;
import dev.dbarch.specialist.rules.VerdictBuilder;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Indexing Strategy: index rows derived from the access patterns (SQL parsed, or structured
 * filters): equality columns, then sort, then range, one index serving every query on its leftmost
 * prefix; partial indexes for fixed values, covering columns for fixed projections, foreign keys,
 * GIN and HNSW indexes; and the warnings: filters that defeat any index, SELECT *, low-cardinality
 * leading columns, write-heavy tables carrying many indexes.
 */
final class IndexingStrategy {

  /** PostgreSQL truncates identifiers longer than this. */
  static final int MAX_IDENTIFIER = 63;

  /** Seed: under 100 distinct values is low cardinality (use a partial index instead). */
  static final long LOW_CARDINALITY_DISTINCT = 100;

  /** Seed: index selectivity (distinct values / rows) worth indexing is above 0.1. */
  static final double SELECTIVE_RATIO = 0.1;

  /** Ours: at most this many returned columns are added to an index to make it covering. */
  static final int MAX_COVERING_COLUMNS = 4;

  /** Ours: on a write-heavy workload, a table with this many suggested indexes is flagged. */
  static final int MANY_INDEXES = 3;

  private static final Pattern IDENTIFIER =
      Pattern.compile("\\s*([A-Za-z_][\\w.]*)\\s*(.*)", Pattern.DOTALL);
  private static final Pattern FUNCTION_CALL =
      Pattern.compile("\\s*[A-Za-z_]\\w*\\s*\\(\\s*([A-Za-z_][\\w.]*)?.*", Pattern.DOTALL);
  private static final Set<String> LOW_CARDINALITY =
      Set.of(
          "status",
          "state",
          "type",
          "kind",
          "gender",
          "country",
          "region",
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
    List<IndexSuggestion> rows = new ArrayList<>();
    unreadPatterns(verdict, p);
    List<Candidate> candidates = accessPatterns(verdict, p, primary, rows);
    foreignKeys(verdict, p, primary, candidates, rows);
    gin(verdict, p, primary, rows);
    hnsw(verdict, p, primary, rows);
    writeHeavy(verdict, p, rows);
    indexDefeatingFilters(verdict, p);
    selectStar(verdict, p);
    if (candidates.isEmpty() && rows.isEmpty()) {
      keysOnly(verdict, primary);
    }
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
        || c.equals("slug")
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

  /** Unique per row by name: keys, emails, usernames, SKUs, numbers. */
  static boolean unique(String column) {
    if (column == null) {
      return false;
    }
    String c = column.toLowerCase(Locale.ROOT);
    return c.equals("id")
        || c.equals("slug")
        || c.endsWith("uuid")
        || c.endsWith("email")
        || c.endsWith("sku")
        || c.equals("username")
        || c.endsWith("_number");
  }

  /** The table a {@code <name>_id} column points at, when the team listed its rows. */
  static String parentTable(Profile p, String column) {
    if (column == null || !column.endsWith("_id") || column.length() <= 3) {
      return null;
    }
    String stem = column.substring(0, column.length() - 3);
    List<String> names = new ArrayList<>(List.of(stem + "s", stem + "es", stem));
    if (stem.endsWith("y")) {
      names.add(0, stem.substring(0, stem.length() - 1) + "ies");
    }
    for (String name : names) {
      if (p.rows(name) != null) {
        return name;
      }
    }
    return null;
  }

  /**
   * The selectivity column of the index table: the seed's distinct values / rows for the leading
   * column, estimated from the row counts and the column's name when the table's rows are known.
   *
   * @param numeric whether a figure was estimated (and so must be stated as an assumption)
   * @param low whether the column has fewer than 100 distinct values
   */
  record Estimate(String label, boolean numeric, boolean low) {}

  static Estimate estimate(Profile p, String table, String column) {
    Cardinality cardinality = cardinality(column);
    Long rows = p.rows(table);
    if (rows == null || rows == 0) {
      return switch (cardinality) {
        case HIGH -> new Estimate("High", false, false);
        case LOW ->
            new Estimate(
                "Low: under " + LOW_CARDINALITY_DISTINCT + " distinct values (by its name)",
                false,
                true);
        default ->
            new Estimate("Unknown: check distinct values / rows (aim above 0.1)", false, false);
      };
    }
    if (unique(column)) {
      return new Estimate(
          "High: ≈1 (unique, " + RequirementsSummary.grouped(rows) + " rows)", true, false);
    }
    String parent = parentTable(p, column);
    if (parent != null) {
      long distinct = Math.min(p.rows(parent), rows);
      double ratio = (double) distinct / rows;
      return new Estimate(
          level(distinct, ratio)
              + ": ≈"
              + significant(ratio)
              + " ("
              + RequirementsSummary.grouped(distinct)
              + " "
              + parent
              + " / "
              + RequirementsSummary.grouped(rows)
              + " rows)",
          true,
          distinct < LOW_CARDINALITY_DISTINCT);
    }
    if (cardinality == Cardinality.LOW) {
      return new Estimate(
          "Low: ≤ "
              + significant((double) LOW_CARDINALITY_DISTINCT / rows)
              + " (under "
              + LOW_CARDINALITY_DISTINCT
              + " distinct values / "
              + RequirementsSummary.grouped(rows)
              + " rows)",
          true,
          true);
    }
    return cardinality == Cardinality.HIGH
        ? new Estimate("High", false, false)
        : new Estimate("Unknown: check distinct values / rows (aim above 0.1)", false, false);
  }

  static String level(long distinct, double ratio) {
    if (distinct < LOW_CARDINALITY_DISTINCT) {
      return "Low";
    }
    return ratio >= SELECTIVE_RATIO ? "High" : "Medium";
  }

  /** Two significant digits, never in scientific notation. */
  static String significant(double value) {
    return new BigDecimal(value).round(new MathContext(2)).stripTrailingZeros().toPlainString();
  }

  /** An index to suggest: its table, key columns, optional partial predicate and who needs it. */
  static final class Candidate {
    final String table;
    List<String> columns;
    final String predicate;
    final List<String> purposes = new ArrayList<>();
    final Set<String> returned = new LinkedHashSet<>();

    Candidate(String table, List<String> columns, String predicate, String purpose) {
      this.table = table;
      this.columns = columns;
      this.predicate = predicate;
      purposes.add(purpose);
    }

    boolean sameTarget(Candidate other) {
      return table.equals(other.table) && Objects.equals(predicate, other.predicate);
    }

    /**
     * The returned columns the key lacks; empty when it already covers them or nothing is known.
     */
    List<String> include(Technology primary) {
      List<String> extra = new ArrayList<>();
      for (String column : returned) {
        boolean clusteredKey = primary.mysql() && column.equals("id");
        if (!columns.contains(column) && !clusteredKey) {
          extra.add(column);
        }
      }
      return extra.size() > MAX_COVERING_COLUMNS ? List.of() : extra;
    }
  }

  /** Partial indexes exist in PostgreSQL, CockroachDB and MongoDB, not in MySQL or wide-column. */
  static boolean partialIndexes(Technology primary) {
    return primary.postgres() || primary == Technology.COCKROACHDB || primary == Technology.MONGODB;
  }

  /** Covering columns: INCLUDE/STORING in SQL, extra key fields in MySQL and MongoDB. */
  static boolean coveringIndexes(Technology primary) {
    return primary.sql() || primary == Technology.MONGODB;
  }

  /**
   * SEL-IDX-012: no index derived from the access patterns (none given, or none an index follows
   * from) and a primary without foreign keys to index (SEL-IDX-003 speaks for SQL): the keys the
   * engine indexes by itself, and secondary indexes only per known query.
   */
  static void keysOnly(VerdictBuilder verdict, Technology primary) {
    if (primary.sql()) {
      return;
    }
    verdict.decide(
        "SEL-IDX-012",
        Heading.INDEXING_STRATEGY,
        "Indexes before the queries are known",
        "Only the key "
            + primary.label()
            + " indexes by itself (its primary, partition or document key); each secondary index"
            + " is added for a query once that query is known",
        Facts.of().put("primary", primary.label()).map(),
        "An index nobody queries by costs writes and storage for nothing, and without the queries"
            + " there is no way to tell which would be used.",
        "Until the access patterns are given, any query that is not a key lookup scans.");
  }

  /**
   * SQL text that could not be read, and patterns that name no table or filter, are asked about.
   */
  static void unreadPatterns(VerdictBuilder verdict, Profile p) {
    if (p.accessPatterns().isEmpty()) {
      verdict.assume(
          "SEL-IDX-001",
          Assumption.About.ACCESS_PATTERNS,
          "access patterns",
          "only primary keys and foreign keys are indexed",
          "What are the most frequent queries: the table, the columns they filter and join on, and"
              + " the sort order?");
      return;
    }
    for (QueryReader.Read read : p.reads()) {
      if (read.sqlProblem() != null) {
        verdict.assume(
            "SEL-IDX-001",
            Assumption.About.ACCESS_PATTERN_DETAIL,
            "SQL of access pattern '" + read.name() + "'",
            read.sqlProblem()
                + (read.queries().isEmpty()
                    ? "; no index derived from it"
                    : "; its structured filters were used instead"),
            "Can you give '"
                + read.name()
                + "' as one plain SELECT, UPDATE or DELETE, or as its table, filters, joins and"
                + " sort order?");
        continue;
      }
      if (read.parsedSql()) {
        continue;
      }
      boolean usable =
          read.queries().stream()
              .anyMatch(
                  q ->
                      q.table() != null
                          && (!q.filters().isEmpty()
                              || !q.orderBy().isEmpty()
                              || !q.joins().isEmpty()));
      if (!usable) {
        verdict.assume(
            "SEL-IDX-001",
            Assumption.About.ACCESS_PATTERN_DETAIL,
            "structure of access pattern '" + read.name() + "'",
            "no index derived for it; check it with EXPLAIN once it runs",
            "For '"
                + read.name()
                + "', which table does it read, which columns does it filter on and"
                + " how is it sorted?");
      }
    }
  }

  /**
   * SEL-IDX-001, -002, -008 and -010: one index per query, merged by leftmost prefix, partial when
   * a fixed value is asked for, covering when the returned columns are few and fixed, and a warning
   * when the leading column barely narrows.
   */
  static List<Candidate> accessPatterns(
      VerdictBuilder verdict, Profile p, Technology primary, List<IndexSuggestion> rows) {
    List<Candidate> candidates = new ArrayList<>();
    if (!indexable(primary) || primary == Technology.DYNAMODB) {
      return candidates;
    }
    boolean partial = partialIndexes(primary);
    for (Query query : p.queries()) {
      Candidate candidate = candidate(query, partial);
      if (candidate != null) {
        merge(candidates, candidate);
      }
    }
    if (candidates.isEmpty()) {
      return candidates;
    }
    boolean anyPartial = false;
    boolean anyEstimate = false;
    int covering = 0;
    for (Candidate c : candidates) {
      boolean isPartial = c.predicate != null;
      anyPartial |= isPartial;
      List<String> include = coveringIndexes(primary) ? c.include(primary) : List.of();
      if (!include.isEmpty()) {
        covering++;
      }
      Estimate estimate = estimate(p, c.table, c.columns.get(0));
      anyEstimate |= estimate.numeric();
      String name = indexName(c.table, c.columns, isPartial);
      add(
          verdict,
          rows,
          new IndexSuggestion(
              isPartial ? "SEL-IDX-002" : "SEL-IDX-001",
              c.table,
              name,
              indexType(primary, c.columns, include, c.predicate),
              String.join("; ", c.purposes),
              isPartial && estimate.low()
                  ? "Low key, narrowed by the WHERE clause"
                  : estimate.low()
                      ? estimate.label() + ": lead with a selective column"
                      : estimate.label()));
      if (estimate.low() && !isPartial) {
        verdict.risk(
            "SEL-IDX-010",
            name
                + " leads with "
                + c.columns.get(0)
                + ", a low-cardinality column (under "
                + LOW_CARDINALITY_DISTINCT
                + " distinct values): each value matches a large share of "
                + c.table
                + ", so the planner will often prefer a scan",
            Risk.Level.MEDIUM,
            Risk.Level.MEDIUM,
            "Lead with a selective column the query also filters on, or index only the value asked"
                + " for with a partial index (WHERE "
                + c.columns.get(0)
                + " = '...'); check with EXPLAIN.");
      }
    }
    if (anyEstimate) {
      verdict.assume(
          "SEL-IDX-001",
          Assumption.About.COLUMN_SELECTIVITY,
          "distinct values of the indexed columns",
          "estimated from names and row counts: keys unique, a foreign key holds one value per"
              + " parent row, status-like columns under "
              + LOW_CARDINALITY_DISTINCT
              + " values",
          "How many distinct values do the filtered columns hold (count(DISTINCT column) against"
              + " count(*))?");
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
            .put("sqlPatterns", p.reads().stream().filter(QueryReader.Read::parsedSql).count())
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
    if (covering > 0) {
      verdict.decide(
          "SEL-IDX-008",
          Heading.INDEXING_STRATEGY,
          "Covering indexes",
          (primary.postgres()
                  ? "INCLUDE"
                  : primary == Technology.COCKROACHDB
                      ? "STORING"
                      : "Append as trailing key columns")
              + " the few columns "
              + covering
              + " index(es) must return (at most "
              + MAX_COVERING_COLUMNS
              + " per index), so those queries are answered from the index alone"
              + (primary == Technology.MONGODB ? " (project out _id)" : ""),
          Facts.of()
              .put("coveringIndexes", covering)
              .put("maxCoveringColumns", MAX_COVERING_COLUMNS)
              .put("primary", primary.label())
              .map(),
          "The SQL names a small, fixed list of returned columns: carrying them in the index turns"
              + " each lookup into an index-only scan with no visit to the table.",
          "A larger index, and the benefit holds only while the SELECT list stays the same.");
    }
    return candidates;
  }

  private static void add(VerdictBuilder verdict, List<IndexSuggestion> rows, IndexSuggestion row) {
    verdict.index(row);
    rows.add(row);
  }

  static boolean indexable(Technology primary) {
    return primary.sql()
        || primary == Technology.MONGODB
        || primary == Technology.DYNAMODB
        || primary.family() == Technology.Family.WIDE_COLUMN;
  }

  static Candidate candidate(Query query, boolean partialIndexes) {
    if (query.table() == null) {
      return null;
    }
    List<String> high = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    List<String> low = new ArrayList<>();
    List<String> ranges = new ArrayList<>();
    List<String> predicates = new ArrayList<>();
    List<String> fixedColumns = new ArrayList<>();
    boolean primaryKeyLookup =
        query.filters().stream()
            .anyMatch(f -> f.kind() == Kind.EQUALITY && "id".equals(f.column()));
    if (primaryKeyLookup) {
      return null;
    }
    for (Filter f : query.filters()) {
      switch (f.kind()) {
        case EQUALITY -> {
          switch (cardinality(f.column())) {
            case HIGH -> high.add(f.column());
            case LOW -> low.add(f.column());
            default -> unknown.add(f.column());
          }
        }
        case RANGE -> ranges.add(f.column());
        case FIXED_VALUE -> {
          if (partialIndexes) {
            predicates.add(f.predicate());
            fixedColumns.add(f.column());
          } else {
            low.add(f.column());
          }
        }
        default -> {}
      }
    }
    Set<String> columns = new LinkedHashSet<>();
    columns.addAll(high);
    columns.addAll(unknown);
    columns.addAll(low);
    columns.addAll(query.orderBy());
    columns.addAll(ranges);
    if (columns.isEmpty() && !predicates.isEmpty()) {
      columns.addAll(fixedColumns);
    }
    columns.remove(null);
    if (columns.isEmpty()) {
      return null;
    }
    Candidate candidate =
        new Candidate(
            query.table(),
            List.copyOf(columns),
            predicates.isEmpty() ? null : String.join(" AND ", predicates),
            query.label());
    if (query.projection() != null) {
      candidate.returned.addAll(query.projection());
    }
    return candidate;
  }

  /** Folds a candidate into an existing index when one is a leftmost prefix of the other. */
  static void merge(List<Candidate> candidates, Candidate next) {
    for (Candidate existing : candidates) {
      if (!existing.sameTarget(next)) {
        continue;
      }
      if (startsWith(existing.columns, next.columns)) {
        existing.purposes.addAll(next.purposes);
        existing.returned.addAll(next.returned);
        return;
      }
      if (startsWith(next.columns, existing.columns)) {
        existing.columns = next.columns;
        existing.purposes.addAll(next.purposes);
        existing.returned.addAll(next.returned);
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
    return identifier(name);
  }

  static String identifier(String name) {
    String clean = name.replaceAll("[^A-Za-z0-9_]+", "_").replaceAll("_+", "_");
    clean = clean.endsWith("_") ? clean.substring(0, clean.length() - 1) : clean;
    return clean.length() > MAX_IDENTIFIER ? clean.substring(0, MAX_IDENTIFIER) : clean;
  }

  static String indexType(
      Technology primary, List<String> columns, List<String> include, String predicate) {
    String where = predicate == null ? "" : " WHERE " + predicate;
    if (primary == Technology.MONGODB) {
      List<String> keys = new ArrayList<>(columns);
      keys.addAll(include);
      return "Compound index {"
          + String.join(", ", keys.stream().map(c -> c + ": 1").toList())
          + "}"
          + (predicate == null ? "" : " with a partial filter (" + predicate + ")");
    }
    if (primary.family() == Technology.Family.WIDE_COLUMN) {
      return "Query table PRIMARY KEY (("
          + columns.get(0)
          + ")"
          + (columns.size() > 1 ? ", " + String.join(", ", columns.subList(1, columns.size())) : "")
          + ")";
    }
    if (primary.mysql()) {
      List<String> keys = new ArrayList<>(columns);
      keys.addAll(include);
      return "B-tree (" + String.join(", ", keys) + ")";
    }
    String covering =
        include.isEmpty()
            ? ""
            : (primary == Technology.COCKROACHDB ? " STORING (" : " INCLUDE (")
                + String.join(", ", include)
                + ")";
    return "B-tree (" + String.join(", ", columns) + ")" + covering + where;
  }

  /** SEL-IDX-003: every foreign key gets an index; join columns of the patterns become rows. */
  static void foreignKeys(
      VerdictBuilder verdict,
      Profile p,
      Technology primary,
      List<Candidate> composite,
      List<IndexSuggestion> rows) {
    if (!primary.sql()) {
      return;
    }
    Set<String> seen = new LinkedHashSet<>();
    int count = 0;
    for (Query query : p.queries()) {
      for (Query.Join join : query.joins()) {
        String table = join.table();
        String column = join.column();
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
        count++;
        add(
            verdict,
            rows,
            new IndexSuggestion(
                "SEL-IDX-003",
                table,
                indexName(table, List.of(column), false),
                "B-tree (" + column + ")",
                "Foreign key"
                    + (join.parent() == null ? "" : " to " + join.parent())
                    + " joined by "
                    + query.name(),
                estimate(p, table, column).label()));
      }
    }
    verdict.decide(
        "SEL-IDX-003",
        Heading.INDEXING_STRATEGY,
        "Foreign keys",
        "Index every foreign key column on the referencing side"
            + (count == 0 ? "" : "; " + count + " join column(s) from the access patterns listed"),
        Facts.of()
            .put("primary", primary.label())
            .put("joinIndexes", count == 0 ? null : count)
            .map(),
        "Without one, every join scans the child table, and deleting or updating a parent row"
            + " scans it too to check the constraint.",
        "One more index per relationship to maintain on writes.");
  }

  /** A special operator the declared SQL applies to a column, with the queries that apply it. */
  record SpecialUse(Query.Special special, List<String> queries) {}

  /**
   * The special operators of the declared queries that {@code kind} accepts, one per {@code key} in
   * first-seen order, each with the labels of the queries using it.
   */
  static Map<String, SpecialUse> specialUses(
      Profile p, Predicate<Query.Special> kind, Function<Query.Special, String> key) {
    Map<String, SpecialUse> uses = new LinkedHashMap<>();
    for (Query query : p.queries()) {
      for (Query.Special special : query.specials()) {
        if (kind.test(special)) {
          uses.computeIfAbsent(key.apply(special), k -> new SpecialUse(special, new ArrayList<>()))
              .queries()
              .add(query.label());
        }
      }
    }
    return uses;
  }

  /** SEL-IDX-004: GIN indexes for JSONB, arrays and full-text search on PostgreSQL. */
  static void gin(
      VerdictBuilder verdict, Profile p, Technology primary, List<IndexSuggestion> rows) {
    if (!primary.postgres()) {
      return;
    }
    Map<String, SpecialUse> specials =
        specialUses(
            p,
            s ->
                s.kind() == Query.SpecialKind.JSONB
                    || s.kind() == Query.SpecialKind.FULL_TEXT
                    || s.kind() == Query.SpecialKind.ARRAY,
            s -> s.table() + "|" + s.expression());
    boolean documents = yes(p.shape().flexibleDocuments());
    boolean search = yes(p.shape().fullTextSearch());
    if (!(documents || search || !specials.isEmpty())) {
      return;
    }
    List<String> uses = new ArrayList<>();
    if (documents) {
      uses.add("the JSONB attribute columns (containment and key-exists filters)");
    }
    if (search) {
      uses.add("the tsvector columns (full-text search)");
    }
    for (SpecialUse use : specials.values()) {
      Query.Special special = use.special();
      String what =
          switch (special.kind()) {
            case JSONB -> "JSONB containment and key filters";
            case FULL_TEXT -> "full-text search";
            default -> "array membership and overlap";
          };
      add(
          verdict,
          rows,
          new IndexSuggestion(
              "SEL-IDX-004",
              special.table(),
              identifier("idx_" + special.table() + "_" + special.expression() + "_gin"),
              "GIN (" + special.expression() + ")",
              what + ": " + String.join("; ", use.queries()),
              "Medium: depends on the value searched"));
    }
    if (uses.isEmpty()) {
      uses.add("the JSONB, array and text-search columns the SQL filters on");
    }
    verdict.decide(
        "SEL-IDX-004",
        Heading.INDEXING_STRATEGY,
        "GIN indexes",
        "GIN indexes on " + String.join(" and on ", uses),
        Facts.of()
            .put("flexibleDocuments", p.shape().flexibleDocuments())
            .put("fullTextSearch", p.shape().fullTextSearch())
            .put("sqlOperators", specials.isEmpty() ? null : specials.size())
            .map(),
        "GIN indexes the elements inside a value (keys, array members, words), which a B-tree"
            + " cannot.",
        "Larger than a B-tree and slower to update, so writes to those columns cost more.");
  }

  /** SEL-IDX-005: an HNSW index for similarity search. */
  static void hnsw(
      VerdictBuilder verdict, Profile p, Technology primary, List<IndexSuggestion> rows) {
    boolean pgvector = primary.postgres();
    Map<String, SpecialUse> vectors =
        pgvector
            ? specialUses(
                p,
                s -> s.kind().name().startsWith("VECTOR"),
                s -> s.table() + "|" + s.expression() + "|" + s.kind())
            : Map.of();
    if (!yes(p.shape().embeddings()) && vectors.isEmpty()) {
      return;
    }
    for (SpecialUse use : vectors.values()) {
      Query.Special special = use.special();
      String opclass =
          switch (special.kind()) {
            case VECTOR_COSINE -> "vector_cosine_ops";
            case VECTOR_INNER_PRODUCT -> "vector_ip_ops";
            default -> "vector_l2_ops";
          };
      add(
          verdict,
          rows,
          new IndexSuggestion(
              "SEL-IDX-005",
              special.table(),
              identifier("idx_" + special.table() + "_" + special.expression() + "_hnsw"),
              "HNSW (" + special.expression() + " " + opclass + ")",
              "nearest neighbours: " + String.join("; ", use.queries()),
              "n/a: approximate nearest neighbours (about 95% recall)"));
    }
    verdict.decide(
        "SEL-IDX-005",
        Heading.INDEXING_STRATEGY,
        "Vector index",
        pgvector
            ? "HNSW index on the embedding column with the operator class of the model's distance"
                + " (vector_cosine_ops for most text embeddings)"
            : "HNSW index on each collection, with the distance metric the embedding model uses",
        Facts.of()
            .put("embeddings", p.shape().embeddings())
            .put("vectorDimensions", p.shape().vectorDimensions())
            .put("sqlVectorSearches", vectors.isEmpty() ? null : vectors.size())
            .map(),
        "HNSW answers nearest-neighbour queries in milliseconds with high recall (around 95%),"
            + " where an exact scan compares every vector.",
        "Approximate results, slow index builds, and the graph must fit in memory to stay fast.");
  }

  /**
   * SEL-IDX-006: a write-heavy workload keeps its indexes to the minimum; SEL-IDX-011: a table that
   * would still carry many indexes under such a workload is a risk.
   */
  static void writeHeavy(VerdictBuilder verdict, Profile p, List<IndexSuggestion> rows) {
    Double ratio = p.workload().readWriteRatio();
    if (!p.system().writeHeavy()) {
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
    Map<String, Integer> perTable = new LinkedHashMap<>();
    for (IndexSuggestion row : rows) {
      perTable.merge(row.table(), 1, Integer::sum);
    }
    perTable.forEach(
        (table, count) -> {
          if (count >= MANY_INDEXES) {
            verdict.risk(
                "SEL-IDX-011",
                table
                    + " would carry "
                    + count
                    + " secondary indexes on a write-heavy workload ("
                    + Facts.format(ratio)
                    + " reads per write): every insert and update maintains each of them",
                Risk.Level.MEDIUM,
                Risk.Level.MEDIUM,
                "Merge indexes that share a leading column, drop those the busiest queries do not"
                    + " need, and measure write latency with all of them in place before launch.");
          }
        });
  }

  /** SEL-IDX-007: filters that no index can serve as written. */
  static void indexDefeatingFilters(VerdictBuilder verdict, Profile p) {
    Set<String> seen = new LinkedHashSet<>();
    for (Query query : p.queries()) {
      for (Filter filter : query.filters()) {
        if (!seen.add(query.name() + "|" + filter.text())) {
          continue;
        }
        if (filter.kind() == Kind.FUNCTION) {
          verdict.risk(
              "SEL-IDX-007",
              "'"
                  + query.name()
                  + "' filters on "
                  + filter.text()
                  + ": a function around the column stops"
                  + " any index on it from being used",
              Risk.Level.HIGH,
              Risk.Level.MEDIUM,
              "Compare the bare column instead (a date function becomes a range: >= the first day"
                  + " and < the next period's first day), or add an expression index on exactly"
                  + " that expression.");
        } else if (filter.kind() == Kind.UNINDEXABLE) {
          verdict.risk(
              "SEL-IDX-007",
              "'"
                  + query.name()
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

  /** SEL-IDX-009: SELECT * returns every column, so no index can cover the query. */
  static void selectStar(VerdictBuilder verdict, Profile p) {
    for (Query query : p.queries()) {
      if (!query.selectStar()) {
        continue;
      }
      verdict.risk(
          "SEL-IDX-009",
          "'"
              + query.name()
              + "' selects every column (SELECT *) of "
              + query.table()
              + ": wider rows travel on every call and no covering index can serve it",
          Risk.Level.MEDIUM,
          Risk.Level.LOW,
          "List only the columns the caller uses (SELECT id, name, email); a short fixed list can"
              + " then be answered from a covering index.");
    }
  }
}
