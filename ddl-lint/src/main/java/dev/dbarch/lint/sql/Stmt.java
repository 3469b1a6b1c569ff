package dev.dbarch.lint.sql;

import java.util.List;

/** One parsed statement: what it is and what it names, as far as the linter needs to know. */
public sealed interface Stmt {

  record CreateTable(
      Name table,
      List<ColumnDef> columns,
      List<ConstraintDef> constraints,
      boolean ifNotExists,
      boolean asSelect,
      Name partitionOf,
      boolean temporary)
      implements Stmt {
    public CreateTable {
      columns = List.copyOf(columns);
      constraints = List.copyOf(constraints);
    }
  }

  /**
   * {@code CREATE INDEX}; MySQL's {@code ALGORITHM}/{@code LOCK} options are kept when given.
   *
   * @param only PostgreSQL {@code ON ONLY parent} (the partitioned parent alone)
   */
  record CreateIndex(
      Name index,
      Name table,
      boolean unique,
      boolean concurrently,
      boolean ifNotExists,
      boolean only,
      List<String> columns,
      String method,
      String where,
      String algorithm,
      String lock)
      implements Stmt {
    public CreateIndex {
      columns = List.copyOf(columns);
    }
  }

  /** {@code DROP INDEX}; MySQL names the table ({@code DROP INDEX i ON t}). */
  record DropIndex(List<Name> indexes, Name table, boolean concurrently, boolean ifExists)
      implements Stmt {
    public DropIndex {
      indexes = List.copyOf(indexes);
    }
  }

  /** {@code REINDEX [(…)] INDEX|TABLE|SCHEMA|DATABASE|SYSTEM [CONCURRENTLY] name}. */
  record Reindex(String target, Name name, boolean concurrently) implements Stmt {}

  /**
   * {@code ALTER TABLE}.
   *
   * @param algorithm MySQL {@code ALGORITHM=…}, upper case, or null
   * @param lock MySQL {@code LOCK=…}, upper case, or null
   */
  record AlterTable(
      Name table,
      boolean ifExists,
      boolean only,
      List<AlterAction> actions,
      String algorithm,
      String lock)
      implements Stmt {
    public AlterTable {
      actions = List.copyOf(actions);
    }
  }

  record DropTable(List<Name> tables, boolean ifExists, boolean cascade) implements Stmt {
    public DropTable {
      tables = List.copyOf(tables);
    }
  }

  record Truncate(List<Name> tables, boolean cascade) implements Stmt {
    public Truncate {
      tables = List.copyOf(tables);
    }
  }

  /** MySQL {@code RENAME TABLE a TO b}. */
  record RenameTable(Name from, Name to) implements Stmt {}

  record Vacuum(boolean full, List<Name> tables) implements Stmt {
    public Vacuum {
      tables = List.copyOf(tables);
    }
  }

  record Cluster(Name table, String index) implements Stmt {}

  /** MySQL {@code OPTIMIZE TABLE}: rebuilds the table. */
  record OptimizeTable(List<Name> tables) implements Stmt {
    public OptimizeTable {
      tables = List.copyOf(tables);
    }
  }

  /** {@code ALTER TYPE … ADD VALUE} (with or without {@code BEFORE}/{@code AFTER}). */
  record AddEnumValue(Name type, String value, boolean positioned, boolean ifNotExists)
      implements Stmt {}

  record RenameEnumValue(Name type, String from, String to) implements Stmt {}

  record CreateEnum(Name type, List<String> values) implements Stmt {
    public CreateEnum {
      values = List.copyOf(values);
    }
  }

  record CreateDomain(Name domain, boolean hasConstraint) implements Stmt {}

  /** {@code ALTER DOMAIN d ADD [CONSTRAINT name] CHECK (…) [NOT VALID]}. */
  record AlterDomainAddConstraint(Name domain, String constraint, String check, boolean notValid)
      implements Stmt {}

  record DropDatabase(String database, boolean ifExists) implements Stmt {}

  record DropSchema(List<String> schemas, boolean cascade) implements Stmt {
    public DropSchema {
      schemas = List.copyOf(schemas);
    }
  }

  record RenameSchema(String from, String to) implements Stmt {}

  /** {@code BEGIN}, {@code START TRANSACTION}, {@code COMMIT}, {@code ROLLBACK}, {@code END}. */
  record Transaction(Kind kind) implements Stmt {
    public enum Kind {
      BEGIN,
      COMMIT,
      ROLLBACK
    }
  }

  /**
   * A timeout setting: PostgreSQL {@code SET [LOCAL] lock_timeout|statement_timeout}, MySQL {@code
   * SET [SESSION] lock_wait_timeout|max_execution_time|max_statement_time}.
   */
  record SetTimeout(Kind kind, String value) implements Stmt {
    public enum Kind {
      LOCK,
      STATEMENT
    }

    /** A value of 0 (or {@code DEFAULT}) turns the timeout off. */
    public boolean disables() {
      String v = value.replace("'", "").strip();
      return v.equals("0") || v.equalsIgnoreCase("default") || v.matches("0\\s*\\w*");
    }
  }

  /**
   * An {@code UPDATE} or {@code DELETE}.
   *
   * @param assigned the columns an {@code UPDATE}'s {@code SET} names, in order (repeats kept)
   */
  record DataChange(Kind kind, Name table, boolean hasWhere, List<String> assigned)
      implements Stmt {
    public DataChange {
      assigned = List.copyOf(assigned);
    }

    public enum Kind {
      UPDATE,
      DELETE,
      INSERT
    }
  }

  record CreateTrigger(Name table) implements Stmt {}

  record CommentOn(String objectType, Name object) implements Stmt {}

  /** A statement the linter does not model (views, functions, grants …): classified as unknown. */
  record Other(String keyword) implements Stmt {}
}
