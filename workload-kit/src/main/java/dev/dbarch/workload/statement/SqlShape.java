package dev.dbarch.workload.statement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.AnyComparisonExpression;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.JdbcNamedParameter;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.ComparisonOperator;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.Limit;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.update.Update;

/**
 * What a statement does to which tables, as far as the diagnoses need it: the tables it reads, the
 * columns its conditions test (and whether a function wraps them), its sort columns, whether it
 * selects {@code *}, and its {@code LIMIT}/{@code OFFSET}. Statements the parser cannot read come
 * back with {@link #parsed()} false and nothing else, never an exception.
 *
 * @param tables the tables of the top-level query, in the order written
 * @param predicates the column tests of the WHERE clause and the join conditions
 * @param orderBy the sort expressions, as written
 * @param starTables tables whose every column is selected ({@code *} or {@code t.*})
 * @param offset the OFFSET value when it is a literal
 * @param offsetParameter whether OFFSET is a parameter (its size is not known)
 */
public record SqlShape(
    boolean parsed,
    Kind kind,
    List<TableRef> tables,
    List<Predicate> predicates,
    List<String> orderBy,
    List<String> starTables,
    Long limit,
    Long offset,
    boolean offsetParameter) {

  public SqlShape {
    tables = List.copyOf(Objects.requireNonNullElse(tables, List.of()));
    predicates = List.copyOf(Objects.requireNonNullElse(predicates, List.of()));
    orderBy = List.copyOf(Objects.requireNonNullElse(orderBy, List.of()));
    starTables = List.copyOf(Objects.requireNonNullElse(starTables, List.of()));
  }

  public enum Kind {
    SELECT,
    UPDATE,
    DELETE,
    INSERT,
    OTHER
  }

  /** How a predicate compares its column. */
  public enum Operator {
    EQUALS,
    IN,
    RANGE,
    LIKE,
    IS_NULL,
    NOT_EQUALS,
    JOIN
  }

  /** A table as written: {@code schema} may be null, {@code alias} is the name when absent. */
  public record TableRef(String schema, String name, String alias) {
    public String qualifiedName() {
      return schema == null ? name : schema + "." + name;
    }
  }

  /**
   * A column test.
   *
   * @param table the table the column belongs to, when it can be told (qualified, or the only
   *     table)
   * @param column the column, lower-cased
   * @param function the function wrapping the column ({@code lower}, {@code date}, {@code cast}),
   *     or null when the column is compared as it is
   * @param expression the tested expression as written, e.g. {@code lower(email)}
   * @param joinedTo for a join condition, the other side's {@code table.column}
   */
  public record Predicate(
      String table,
      String column,
      Operator operator,
      String function,
      String expression,
      String joinedTo) {}

  private static final Pattern POSITIONAL = Pattern.compile("\\$\\d+");
  private static final SqlShape UNPARSED =
      new SqlShape(false, Kind.OTHER, null, null, null, null, null, null, false);

  /** Whether the statement selects every column of some table. */
  public boolean selectsStar() {
    return !starTables.isEmpty();
  }

  /** The predicates on one table ({@code name} unqualified, case-insensitive). */
  public List<Predicate> predicatesOn(String tableName) {
    return predicates.stream()
        .filter(p -> p.table() != null && p.table().equalsIgnoreCase(tableName))
        .toList();
  }

  /**
   * One parser thread for every parse (JSqlParser enforces its time limit on a separate thread;
   * creating one per statement costs more than the parse).
   */
  private static final java.util.concurrent.ExecutorService PARSER =
      java.util.concurrent.Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "sql-shape-parser");
            t.setDaemon(true);
            return t;
          });

  /** Recent shapes by text: the diagnoses read the same statements and filters many times. */
  private static final Map<String, SqlShape> RECENT =
      java.util.Collections.synchronizedMap(
          new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, SqlShape> eldest) {
              return size() > 4_096;
            }
          });

  public static SqlShape of(String sql) {
    if (sql == null || sql.isBlank()) {
      return UNPARSED;
    }
    SqlShape known = RECENT.get(sql);
    if (known != null) {
      return known;
    }
    SqlShape shape = parse(sql);
    RECENT.put(sql, shape);
    return shape;
  }

  private static SqlShape parse(String sql) {
    String text = POSITIONAL.matcher(sql.strip()).replaceAll("?");
    if (text.endsWith(";")) {
      text = text.substring(0, text.length() - 1);
    }
    Statement statement;
    try {
      statement = CCJSqlParserUtil.parse(text, PARSER, parser -> parser.withTimeOut(2_000));
    } catch (JSQLParserException | RuntimeException e) {
      return UNPARSED;
    }
    try {
      return read(statement);
    } catch (RuntimeException e) {
      return UNPARSED;
    }
  }

  private static SqlShape read(Statement statement) {
    Reader reader = new Reader();
    if (statement instanceof Select select) {
      if (!(select instanceof PlainSelect plain)) {
        return UNPARSED;
      }
      reader.from(plain.getFromItem());
      if (plain.getJoins() != null) {
        for (Join join : plain.getJoins()) {
          reader.from(join.getRightItem());
        }
      }
      if (plain.getJoins() != null) {
        for (Join join : plain.getJoins()) {
          for (Expression on : join.getOnExpressions()) {
            reader.condition(on);
          }
        }
      }
      reader.condition(plain.getWhere());
      for (SelectItem<?> item : plain.getSelectItems()) {
        if (item.getExpression() instanceof AllTableColumns all) {
          reader.star(all.getTable().getName());
        } else if (item.getExpression() instanceof AllColumns) {
          reader.tables.values().forEach(t -> reader.starTables.add(t.qualifiedName()));
        }
      }
      List<String> orderBy = new ArrayList<>();
      if (plain.getOrderByElements() != null) {
        for (OrderByElement element : plain.getOrderByElements()) {
          orderBy.add(element.toString());
        }
      }
      Long limit = null;
      Long offset = null;
      boolean offsetParameter = false;
      Limit l = plain.getLimit();
      if (l != null) {
        limit = literal(l.getRowCount());
        if (l.getOffset() != null) {
          offset = literal(l.getOffset());
          offsetParameter = isParameter(l.getOffset());
        }
      }
      if (plain.getOffset() != null && plain.getOffset().getOffset() != null) {
        offset = literal(plain.getOffset().getOffset());
        offsetParameter = isParameter(plain.getOffset().getOffset());
      }
      if (limit == null && plain.getFetch() != null) {
        limit = plain.getFetch().getRowCount();
      }
      return new SqlShape(
          true,
          Kind.SELECT,
          List.copyOf(reader.tables.values()),
          reader.predicates,
          orderBy,
          reader.starTables,
          limit,
          offset,
          offsetParameter);
    }
    if (statement instanceof Update update) {
      reader.from(update.getTable());
      reader.condition(update.getWhere());
      return new SqlShape(
          true,
          Kind.UPDATE,
          List.copyOf(reader.tables.values()),
          reader.predicates,
          null,
          null,
          null,
          null,
          false);
    }
    if (statement instanceof Delete delete) {
      reader.from(delete.getTable());
      reader.condition(delete.getWhere());
      return new SqlShape(
          true,
          Kind.DELETE,
          List.copyOf(reader.tables.values()),
          reader.predicates,
          null,
          null,
          null,
          null,
          false);
    }
    if (statement instanceof net.sf.jsqlparser.statement.insert.Insert insert) {
      reader.from(insert.getTable());
      return new SqlShape(
          true,
          Kind.INSERT,
          List.copyOf(reader.tables.values()),
          null,
          null,
          null,
          null,
          null,
          false);
    }
    return new SqlShape(true, Kind.OTHER, null, null, null, null, null, null, false);
  }

  private static Long literal(Expression expression) {
    return expression instanceof LongValue value ? value.getValue() : null;
  }

  private static boolean isParameter(Expression expression) {
    return expression instanceof JdbcParameter || expression instanceof JdbcNamedParameter;
  }

  /** Walks the FROM and WHERE of one statement. */
  private static final class Reader {
    final Map<String, TableRef> tables = new LinkedHashMap<>();
    final List<Predicate> predicates = new ArrayList<>();
    final List<String> starTables = new ArrayList<>();

    void from(FromItem item) {
      if (item instanceof Table table) {
        String name = unquote(table.getName());
        String schema = table.getSchemaName() == null ? null : unquote(table.getSchemaName());
        String alias = table.getAlias() == null ? name : unquote(table.getAlias().getName());
        tables.put(alias.toLowerCase(Locale.ROOT), new TableRef(schema, name, alias));
      }
    }

    void star(String aliasOrName) {
      TableRef ref = tables.get(unquote(aliasOrName).toLowerCase(Locale.ROOT));
      if (ref != null) {
        starTables.add(ref.qualifiedName());
      }
    }

    void condition(Expression expression) {
      if (expression == null) {
        return;
      }
      if (expression instanceof AndExpression and) {
        condition(and.getLeftExpression());
        condition(and.getRightExpression());
      } else if (expression instanceof OrExpression or) {
        condition(or.getLeftExpression());
        condition(or.getRightExpression());
      } else if (expression instanceof Parenthesis parenthesis) {
        condition(parenthesis.getExpression());
      } else if (expression instanceof ParenthesedExpressionList<?> list && list.size() == 1) {
        condition(list.get(0));
      } else if (expression instanceof NotExpression not) {
        condition(not.getExpression());
      } else if (expression instanceof ComparisonOperator comparison) {
        comparison(comparison);
      } else if (expression instanceof InExpression in) {
        test(in.getLeftExpression(), Operator.IN);
      } else if (expression instanceof Between between) {
        test(between.getLeftExpression(), Operator.RANGE);
      } else if (expression instanceof LikeExpression like) {
        test(like.getLeftExpression(), Operator.LIKE);
      } else if (expression instanceof IsNullExpression isNull) {
        test(isNull.getLeftExpression(), Operator.IS_NULL);
      }
    }

    private void comparison(BinaryExpression comparison) {
      Expression left = comparison.getLeftExpression();
      Expression right = comparison.getRightExpression();
      Optional<Column> leftColumn = bareColumn(left);
      Optional<Column> rightColumn = bareColumn(right);
      if (comparison instanceof EqualsTo && leftColumn.isPresent() && rightColumn.isPresent()) {
        String leftTable = tableOf(leftColumn.get());
        String rightTable = tableOf(rightColumn.get());
        if (leftTable != null && rightTable != null && !leftTable.equals(rightTable)) {
          predicates.add(join(leftColumn.get(), leftTable, rightColumn.get(), rightTable));
          predicates.add(join(rightColumn.get(), rightTable, leftColumn.get(), leftTable));
          return;
        }
      }
      Operator operator =
          comparison instanceof EqualsTo
              ? Operator.EQUALS
              : comparison instanceof NotEqualsTo ? Operator.NOT_EQUALS : Operator.RANGE;
      if (right instanceof AnyComparisonExpression) {
        operator = Operator.IN;
      }
      if (!test(left, operator)) {
        test(right, operator);
      }
    }

    private Predicate join(Column column, String table, Column other, String otherTable) {
      return new Predicate(
          table,
          lower(column.getColumnName()),
          Operator.JOIN,
          null,
          lower(column.getColumnName()),
          otherTable + "." + lower(other.getColumnName()));
    }

    /** Records a test of a column (bare or wrapped in a function); false when there is none. */
    private boolean test(Expression side, Operator operator) {
      Optional<Column> bare = bareColumn(side);
      if (bare.isPresent()) {
        predicates.add(
            new Predicate(
                tableOf(bare.get()),
                lower(bare.get().getColumnName()),
                operator,
                null,
                lower(bare.get().getColumnName()),
                null));
        return true;
      }
      Optional<Wrapped> wrapped = wrapped(side);
      if (wrapped.isPresent()) {
        Column column = wrapped.get().column();
        predicates.add(
            new Predicate(
                tableOf(column),
                lower(column.getColumnName()),
                operator,
                wrapped.get().function(),
                expressionText(side),
                null));
        return true;
      }
      return false;
    }

    private record Wrapped(String function, Column column) {}

    private static Optional<Column> bareColumn(Expression expression) {
      Expression inner = expression;
      while (inner instanceof Parenthesis || inner instanceof ParenthesedExpressionList<?>) {
        if (inner instanceof Parenthesis p) {
          inner = p.getExpression();
        } else if (inner instanceof ParenthesedExpressionList<?> list && list.size() == 1) {
          inner = list.get(0);
        } else {
          break;
        }
      }
      if (inner instanceof Column column && !isKeyword(column)) {
        return Optional.of(column);
      }
      return Optional.empty();
    }

    /** A column inside a one-argument function or a cast: {@code lower(email)}, {@code d::date}. */
    private static Optional<Wrapped> wrapped(Expression expression) {
      if (expression instanceof Function function
          && function.getParameters() != null
          && !function.getParameters().isEmpty()) {
        for (Object parameter : function.getParameters()) {
          if (parameter instanceof Expression argument) {
            Optional<Column> column = bareColumn(argument);
            if (column.isPresent()) {
              return Optional.of(
                  new Wrapped(function.getName().toLowerCase(Locale.ROOT), column.get()));
            }
          }
        }
      }
      if (expression instanceof CastExpression cast) {
        return bareColumn(cast.getLeftExpression()).map(c -> new Wrapped("cast", c));
      }
      if (expression instanceof ParenthesedExpressionList<?> list && list.size() == 1) {
        return wrapped(list.get(0));
      }
      return Optional.empty();
    }

    private static String expressionText(Expression expression) {
      return expression.toString().toLowerCase(Locale.ROOT);
    }

    private static boolean isKeyword(Column column) {
      String name = column.getColumnName().toLowerCase(Locale.ROOT);
      return column.getTable() == null
          && (name.equals("true")
              || name.equals("false")
              || name.equals("current_date")
              || name.equals("current_timestamp")
              || name.equals("now"));
    }

    private String tableOf(Column column) {
      Table table = column.getTable();
      if (table != null && table.getName() != null) {
        TableRef ref = tables.get(unquote(table.getName()).toLowerCase(Locale.ROOT));
        return ref == null ? unquote(table.getName()) : ref.name();
      }
      return tables.size() == 1 ? tables.values().iterator().next().name() : null;
    }
  }

  private static String lower(String name) {
    return unquote(name).toLowerCase(Locale.ROOT);
  }

  private static String unquote(String name) {
    if (name != null && name.length() > 1 && (name.startsWith("\"") || name.startsWith("`"))) {
      return name.substring(1, name.length() - 1);
    }
    return name;
  }
}
