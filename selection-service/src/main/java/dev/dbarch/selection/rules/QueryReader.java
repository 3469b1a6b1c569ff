package dev.dbarch.selection.rules;

import dev.dbarch.contracts.requirements.AccessPattern;
import dev.dbarch.selection.rules.IndexingStrategy.Cardinality;
import dev.dbarch.selection.rules.IndexingStrategy.Filter;
import dev.dbarch.selection.rules.IndexingStrategy.Kind;
import dev.dbarch.selection.rules.Query.Join;
import dev.dbarch.selection.rules.Query.Special;
import dev.dbarch.selection.rules.Query.SpecialKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.DateValue;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.TimestampValue;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.ContainedBy;
import net.sf.jsqlparser.expression.operators.relational.Contains;
import net.sf.jsqlparser.expression.operators.relational.CosineSimilarity;
import net.sf.jsqlparser.expression.operators.relational.DoubleAnd;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.GeometryDistance;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsBooleanExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.JsonOperator;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.Matches;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.update.Update;

/**
 * Turns the declared access patterns into {@link Query} values. SQL text is parsed with JSqlParser
 * into filters (equality, range, fixed value, or defeated by a function or negation), joins, sort
 * columns, the returned columns and JSONB/full-text/vector operators; structured patterns are read
 * from their filters, joins and ORDER BY items. SQL that does not parse is reported, never thrown.
 */
final class QueryReader {

  private static final Pattern QUALIFIED = Pattern.compile("([A-Za-z_]\\w*)\\.([A-Za-z_]\\w*)");

  private QueryReader() {}

  /**
   * What one access pattern gives: its name, its queries, whether its SQL was read, and why its SQL
   * could not be read (null when it could or there was none).
   */
  record Read(String name, List<Query> queries, boolean parsedSql, String sqlProblem) {}

  static Read read(AccessPattern pattern) {
    String name =
        pattern.name() == null || pattern.name().isBlank() ? "unnamed query" : pattern.name();
    String problem = null;
    if (pattern.sql() != null && !pattern.sql().isBlank()) {
      try {
        return new Read(
            name, new SqlReader(name, pattern.perSecond()).read(pattern.sql()), true, null);
      } catch (Exception | StackOverflowError e) {
        problem =
            e instanceof UnsupportedStatement unsupported
                ? unsupported.getMessage()
                : "its SQL could not be parsed";
      }
    }
    return new Read(name, structured(pattern, name), false, problem);
  }

  /** A pattern given as table, filters, joins and ORDER BY items. */
  static List<Query> structured(AccessPattern pattern, String name) {
    String table =
        pattern.table() == null || pattern.table().isBlank()
            ? null
            : pattern.table().strip().toLowerCase(Locale.ROOT);
    List<Filter> filters =
        pattern.filters() == null
            ? List.of()
            : pattern.filters().stream().map(Filter::parse).toList();
    List<String> orderBy =
        pattern.orderBy() == null
            ? List.of()
            : pattern.orderBy().stream()
                .map(IndexingStrategy::orderColumn)
                .filter(c -> c != null)
                .toList();
    List<Join> joins = new ArrayList<>();
    if (pattern.joins() != null) {
      for (String join : pattern.joins()) {
        joins.addAll(joinColumns(join, table));
      }
    }
    if (table == null && filters.isEmpty() && orderBy.isEmpty() && joins.isEmpty()) {
      return List.of();
    }
    return List.of(
        new Query(
            name,
            table,
            filters,
            orderBy,
            List.copyOf(joins),
            null,
            false,
            List.of(),
            pattern.perSecond(),
            false));
  }

  /**
   * The referencing-side columns a structured join names: {@code order_items.order_id = orders.id}
   * gives order_items.order_id pointing at orders; a bare {@code customer_id} is a column of the
   * pattern's own table whose parent is not named.
   */
  static List<Join> joinColumns(String join, String patternTable) {
    List<Join> targets = new ArrayList<>();
    if (join == null) {
      return targets;
    }
    List<String[]> sides = new ArrayList<>();
    Matcher qualified = QUALIFIED.matcher(join);
    while (qualified.find()) {
      sides.add(
          new String[] {
            qualified.group(1).toLowerCase(Locale.ROOT), qualified.group(2).toLowerCase(Locale.ROOT)
          });
    }
    for (int i = 0; i < sides.size(); i++) {
      String[] side = sides.get(i);
      if (side[1].equals("id")) {
        continue;
      }
      String parent = null;
      for (int j = 0; j < sides.size(); j++) {
        if (j != i && sides.get(j)[1].equals("id")) {
          parent = sides.get(j)[0];
        }
      }
      targets.add(new Join(side[0], side[1], parent));
    }
    String bare = join.strip();
    if (sides.isEmpty() && patternTable != null && bare.matches("[A-Za-z_]\\w*_id")) {
      targets.add(new Join(patternTable, bare.toLowerCase(Locale.ROOT), null));
    }
    return targets;
  }

  /** A statement that is valid SQL but not one an index can serve. */
  static final class UnsupportedStatement extends RuntimeException {
    UnsupportedStatement(String message) {
      super(message, null, false, false);
    }
  }

  /** Reads one SQL statement; a new instance per statement. */
  static final class SqlReader {

    private final String name;
    private final Double perSecond;
    private final Map<String, String> tables = new LinkedHashMap<>();
    private final Map<String, List<Filter>> filters = new LinkedHashMap<>();
    private final List<String> orderBy = new ArrayList<>();
    private final List<Join> joins = new ArrayList<>();
    private final Set<String> projection = new LinkedHashSet<>();
    private final List<Special> specials = new ArrayList<>();
    private final List<Query> nested = new ArrayList<>();
    private String main;
    private boolean star;

    SqlReader(String name, Double perSecond) {
      this.name = name;
      this.perSecond = perSecond;
    }

    List<Query> read(String sql) throws Exception {
      Statement statement = CCJSqlParserUtil.parse(sql.strip());
      return read(statement);
    }

    private List<Query> read(Statement statement) {
      if (statement instanceof Insert) {
        return List.of();
      }
      if (statement instanceof SetOperationList union) {
        List<Query> all = new ArrayList<>();
        for (Select branch : union.getSelects()) {
          all.addAll(new SqlReader(name, perSecond).read(branch));
        }
        return all;
      }
      if (statement instanceof ParenthesedSelect parenthesed) {
        return read(parenthesed.getSelect());
      }
      if (statement instanceof PlainSelect select) {
        from(select.getFromItem(), true);
        if (select.getJoins() != null) {
          for (net.sf.jsqlparser.statement.select.Join join : select.getJoins()) {
            from(join.getFromItem(), false);
          }
          for (net.sf.jsqlparser.statement.select.Join join : select.getJoins()) {
            if (join.getOnExpressions() != null) {
              join.getOnExpressions().forEach(this::where);
            }
          }
        }
        where(select.getWhere());
        projection(select.getSelectItems());
        orderBy(select.getOrderByElements());
        return queries();
      }
      if (statement instanceof Update update) {
        from(update.getTable(), true);
        where(update.getWhere());
        return queries();
      }
      if (statement instanceof Delete delete) {
        from(delete.getTable(), true);
        where(delete.getWhere());
        return queries();
      }
      throw new UnsupportedStatement(
          "its SQL is a " + statement.getClass().getSimpleName() + " statement, not a query");
    }

    private List<Query> queries() {
      // A child joined to a parent whose id is fixed is itself filtered by the foreign key:
      // posts JOIN users ON posts.user_id = users.id WHERE users.id = ? reads posts by user_id.
      for (Join join : joins) {
        boolean parentById =
            join.parent() != null
                && filters.getOrDefault(join.parent(), List.of()).stream()
                    .anyMatch(f -> f.kind() == Kind.EQUALITY && "id".equals(f.column()));
        boolean already =
            filters.getOrDefault(join.table(), List.of()).stream()
                .anyMatch(f -> join.column().equals(f.column()));
        if (parentById && !already) {
          filters
              .computeIfAbsent(join.table(), t -> new ArrayList<>())
              .add(
                  new Filter(
                      join.table() + "." + join.column() + " = " + join.parent() + ".id",
                      join.column(),
                      Kind.EQUALITY,
                      null));
        }
      }
      List<Query> result = new ArrayList<>();
      result.add(
          new Query(
              name,
              main,
              List.copyOf(filters.getOrDefault(main, List.of())),
              List.copyOf(orderBy),
              List.copyOf(joins),
              star || projection.isEmpty() ? null : List.copyOf(projection),
              star,
              List.copyOf(specials),
              perSecond,
              true));
      for (Map.Entry<String, List<Filter>> other : filters.entrySet()) {
        if (!other.getKey().equals(main)) {
          result.add(
              new Query(
                  name + " (" + other.getKey() + ")",
                  other.getKey(),
                  List.copyOf(other.getValue()),
                  List.of(),
                  List.of(),
                  null,
                  false,
                  List.of(),
                  perSecond,
                  true));
        }
      }
      result.addAll(nested);
      return result;
    }

    private void from(FromItem item, boolean first) {
      if (item instanceof Table table) {
        String tableName = unquote(table.getName());
        tables.put(tableName, tableName);
        if (table.getAlias() != null && table.getAlias().getName() != null) {
          tables.put(unquote(table.getAlias().getName()), tableName);
        }
        if (first) {
          main = tableName;
        }
      } else if (item instanceof ParenthesedSelect sub) {
        nested.addAll(new SqlReader(name + " (subquery)", perSecond).read(sub.getSelect()));
      }
    }

    private String tableOf(Column column) {
      Table table = column.getTable();
      if (table == null || table.getName() == null) {
        return main;
      }
      String qualifier = unquote(table.getName());
      return tables.getOrDefault(qualifier, qualifier);
    }

    private void add(Column column, Kind kind, String text, String predicate) {
      String table = tableOf(column);
      if (table == null) {
        return;
      }
      filters
          .computeIfAbsent(table, t -> new ArrayList<>())
          .add(new Filter(text, unquote(column.getColumnName()), kind, predicate));
    }

    /** The first column inside an expression: the one a function or operator hides. */
    private static Column firstColumn(Expression expression) {
      List<Column> columns = columns(expression);
      return columns.isEmpty() ? null : columns.get(0);
    }

    private static List<Column> columns(Expression expression) {
      List<Column> found = new ArrayList<>();
      if (expression == null) {
        return found;
      }
      expression.accept(
          new ExpressionVisitorAdapter<Void>() {
            @Override
            public <S> Void visit(Column column, S context) {
              found.add(column);
              return null;
            }
          },
          null);
      return found;
    }

    private static boolean constant(Expression e) {
      return e instanceof StringValue
          || e instanceof LongValue
          || e instanceof DoubleValue
          || e instanceof BooleanValue
          || e instanceof NullValue
          || e instanceof DateValue
          || e instanceof TimestampValue
          || (e instanceof SignedExpression signed && constant(signed.getExpression()));
    }

    private static boolean booleanLiteral(Expression e) {
      return e instanceof BooleanValue
          || (e instanceof Column c
              && (c.getColumnName().equalsIgnoreCase("true")
                  || c.getColumnName().equalsIgnoreCase("false")));
    }

    private void where(Expression e) {
      if (e == null) {
        return;
      }
      if (e instanceof AndExpression and) {
        where(and.getLeftExpression());
        where(and.getRightExpression());
      } else if (e instanceof ParenthesedExpressionList<?> group && group.size() == 1) {
        where((Expression) group.get(0));
      } else if (e instanceof NotExpression not) {
        unindexable(not.getExpression(), e);
      } else if (e instanceof NotEqualsTo notEquals) {
        unindexable(notEquals.getLeftExpression(), e);
      } else if (e instanceof EqualsTo equals) {
        equality(equals);
      } else if (e instanceof GreaterThan
          || e instanceof GreaterThanEquals
          || e instanceof MinorThan
          || e instanceof MinorThanEquals) {
        BinaryExpression comparison = (BinaryExpression) e;
        Expression left = comparison.getLeftExpression();
        Expression right = comparison.getRightExpression();
        if (left instanceof Column column) {
          add(column, Kind.RANGE, e.toString(), null);
        } else if (right instanceof Column column && columns(left).isEmpty()) {
          add(column, Kind.RANGE, e.toString(), null);
        } else {
          hidden(left, e);
        }
      } else if (e instanceof Between between) {
        if (between.getLeftExpression() instanceof Column column) {
          add(column, between.isNot() ? Kind.UNINDEXABLE : Kind.RANGE, e.toString(), null);
        } else {
          hidden(between.getLeftExpression(), e);
        }
      } else if (e instanceof InExpression in) {
        in(in);
      } else if (e instanceof IsNullExpression isNull) {
        if (isNull.getLeftExpression() instanceof Column column) {
          String bare = unquote(column.getColumnName());
          add(
              column,
              Kind.FIXED_VALUE,
              e.toString(),
              bare + (isNull.isNot() ? " IS NOT NULL" : " IS NULL"));
        } else {
          hidden(isNull.getLeftExpression(), e);
        }
      } else if (e instanceof IsBooleanExpression isBoolean) {
        if (isBoolean.getLeftExpression() instanceof Column column) {
          String bare = unquote(column.getColumnName());
          add(
              column,
              Kind.FIXED_VALUE,
              e.toString(),
              bare
                  + " IS "
                  + (isBoolean.isNot() ? "NOT " : "")
                  + (isBoolean.isTrue() ? "TRUE" : "FALSE"));
        }
      } else if (e instanceof LikeExpression like) {
        if (like.getLeftExpression() instanceof Column column) {
          boolean leadingWildcard =
              like.getRightExpression() instanceof StringValue value
                  && (value.getValue().startsWith("%") || value.getValue().startsWith("_"));
          add(
              column,
              like.isNot() || leadingWildcard ? Kind.UNINDEXABLE : Kind.RANGE,
              e.toString(),
              null);
        } else {
          hidden(like.getLeftExpression(), e);
        }
      } else if (e instanceof JsonOperator || e instanceof Contains || e instanceof ContainedBy) {
        BinaryExpression json = (BinaryExpression) e;
        if (json.getLeftExpression() instanceof Column column) {
          special(column, unquote(column.getColumnName()), SpecialKind.JSONB);
        }
      } else if (e instanceof Matches matches) {
        Expression left = matches.getLeftExpression();
        Column column = firstColumn(left);
        if (column != null) {
          special(
              column,
              left instanceof Column ? unquote(column.getColumnName()) : left.toString(),
              SpecialKind.FULL_TEXT);
        }
      } else if (e instanceof DoubleAnd overlap) {
        if (overlap.getLeftExpression() instanceof Column column) {
          special(column, unquote(column.getColumnName()), SpecialKind.ARRAY);
        }
      } else if (e instanceof Column column && !booleanLiteral(column)) {
        String bare = unquote(column.getColumnName());
        add(column, Kind.FIXED_VALUE, e.toString(), bare);
      }
    }

    private void equality(EqualsTo equals) {
      Expression left = equals.getLeftExpression();
      Expression right = equals.getRightExpression();
      if (left instanceof Column a && right instanceof Column b && !booleanLiteral(b)) {
        join(a, b);
        return;
      }
      if (!(left instanceof Column) && right instanceof Column && columns(left).isEmpty()) {
        Expression swap = left;
        left = right;
        right = swap;
      }
      if (right instanceof Function any
          && any.getName() != null
          && any.getName().equalsIgnoreCase("ANY")
          && columns(left).isEmpty()) {
        Column array = firstColumn(right);
        if (array != null) {
          special(array, unquote(array.getColumnName()), SpecialKind.ARRAY);
        }
        return;
      }
      if (left instanceof Column column) {
        String bare = unquote(column.getColumnName());
        boolean fixed =
            constant(right)
                && (booleanLiteral(right) || IndexingStrategy.cardinality(bare) == Cardinality.LOW);
        add(
            column,
            fixed ? Kind.FIXED_VALUE : Kind.EQUALITY,
            equals.toString(),
            fixed ? bare + " = " + right : null);
        return;
      }
      hidden(left, equals);
    }

    private void in(InExpression in) {
      // JSqlParser 5.3 reads "a IN (1, 2) AND b = ?" as a IN ((1, 2) AND b = ?): split the
      // conditions that follow the list back off and read them on their own.
      Expression right = in.getRightExpression();
      List<Expression> following = new ArrayList<>();
      while (right instanceof AndExpression and) {
        following.add(0, and.getRightExpression());
        right = and.getLeftExpression();
      }
      if (right instanceof OrExpression) {
        return;
      }
      in(in, right);
      following.forEach(this::where);
    }

    private void in(InExpression in, Expression right) {
      Expression left = in.getLeftExpression();
      String text = left + (in.isNot() ? " NOT IN " : " IN ") + right;
      if (!(left instanceof Column column)) {
        Column hiddenColumn = firstColumn(left);
        if (hiddenColumn != null) {
          add(hiddenColumn, Kind.FUNCTION, text, null);
        }
        return;
      }
      if (in.isNot()) {
        add(column, Kind.UNINDEXABLE, text, null);
        return;
      }
      if (right instanceof ParenthesedSelect sub) {
        nested.addAll(new SqlReader(name + " (subquery)", perSecond).read(sub.getSelect()));
        add(column, Kind.EQUALITY, text, null);
        return;
      }
      String bare = unquote(column.getColumnName());
      boolean constants =
          right instanceof ExpressionList<?> list
              && !list.isEmpty()
              && list.stream().allMatch(x -> constant((Expression) x));
      boolean fixed = constants && IndexingStrategy.cardinality(bare) == Cardinality.LOW;
      add(
          column,
          fixed ? Kind.FIXED_VALUE : Kind.EQUALITY,
          text,
          fixed ? bare + " IN " + right : null);
    }

    /** A column wrapped in a function, cast or operator: no plain index on it is used. */
    private void hidden(Expression wrapper, Expression condition) {
      Column column = firstColumn(wrapper);
      if (column != null) {
        add(column, Kind.FUNCTION, condition.toString(), null);
      }
    }

    private void unindexable(Expression inner, Expression condition) {
      Column column = firstColumn(inner);
      if (column != null) {
        add(column, Kind.UNINDEXABLE, condition.toString(), null);
      }
    }

    private void join(Column a, Column b) {
      String tableA = tableOf(a);
      String tableB = tableOf(b);
      String columnA = unquote(a.getColumnName());
      String columnB = unquote(b.getColumnName());
      if (tableA == null || tableB == null) {
        return;
      }
      if (!columnA.equals("id")) {
        joins.add(new Join(tableA, columnA, columnB.equals("id") ? tableB : null));
      }
      if (!columnB.equals("id")) {
        joins.add(new Join(tableB, columnB, columnA.equals("id") ? tableA : null));
      }
    }

    private void special(Column column, String expression, SpecialKind kind) {
      String table = tableOf(column);
      if (table != null) {
        specials.add(new Special(table, expression, kind));
      }
    }

    private void projection(List<SelectItem<?>> items) {
      if (items == null) {
        return;
      }
      for (SelectItem<?> item : items) {
        Expression expression = item.getExpression();
        if (expression instanceof AllTableColumns all) {
          String qualifier = unquote(all.getTable().getName());
          if (main != null && main.equals(tables.getOrDefault(qualifier, qualifier))) {
            star = true;
          }
        } else if (expression instanceof AllColumns) {
          star = true;
        } else {
          for (Column column : columns(expression)) {
            if (main != null && main.equals(tableOf(column))) {
              projection.add(unquote(column.getColumnName()));
            }
          }
        }
      }
    }

    private void orderBy(List<OrderByElement> elements) {
      if (elements == null) {
        return;
      }
      for (OrderByElement element : elements) {
        Expression expression = element.getExpression();
        if (expression instanceof Column column) {
          if (main != null && main.equals(tableOf(column))) {
            orderBy.add(unquote(column.getColumnName()));
          }
        } else if (expression instanceof CosineSimilarity distance
            && distance.getLeftExpression() instanceof Column column) {
          special(column, unquote(column.getColumnName()), SpecialKind.VECTOR_COSINE);
        } else if (expression instanceof GeometryDistance distance
            && distance.getLeftExpression() instanceof Column column) {
          special(
              column,
              unquote(column.getColumnName()),
              "<#>".equals(distance.getStringExpression())
                  ? SpecialKind.VECTOR_INNER_PRODUCT
                  : SpecialKind.VECTOR_L2);
        }
      }
    }

    static String unquote(String identifier) {
      String name = identifier == null ? "" : identifier.strip();
      if (name.length() > 1
          && (name.startsWith("\"") || name.startsWith("`") || name.startsWith("["))) {
        name = name.substring(1, name.length() - 1);
      }
      if (name.contains(".")) {
        name = name.substring(name.lastIndexOf('.') + 1);
      }
      return name.toLowerCase(Locale.ROOT);
    }
  }
}
