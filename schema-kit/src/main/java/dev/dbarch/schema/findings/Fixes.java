package dev.dbarch.schema.findings;

import dev.dbarch.contracts.schema.SchemaSnapshot.Column;
import dev.dbarch.contracts.schema.SchemaSnapshot.Index;
import dev.dbarch.contracts.schema.SchemaSnapshot.Sequence;
import dev.dbarch.contracts.schema.SchemaSnapshot.Table;
import dev.dbarch.schema.Snapshots;
import dev.dbarch.schema.SqlTypes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The text of the fixes, in the snapshot's dialect. Every statement here is executed by the tests
 * on PostgreSQL 15 and 17 against a database holding rows ({@code FixesRunTest}): the forms chosen
 * are those that work there, for plain tables, partitioned tables and inheritance families.
 */
public final class Fixes {

  /** PostgreSQL's limit on identifier length, in bytes (NAMEDATALEN - 1). */
  private static final int PG_MAX_NAME_BYTES = 63;

  private final boolean postgres;
  private final RuleContext context;

  Fixes(boolean postgres, RuleContext context) {
    this.postgres = postgres;
    this.context = context;
  }

  // ------------------------------------------------------------------------ names

  public String ident(String name) {
    if (name == null) {
      return "";
    }
    if (postgres) {
      return name.matches("[a-z_][a-z0-9_$]*") && !RESERVED.contains(name)
          ? name
          : "\"" + name.replace("\"", "\"\"") + "\"";
    }
    return name.matches("[A-Za-z0-9_$]+") && !RESERVED.contains(name.toLowerCase(Locale.ROOT))
        ? name
        : "`" + name.replace("`", "``") + "`";
  }

  public String table(Table t) {
    return t.schema() == null || t.schema().isEmpty()
        ? ident(t.name())
        : ident(t.schema()) + "." + ident(t.name());
  }

  private String inSchema(Table t, String name) {
    return t.schema() == null ? ident(name) : ident(t.schema()) + "." + ident(name);
  }

  public String columns(List<String> columns) {
    return String.join(", ", columns.stream().map(this::ident).toList());
  }

  /** A name PostgreSQL keeps as written: at most 63 bytes, cut on a character boundary. */
  static String truncate(String name) {
    byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= PG_MAX_NAME_BYTES) {
      return name;
    }
    int end = name.length();
    while (name.substring(0, end).getBytes(StandardCharsets.UTF_8).length > PG_MAX_NAME_BYTES) {
      end--;
    }
    return name.substring(0, end);
  }

  /** {@code idx_<table>_<columns>}, lower case, within the length limit. */
  static String indexName(Table t, List<String> columns) {
    String name = "idx_" + t.name() + "_" + String.join("_", columns);
    return truncate(name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_"));
  }

  /** A new column name for the table: the first of the candidates it does not have. */
  private static String freeColumn(Table t, String... candidates) {
    for (String c : candidates) {
      if (Snapshots.column(t, c).isEmpty()) {
        return c;
      }
    }
    return candidates[candidates.length - 1] + "_" + t.columns().size();
  }

  // ------------------------------------------------------------------------ indexes

  public String createIndex(Table t, String indexName, List<String> columns) {
    if (!postgres) {
      return "ALTER TABLE %s ADD INDEX %s (%s);"
          .formatted(table(t), ident(indexName), columns(columns));
    }
    if (t.partitionKey() != null) {
      return ("CREATE INDEX %s ON %s (%s); -- CONCURRENTLY is not available on a partitioned"
              + " table: to avoid the lock, create the index ON ONLY the parent, build it"
              + " concurrently on each partition and ATTACH those")
          .formatted(ident(indexName), table(t), columns(columns));
    }
    return "CREATE INDEX CONCURRENTLY %s ON %s (%s);"
        .formatted(ident(indexName), table(t), columns(columns));
  }

  public String dropIndex(Table t, Index i) {
    if (context.isConstraint(t, i)) {
      return "ALTER TABLE %s DROP CONSTRAINT %s;".formatted(table(t), ident(i.name()));
    }
    if (!postgres) {
      return "ALTER TABLE %s DROP INDEX %s;".formatted(table(t), ident(i.name()));
    }
    return t.partitionKey() != null
        ? "DROP INDEX %s;".formatted(inSchema(t, i.name()))
        : "DROP INDEX CONCURRENTLY %s;".formatted(inSchema(t, i.name()));
  }

  public String rebuildIndex(Table t, Index i) {
    String qualified = inSchema(t, i.name());
    return "REINDEX INDEX CONCURRENTLY %s; -- or DROP INDEX CONCURRENTLY %s; if it is not needed"
        .formatted(qualified, qualified);
  }

  // ------------------------------------------------------------------------ primary keys

  private String pkName(Table t) {
    return truncate(t.name() + "_pkey");
  }

  public String promoteToPrimaryKey(Table t, Index i) {
    if (postgres && t.partitionKey() == null) {
      return "ALTER TABLE %s ADD CONSTRAINT %s PRIMARY KEY USING INDEX %s;"
          .formatted(table(t), ident(pkName(t)), ident(i.name()));
    }
    // A partitioned table cannot take a constraint USING INDEX; its unique index already holds
    // the partition key, so a primary key on the same columns is accepted.
    return addPrimaryKey(t, i.columns());
  }

  public String addPrimaryKey(Table t, List<String> columns) {
    List<String> cols = new ArrayList<>(columns);
    for (String p : partitionColumns(t)) {
      if (!cols.contains(p)) {
        cols.add(p);
      }
    }
    return "ALTER TABLE %s ADD PRIMARY KEY (%s);".formatted(table(t), columns(cols));
  }

  /**
   * A new key column filled for every existing row. On PostgreSQL a plain table gets an identity
   * column; a partitioned table or an inheritance parent gets a bigint column fed by a sequence
   * instead, because PostgreSQL before 17 refuses to add an identity column recursively, and
   * partitions and inheritance children receive the column (and its values) from the parent.
   */
  public String addGeneratedPrimaryKey(Table t, List<Table> childrenWithoutKey) {
    if (!postgres) {
      return "ALTER TABLE %s ADD COLUMN id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY FIRST;"
          .formatted(table(t));
    }
    String column = freeColumn(t, "id", t.name() + "_id", "row_id");
    boolean family = t.partitionKey() != null || !context.descendants(t).isEmpty();
    if (!family) {
      return "ALTER TABLE %s ADD COLUMN %s bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;"
          .formatted(table(t), ident(column));
    }
    String sequence = inSchema(t, truncate(t.name() + "_" + column + "_seq"));
    List<String> parts = new ArrayList<>();
    parts.add("CREATE SEQUENCE %s AS bigint;".formatted(sequence));
    parts.add(
        "ALTER TABLE %s ADD COLUMN %s bigint NOT NULL DEFAULT nextval('%s');"
            .formatted(table(t), ident(column), sequence.replace("'", "''")));
    parts.add("ALTER SEQUENCE %s OWNED BY %s.%s;".formatted(sequence, table(t), ident(column)));
    parts.add(addPrimaryKey(t, List.of(column)));
    if (t.partitionKey() == null) {
      // Inheritance children get the column from the parent, but never its primary key.
      for (Table child : childrenWithoutKey) {
        parts.add("ALTER TABLE %s ADD PRIMARY KEY (%s);".formatted(table(child), ident(column)));
      }
    }
    return String.join(" ", parts);
  }

  /** Inheritance children lack the parent's key: each gets one on the same columns. */
  public String addPrimaryKeys(List<Table> children, List<String> columns) {
    List<String> parts = new ArrayList<>();
    for (Table child : children) {
      parts.add("ALTER TABLE %s ADD PRIMARY KEY (%s);".formatted(table(child), columns(columns)));
    }
    return String.join(" ", parts);
  }

  /** The plain columns of a {@code RANGE (a, b)} partition key. */
  List<String> partitionColumns(Table t) {
    if (t.partitionKey() == null) {
      return List.of();
    }
    int open = t.partitionKey().indexOf('(');
    int close = t.partitionKey().lastIndexOf(')');
    if (open < 0 || close < open) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String part : t.partitionKey().substring(open + 1, close).split(",")) {
      String p = part.strip().replace("\"", "").replace("`", "");
      if (p.matches("[\\p{L}_][\\p{L}0-9_$]*")) {
        out.add(p);
      }
    }
    return out;
  }

  public String replicaIdentityFull(Table t) {
    return "ALTER TABLE %s REPLICA IDENTITY FULL;".formatted(table(t));
  }

  // ------------------------------------------------------------------------ constraints

  public String addForeignKey(Table t, String column, Table target, String targetColumn) {
    String name = truncate(t.name() + "_" + column + "_fkey");
    if (!postgres) {
      return "ALTER TABLE %s ADD CONSTRAINT %s FOREIGN KEY (%s) REFERENCES %s (%s);"
          .formatted(table(t), ident(name), ident(column), table(target), ident(targetColumn));
    }
    if (t.partitionKey() != null) {
      // PostgreSQL before 18 refuses NOT VALID foreign keys on partitioned tables.
      return "ALTER TABLE %s ADD CONSTRAINT %s FOREIGN KEY (%s) REFERENCES %s (%s);"
          .formatted(table(t), ident(name), ident(column), table(target), ident(targetColumn));
    }
    return ("ALTER TABLE %s ADD CONSTRAINT %s FOREIGN KEY (%s) REFERENCES %s (%s) NOT VALID;"
            + " ALTER TABLE %s VALIDATE CONSTRAINT %s;")
        .formatted(
            table(t),
            ident(name),
            ident(column),
            table(target),
            ident(targetColumn),
            table(t),
            ident(name));
  }

  public String validateConstraint(Table t, String constraint) {
    return "ALTER TABLE %s VALIDATE CONSTRAINT %s;".formatted(table(t), ident(constraint));
  }

  /**
   * Makes NULLs count as equal in a unique key (PostgreSQL 15+), which keeps the rows already
   * there; the alternative, {@code SET NOT NULL}, needs the NULLs filled first.
   */
  public String nullsNotDistinct(
      Table t, String key, List<String> keyColumns, List<Column> nullable) {
    if (!postgres) {
      List<String> parts = new ArrayList<>();
      for (Column c : nullable) {
        parts.add(
            "ALTER TABLE %s MODIFY %s %s NOT NULL;".formatted(table(t), ident(c.name()), c.type()));
      }
      return String.join(" ", parts);
    }
    String notNull =
        String.join(
            " ",
            nullable.stream()
                .map(
                    c ->
                        "ALTER TABLE %s ALTER COLUMN %s SET NOT NULL;"
                            .formatted(table(t), ident(c.name())))
                .toList());
    boolean constraint = t.uniqueConstraints().stream().anyMatch(u -> u.name().equals(key));
    String fix;
    if (constraint) {
      fix =
          "ALTER TABLE %s DROP CONSTRAINT %s, ADD CONSTRAINT %s UNIQUE NULLS NOT DISTINCT (%s);"
              .formatted(table(t), ident(key), ident(key), columns(keyColumns));
    } else {
      String replacement = truncate(key + "_nnd");
      fix =
          ("CREATE UNIQUE INDEX CONCURRENTLY %s ON %s (%s) NULLS NOT DISTINCT;"
                  + " DROP INDEX CONCURRENTLY %s; ALTER INDEX %s RENAME TO %s;")
              .formatted(
                  ident(replacement),
                  table(t),
                  columns(keyColumns),
                  inSchema(t, key),
                  inSchema(t, replacement),
                  ident(key));
    }
    return fix + " -- PostgreSQL 15+; or, once no row holds a NULL there: " + notNull;
  }

  public String dropColumn(Table t, Column c) {
    return "ALTER TABLE %s DROP COLUMN %s;".formatted(table(t), ident(c.name()));
  }

  // ------------------------------------------------------------------------ types

  public String alterColumnType(Table t, Column c, String type) {
    return alterColumnType(t, c, type, null);
  }

  /** With {@code USING expression} when no implicit cast leads from the old type to the new. */
  public String alterColumnType(Table t, Column c, String type, String using) {
    if (postgres && using != null) {
      return "ALTER TABLE %s ALTER COLUMN %s TYPE %s USING %s;"
          .formatted(table(t), ident(c.name()), type, using.replace("$column", ident(c.name())));
    }
    if (!postgres) {
      return "ALTER TABLE %s MODIFY %s %s%s;"
          .formatted(table(t), ident(c.name()), type, c.nullable() ? "" : " NOT NULL");
    }
    return "ALTER TABLE %s ALTER COLUMN %s TYPE %s;".formatted(table(t), ident(c.name()), type);
  }

  public static String rewriteNote() {
    return " -- changing a column type rewrites the table under an exclusive lock: on a large"
        + " table add a new column, backfill it in batches and swap it in instead";
  }

  public String widenSequence(Sequence s, RuleContext.Fed fed) {
    String seq = s.schema() == null ? ident(s.name()) : ident(s.schema()) + "." + ident(s.name());
    if (!postgres) {
      if (fed == null) {
        return "Widen the AUTO_INCREMENT column to BIGINT UNSIGNED.";
      }
      return "ALTER TABLE %s MODIFY %s BIGINT UNSIGNED NOT NULL AUTO_INCREMENT; -- rebuilds the table: use an online schema change tool on large tables"
          .formatted(table(fed.table()), ident(fed.column().name()));
    }
    List<String> parts = new ArrayList<>();
    if (fed != null) {
      OptionalLong colMax = SqlTypes.integerMax(fed.column().type());
      if (colMax.isPresent() && colMax.getAsLong() < Long.MAX_VALUE) {
        parts.add(alterColumnType(fed.table(), fed.column(), "bigint"));
      }
    }
    OptionalLong seqMax = SqlTypes.integerMax(s.dataType());
    if (seqMax.isPresent() && seqMax.getAsLong() < Long.MAX_VALUE) {
      parts.add("ALTER SEQUENCE %s AS bigint;".formatted(seq));
    }
    return String.join(" ", parts) + rewriteNote();
  }

  /** Words that must be quoted as identifiers in either dialect (a practical subset). */
  private static final Set<String> RESERVED =
      Set.of(
          """
          all analyse analyze and any array as asc both case cast check collate column constraint
          create default desc distinct do else end except false for foreign from grant group
          having in index into is join key leading limit not null offset on only or order primary
          references select table then to true union unique user using when where with
          """
              .strip()
              .split("\\s+"));
}
