package dev.dbarch.lint.sql;

/** One action of an {@code ALTER TABLE}. */
public sealed interface AlterAction {

  record AddColumn(ColumnDef column, boolean ifNotExists) implements AlterAction {}

  record DropColumn(String column, boolean ifExists, boolean cascade) implements AlterAction {}

  /**
   * A type change: PostgreSQL {@code ALTER COLUMN c TYPE t [USING …]}; MySQL {@code MODIFY} or
   * {@code CHANGE} (then {@code newName} may differ and the whole definition is restated).
   */
  record AlterColumnType(
      String column, String newName, TypeName type, String using, ColumnDef restated)
      implements AlterAction {}

  record SetNotNull(String column) implements AlterAction {}

  record DropNotNull(String column) implements AlterAction {}

  record SetDefault(String column, String expression) implements AlterAction {}

  record DropDefault(String column) implements AlterAction {}

  record AddIdentity(String column) implements AlterAction {}

  /** {@code ALTER COLUMN c DROP EXPRESSION}: a generated column becomes a plain one. */
  record DropExpression(String column) implements AlterAction {}

  /** PostgreSQL 17+: {@code ALTER COLUMN c SET EXPRESSION AS (…)} of a stored generated column. */
  record SetExpression(String column, String expression) implements AlterAction {}

  record AddConstraint(ConstraintDef constraint) implements AlterAction {}

  record ValidateConstraint(String name) implements AlterAction {}

  record DropConstraint(String name, boolean ifExists) implements AlterAction {}

  /** MySQL {@code DROP INDEX name} / {@code DROP KEY name} / {@code DROP PRIMARY KEY}. */
  record DropIndex(String name) implements AlterAction {}

  record RenameColumn(String from, String to) implements AlterAction {}

  record RenameTable(String to) implements AlterAction {}

  record RenameConstraint(String from, String to) implements AlterAction {}

  record SetSchema(String schema) implements AlterAction {}

  record AttachPartition(Name partition, String bound) implements AlterAction {}

  record DetachPartition(Name partition, boolean concurrently, boolean finalizes)
      implements AlterAction {}

  record SetTablespace(String tablespace) implements AlterAction {}

  record SetLogged(boolean logged) implements AlterAction {}

  /**
   * {@code SET (…)}/{@code RESET (…)} storage parameters, {@code ALTER COLUMN … SET STATISTICS}.
   */
  record SetStorageParameters(String text) implements AlterAction {}

  record EnableDisableTrigger(String text) implements AlterAction {}

  record OwnerTo(String owner) implements AlterAction {}

  /** MySQL {@code CONVERT TO CHARACTER SET …}: every text column re-encoded. */
  record ConvertCharset(String charset) implements AlterAction {}

  /** MySQL {@code ENGINE=…} or {@code FORCE}: the table is rebuilt. */
  record Rebuild(String text) implements AlterAction {}

  /** Anything not modelled: kept as text, classified conservatively. */
  record Other(String text) implements AlterAction {}
}
