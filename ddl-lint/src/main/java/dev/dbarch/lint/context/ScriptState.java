package dev.dbarch.lint.context;

import dev.dbarch.lint.sql.Name;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the statements before the current one did: tables created, constraints added {@code NOT
 * VALID} or validated, timeouts set, transactions opened. Rules read it; the linter updates it
 * after each statement.
 */
public final class ScriptState {

  private final Set<String> createdTables = new HashSet<>();
  private final Set<String> createdTypes = new HashSet<>();
  private final Map<String, String> notValidConstraints = new HashMap<>();
  private final Set<String> constraintsAddedInTransaction = new HashSet<>();
  private final Set<String> validatedNotNullChecks = new HashSet<>();
  private final Map<String, String> notNullCheckByName = new HashMap<>();
  private final Set<String> uniqueIndexes = new HashSet<>();
  private final Set<String> tablesWithValidatedCheck = new HashSet<>();
  private final Map<String, String> checkTableByName = new HashMap<>();
  private final Map<String, Name> foreignKeyTargets = new HashMap<>();
  private boolean lockTimeout;
  private boolean statementTimeout;
  private int transactionDepth;
  private int statementsInTransaction;
  private int lockingStatementsInTransaction;

  private static String key(Name name) {
    return name.name().toLowerCase(Locale.ROOT);
  }

  public boolean createdHere(Name table) {
    return table != null && createdTables.contains(key(table));
  }

  public void created(Name table) {
    createdTables.add(key(table));
  }

  public void dropped(Name table) {
    createdTables.remove(key(table));
  }

  public void renamed(Name from, String to) {
    if (createdTables.remove(key(from))) {
      createdTables.add(to.toLowerCase(Locale.ROOT));
    }
  }

  public boolean typeCreatedHere(Name type) {
    return type != null && createdTypes.contains(key(type));
  }

  public void typeCreated(Name type) {
    createdTypes.add(key(type));
  }

  public void addedNotValid(String constraint, Name table) {
    notValidConstraints.put(constraint.toLowerCase(Locale.ROOT), key(table));
  }

  public void addedInTransaction(String constraint) {
    if (inTransaction()) {
      constraintsAddedInTransaction.add(constraint.toLowerCase(Locale.ROOT));
    }
  }

  /** The constraint was added earlier in the same explicit transaction. */
  public boolean addedInThisTransaction(String constraint) {
    return inTransaction()
        && constraint != null
        && constraintsAddedInTransaction.contains(constraint.toLowerCase(Locale.ROOT));
  }

  public boolean wasAddedNotValid(String constraint) {
    return constraint != null
        && notValidConstraints.containsKey(constraint.toLowerCase(Locale.ROOT));
  }

  /** A {@code CHECK (col IS NOT NULL)} was added under this name. */
  public void notNullCheck(String constraint, Name table, String column, boolean valid) {
    String target = key(table) + "." + column.toLowerCase(Locale.ROOT);
    if (constraint != null) {
      notNullCheckByName.put(constraint.toLowerCase(Locale.ROOT), target);
    }
    if (valid) {
      validatedNotNullChecks.add(target);
    }
  }

  /** A CHECK was added (valid, or NOT VALID to be validated later) on the table. */
  public void check(String constraint, Name table, boolean valid) {
    if (constraint != null) {
      checkTableByName.put(constraint.toLowerCase(Locale.ROOT), key(table));
    }
    if (valid) {
      tablesWithValidatedCheck.add(key(table));
    }
  }

  /** A foreign key was added under this name, referencing {@code target}. */
  public void foreignKey(String constraint, Name target) {
    if (constraint != null && target != null) {
      foreignKeyTargets.put(constraint.toLowerCase(Locale.ROOT), target);
    }
  }

  public java.util.Optional<Name> foreignKeyTarget(String constraint) {
    return constraint == null
        ? java.util.Optional.empty()
        : java.util.Optional.ofNullable(foreignKeyTargets.get(constraint.toLowerCase(Locale.ROOT)));
  }

  /** Some CHECK constraint on the table is known to be valid (proving a partition bound). */
  public boolean hasValidatedCheck(Name table) {
    return table != null && tablesWithValidatedCheck.contains(key(table));
  }

  public void validated(String constraint) {
    if (constraint == null) {
      return;
    }
    String checked = checkTableByName.get(constraint.toLowerCase(Locale.ROOT));
    if (checked != null) {
      tablesWithValidatedCheck.add(checked);
    }
    String target = notNullCheckByName.get(constraint.toLowerCase(Locale.ROOT));
    if (target != null) {
      validatedNotNullChecks.add(target);
    }
    notValidConstraints.remove(constraint.toLowerCase(Locale.ROOT));
  }

  /** A validated {@code CHECK (column IS NOT NULL)} exists on the table. */
  public boolean hasValidatedNotNullCheck(Name table, String column) {
    return validatedNotNullChecks.contains(key(table) + "." + column.toLowerCase(Locale.ROOT));
  }

  public void uniqueIndex(String index) {
    if (index != null) {
      uniqueIndexes.add(index.toLowerCase(Locale.ROOT));
    }
  }

  public boolean uniqueIndexCreatedHere(String index) {
    return index != null && uniqueIndexes.contains(index.toLowerCase(Locale.ROOT));
  }

  public boolean lockTimeoutSet() {
    return lockTimeout;
  }

  public void lockTimeout(boolean set) {
    lockTimeout = set;
  }

  public boolean statementTimeoutSet() {
    return statementTimeout;
  }

  public void statementTimeout(boolean set) {
    statementTimeout = set;
  }

  public boolean inTransaction() {
    return transactionDepth > 0;
  }

  public int transactionDepth() {
    return transactionDepth;
  }

  /** BEGIN: a second BEGIN does not nest (PostgreSQL ignores it, MySQL commits and restarts). */
  public void begin() {
    transactionDepth = 1;
    if (statementsInTransaction == 0) {
      statementsInTransaction = 0;
      lockingStatementsInTransaction = 0;
      constraintsAddedInTransaction.clear();
    }
  }

  public void end() {
    transactionDepth = 0;
    statementsInTransaction = 0;
    lockingStatementsInTransaction = 0;
    constraintsAddedInTransaction.clear();
  }

  public void statementRan(boolean locking) {
    if (inTransaction()) {
      statementsInTransaction++;
      if (locking) {
        lockingStatementsInTransaction++;
      }
    }
  }

  public int lockingStatementsInTransaction() {
    return lockingStatementsInTransaction;
  }
}
