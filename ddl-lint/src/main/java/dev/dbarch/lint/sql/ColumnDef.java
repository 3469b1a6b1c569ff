package dev.dbarch.lint.sql;

/**
 * A column definition in {@code CREATE TABLE}, {@code ADD COLUMN} or MySQL's {@code MODIFY}/{@code
 * CHANGE}.
 *
 * @param defaultExpression the {@code DEFAULT} expression's text, or null
 * @param generatedStored a {@code GENERATED ALWAYS AS (…) STORED} column (MySQL: {@code STORED})
 * @param identity a {@code GENERATED … AS IDENTITY} column
 * @param autoIncrement MySQL's {@code AUTO_INCREMENT}
 * @param references the table a {@code REFERENCES} clause names, or null
 * @param check a column {@code CHECK} expression, or null
 * @param position MySQL's {@code FIRST} or {@code AFTER col}, or null
 * @param generation the expression of a generated column, or null
 */
public record ColumnDef(
    String name,
    TypeName type,
    boolean notNull,
    String defaultExpression,
    boolean generatedStored,
    boolean generatedVirtual,
    boolean identity,
    boolean autoIncrement,
    boolean primaryKey,
    boolean unique,
    Name references,
    String check,
    String position,
    String generation) {

  /**
   * A {@code serial}, {@code bigserial}, identity or auto-increment column: filled by a counter.
   */
  public boolean counterFilled() {
    return identity
        || autoIncrement
        || type != null && type.is("serial", "bigserial", "smallserial");
  }
}
