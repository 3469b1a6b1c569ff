package dev.dbarch.workload.advice;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An index worth trying: its table and keys, the statements it should serve (to cost it on) and the
 * time those statements take, which ranks it.
 *
 * @param table {@code schema.table} when the schema is known, else the table's name
 * @param keys key columns or expressions in order
 * @param statements SQL texts it is costed on, heaviest first
 * @param servesMillis total execution time of the statements it serves
 * @param sources where it came from: {@code statement}, {@code plan}, {@code access pattern}
 */
public record Candidate(
    String table,
    List<String> keys,
    List<String> statements,
    double servesMillis,
    List<String> sources) {

  public Candidate {
    keys = List.copyOf(keys);
    statements = List.copyOf(Objects.requireNonNullElse(statements, List.of()));
    sources = List.copyOf(Objects.requireNonNullElse(sources, List.of()));
  }

  /** A name within PostgreSQL's 63 bytes: {@code orders_customer_id_status_idx}. */
  public String indexName() {
    String bare = table.contains(".") ? table.substring(table.lastIndexOf('.') + 1) : table;
    StringBuilder name = new StringBuilder(identifierPart(bare));
    for (String key : keys) {
      name.append('_').append(identifierPart(key));
    }
    String base = name.toString().replaceAll("_+", "_");
    if (base.length() > 59) {
      base = base.substring(0, 59);
    }
    return base + "_idx";
  }

  /** The statement to run: built without blocking writes, as production needs it. */
  public String createSql() {
    return "CREATE INDEX CONCURRENTLY " + indexName() + " ON " + table + " (" + keyList() + ")";
  }

  /** MySQL and MariaDB build secondary InnoDB indexes online by default. */
  public String createSqlMySql() {
    return "ALTER TABLE " + table + " ADD INDEX " + indexName() + " (" + keyList() + ")";
  }

  /** The form HypoPG's {@code hypopg_create_index} takes. */
  public String hypotheticalSql() {
    return "CREATE INDEX ON " + table + " (" + keyList() + ")";
  }

  public String keyList() {
    return keys.stream().map(Candidate::keySql).reduce((a, b) -> a + ", " + b).orElse("");
  }

  /** An expression key needs its own parentheses; a column does not. */
  private static String keySql(String key) {
    return key.contains("(") ? "(" + key + ")" : key;
  }

  private static String identifierPart(String text) {
    return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
  }
}
